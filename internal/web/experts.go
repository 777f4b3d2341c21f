package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
)

// The expert pool (专家库): the admin adds experts, each with their own login, since an
// expert scores and votes secretly in person (docs/committee.md §7); skilled experts are
// marked, for the committees must seat some (三(一)6). Committee secretaries read the pool
// when they look for who might sit on their committee; the form is the admin's alone.

// expertsPage is the data of templates/experts.html.
type expertsPage struct {
	Experts    []store.ExpertListed
	List       *dirList
	Committees []guantong.Organisation // each links to its membership page
	Employers  []guantong.Organisation // the form's choices
	// ManyEmployers: too many for a select (maxChoices); the form asks for the number.
	ManyEmployers bool
	Series        []string
	TitleLevels   []string
	SkillLevels   []string
	Admin         bool // the form, the logins and each row's buttons are shown to the admin only
	Form          url.Values
	Errs          errs
	Created       string
	Done          string   // what the admin just did: 已保存, 已停用, 已启用
	Problem       *problem // a refusal of 停用, in Chinese, above the list
}

// expertPage is the data of templates/expertedit.html: one expert, their form filled (or as
// typed, when refused) and the committees they sit on.
type expertPage struct {
	Expert     guantong.Expert
	Username   string
	Committees []guantong.Organisation
	Employers  []guantong.Organisation
	// ManyEmployers: too many for a select (maxChoices); the form asks for the number.
	ManyEmployers bool
	Series        []string
	TitleLevels   []string
	SkillLevels   []string
	Form          url.Values
	Errs          errs
}

// expertForm is the form of an expert as it shows them.
func expertForm(e guantong.Expert) url.Values {
	f := url.Values{"name": {e.Name}, "employer_id": {strconv.FormatInt(e.EmployerID, 10)}, "series": {e.Series}, "specialty": {e.Specialty}}
	if e.Title.Valid() {
		f.Set("title_level", e.Title.String())
	}
	if e.Skill.Valid() {
		f.Set("skill_level", e.Skill.String())
	}
	if e.Skilled {
		f.Set("skilled", "1")
	}
	return f
}

// readExpert reads the fields the add and the edit forms share.
func readExpert(f url.Values) service.ExpertUpdate {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	in := service.ExpertUpdate{Name: get("name"), Series: get("series"), Specialty: get("specialty"), TitleLevel: get("title_level"),
		SkillLevel: get("skill_level"), Skilled: f.Get("skilled") != ""}
	in.EmployerID, _ = strconv.ParseInt(get("employer_id"), 10, 64)
	return in
}

// expertsList is GET /admin/experts.
func (s *Server) expertsList(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin, guantong.RoleSecretary)
	if u == nil {
		return
	}
	s.renderExperts(w, r, u, http.StatusOK, url.Values{}, nil, nil)
}

// expertsDone says what the admin just did, from the query of the redirect after it: the
// expert's ID, whose name the list gives.
var expertsDone = []struct{ key, text string }{{"saved", "的信息已保存"}, {"deactivated", "已停用，不再可选为评委会成员"}, {"activated", "已重新启用"}}

func (s *Server) renderExperts(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, form url.Values, es errs, prob *problem) {
	ctx := r.Context()
	l := dirFilters(r, "/admin/experts.xlsx", "姓名或工作单位名称", "series", "status", "skilled")
	experts, err := s.svc.ListExperts(ctx, u, l.Query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	paged(l, experts)
	employers, many, err := s.orgChoices(ctx, u, guantong.OrgEmployer)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	committees, err := s.svc.Organisations(ctx, u, guantong.OrgCommittee) // a few dozen at most
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := expertsPage{Employers: employers, ManyEmployers: many, Committees: committees, Experts: experts.Items, List: l, Series: s.eng().Params().Series, TitleLevels: guantong.TitleLevels(), SkillLevels: guantong.SkillLevels(),
		Admin: u.Role == guantong.RoleAdmin, Form: form, Errs: es, Created: r.URL.Query().Get("created"), Problem: prob}
	// What the admin just did names the expert, who need not be on the page shown.
	for _, done := range expertsDone {
		id, err := strconv.ParseInt(r.URL.Query().Get(done.key), 10, 64)
		if err != nil {
			continue
		}
		if e, err := s.svc.Expert(ctx, u, id); err == nil {
			d.Done = "专家 " + e.Name + " " + done.text + "。"
		}
	}
	nav := "committee"
	if d.Admin {
		nav = "experts"
	}
	s.render(w, r, status, "experts", page{Title: "专家库", Nav: nav, Data: d})
}

// expertsFile is GET /admin/experts.xlsx: every expert the pool's filters select.
func (s *Server) expertsFile(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin, guantong.RoleSecretary)
	if u == nil {
		return
	}
	l, ok := s.dirFile(w, r, "series", "status", "skilled")
	if !ok {
		return
	}
	s.sheetFile(w, r, sheetFile{sheet: "专家库", header: []any{"编号", "姓名", "工作单位", "系列", "专业", "职称", "技能等级", "高技能人才",
		"登录账号", "状态", "添加时间"}, name: "experts", cnName: "专家库"}, func(add func(...any) error) error {
		return s.svc.EachExpert(r.Context(), u, l.Query, func(e store.ExpertListed) error {
			title, skill, skilled, active := "", "", "", "在库"
			if e.Title.Valid() {
				title = e.Title.String()
			}
			if e.Skill.Valid() {
				skill = e.Skill.String()
			}
			if e.Skilled {
				skilled = "是"
			}
			if !e.Active {
				active = "已停用"
			}
			return add(e.ID, e.Name, e.Employer, e.Series, e.Specialty, title, skill, skilled, e.Username, active, when(e.CreatedAt))
		})
	})
}

