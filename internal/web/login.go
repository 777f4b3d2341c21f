package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"

	"guantong"
	"guantong/internal/service"
)

// loginPage is the data of templates/login.html.
type loginPage struct {
	Username string
	Next     string
	Error    string
	Demo     []service.DemoAccount // serve --demo: the accounts to try, with their passwords
}

// loginForm is GET /login.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", page{Title: "登录", Nav: "login",
		Data: loginPage{Next: safeNext(r.URL.Query().Get("next")), Demo: s.demo}})
}

// loginSubmit is POST /login: a session cookie and the page asked for (or the role's first
// page); a wrong name or password is 401 with the same message for both; too many failures
// for the username or from the address are 429, before the password is even checked.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.readForm(w, r, 8<<10) {
		return
	}
	username := strings.TrimSpace(r.PostForm.Get("username"))
	data := loginPage{Username: username, Next: safeNext(r.PostForm.Get("next")), Demo: s.demo}
	sess, wait, err := s.svc.SignIn(r.Context(), username, r.PostForm.Get("password"), s.clientIP(r))
	if wait > 0 {
		minutes := int(math.Ceil(wait.Minutes()))
		w.Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		data.Error = fmt.Sprintf("登录尝试过多，请 %d 分钟后再试", minutes)
		s.render(w, r, http.StatusTooManyRequests, "login", page{Title: "登录", Nav: "login", Data: data})
		return
	}
	if guantong.ErrorCode(err) == guantong.EUnauthorized {
		data.Error = "用户名或密码错误"
		s.render(w, r, http.StatusUnauthorized, "login", page{Title: "登录", Nav: "login", Data: data})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.SetCookie(w, r, &http.Cookie{Name: sessionCookie, Value: sess.Token})
	next := data.Next
	if next == "" {
		next = homeOf(sess.User.Role)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout is POST /logout: the session ends on the server, the cookie in the browser.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.svc.Logout(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.SetCookie(w, r, &http.Cookie{Name: sessionCookie, Value: "", MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps a page to return to after login only when it is a path of this site: never
// another host ("//evil.example", "https://…", "/\evil.example").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/login") {
		return ""
	}
	return next
}
