package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

func (a *API) organisations(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	os, err := a.svc.Organisations(r.Context(), u, r.URL.Query().Get("kind"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, os)
}

func (a *API) createOrganisation(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	var in guantong.Organisation
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	o, err := a.svc.CreateOrganisation(r.Context(), u, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (a *API) users(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	us, err := a.svc.Users(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, us)
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	var in service.NewUser
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	nu, err := a.svc.CreateUser(r.Context(), u, in)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, nu)
}
