package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	Comment string
	Errs    errs
	Action  string       // the bulk action just taken: 单位推荐, 退回
	Results []bulkResult // what became of each application it was taken on
}

// staffRow is one person and their applications.
type staffRow struct {
	Name, IDNumber string
	Apps           []service.View
}

// bulkResult is what one application of a bulk action became.
type bulkResult struct {
	ID      int64
	Name    string
	What    string
	OK      bool
	Message string // the stage it is now in, or why not
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
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	if !s.readForm(w, r, 256<<10) {
		return
	}
	f := r.PostForm
	action := workflow.Action(f.Get("action"))
	if !slices.Contains(bulkActions, action) {
		s.errorPage(w, r, http.StatusBadRequest, "无法办理", "请使用页面上的“推荐”或“退回”按钮。")
		return
	}
	comment := strings.TrimSpace(f.Get("comment"))
	var results []bulkResult
	noteMissing := 0
	for _, raw := range f["id"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		version, _ := strconv.Atoi(f.Get("version-" + raw))
		res := bulkResult{ID: id}
		v, err := s.svc.Act(r.Context(), u, id, version, workflow.Input{Action: action, Note: comment})
		if err == nil {
			res.OK, res.Name, res.What, res.Message = true, v.Applicant.Name, s.what(v.Application), "现为「"+v.StageName+"」"
		} else {
			res.Message = s.bulkError(r, u, id, version, err, &res)
			if es, _, _ := fieldErrs(err); es["note"] != "" {
				noteMissing++
			}
		}
		results = append(results, res)
	}
	d, err := s.employerData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Comment = comment
	status := http.StatusOK
	switch {
	case len(results) == 0:
		d.Errs, status = errs{"id": "请至少勾选一项申报"}, http.StatusUnprocessableEntity
	case noteMissing == len(results): // nothing done: say so next to the comment
		d.Errs, status = errs{"comment": "「" + action.Name() + "」须说明理由"}, http.StatusUnprocessableEntity
	default:
		d.Action, d.Results, d.Comment = action.Name(), results, ""
	}
	s.render(w, r, status, "employer", page{Title: "本单位申报", Nav: "employer", Data: d})
}

// bulkError says why one application of a bulk action was not acted on, and fills in whom
// and what it is about when the user may still see it.
func (s *Server) bulkError(r *http.Request, u *guantong.User, id int64, version int, err error, res *bulkResult) string {
	v, verr := s.svc.Application(r.Context(), u, id)
	if verr == nil {
		res.Name, res.What = v.Applicant.Name, s.what(v.Application)
		if guantong.ErrorCode(err) == guantong.EConflict && v.Version != version {
			return "该申报已被他人处理，请刷新后重试（现为「" + v.StageName + "」）"
		}
	}
	if es, prob, ok := fieldErrs(err); ok {
		if prob != nil {
			return prob.Message
		}
		return joinErrs(es)
	}
	if st := guantong.HTTPStatus(err); st == http.StatusInternalServerError {
		s.log.Error("web: bulk action", "id", id, "err", err)
		return "服务器内部错误"
	}
	return err.Error()
}
