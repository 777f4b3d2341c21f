package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

func (a *API) applications(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var f service.ListFilter
	for _, s := range q["stage"] {
		f.Stages = append(f.Stages, guantong.Stage(s))
	}
	f.Kind = q.Get("kind")
	vs, err := a.svc.Applications(r.Context(), u, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, vs)
}

func (a *API) createApplication(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	var d service.Draft
	if err := decode(w, r, &d); err != nil {
		a.fail(w, r, err)
		return
	}
	v, err := a.svc.CreateApplication(r.Context(), u, d)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

func (a *API) application(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Application(r.Context(), u, id) })
}

// updateRequest is a draft with the version it replaces.
type updateRequest struct {
	service.Draft
	Version *int `json:"version"`
}

func (a *API) updateApplication(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var in updateRequest
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	if in.Version == nil {
		a.fail(w, r, guantong.FieldErrors{{Field: "version", Message: "须提供最近读取的版本号"}})
		return
	}
	v, err := a.svc.UpdateDraft(r.Context(), u, id, *in.Version, in.Draft)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// actRequest is the body of an action.
type actRequest struct {
	Version     *int     `json:"version"`
	Note        string   `json:"note"`
	ObjectionID int64    `json:"objection_id"`
	Passed      *bool    `json:"passed"`
	Score       *float64 `json:"score"`
}

func (a *API) act(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	action, known := workflow.ParseAction(r.PathValue("action"))
	if !known {
		a.fail(w, r, guantong.Errorf(guantong.ENotFound, "没有操作 %q", r.PathValue("action")))
		return
	}
	var in actRequest
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	if in.Version == nil {
		a.fail(w, r, guantong.FieldErrors{{Field: "version", Message: "须提供最近读取的版本号"}})
		return
	}
	v, err := a.svc.Act(r.Context(), u, id, *in.Version, workflow.Input{
		Action: action, Note: in.Note, ObjectionID: in.ObjectionID, Passed: in.Passed, Score: in.Score})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (a *API) events(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Events(r.Context(), u, id) })
}

func (a *API) objections(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Objections(r.Context(), u, id) })
}
