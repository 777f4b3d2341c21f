package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"guantong"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// The provincial department's pages: an overview with the policy and the table in force
// (and, under serve --demo, the demo clock), every application, the accounts and the
// organisations.

// adminPage is the data of templates/admin.html.
type adminPage struct {
	Today    guantong.Date
	Stages   []stageCount
	Total    int
	Policy   *policy.Params
	Rules    []policy.Rule
	Entries  int // rows of the occupation table in force
	Codes    int // distinct occupations
	Demo     bool
	Advanced string // days the demo clock was just moved
	Errs     errs
	Days     string
}

type stageCount struct {
	Stage guantong.Stage
	Count int
}

// adminPage is GET /admin.
func (s *Server) adminPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	d, err := s.adminData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("advanced")); err == nil && n > 0 {
		d.Advanced = strconv.Itoa(n)
	}
	s.render(w, r, http.StatusOK, "admin", page{Title: "管理", Nav: "admin", Data: d})
}

func (s *Server) adminData(r *http.Request, u *guantong.User) (*adminPage, error) {
	counts, err := s.svc.StageCounts(r.Context(), u, service.ListQuery{})
	if err != nil {
		return nil, err
	}
	p := s.eng().Params()
	d := &adminPage{Today: s.svc.Today(), Policy: p, Rules: policy.Explain(p), Entries: s.catalog.Len(),
		Codes: len(s.occupationChoices()), Demo: s.clock != nil, Days: "7"}
	for _, c := range counts {
		d.Stages = append(d.Stages, stageCount{c.Stage, c.Count})
		d.Total += c.Count
	}
	return d, nil
}

// adminClock is POST /admin/clock (serve --demo only): the demo clock moves forward, so that
// a notice of five working days can end during a demonstration.
func (s *Server) adminClock(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	if s.clock == nil {
		s.errorPage(w, r, http.StatusNotFound, "页面不存在", "只有演示模式（serve --demo）可以调整时钟。")
		return
	}
	if !s.readForm(w, r, 8<<10) {
		return
	}
	typed := strings.TrimSpace(r.PostForm.Get("days"))
	days, err := strconv.Atoi(typed)
	if err != nil || days < 1 || days > 366 {
		d, derr := s.adminData(r, u)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		d.Errs, d.Days = errs{"days": "天数须为 1 到 366 之间的整数"}, typed
		s.render(w, r, http.StatusUnprocessableEntity, "admin", page{Title: "管理", Nav: "admin", Data: d})
		return
	}
	s.clock.Advance(time.Duration(days) * 24 * time.Hour)
	s.log.Info("web: demo clock advanced", "days", days, "by", u.Username, "today", s.svc.Today().String())
	http.Redirect(w, r, "/admin?advanced="+strconv.Itoa(days), http.StatusSeeOther)
}

// adminSections sort every application for the department: certificates to register (上网)
// first, many at once.
var adminSections = []section{
	{"register", "待上网登记", "评价机构已颁发的职业技能等级证书，登记后公众可查验。可勾选多项一次登记。", "没有待登记的证书。",
		[]guantong.Stage{guantong.StageIssued}, []batchButton{{Action: workflow.Register, Label: "所选上网登记"}}},
	{"all", "其他申报", "", "暂无申报。", nil, nil},
}

// adminQueue is every application, GET /admin/applications, and its batches, POST
// /admin/applications/batch.
var adminQueue = &queueView{tmpl: "allapps", title: "全部申报", nav: "all", roles: []string{guantong.RoleAdmin},
	batchURL: "/admin/applications/batch"}