// expertCreate is POST /admin/experts: an expert and their login, in one step. The page asks
// for the login, which the service leaves optional (the API may link an existing one):
// an expert without one could sit on a committee but never score or vote.
func (s *Server) expertCreate(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	if !s.readForm(w, r, 16<<10) {
		return
	}
	f := r.PostForm
	in := service.NewExpert{ExpertUpdate: readExpert(f), Username: strings.TrimSpace(f.Get("username")), Password: f.Get("password")}
	f.Del("password")
	if in.Username == "" {
		s.renderExperts(w, r, u, http.StatusUnprocessableEntity, f, errs{"username": "请填写登录用户名：专家以本人账号评分、投票"}, nil)
		return
	}
	e, err := s.svc.CreateExpert(r.Context(), u, in)
	if err != nil {
		es, prob, ok := fieldErrs(err)
		if !ok {
			s.fail(w, r, err)
			return
		}
		if prob != nil {
			es = errs{"username": prob.Message} // the username is taken: the service's conflict
		}
		s.renderExperts(w, r, u, http.StatusUnprocessableEntity, f, es, nil)
		return
	}
	http.Redirect(w, r, "/admin/experts?created="+url.QueryEscape(e.Name), http.StatusSeeOther)
}

// expertEdit is GET /admin/experts/{id}: the expert's form, filled.
func (s *Server) expertEdit(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	e, err := s.svc.Expert(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderExpert(w, r, u, http.StatusOK, e, expertForm(e), nil)
}

// expertSave is POST /admin/experts/{id}: the changes, checked as when adding an expert;
// refused, the form comes back as typed with the messages at their fields.
func (s *Server) expertSave(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	if !s.readForm(w, r, 16<<10) {
		return
	}
	e, err := s.svc.UpdateExpert(r.Context(), u, id, readExpert(r.PostForm))
	if err != nil {
		es, prob, ok := fieldErrs(err)
		if !ok || prob != nil {
			s.fail(w, r, err)
			return
		}
		if e, err = s.svc.Expert(r.Context(), u, id); err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderExpert(w, r, u, http.StatusUnprocessableEntity, e, r.PostForm, es)
		return
	}
	http.Redirect(w, r, "/admin/experts?saved="+strconv.FormatInt(e.ID, 10)+"#expert-"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
}

func (s *Server) renderExpert(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, e guantong.Expert, form url.Values, es errs) {
	ctx := r.Context()
	employers, many, err := s.orgChoices(ctx, u, guantong.OrgEmployer)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	committees, err := s.svc.Organisations(ctx, u, guantong.OrgCommittee)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := expertPage{Employers: employers, ManyEmployers: many, Expert: e, Series: s.eng().Params().Series, TitleLevels: guantong.TitleLevels(), SkillLevels: guantong.SkillLevels(),
		Form: form, Errs: es}
	if e.UserID != 0 { // the login, read alone rather than among every account
		login, err := s.svc.User(ctx, u, e.UserID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Username = login.Username
	}
	for _, o := range committees {
		members, err := s.svc.CommitteeMembers(ctx, u, o.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if slices.ContainsFunc(members, func(m guantong.Member) bool { return m.ID == e.ID }) {
			d.Committees = append(d.Committees, o)
		}
	}
	s.render(w, r, status, "expertedit", page{Title: "修改专家 · " + e.Name, Nav: "experts", Data: d})
}

// expertActive is POST /admin/experts/{id}/deactivate and …/activate (停用, 启用). A refusal
// (an expert who sits on a committee) is shown above the list, in the service's words.
func (s *Server) expertActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := s.workspace(w, r, guantong.RoleAdmin)
		if u == nil {
			return
		}
		id, ok := pathID(r, "id")
		if !ok {
			s.notFound(w, r)
			return
		}
		e, err := s.svc.SetExpertActive(r.Context(), u, id, active)
		if err != nil {
			if guantong.ErrorCode(err) != guantong.EConflict {
				s.fail(w, r, err)
				return
			}
			s.renderExperts(w, r, u, guantong.HTTPStatus(err), url.Values{}, nil, &problem{Message: err.Error()})
			return
		}
		done := "activated"
		if !active {
			done = "deactivated"
		}
		http.Redirect(w, r, "/admin/experts?"+done+"="+strconv.FormatInt(e.ID, 10)+"#expert-"+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
	}
}
