package web

import (
	"net/http"
	"net/url"
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
	Experts     []expertRow
	Committees  []guantong.Organisation // each links to its membership page
	Employers   []guantong.Organisation // the form's choices
	Series      []string
	TitleLevels []string
	SkillLevels []string
	Admin       bool // the form and the logins are shown to the admin only
	Form        url.Values
	Errs        errs
	Created     string
}

// expertRow is an expert as the list shows them.
type expertRow struct {
	store.Expert
	Employer string
	Username string // their login, for the admin
}

// expertsList is GET /admin/experts.
func (s *Server) expertsList(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin, guantong.RoleSecretary)
	if u == nil {
		return
	}
	s.renderExperts(w, r, u, http.StatusOK, url.Values{}, nil)
}

func (s *Server) renderExperts(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, form url.Values, es errs) {
	ctx := r.Context()
	experts, err := s.svc.Experts(ctx, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, err := s.svc.Organisations(ctx, u, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := expertsPage{Series: s.engine.Params().Series, TitleLevels: guantong.TitleLevels(), SkillLevels: guantong.SkillLevels(),
		Admin: u.Role == guantong.RoleAdmin, Form: form, Errs: es, Created: r.URL.Query().Get("created")}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
		switch o.Kind {
		case guantong.OrgEmployer:
			d.Employers = append(d.Employers, o)
		case guantong.OrgCommittee:
			d.Committees = append(d.Committees, o)
		}
	}
	logins := map[int64]string{}
	if d.Admin {
		users, err := s.svc.Users(ctx, u)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, x := range users {
			logins[x.ID] = x.Username
		}
	}
	for _, e := range experts {
		d.Experts = append(d.Experts, expertRow{Expert: e, Employer: names[e.EmployerID], Username: logins[e.UserID]})
	}
	nav := "committee"
	if d.Admin {
		nav = "experts"
	}
	s.render(w, r, status, "experts", page{Title: "专家库", Nav: nav, Data: d})
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
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	in := service.NewExpert{Name: get("name"), Series: get("series"), Specialty: get("specialty"), TitleLevel: get("title_level"),
		SkillLevel: get("skill_level"), Skilled: f.Get("skilled") != "", Username: get("username"), Password: f.Get("password")}
	in.EmployerID, _ = strconv.ParseInt(get("employer_id"), 10, 64)
	f.Del("password")
	if in.Username == "" {
		s.renderExperts(w, r, u, http.StatusUnprocessableEntity, f, errs{"username": "请填写登录用户名：专家以本人账号评分、投票"})
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
		s.renderExperts(w, r, u, http.StatusUnprocessableEntity, f, es)
		return
	}
	http.Redirect(w, r, "/admin/experts?created="+url.QueryEscape(e.Name), http.StatusSeeOther)
}
