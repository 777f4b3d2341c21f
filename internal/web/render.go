package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/plan"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

//go:embed templates/*.html templates/partials/*.html
var templateFiles embed.FS

// NavItem is one link of the header's navigation.
type NavItem struct {
	Key   string // the page's key, to mark the current page
	Label string
	Href  string
}

// navigation is the public menu, the same for everyone. Signed-in users get their role's
// links after it (Viewer.Links); 登录, or the signed-in name and 退出, stand at the right of
// the header.
var navigation = []NavItem{
	{Key: "check", Label: "自助测评", Href: "/check"},
	{Key: "catalog", Label: "工种查询", Href: "/catalog"},
	{Key: "plan", Label: "政策原文", Href: "/plan"},
	{Key: "notices", Label: "公示", Href: "/notices"},
	{Key: "verify", Label: "证书查验", Href: "/verify"},
}

// Viewer is the signed-in person as the layout shows them: their name, their role's name and
// their role's links (我的申报, 审核工作台…). The session middleware sets it in the request's
// context with WithViewer; it is nil for visitors.
type Viewer struct {
	Name  string
	Role  string // 申报人, 用人单位人事, 职改办审核人, 评委会秘书, 评价机构, 管理员
	Links []NavItem
	Home  string // the role's first page: /my, /office…
	// Unread counts the viewer's unread messages (站内信), shown in the header.
	Unread int
	// OneTime says the viewer signed in with a one-time password: the header offers only the
	// change of password and signing out.
	OneTime bool
}

// page is what the layout renders: the common frame and the page's own data.
type page struct {
	Title  string // the <title> and, unless the page says otherwise, its <h1>
	Nav    string // the key of the current navigation item
	Viewer *Viewer
	Data   any
}

// NavItems returns the links of the navigation bar: the public menu, then the viewer's.
func (p page) NavItems() []NavItem {
	items := append([]NavItem(nil), navigation...)
	if p.Viewer != nil {
		items = append(items, p.Viewer.Links...)
	}
	return items
}

// parseTemplates parses the layout and the partials once, then each page on a clone of
// them, so that each page defines its own "main" block.
func parseTemplates(funcs template.FuncMap) (map[string]*template.Template, error) {
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		key := strings.TrimSuffix(path.Base(name), ".html")
		if key == "layout" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFiles, name); err != nil {
			return nil, err
		}
		pages[key] = t
	}
	return pages, nil
}

// funcs are the helpers templates may call.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"static":       s.static.url,
		"clauseURL":    clauseURL,
		"anchor":       anchor,
		"add":          func(a, b int) int { return a + b },
		"passwordRule": func() string { return service.PasswordRule },
		"routeName":    routeName,
		"label":        clauseLabel,
		"stageName":    func(st guantong.Stage) string { return st.Name() },
		"roleName":     guantong.RoleName,
		"orgKind":      guantong.OrgKindName,
		"actionName":   func(a workflow.Action) string { return a.Name() },
		"when":         when,
		"mask":         guantong.MaskID,
		"specialties":  catalog.AllSpecialties,
		"decisionName": decisionName,
		"what":         s.what,
		"fieldErr":     fieldErr,
		"size":         fileSize,
		"personFields": func(f *checkForm, c checkChoices, targets bool) personFields {
			return personFields{Form: f, Choices: c, Targets: targets, Max: maxRows}
		},
		"withChoice": withChoice,
		"ScoreOf":    ScoreOf,
		"has":        func(list []workflow.Action, a string) bool { return slices.Contains(list, workflow.Action(a)) },
	}
}

// clauseURL is the page of one clause: /plan/三(一)2, escaped.
func clauseURL(id string) string { return "/plan/" + url.PathEscape(id) }

// clauseLabel names a clause in a list: its heading, or the start of its text where the plan
// gives it none (二(一) 在总结工程技术领域贯通工作…).
func clauseLabel(c plan.Clause) string {
	if c.Heading != "" {
		return c.Heading
	}
	const n = 14
	text := []rune(c.Text)
	if len(text) <= n {
		return c.Text
	}
	return string(text[:n]) + "…"
}

// anchor is the fragment id of a clause on the plan page: c-三(一)2.
func anchor(id string) string { return "c-" + id }

// routeName says a route as the plan does.
func routeName(route string) string { return guantong.RouteName(route) }

// render writes the page with the given status. It renders into a buffer first, so that a
// template error becomes a clean 500 page instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("web: no such template", "template", name)
		s.serverError(w, r)
		return
	}
	if p.Viewer == nil {
		p.Viewer = ViewerFrom(r.Context())
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("web: render", "template", name, "path", r.URL.Path, "err", err)
		if name != "error" {
			s.serverError(w, r)
		} else {
			http.Error(w, "服务器内部错误", http.StatusInternalServerError)
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the data of templates/error.html.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.render(w, r, status, "error", page{Title: heading, Data: errorPage{status, heading, message}})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "页面不存在", "您访问的地址 "+r.URL.Path+" 不存在，可能已被移动或输入有误。")
}

func (s *Server) serverError(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusInternalServerError, "服务器内部错误", "处理您的请求时出现了问题，我们已记录此错误。请稍后再试。")
}

func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	s.log.Warn("web: cross-origin request refused", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	s.errorPage(w, r, http.StatusForbidden, "请求被拒绝", "该请求来自其他网站，为保护您的信息已被拒绝。请在本站页面中重新提交。")
}

// withChoice is the options of a select with the value stored added when the list lacks it (a
// series or an award name an API caller wrote), so that the form shows it and saves it back.
func withChoice(list []string, v string) []string {
	if v == "" || slices.Contains(list, v) {
		return list
	}
	return append(slices.Clip(list), v)
}
