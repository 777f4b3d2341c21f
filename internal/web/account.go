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

// Accounts after they are created (issue 10 item 4): one's own password (/password, where a
// one-time password leads and nothing else), and the page of one account (/accounts/{id})
// where the admin, or an employer's HR for its own staff, edits it, gives it a one-time
// password, disables or enables it. HR's list of its staff's accounts is /employer/accounts.

// passwordPage is the data of templates/password.html.
type passwordPage struct {
	OneTime bool // signed in with a one-time password: nothing else is open until it changes
	Errs    errs
	Done    bool
}

// passwordForm is GET /password.
func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	d := passwordPage{OneTime: u.MustChangePassword, Done: r.URL.Query().Get("done") != ""}
	s.render(w, r, http.StatusOK, "password", page{Title: "修改密码", Nav: "password", Data: d})
}

// passwordSubmit is POST /password: the session it is made from stays, the others end.
func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil || !s.readForm(w, r, 8<<10) {
		return
	}
	f := r.PostForm
	d := passwordPage{OneTime: u.MustChangePassword}
	token := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		token = c.Value
	}
	if f.Get("password") != f.Get("confirm") {
		d.Errs = errs{"confirm": "两次输入的新密码不一致"}
		s.render(w, r, http.StatusBadRequest, "password", page{Title: "修改密码", Nav: "password", Data: d})
		return
	}
	if err := s.svc.ChangePassword(r.Context(), u, token, f.Get("current"), f.Get("password")); err != nil {
		es, _, ok := fieldErrs(err)
		if !ok || es == nil {
			s.fail(w, r, err)
			return
		}
		d.Errs = es
		s.render(w, r, http.StatusBadRequest, "password", page{Title: "修改密码", Nav: "password", Data: d})
		return
	}
	if d.OneTime {
		http.Redirect(w, r, homeOf(u.Role), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/password?done=1", http.StatusSeeOther)
}

// accountPage is the data of templates/account.html.
type accountPage struct {
	Account guantong.User
	Admin   bool // the admin may change the role and the organisation
	Roles   []string
	Orgs    []guantong.Organisation
	Form    url.Values
	Errs    errs
	OneTime *service.OneTime // just set: shown this once
	Saved   string
	Back    string // the list this account is on
}

// accountForm is GET /accounts/{id}.
func (s *Server) accountForm(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin, guantong.RoleHR)
	if !ok {
		return
	}
	a, err := s.svc.User(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := url.Values{"name": {a.Name}, "phone": {a.Phone}, "email": {a.Email}, "role": {a.Role}, "org_id": {strconv.FormatInt(a.OrgID, 10)}}
	s.renderAccount(w, r, u, http.StatusOK, accountPage{Account: a, Form: form, Saved: r.URL.Query().Get("saved")})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, d accountPage) {
	d.Admin, d.Back = u.Role == guantong.RoleAdmin, "/employer/accounts"
	if d.Admin {
		d.Back, d.Roles = "/admin/users", guantong.Roles
		orgs, err := s.svc.Organisations(r.Context(), u, "")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Orgs = orgs
		if d.Account.Role == guantong.RoleApplicant && d.Form.Get("org_id") == "0" {
			if p, err := s.svc.Me(r.Context(), &d.Account); err == nil && p.Person != nil {
				d.Form.Set("org_id", strconv.FormatInt(p.Person.EmployerID, 10))
			}
		}
	}
	s.render(w, r, status, "account", page{Title: "账号：" + d.Account.Username, Nav: "users", Data: d})
}

// accountSubmit is POST /accounts/{id}/{step}: save, reset, disable or enable.
func (s *Server) accountSubmit(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin, guantong.RoleHR)
	if !ok || !s.readForm(w, r, 8<<10) {
		return
	}
	ctx := r.Context()
	var err error
	switch step := r.PathValue("step"); step {
	case "save":
		f := r.PostForm
		org, _ := strconv.ParseInt(f.Get("org_id"), 10, 64)
		in := service.UserEdit{Name: f.Get("name"), Phone: f.Get("phone"), Email: f.Get("email"), Role: f.Get("role"), OrgID: org}
		if _, err = s.svc.UpdateUser(ctx, u, id, in); err != nil {
			if es, _, ok := fieldErrs(err); ok && es != nil {
				a, aerr := s.svc.User(ctx, u, id)
				if aerr != nil {
					s.fail(w, r, aerr)
					return
				}
				s.renderAccount(w, r, u, http.StatusBadRequest, accountPage{Account: a, Form: f, Errs: es})
				return
			}
		}
	case "reset":
		var once service.OneTime
		if once, err = s.svc.ResetPassword(ctx, u, id); err == nil {
			a, err := s.svc.User(ctx, u, id)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			// Shown once, in this answer: never in a URL, never stored in the clear.
			w.Header().Set("Cache-Control", "no-store")
			form := url.Values{"name": {a.Name}, "phone": {a.Phone}, "email": {a.Email}, "role": {a.Role}, "org_id": {strconv.FormatInt(a.OrgID, 10)}}
			s.renderAccount(w, r, u, http.StatusOK, accountPage{Account: a, Form: form, OneTime: &once})
			return
		}
	case "disable", "enable":
		_, err = s.svc.SetUserDisabled(ctx, u, id, step == "disable")
	default:
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/accounts/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
}

// staffAccountsPage is the data of templates/staffaccounts.html.
type staffAccountsPage struct {
	Accounts []store.UserListed
	List     *dirList
}

// staffAccounts is GET /employer/accounts: the applicant accounts of the employer's staff.
func (s *Server) staffAccounts(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	l := dirFilters(r, "/accounts.xlsx", "用户名、姓名或身份证号", "status")
	list, err := s.svc.ListUsers(r.Context(), u, l.Query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	paged(l, list)
	s.render(w, r, http.StatusOK, "staffaccounts", page{Title: "本单位账号", Nav: "accounts", Data: staffAccountsPage{Accounts: list.Items, List: l}})
}

// accountsFile is GET /accounts.xlsx: every account of the admin's or HR's list as its
// filters select it, not only the page shown.
func (s *Server) accountsFile(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin, guantong.RoleHR)
	if u == nil {
		return
	}
	l, ok := s.dirFile(w, r, "role", "status")
	if !ok {
		return
	}
	s.sheetFile(w, r, sheetFile{sheet: "账号", header: []any{"编号", "用户名", "姓名", "角色", "单位", "手机", "电子邮箱", "状态", "创建时间"},
		name: "accounts", cnName: "账号"}, func(add func(...any) error) error {
		return s.svc.EachUser(r.Context(), u, l.Query, func(x store.UserListed) error {
			return add(x.ID, x.Username, x.Name, guantong.RoleName(x.Role), x.Org, x.Phone, x.Email, accountStatus(x.User), when(x.CreatedAt))
		})
	})
}

// accountStatus says in words whether an account can be used.
func accountStatus(u guantong.User) string {
	switch {
	case u.Disabled:
		return "已停用"
	case u.MustChangePassword:
		return "待修改一次性密码"
	}
	return "正常"
}

// oneTimeAllowed is where a session opened with a one-time password may go: the page that
// changes it, and out.
func oneTimeAllowed(path string) bool {
	return path == "/password" || path == "/logout" || strings.HasPrefix(path, "/static/")
}
