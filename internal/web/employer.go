package web

import (
	"net/http"
	"slices"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// The employer's page: its staff and their applications; those waiting for the employer are
// recommended or returned in bulk, each with the version the page showed, one comment for all.

// employerPage is the data of templates/employer.html.
type employerPage struct {
	Org     string
	Pending []service.View // the service allows recommend or return on these now
	Staff   []staffRow     // everyone with an application on this page of the list
	Bulk    bulkOutcome    // what the batch just taken did
	Filters *listState
	Total   int
	// PendingPager and StaffPager page the two lists.
	PendingPager, StaffPager pager
}

// staffRow is one person and their applications.
type staffRow struct {
	Name, IDNumber string
	Apps           []service.View
}

// employerSections are the employer's two lists: what waits for it, and the rest of its
// staff's applications (drafts are the applicants' own until submitted).
var employerSections = []section{
	{"pending", "待单位推荐", "", "没有待推荐的申报。", []guantong.Stage{guantong.StageSubmitted}, nil},
	{"staff", "职工及其申报", "", "本单位职工尚无已提交的申报。草稿在职工提交前不向单位显示。", nil, nil},
}

// bulkActions are the actions the employer's page takes in bulk.
var bulkActions = []workflow.Action{workflow.PublishInternal, workflow.Recommend, workflow.Return}

// employerPage is GET /employer.
func (s *Server) employerPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	d, err := s.employerData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "employer", page{Title: "本单位申报", Nav: "employer", Data: d})
}

func (s *Server) employerData(r *http.Request, u *guantong.User) (*employerPage, error) {
	_, org, err := s.profile(r.Context(), u)
	if err != nil {
		return nil, err
	}
	q, err := s.queue(r, u, "employer") // as employer only: what is routed here for evaluation is on /evaluator (三(二)4)
	if err != nil {
		return nil, err
	}
	d := &employerPage{Org: org, Filters: q.Filters, Total: q.Total, PendingPager: q.Sections[0].Pager, StaffPager: q.Sections[1].Pager}
	for _, row := range q.Sections[0].Rows {
		if slices.ContainsFunc(row.Actions, func(a workflow.Action) bool { return slices.Contains(bulkActions, a) }) {
			d.Pending = append(d.Pending, row.View)
		}
	}
	byPerson := map[int64]int{}
	for _, row := range q.Sections[1].Rows {
		v := row.View
		i, ok := byPerson[v.PersonID]
		if !ok {
			i = len(d.Staff)
			byPerson[v.PersonID] = i
			d.Staff = append(d.Staff, staffRow{Name: v.Applicant.Name, IDNumber: guantong.MaskID(v.Applicant.IDNumber)})
		}
		d.Staff[i].Apps = append(d.Staff[i].Apps, v)
	}
	return d, nil
}

// employerBulk is POST /employer/bulk: recommend or return every ticked application, each
// with its own version, and report which succeeded and which not (someone else may have
// acted on one in the meantime).
func (s *Server) employerBulk(w http.ResponseWriter, r *http.Request) {
	s.batchPost([]string{guantong.RoleHR}, func(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, out bulkOutcome) {
		d, err := s.employerData(r, u)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Bulk = out
		s.render(w, r, status, "employer", page{Title: "本单位申报", Nav: "employer", Data: d})
	})(w, r)
}
