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
	Staff   []staffRow     // everyone with an application the employer may see
	Bulk    bulkOutcome    // what the batch just taken did
}

// staffRow is one person and their applications.
type staffRow struct {
	Name, IDNumber string
	Apps           []service.View
}

// bulkActions are the actions the employer's page takes in bulk.
var bulkActions = []workflow.Action{workflow.Recommend, workflow.Return}

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
	apps, err := s.svc.Applications(r.Context(), u, service.ListFilter{})
	if err != nil {
		return nil, err
	}
	d := &employerPage{Org: org}
	byPerson := map[int64]int{}
	for _, v := range apps {
		if v.EmployerID != u.OrgID { // routed here for evaluation (三(二)4): the 自主评价 page
			continue
		}
		if slices.ContainsFunc(v.Actions, func(a workflow.Action) bool { return slices.Contains(bulkActions, a) }) {
			d.Pending = append(d.Pending, v)
		}
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
