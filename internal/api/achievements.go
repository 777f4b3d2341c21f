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
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, id int64, in committee.Achievement) (any, error) {
		return a.svc.AddAchievement(r.Context(), u, id, in)
	}))
}

// removeAchievement takes one back, from a draft or returned application of the applicant's own.
func (a *API) removeAchievement(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusNoContent, func(u *guantong.User, id int64) (any, error) {
		ach, err := pathID(r, "achievement")
		if err != nil {
			return nil, err
		}
		return nil, a.svc.RemoveAchievement(r.Context(), u, id, ach)
	})
}
