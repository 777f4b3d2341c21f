package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"guantong"
	"guantong/internal/service"
)

// Sessions are the service's: the login's token travels in a cookie set by SetCookie
// (HttpOnly, SameSite=Lax, Secure behind TLS) with no expiry date, so that it ends when the
// browser closes (office PCs are shared) or when the service's session does, whichever comes
// first.

// sessionCookie names the cookie that holds the session token.
const sessionCookie = "guantong_session"

type userKey struct{}

// userFrom returns the signed-in user of the request, or nil for a visitor.
func userFrom(ctx context.Context) *guantong.User {
	u, _ := ctx.Value(userKey{}).(*guantong.User)
	return u
}

// session puts the user of the request's session cookie, if any, in its context, with the
// Viewer the layout shows. A cookie the service no longer knows (expired, logged out) is
// cleared and the request goes on as a visitor's.
func (s *Server) session(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" {
			h(w, r)
			return
		}
		u, err := s.svc.Authenticate(r.Context(), c.Value)
		if err != nil {
			if guantong.ErrorCode(err) != guantong.EUnauthorized {
				s.log.Error("web: session", "err", err)
				s.serverError(w, r)
				return
			}
			s.SetCookie(w, r, &http.Cookie{Name: sessionCookie, Value: "", MaxAge: -1})
			h(w, r)
			return
		}
		ctx := context.WithValue(r.Context(), userKey{}, &u)
		ctx = WithViewer(ctx, s.viewer(ctx, &u))
		if u.MustChangePassword && !oneTimeAllowed(r.URL.Path) {
			// A one-time password opens the change-password page and nothing else.
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		h(w, r.WithContext(ctx))
	}
}

// viewer is how the header shows u: name, role and the links of the role.
func (s *Server) viewer(ctx context.Context, u *guantong.User) *Viewer {
	v := &Viewer{Name: u.Name, Role: guantong.RoleName(u.Role), Home: homeOf(u.Role), OneTime: u.MustChangePassword}
	if u.MustChangePassword {
		v.Home = "/password"
		return v
	}
	if n, err := s.svc.UnreadCount(ctx, u); err == nil { // the count is a courtesy: a page shows without it
		v.Unread = n
	} else {
		s.log.Error("web: unread count", "err", err)
	}
	switch u.Role {
	case guantong.RoleApplicant:
		v.Links = []NavItem{{"my", "我的申报", "/my"}, {"new", "新建申报", "/applications/new"}, {"me", "个人信息", "/me"}}
	case guantong.RoleHR:
		v.Links = []NavItem{{"employer", "本单位申报", "/employer"}, {"accounts", "本单位账号", "/employer/accounts"}, {"staff", "员工导入", "/staff"}}
		// An employer that evaluates its own staff (三(二)4) also records their results.
		if p, err := s.svc.Me(ctx, u); err == nil && p.Organisation != nil && p.Organisation.SelfEvaluation {
			v.Links = append(v.Links, NavItem{"evaluator", "自主评价", "/evaluator"})
		}
	case guantong.RoleOffice:
		v.Links = []NavItem{{"office", "审核工作台", "/office"}, {"registrations", "职称登记", "/registrations"},
			{"stats", "统计", "/stats"}}
	case guantong.RoleSecretary:
		v.Links = []NavItem{{"committee", "评审工作台", "/committee"}}
	case guantong.RoleExpert:
		v.Links = []NavItem{{"expert", "评审会议", "/expert"}}
	case guantong.RoleEvaluator:
		v.Links = []NavItem{{"evaluator", "评价工作台", "/evaluator"}}
	case guantong.RoleAdmin:
		v.Links = []NavItem{{"admin", "管理", "/admin"}, {"all", "全部申报", "/admin/applications"},
			{"users", "账号", "/admin/users"}, {"orgs", "单位", "/admin/organisations"}}
		v.Links = append(v.Links, NavItem{"experts", "专家库", "/admin/experts"},
			NavItem{"registrations", "职称登记", "/registrations"}) // the grants to register (上网)
	}
	if service.CanScreen(u.Role) {
		v.Links = append(v.Links, NavItem{"screen", "批量测评", "/screen"})
	}
	return v
}

// homeOf is the first page of a role, where login leads.
func homeOf(role string) string {
	switch role {
	case guantong.RoleApplicant:
		return "/my"
	case guantong.RoleHR:
		return "/employer"
	case guantong.RoleOffice:
		return "/office"
	case guantong.RoleSecretary:
		return "/committee"
	case guantong.RoleEvaluator:
		return "/evaluator"
	case guantong.RoleExpert:
		return "/expert"
	case guantong.RoleAdmin:
		return "/admin"
	}
	return "/"
}

// signedIn returns the user, or sends a visitor to the login page (GET) or a 401 page (a
// form posted after the session ended) and returns nil.
func (s *Server) signedIn(w http.ResponseWriter, r *http.Request) *guantong.User {
	if u := userFrom(r.Context()); u != nil {
		return u
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return nil
	}
	s.errorPage(w, r, http.StatusUnauthorized, "请先登录", "您尚未登录或登录已过期，请登录后重新提交。")
	return nil
}

// workspace returns the user when their role is one of roles, and otherwise answers for
// them: the login page for a visitor, a 403 page for another role. The rights over each
// application remain the service's; this only keeps people out of pages that would be empty
// for them.
func (s *Server) workspace(w http.ResponseWriter, r *http.Request, roles ...string) *guantong.User {
	u := s.signedIn(w, r)
	if u == nil {
		return nil
	}
	if !slices.Contains(roles, u.Role) {
		var names []string
		for _, role := range roles {
			names = append(names, guantong.RoleName(role))
		}
		s.errorPage(w, r, http.StatusForbidden, "无权访问", "此页面供"+joinOr(names)+"使用。您以「"+guantong.RoleName(u.Role)+"」身份登录。")
		return nil
	}
	return u
}

func joinOr(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "或"
		}
		out += n
	}
	return out
}

// about starts every page about one thing: the signed-in user (of one of roles, when any are
// given, as workspace checks) and the {id} of the path. When either is wanting the page has
// been written (login, 403 or 404) and ok is false.
func (s *Server) about(w http.ResponseWriter, r *http.Request, roles ...string) (u *guantong.User, id int64, ok bool) {
	if len(roles) > 0 {
		u = s.workspace(w, r, roles...)
	} else {
		u = s.signedIn(w, r)
	}
	if u == nil {
		return nil, 0, false
	}
	if id, ok = pathID(r, "id"); !ok {
		s.notFound(w, r)
	}
	return u, id, ok
}
