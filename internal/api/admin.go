package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

func (a *API) organisations(w http.ResponseWriter, r *http.Request) {
	directory(w, r, a, a.svc.ListOrganisations)
}

func (a *API) createOrganisation(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in guantong.Organisation) (any, error) {
		return a.svc.CreateOrganisation(r.Context(), u, in)
	}))
}

func (a *API) users(w http.ResponseWriter, r *http.Request) {
	directory(w, r, a, a.svc.ListUsers)
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, in service.NewUser) (any, error) {
		return a.svc.CreateUser(r.Context(), u, in)
	}))
}
