package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

// Review meetings: the secretary sets one up, takes attendance, opens it (quorum), starts
// each applicant's vote and closes it; experts declare conflicts, score and vote, secretly.

func (a *API) meetings(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) { return a.svc.Meetings(r.Context(), u) })
}

func (a *API) createMeeting(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in service.NewMeeting) (any, error) {
		return a.svc.CreateMeeting(r.Context(), u, in)
	}))
}

func (a *API) meeting(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Meeting(r.Context(), u, id) })
}

func (a *API) attendance(w http.ResponseWriter, r *http.Request) {
	type attendance struct {
		Present []int64 `json:"present"`
	}
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in attendance) (any, error) {
		if in.Present == nil {
			return nil, guantong.FieldErrors{{Field: "present", Message: "须列出出席专家的编号（可为空数组）"}}
		}
		return a.svc.SetAttendance(r.Context(), u, id, in.Present)
	}))
}

func (a *API) openMeeting(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.OpenMeeting(r.Context(), u, id) })
}

func (a *API) closeMeeting(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.CloseMeeting(r.Context(), u, id) })
}

func (a *API) cancelMeeting(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.CancelMeeting(r.Context(), u, id) })
}

func (a *API) declareConflict(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in service.ConflictInput) (any, error) {
		return a.svc.DeclareConflict(r.Context(), u, id, in)
	}))
}

func (a *API) enterScores(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in service.ScoreInput) (any, error) {
		return a.svc.EnterScores(r.Context(), u, id, in)
	}))
}

// applicantCall is byID for a path that also names an application.
func (a *API) applicantCall(w http.ResponseWriter, r *http.Request, fn func(u *guantong.User, id, app int64) (any, error)) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		app, err := pathID(r, "application")
		if err != nil {
			return nil, err
		}
		return fn(u, id, app)
	})
}

func (a *API) startVote(w http.ResponseWriter, r *http.Request) {
	a.applicantCall(w, r, func(u *guantong.User, id, app int64) (any, error) { return a.svc.StartVote(r.Context(), u, id, app) })
}

func (a *API) closeVote(w http.ResponseWriter, r *http.Request) {
	a.applicantCall(w, r, func(u *guantong.User, id, app int64) (any, error) { return a.svc.CloseVote(r.Context(), u, id, app) })
}

func (a *API) castBallot(w http.ResponseWriter, r *http.Request) {
	type ballot struct {
		Choice string `json:"choice"`
	}
	a.applicantCall(w, r, func(u *guantong.User, id, app int64) (any, error) {
		return body(w, r, func(u *guantong.User, id int64, in ballot) (any, error) {
			return a.svc.CastBallot(r.Context(), u, id, app, in.Choice)
		})(u, id)
	})
}
