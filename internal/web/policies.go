package web

import (
	"errors"
	"net/http"
	"strings"

	"guantong"
	"guantong/internal/service"
)

// The admin's policy versions (政策版本): the list of the dated policies, the upload of a new
// file (validated; each problem shown at the file field with its key), the new file beside
// the one in force clause by clause and parameter by parameter, and its scheduling.

// policiesPage is the data of templates/policies.html and, with Diff set, policy.html.
type policiesPage struct {
	Today     guantong.Date
	Versions  []service.PolicyVersion
	Problems  []guantong.FieldError // the uploaded file's, each naming its key
	Done      string
	Diff      *service.PolicyDiff
	Body      string // the previewed file, posted again to schedule it
	Scheduled bool   // the diff is of a stored policy, not an upload
	Changed   bool   // show only the rows that differ
}

// policiesPage is GET /admin/policies.
func (s *Server) policiesPage(w http.ResponseWriter, r *http.Request) {
	s.renderPolicies(w, r, http.StatusOK, nil)
}

func (s *Server) renderPolicies(w http.ResponseWriter, r *http.Request, status int, problems []guantong.FieldError) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	vs, err := s.svc.PolicyVersions(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := policiesPage{Today: s.svc.Today(), Versions: vs, Problems: problems, Done: r.URL.Query().Get("done")}
	s.render(w, r, status, "policies", page{Title: "政策版本", Nav: "admin", Data: d})
}

// policyPreview is POST /admin/policies/preview: the uploaded file checked and set beside the
// policy in force; nothing is stored yet.
func (s *Server) policyPreview(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	_, data, msg := readUpload(w, r)
	if msg == "" && data == nil {
		msg = "请选择政策文件（JSON）"
	}
	if msg != "" {
		s.renderPolicies(w, r, http.StatusUnprocessableEntity, []guantong.FieldError{{Field: "file", Message: msg}})
		return
	}
	diff, err := s.svc.PreviewPolicy(r.Context(), u, data)
	if s.policyProblem(w, r, err) {
		return
	}
	s.render(w, r, http.StatusOK, "policy", page{Title: "政策对照：" + diff.NewID, Nav: "admin",
		Data: policiesPage{Today: s.svc.Today(), Diff: &diff, Body: string(data), Changed: r.PostFormValue("changed") != ""}})
}

// policyProblem shows a policy file's problems on the list page, each with its key; it
// reports whether there was an error.
func (s *Server) policyProblem(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		s.renderPolicies(w, r, http.StatusUnprocessableEntity, fes)
		return true
	}
	s.fail(w, r, err)
	return true
}

// policySchedule is POST /admin/policies: the previewed file stored to take effect on its
// date.
func (s *Server) policySchedule(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil || !s.readForm(w, r, guantong.MaxFileSize) {
		return
	}
	v, err := s.svc.SchedulePolicy(r.Context(), u, []byte(r.PostFormValue("body")))
	if s.policyProblem(w, r, err) {
		return
	}
	http.Redirect(w, r, "/admin/policies?done="+v.ID, http.StatusSeeOther)
}

// policyView is GET /admin/policies/{id}: a policy of the set beside the one in force.
func (s *Server) policyView(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	p, err := s.svc.PolicyParams(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	diff := service.Diff(s.eng().Params(), p)
	s.render(w, r, http.StatusOK, "policy", page{Title: "政策对照：" + p.ID, Nav: "admin",
		Data: policiesPage{Today: s.svc.Today(), Diff: &diff, Scheduled: true, Changed: r.URL.Query().Get("changed") != ""}})
}

// policyWithdraw is POST /admin/policies/{id}/withdraw: a scheduled policy taken back before
// its date.
func (s *Server) policyWithdraw(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	id := strings.TrimSpace(r.PathValue("id"))
	if err := s.svc.WithdrawPolicy(r.Context(), u, id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/policies?done=withdrawn", http.StatusSeeOther)
}
