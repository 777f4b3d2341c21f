// Package web serves guantong's pages: server-rendered HTML in Chinese, with the templates,
// the stylesheet and the one small script embedded in the binary. Every page works without
// JavaScript, reads on a phone and prints cleanly.
//
// This file holds the server, its routes and what wraps every page: security headers,
// cross-origin protection on state-changing requests, and the Chinese error pages. Each page
// has its own file: home.go, check.go (自助测评), catalog.go (工种查询), plan.go (政策原文).
//
// To add a page (the role pages follow this pattern):
//
//   - a handler method in its own file (applicant.go), which reads the request, calls the
//     service layer, and ends in s.render(w, r, status, "applicant", page{Title, Nav, Data})
//     or s.errorPage / s.notFound;
//   - a template templates/applicant.html that defines "main" (the layout gives the header,
//     navigation and footer; partials/*.html hold shared snippets such as "err" and
//     "clauseLink");
//   - a line in Routes, through handle(), which adds the security headers, the cross-origin
//     protection of every POST and the 500 page; remove the path from the "coming soon" list;
//   - sample data in TestTemplates and a row in TestPages.
//
// Signed-in pages: the session middleware puts the person in the request's context with
// WithViewer (the header then shows their name, role and role links) and sets its cookie with
// SetCookie (HttpOnly, SameSite=Lax, Secure behind TLS).
package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"guantong/internal/catalog"
	"guantong/internal/policy"
)

// Config is what the pages need. Only Engine is required in production; the zero values of the
// others are sensible.
type Config struct {
	Engine  *policy.Engine   // nil: the built-in policy and table
	Catalog *catalog.Catalog // nil: the engine's table
	Now     func() time.Time // nil: time.Now; the self-check's default date is today in Asia/Shanghai
	Logger  *slog.Logger     // nil: slog.Default()

	// TrustProxy says that a reverse proxy terminates TLS and sets X-Forwarded-Proto, so
	// that cookies are marked Secure behind it.
	TrustProxy bool
	// TrustedOrigins are other origins (https://portal.example) allowed to post forms here.
	TrustedOrigins []string
}

// Server renders the pages. It is safe for concurrent use.
type Server struct {
	engine  *policy.Engine
	catalog *catalog.Catalog
	now     func() time.Time
	log     *slog.Logger
	proxy   bool

	pages  map[string]*template.Template // by file name without .html: "check"
	static *assets
	cop    *http.CrossOriginProtection

	rules map[string]policy.Rule // what the engine checks, by clause
}

// New parses the templates and prepares the server. A template that does not parse is a
// build mistake that the package's tests catch, so New panics on it.
func New(cfg Config) *Server {
	s := &Server{engine: cfg.Engine, catalog: cfg.Catalog, now: cfg.Now, log: cfg.Logger, proxy: cfg.TrustProxy}
	if s.engine == nil {
		s.engine = policy.New(policy.Default(), catalog.Default())
	}
	if s.catalog == nil {
		s.catalog = s.engine.Catalog()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.static = loadAssets()
	pages, err := parseTemplates(s.funcs())
	if err != nil {
		panic("web: " + err.Error())
	}
	s.pages = pages
	s.rules = map[string]policy.Rule{}
	for _, r := range policy.Explain(s.engine.Params()) {
		s.rules[r.Clause] = r
	}
	s.cop = http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := s.cop.AddTrustedOrigin(o); err != nil {
			panic("web: trusted origin: " + err.Error())
		}
	}
	s.cop.SetDenyHandler(http.HandlerFunc(s.forbidden))
	return s
}

// Routes registers the pages on mux. The JSON API (/api/, /healthz) is registered by others
// on the same mux; "/" catches every path nobody claimed, so that it gets the Chinese 404.
func (s *Server) Routes(mux *http.ServeMux) {
	handle := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.wrap(h)) }
	handle("GET /{$}", s.home)
	handle("GET /check", s.checkForm)
	handle("POST /check", s.checkSubmit)
	handle("GET /catalog", s.catalogPage)
	handle("GET /plan", s.planPage)
	handle("GET /plan/{id}", s.clausePage)
	handle("GET /static/", s.serveStatic)
	// Pages that the role work (issue 3 and 4) will provide: until a real handler replaces one,
	// its nav link leads to a page saying so rather than to a 404. Remove a path from this
	// list when its page lands.
	for _, n := range append(navigation[:len(navigation):len(navigation)], loginItem) {
		if n.Soon {
			handle("GET "+n.Href, s.comingSoon(n.Label))
		}
	}
	handle("/", s.notFound)
}

// wrap gives every page the same protection: security headers, cross-origin refusal of
// state-changing requests (POST, PUT, DELETE… from another site; GET and HEAD pass), and a
// Chinese 500 page instead of a dropped connection when a handler panics.
func (s *Server) wrap(h http.Handler) http.Handler {
	h = s.cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("X-Frame-Options", "DENY")
		if s.secure(r) {
			hdr.Set("Strict-Transport-Security", "max-age=31536000")
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.serverError(w, r)
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// secure reports whether the client reached us over TLS, directly or through a trusted proxy.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || (s.proxy && r.Header.Get("X-Forwarded-Proto") == "https")
}

// SetCookie sets c with the house policy: HttpOnly, SameSite=Lax, Path / unless given, and
// Secure whenever the request came over TLS. Session cookies of the role pages go through it.
func (s *Server) SetCookie(w http.ResponseWriter, r *http.Request, c *http.Cookie) {
	c.HttpOnly = true
	c.SameSite = http.SameSiteLaxMode
	c.Secure = s.secure(r)
	if c.Path == "" {
		c.Path = "/"
	}
	http.SetCookie(w, c)
}
