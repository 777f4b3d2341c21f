package web

import (
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/committee"
)

// 复查 on the application's page: the applicant asks for it with a reason; the committee's
// secretary or the admin takes it up or refuses it, then concludes it with an answer the
// applicant reads there. The service decides who may and when; the page offers the forms
// that can apply and shows the service's refusals at them.

// recheckView is what the application page shows of 复查.
type recheckView struct {
	List    []recheckRow
	Request bool // the form to ask for one: the applicant, on a failed result, none open
	Handle  bool // the forms to take one a step: the secretary of its committee or the admin
}

// Shown reports whether the page has a 复查 card.
func (v recheckView) Shown() bool { return len(v.List) > 0 || v.Request }

// RecheckDays is how long after a result the applicant may ask for 复查.
func (p *appPage) RecheckDays() int { return committee.BuiltinRegulation().RecheckDays }

// recheckRow is one 复查 with its stage's name and the steps it may take.
type recheckRow struct {
	guantong.Recheck
	StageName string
	Steps     []recheckChoice
}

type recheckChoice struct{ Value, Label string }

// recheckView reads an application's 复查 for its page.
func (s *Server) recheckView(r *http.Request, u *guantong.User, app guantong.Application) (recheckView, error) {
	list, err := s.svc.Rechecks(r.Context(), u, app.ID)
	if err != nil {
		return recheckView{}, err
	}
	v := recheckView{Handle: u.Role == guantong.RoleAdmin || (u.Role == guantong.RoleSecretary && u.OrgID == app.CommitteeID)}
	open := false
	for _, c := range list {
		row := recheckRow{Recheck: c, StageName: committee.RecheckName(c.Stage)}
		for _, to := range committee.RecheckSteps(c.Stage) {
			row.Steps = append(row.Steps, recheckChoice{to, committee.RecheckName(to)})
		}
		open = open || committee.RecheckOpen(c.Stage)
		v.List = append(v.List, row)
	}
	v.Request = !open && app.Stage == guantong.StageFailed && app.Decision == guantong.DecisionFailed &&
		u.Role == guantong.RoleApplicant && u.PersonID == app.PersonID
	return v, nil
}

// requestRecheck is POST /applications/{id}/rechecks: the applicant asks for 复查.
func (s *Server) requestRecheck(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok || !s.readForm(w, r, 64<<10) {
		return
	}
	_, err := s.svc.RequestRecheck(r.Context(), u, id, r.PostForm.Get("reason"))
	if err == nil {
		http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done=recheck#recheck", http.StatusSeeOther)
		return
	}
	s.showFormError(w, r, u, id, "recheck", r.PostForm, err)
}

// handleRecheck is POST /applications/{id}/rechecks/{recheck}: one step of a 复查.
func (s *Server) handleRecheck(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok || !s.readForm(w, r, 64<<10) {
		return
	}
	rid, ok := pathID(r, "recheck")
	if !ok {
		s.notFound(w, r)
		return
	}
	_, err := s.svc.HandleRecheck(r.Context(), u, rid, r.PostForm.Get("to"), r.PostForm.Get("note"))
	if err == nil {
		http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done=recheck-step#recheck", http.StatusSeeOther)
		return
	}
	s.showFormError(w, r, u, id, "recheck-"+strconv.FormatInt(rid, 10), r.PostForm, err)
}
