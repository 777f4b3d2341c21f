package api

import (
	"guantong"
	"net/http"

	"guantong/internal/service"
)

func (a *API) experts(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	es, err := a.svc.Experts(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, es)
}

func (a *API) createExpert(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	var in service.NewExpert
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := a.svc.CreateExpert(r.Context(), u, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, e)
}

func (a *API) committeeMembers(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.CommitteeMembers(r.Context(), u, id) })
}

func (a *API) setCommitteeMembers(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var in struct {
			Members []service.MemberInput `json:"members"`
		}
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.SetCommitteeMembers(r.Context(), u, id, in.Members)
	})
}

func (a *API) updateExpert(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var in service.ExpertUpdate
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.UpdateExpert(r.Context(), u, id, in)
	})
}

// setExpertActive is POST /api/v1/experts/{id}/activate and …/deactivate.
func (a *API) setExpertActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
			return a.svc.SetExpertActive(r.Context(), u, id, active)
		})
	}
}
