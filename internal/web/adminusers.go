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

// The admin's lists of accounts and organisations, each with the form that adds one.

// usersPage is the data of templates/users.html.
type usersPage struct {
	Users []store.UserListed
	List  *dirList
	Orgs  []guantong.Organisation // for the form's choices
	// ManyOrgs: too many organisations for a select (maxChoices); the form asks for numbers.
	ManyOrgs bool
	Roles    []string
	Form     url.Values
	Errs     errs
	Created  string
}

// adminUsers is GET /admin/users.
func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	s.renderUsers(w, r, u, http.StatusOK, url.Values{"role": {guantong.RoleApplicant}}, nil)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, form url.Values, es errs) {
	l := dirFilters(r, "/accounts.xlsx", "用户名、姓名、身份证号或单位名称", "role", "status")
	users, err := s.svc.ListUsers(r.Context(), u, l.Query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	paged(l, users)
	orgs, many, err := s.orgChoices(r.Context(), u, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := usersPage{Users: users.Items, List: l, Orgs: orgs, ManyOrgs: many, Roles: guantong.Roles, Form: form, Errs: es, Created: r.URL.Query().Get("created")}
	s.render(w, r, status, "users", page{Title: "账号", Nav: "users", Data: d})
}

// adminCreateUser is POST /admin/users: an account and, for an applicant, their record.
func (s *Server) adminCreateUser(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	if !s.readForm(w, r, 16<<10) {
		return
	}
	f := r.PostForm
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	in := service.NewUser{Username: get("username"), Password: f.Get("password"), Name: get("name"), Role: get("role")}
	if in.Role == guantong.RoleApplicant {
		emp, _ := strconv.ParseInt(get("employer_id"), 10, 64)
		in.Person = &guantong.Applicant{Name: get("person_name"), IDNumber: get("id_number"), Phone: get("phone"), EmployerID: emp}
		if in.Name == "" {
			in.Name = in.Person.Name
		}
	} else {
		in.OrgID, _ = strconv.ParseInt(get("org_id"), 10, 64)
	}
	nu, err := s.svc.CreateUser(r.Context(), u, in)
	if err != nil {
		es, prob, ok := fieldErrs(err)
		if !ok {
			s.fail(w, r, err)
			return
		}
		if prob != nil {
			es = errs{"username": prob.Message} // a duplicate username is the service's conflict
		}
		f.Del("password")
		s.renderUsers(w, r, u, guantong.HTTPStatus(err), f, es)
		return
	}
	http.Redirect(w, r, "/admin/users?created="+url.QueryEscape(nu.Username), http.StatusSeeOther)
}

// orgsPage is the data of templates/orgs.html.
type orgsPage struct {
	Orgs          []guantong.Organisation
	List          *dirList
	Kinds         []string
	EmployerKinds []string
	Series        []string
	Levels        []string
	Regions       []string // guantong.Regions: a region is chosen, never typed
	Form          url.Values
	Errs          errs
	Created       string
	Saved         string                 // the name of the organisation just edited
	Editing       *guantong.Organisation // the form edits this one instead of adding
}

// adminOrganisations is GET /admin/organisations: employers, 职改办, committees, evaluation
// organisations and departments.
func (s *Server) adminOrganisations(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	s.renderOrgs(w, r, u, http.StatusOK, url.Values{"kind": {guantong.OrgEmployer}}, nil, nil)
}

func (s *Server) renderOrgs(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, form url.Values, es errs, editing *guantong.Organisation) {
	l := dirFilters(r, "/admin/organisations.xlsx", "单位名称", "kind", "region")
	orgs, err := s.svc.ListOrganisations(r.Context(), u, l.Query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	paged(l, orgs)
	d := orgsPage{Orgs: orgs.Items, List: l, Kinds: guantong.OrgKinds, EmployerKinds: guantong.EmployerKinds, Series: s.eng().Params().Series,
		Levels: guantong.TitleLevels(), Regions: guantong.Regions, Form: form, Errs: es, Created: r.URL.Query().Get("created"),
		Saved: r.URL.Query().Get("saved"), Editing: editing}
	s.render(w, r, status, "orgs", page{Title: "单位", Nav: "orgs", Data: d})
}

// organisationsFile is GET /admin/organisations.xlsx: every organisation the list's filters
// select.
func (s *Server) organisationsFile(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	l, ok := s.dirFile(w, r, "kind", "region")
	if !ok {
		return
	}
	s.sheetFile(w, r, sheetFile{sheet: "单位", header: []any{"编号", "名称", "类别", "地区", "单位类型", "自主评价企业", "职称系列", "层级",
		"负责的职业", "证书编号前缀", "添加时间"}, name: "organisations", cnName: "单位"}, func(add func(...any) error) error {
		return s.svc.EachOrganisation(r.Context(), u, l.Query, func(o guantong.Organisation) error {
			self, level := "", ""
			if o.SelfEvaluation {
				self = "是"
			}
			if o.Level.Valid() {
				level = o.Level.String()
			}
			return add(o.ID, o.Name, guantong.OrgKindName(o.Kind), o.Region, o.EmployerKind, self, o.Series, level,
				strings.Join(o.Occupations, "、"), o.CertPrefix, when(o.CreatedAt))
		})
	})
}

// adminCreateOrganisation is POST /admin/organisations.
func (s *Server) adminCreateOrganisation(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	s.saveOrganisation(w, r, u, nil)
}

// adminOrganisation is GET /admin/organisations/{id}: the form of the list page, filled with
// the organisation, to edit it.
func (s *Server) adminOrganisation(w http.ResponseWriter, r *http.Request) {
	u, o, ok := s.organisationAbout(w, r)
	if !ok {
		return
	}
	form := url.Values{"kind": {o.Kind}, "name": {o.Name}, "region": {o.Region}, "employer_kind": {o.EmployerKind},
		"series": {o.Series}, "occupations": {strings.Join(o.Occupations, "、")}, "cert_prefix": {o.CertPrefix}}
	if o.Level.Valid() {
		form.Set("level", o.Level.String())
	}
	if o.SelfEvaluation {
		form.Set("self_evaluation", "1")
	}
	s.renderOrgs(w, r, u, http.StatusOK, form, nil, &o)
}

// adminSaveOrganisation is POST /admin/organisations/{id}.
func (s *Server) adminSaveOrganisation(w http.ResponseWriter, r *http.Request) {
	if u, o, ok := s.organisationAbout(w, r); ok {
		s.saveOrganisation(w, r, u, &o)
	}
}

// organisationAbout starts the pages of one organisation: the admin and the organisation of
// the path, or the page written (login, 403, 404) and ok false.
func (s *Server) organisationAbout(w http.ResponseWriter, r *http.Request) (*guantong.User, guantong.Organisation, bool) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return nil, guantong.Organisation{}, false
	}
	o, err := s.svc.Organisation(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return nil, o, false
	}
	return u, o, true
}

// saveOrganisation adds an organisation from the posted form, or edits editing; mistakes come
// back next to their fields.
func (s *Server) saveOrganisation(w http.ResponseWriter, r *http.Request, u *guantong.User, editing *guantong.Organisation) {
	if !s.readForm(w, r, 16<<10) {
		return
	}
	f := r.PostForm
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	o := guantong.Organisation{Kind: get("kind"), Name: get("name"), Region: get("region"), EmployerKind: get("employer_kind"),
		SelfEvaluation: f.Get("self_evaluation") != "", Series: get("series"), CertPrefix: get("cert_prefix")}
	if l, ok := guantong.ParseTitleLevel(get("level")); ok {
		o.Level = l
	}
	o.Occupations = splitList(get("occupations"))
	var saved guantong.Organisation
	var err error
	if editing != nil {
		f.Set("kind", editing.Kind)
		saved, err = s.svc.UpdateOrganisation(r.Context(), u, editing.ID, o)
	} else {
		saved, err = s.svc.CreateOrganisation(r.Context(), u, o)
	}
	if err != nil {
		es, prob, ok := fieldErrs(err)
		if !ok {
			s.fail(w, r, err)
			return
		}
		if prob != nil {
			es = errs{"name": prob.Message}
		}
		for k, v := range es {
			if strings.HasPrefix(k, "occupations[") {
				es["occupations"] = v
			}
		}
		s.renderOrgs(w, r, u, guantong.HTTPStatus(err), f, es, editing)
		return
	}
	if editing != nil {
		http.Redirect(w, r, "/admin/organisations?saved="+url.QueryEscape(saved.Name), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/admin/organisations?created="+url.QueryEscape(saved.Name), http.StatusSeeOther)
}
