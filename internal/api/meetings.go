package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

// Review meetings: the secretary sets one up, takes attendance, opens it (quorum), starts
// each applicant's vote and closes it; experts declare conflicts, score and vote, secretly.

func (a *API) meetings(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	ms, err := a.svc.Meetings(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ms)
}

func (a *API) createMeeting(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	var in service.NewMeeting
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.svc.CreateMeeting(r.Context(), u, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

func (a *API) meeting(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Meeting(r.Context(), u, id) })
}

func (a *API) attendance(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var in struct {
			Present []int64 `json:"present"`
		}
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		if in.Present == nil {
			return nil, guantong.FieldErrors{{Field: "present", Message: "须列出出席专家的编号（可为空数组）"}}
		}
		return a.svc.SetAttendance(r.Context(), u, id, in.Present)
	})
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
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var in service.ConflictInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.DeclareConflict(r.Context(), u, id, in)
	})
}

func (a *API) enterScores(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var in service.ScoreInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.EnterScores(r.Context(), u, id, in)
	})
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
	a.applicantCall(w, r, func(u *guantong.User, id, app int64) (any, error) {
		var in struct {
			Choice string `json:"choice"`
		}
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.CastBallot(r.Context(), u, id, app, in.Choice)
	})
}
