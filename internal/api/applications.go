package api

import (
	"context"
	"net/http"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// applications is GET /api/v1/applications: one page of what the user may see, with the
// same query parameters as the pages' lists (service.ParseListQuery).
func (a *API) applications(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		q, err := service.ParseListQuery(r.URL.Query())
		if err != nil {
			return nil, err
		}
		return a.svc.ListApplications(r.Context(), u, q)
	})
}

// directory serves one page of a list that is not of applications (accounts,
// organisations, experts, messages), its query read by service.ParseDirectoryQuery.
func directory[T any](w http.ResponseWriter, r *http.Request, a *API, list func(context.Context, *guantong.User, service.DirectoryQuery) (T, error)) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		q, err := service.ParseDirectoryQuery(r.URL.Query())
		if err != nil {
			return nil, err
		}
		return list(r.Context(), u, q)
	})
}

func (a *API) createApplication(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, _ int64, d service.Draft) (any, error) {
		return a.svc.CreateApplication(r.Context(), u, d)
	}))
}

func (a *API) application(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Application(r.Context(), u, id) })
}

// updateRequest is a draft with the version it replaces.
type updateRequest struct {
	service.Draft
	Version *int `json:"version"`
}

func (r updateRequest) version() *int { return r.Version }

func (a *API) updateApplication(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in updateRequest) (any, error) {
		return a.svc.UpdateDraft(r.Context(), u, id, *in.Version, in.Draft)
	}))
}

// actRequest is the body of an action.
type actRequest struct {
	Version     *int     `json:"version"`
	Note        string   `json:"note"`
	ObjectionID int64    `json:"objection_id"`
	Passed      *bool    `json:"passed"`
	Score       *float64 `json:"score"`
}

func (r actRequest) version() *int { return r.Version }

func (a *API) act(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		action, known := workflow.ParseAction(r.PathValue("action"))
		if !known { // before the body: an unknown action is 404 whatever is sent
			return nil, guantong.Errorf(guantong.ENotFound, "没有操作 %q", r.PathValue("action"))
		}
		return body(w, r, func(u *guantong.User, id int64, in actRequest) (any, error) {
			return a.svc.Act(r.Context(), u, id, *in.Version, workflow.Input{
				Action: action, Note: in.Note, ObjectionID: in.ObjectionID, Passed: in.Passed, Score: in.Score})
		})(u, id)
	})
}

func (a *API) events(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Events(r.Context(), u, id) })
}

func (a *API) objections(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Objections(r.Context(), u, id) })
}
