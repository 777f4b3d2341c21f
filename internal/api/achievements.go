package api

import (
	"net/http"

	"guantong"

	"guantong/internal/committee"
)

// achievements lists an application's skill contributions (三(一)3).
func (a *API) achievements(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Achievements(r.Context(), u, id) })
}

// addAchievement records one, on a draft or returned application of the applicant's own.
func (a *API) addAchievement(w http.ResponseWriter, r *http.Request) {
	a.serveID(w, r, http.StatusCreated, func(u *guantong.User, id int64) (any, error) {
		var in committee.Achievement
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return a.svc.AddAchievement(r.Context(), u, id, in)
	})
}

// removeAchievement takes one back, from a draft or returned application of the applicant's own.
func (a *API) removeAchievement(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		var ach int64
		if ach, err = pathID(r, "achievement"); err == nil {
			err = a.svc.RemoveAchievement(r.Context(), u, id, ach)
		}
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
