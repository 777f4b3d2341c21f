package api

import (
	"guantong"
	"net/http"

	"guantong/internal/service"
)

func (a *API) experts(w http.ResponseWriter, r *http.Request) {
	directory(w, r, a, a.svc.ListExperts)
}

func (a *API) createExpert(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in service.NewExpert) (any, error) {
		return a.svc.CreateExpert(r.Context(), u, in)
	}))
}

func (a *API) committeeMembers(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.CommitteeMembers(r.Context(), u, id) })
}

func (a *API) setCommitteeMembers(w http.ResponseWriter, r *http.Request) {
	type members struct {
		Members []service.MemberInput `json:"members"`
	}
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in members) (any, error) {
		return a.svc.SetCommitteeMembers(r.Context(), u, id, in.Members)
	}))
}

func (a *API) updateExpert(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in service.ExpertUpdate) (any, error) {
		return a.svc.UpdateExpert(r.Context(), u, id, in)
	}))
}

// setExpertActive is POST /api/v1/experts/{id}/activate and …/deactivate.
func (a *API) setExpertActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
			return a.svc.SetExpertActive(r.Context(), u, id, active)
		})
	}
}
