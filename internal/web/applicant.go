package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// The applicant's pages: their applications, their record, and the form of a new or
// returned application with its evidence.

// myPage is the data of templates/my.html.
type myPage struct {
	Profile  service.Profile
	Employer string
	Barred   bool
	Apps     []service.View
	Filters  *listState
	Pager    pager
}

// mySections is the applicant's one list.
var mySections = []section{{"apps", "", "", "", nil, nil}}

// myPage is GET /my: the applicant's applications, newest first.
func (s *Server) myPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleApplicant)
	if u == nil {
		return
	}
	prof, employer, err := s.profile(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.queue(r, u, "my")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := myPage{Profile: prof, Employer: employer, Filters: q.Filters, Pager: q.Sections[0].Pager}
	for _, row := range q.Sections[0].Rows {
		d.Apps = append(d.Apps, row.View)
	}
	d.Barred = prof.Person != nil && prof.Person.Barred(s.svc.Today())
	s.render(w, r, http.StatusOK, "my", page{Title: "我的申报", Nav: "my", Data: d})
}

// profilePage is GET /me: who the user is in the records, for every role.
func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	prof, employer, err := s.profile(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := myPage{Profile: prof, Employer: employer}
	d.Barred = prof.Person != nil && prof.Person.Barred(s.svc.Today())
	s.render(w, r, http.StatusOK, "profile", page{Title: "个人信息", Nav: "me", Data: d})
}

// profile returns the user's profile and the name of their employer (applicants) or
// organisation (staff).
func (s *Server) profile(ctx context.Context, u *guantong.User) (service.Profile, string, error) {
	prof, err := s.svc.Me(ctx, u)
	if err != nil {
		return prof, "", err
	}
	if prof.Organisation != nil {
		return prof, prof.Organisation.Name, nil
	}
	if prof.Person == nil {
		return prof, "", nil
	}
	orgs, err := s.svc.Organisations(ctx, u, guantong.OrgEmployer)
	if err != nil {
		return prof, "", err
	}
	for _, o := range orgs {
		if o.ID == prof.Person.EmployerID {
			return prof, o.Name, nil
		}
	}
	return prof, "", nil
}

// applyPage is the data of templates/apply.html.
type applyPage struct {
	Form       *applyForm
	Choices    checkChoices
	Routes     []routeChoice
	Evaluators []guantong.Organisation
	Problem    *problem
	Profile    service.Profile
	Employer   string
}

// newForm is GET /applications/new.
func (s *Server) newForm(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleApplicant)
	if u == nil {
		return
	}
	f := newApplyForm(s.svc.Today(), s.assessmentYears(s.svc.Today()))
	s.prefill(r.Context(), u, f.Person)
	s.renderApply(w, r, u, http.StatusOK, f, nil)
}

// editForm is GET /applications/{id}/edit: a draft, or an application returned by the
// employer, in the form again.
func (s *Server) editForm(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	v, err := s.svc.Application(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !slices.Contains(v.Actions, workflow.Submit) { // only a draft or returned application of one's own
		s.errorPage(w, r, http.StatusConflict, "不能修改", "申报 "+strconv.FormatInt(id, 10)+" 处于「"+v.StageName+"」阶段，只有申报人本人可以修改草稿或被退回的申报。")
		return
	}
	s.renderApply(w, r, u, http.StatusOK, s.formOf(v, s.svc.Today()), nil)
}

func (s *Server) renderApply(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, f *applyForm, prob *problem) {
	ctx := r.Context()
	if f.ID == 0 && f.Person.Source == nil { // a new application posted again: still say where it began
		if facts, _, ok := s.registered(ctx, u); ok {
			f.Person.Source = sourceOf(facts)
		}
	}
	d := applyPage{Form: f, Choices: s.choices(), Routes: routeChoices, Problem: prob}
	var err error
	if d.Profile, d.Employer, err = s.profile(ctx, u); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Evaluators, err = s.svc.Organisations(ctx, u, guantong.OrgEvaluator); err != nil {
		s.fail(w, r, err)
		return
	}
	title, nav := "新建申报", "new"
	if f.ID != 0 {
		title, nav = "修改申报 "+strconv.FormatInt(f.ID, 10), "my"
	}
	s.render(w, r, status, "apply", page{Title: title, Nav: nav, Data: d})
}

// newSubmit is POST /applications/new: the draft, then its evidence if a file was chosen.
func (s *Server) newSubmit(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleApplicant)
	if u == nil {
		return
	}
	s.saveDraft(w, r, u, 0)
}

// editSubmit is POST /applications/{id}/edit.
func (s *Server) editSubmit(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	s.saveDraft(w, r, u, id)
}

// saveDraft creates (id 0) or updates a draft from the posted form and attaches the file
// sent with it. Mistakes in the rows come back next to them (422) before anything is saved;
// the service's refusals next to their fields.
func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request, u *guantong.User, id int64) {
	name, data, fileProblem, err := parseApplyRequest(w, r)
	if err != nil {
		msg := "提交的内容无法读取或过大，请返回重新填写。"
		if err.Error() != "" {
			msg = err.Error() + "，请返回重新选择。"
		}
		s.errorPage(w, r, http.StatusBadRequest, "无法读取表单", msg)
		return
	}
	f := readApplyForm(r.PostForm, s.svc.Today(), s.years())
	f.ID = id
	// An edit merges the form into the person stored; a new application into what the
	// employer registered, so that what the form cannot show of it is kept.
	var stored json.RawMessage
	if id == 0 {
		stored = s.registeredBase(r.Context(), u)
	} else {
		v, err := s.svc.Application(r.Context(), u, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		stored = v.Document
	}
	d, ok := f.draft(s, stored)
	if fileProblem != "" {
		f.fail("file", fileProblem)
		ok = false
	}
	if !ok {
		s.renderApply(w, r, u, http.StatusUnprocessableEntity, f, nil)
		return
	}
	var v service.View
	if id == 0 {
		v, err = s.svc.CreateApplication(r.Context(), u, d)
	} else {
		v, err = s.svc.UpdateDraft(r.Context(), u, id, f.Version, d)
	}
	if err != nil {
		es, prob, ok := fieldErrs(err)
		if !ok {
			s.fail(w, r, err)
			return
		}
		f.serviceErrs(es)
		s.renderApply(w, r, u, guantong.HTTPStatus(err), f, prob)
		return
	}
	done := "saved"
	if id == 0 {
		done = "created"
	}
	if data != nil {
		if _, err := s.svc.AddFile(r.Context(), u, v.ID, name, data); err != nil {
			// The draft is saved; the page of the application says why the file is not.
			s.showFormError(w, r, u, v.ID, "upload", nil, err)
			return
		}
	}
	http.Redirect(w, r, "/applications/"+strconv.FormatInt(v.ID, 10)+"?done="+done, http.StatusSeeOther)
}
