package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

// Accounts (issue 10 item 4) and notifications (item 6).

// passwordChange is the body of POST /api/v1/me/password.
type passwordChange struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

func (a *API) changePassword(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusNoContent, body(w, r, func(u *guantong.User, _ int64, in passwordChange) (any, error) {
		return nil, a.svc.ChangePassword(r.Context(), u, bearer(r), in.Current, in.Password)
	}))
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.User(r.Context(), u, id) })
}

func (a *API) updateUser(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in service.UserEdit) (any, error) {
		return a.svc.UpdateUser(r.Context(), u, id, in)
	}))
}

func (a *API) resetPassword(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.ResetPassword(r.Context(), u, id) })
}

func (a *API) setUserDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
			return a.svc.SetUserDisabled(r.Context(), u, id, disabled)
		})
	}
}

func (a *API) updateOrganisation(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in guantong.Organisation) (any, error) {
		return a.svc.UpdateOrganisation(r.Context(), u, id, in)
	}))
}

func (a *API) regions(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, guantong.Regions)
}

func (a *API) notifications(w http.ResponseWriter, r *http.Request) {
	directory(w, r, a, a.svc.ListNotifications)
}

func (a *API) markRead(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, id int64) (any, error) {
		n, err := a.svc.MarkRead(r.Context(), u, id)
		return map[string]int64{"marked": n}, err
	})
}
