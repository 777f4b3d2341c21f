package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

func (a *API) organisations(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		return a.svc.Organisations(r.Context(), u, r.URL.Query().Get("kind"))
	})
}

func (a *API) createOrganisation(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in guantong.Organisation) (any, error) {
		return a.svc.CreateOrganisation(r.Context(), u, in)
	}))
}

func (a *API) users(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) { return a.svc.StaffAccounts(r.Context(), u) })
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in service.NewUser) (any, error) {
		return a.svc.CreateUser(r.Context(), u, in)
	}))
}
