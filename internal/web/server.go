// Package web serves guantong's pages: server-rendered HTML in Chinese, with the templates,
// the stylesheet and the one small script embedded in the binary. Every page works without
// JavaScript, reads on a phone and prints cleanly.
//
// This file holds the server, its routes and what wraps every page: security headers,
// cross-origin protection on state-changing requests, the session, and the Chinese error
// pages. Each page area has its own file: public pages (home.go, check.go, catalog.go,
// plan.go, public.go), login.go, and one per role: applicant.go, employer.go, office.go,
// committee.go (with meeting.go, the review meetings of the secretary and the experts),
// evaluator.go, admin.go; application.go is the page of one application that every role
// shares (achievements.go its 业绩成果 form), certificates.go the printable certificate and
// the registration export. The admin's lists are adminusers.go (accounts, organisations) and
// experts.go with members.go (the expert pool, each committee's members).
//
// Pages never decide rights: they call the service layer as the signed-in user, show what it
// allows (View.Actions become the buttons) and turn its errors into pages (fail.go). A role's
// workspace (/office…) is refused to other roles with a 403 page only because it would be
// empty for them.
//
// To add a page:
//
//   - a handler method in the file of its area, which reads the request, calls the service,
//     and ends in s.render(w, r, status, "name", page{Title, Nav, Data}) or s.fail;
//   - a template templates/name.html that defines "main" (the layout gives the header,
//     navigation and footer; partials/*.html hold shared snippets such as "err" and
//     "clauseLink");
//   - a line in Routes, through handle(), which adds the security headers, the session, the
//     cross-origin protection of every POST and the 500 page;
//   - sample data in TestTemplates and a row in TestPages or TestRolePages.
package web

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/ratelimit"
	"guantong/internal/service"
)

// Config is what the pages need. Only Service is required; the zero values of the others are
// sensible.
type Config struct {
	Service *service.Service
	Engine  *policy.Engine   // nil: the service's engine in force on each day (it changes when a scheduled policy takes effect)
	Catalog *catalog.Catalog // nil: the engine's table
	Now     func() time.Time // nil: the service's clock; the self-check's default date is today in Asia/Shanghai
	Logger  *slog.Logger     // nil: slog.Default()

	// DemoClock, when set (serve --demo), is the service's clock: the admin page then offers
	// to move it forward so that notices can end during a demonstration.
	DemoClock *service.Clock
	// DemoAccounts, when set (serve --demo), are listed on the login page with their
	// passwords, so that someone trying the demo need not look them up.
	DemoAccounts []service.DemoAccount

	// TrustProxy says that a reverse proxy terminates TLS and sets X-Forwarded-Proto, so
	// that cookies are marked Secure behind it.
	TrustProxy bool
	// TrustedOrigins are other origins (https://portal.example) allowed to post forms here.
	TrustedOrigins []string
	// PublicURL is the address of the public site (https://zc.example.gov.cn) that printed
	// certificates and their QR codes carry; empty: the address each request came to.
	PublicURL string
}

// Server renders the pages. It is safe for concurrent use.
type Server struct {
	svc     *service.Service
	clock   *service.Clock
	demo    []service.DemoAccount
	engine  *policy.Engine // Config.Engine; nil: the service's in force today (see eng)
	catalog *catalog.Catalog
	now     func() time.Time
	log     *slog.Logger
	proxy   bool
	public  string // Config.PublicURL without its trailing slash

	pages  map[string]*template.Template // by file name without .html: "check"
	static *assets
	cop    *http.CrossOriginProtection
}

// New parses the templates and prepares the server. A template that does not parse is a
// build mistake that the package's tests catch, so New panics on it.
func New(cfg Config) *Server {
	if cfg.Service == nil {
		panic("web: Config.Service is required")
	}
	s := &Server{svc: cfg.Service, clock: cfg.DemoClock, demo: cfg.DemoAccounts, engine: cfg.Engine, catalog: cfg.Catalog, now: cfg.Now, log: cfg.Logger, proxy: cfg.TrustProxy}
	if s.catalog == nil {
		s.catalog = s.eng().Catalog()
	}
	if s.now == nil {
		s.now = s.svc.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.public = strings.TrimRight(cfg.PublicURL, "/")
	s.static = loadAssets()
	pages, err := parseTemplates(s.funcs())
	if err != nil {
		panic("web: " + err.Error())
	}
	s.pages = pages
	s.cop = http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := s.cop.AddTrustedOrigin(o); err != nil {
			panic("web: trusted origin: " + err.Error())
		}
	}
	s.cop.SetDenyHandler(http.HandlerFunc(s.forbidden))
	return s
}

// eng returns the engine pages judge and describe by: the configured one, or the policy in
// force today, so that a policy the admin scheduled takes over on its date without a restart.
func (s *Server) eng() *policy.Engine {
	if s.engine != nil {
		return s.engine
	}
	return s.svc.Engine()
}

// policyName names a policy of the set by its title, id and effective date, as the page of
// an application says which policy judged it; an id the set no longer holds stays as it is.
func (s *Server) policyName(id string) string {
	for _, e := range s.svc.Policies().Engines() {
		if p := e.Params(); p.ID == id {
			return fmt.Sprintf("《%s》（%s，%s 起施行）", p.Title, p.ID, p.EffectiveFrom)
		}
	}
	return id
}

// rule returns what the engine in force checks under a clause.
func (s *Server) rule(clause string) policy.Rule {
	for _, r := range policy.Explain(s.eng().Params()) {
		if r.Clause == clause {
			return r
		}
	}
	return policy.Rule{}
}

// Routes registers the pages on mux. The JSON API (/api/, /healthz) is registered by others
// on the same mux; "/" catches every path nobody claimed, so that it gets the Chinese 404.
func (s *Server) Routes(mux *http.ServeMux) {
	handle := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.wrap(s.session(h))) }
	// Public.
	handle("GET /{$}", s.home)
	handle("GET /check", s.checkForm)
	handle("POST /check", s.checkSubmit)
	handle("GET /catalog", s.catalogPage)
	handle("GET /plan", s.planPage)
	handle("GET /plan/{id}", s.clausePage)
	handle("GET /notices", s.noticesPage)
	handle("POST /notices/{id}/objections", s.lodgeObjection)
	handle("GET /notices/doc/{key}", s.noticeDocPage)
	handle("GET /notices/doc/{key}/pdf", s.noticePDF)
	handle("GET /objections", s.objectionPage)
	handle("GET /objections/{receipt}", s.objectionPage)
	handle("GET /verify", s.verifyPage)
	handle("GET /verify/{number}", s.verifyPage)
	handle("GET /verify/{number}/qr.png", s.verifyQR)
	handle("GET /login", s.loginForm)
	handle("POST /login", s.loginSubmit)
	handle("POST /logout", s.logout)
	// Everyone signed in.
	handle("GET /me", s.profilePage)
	handle("GET /password", s.passwordForm)
	handle("POST /password", s.passwordSubmit)
	handle("GET /notifications", s.notificationsList)
	handle("POST /notifications/read", s.notificationsRead)
	handle("POST /notifications/{id}/read", s.notificationsRead)
	handle("GET /applications/{id}", s.applicationPage)
	handle("POST /applications/{id}/act", s.act)
	handle("POST /applications/{id}/id-number", s.revealID)
	handle("GET /applications/{id}/review-form", s.reviewFormPage)
	handle("GET /applications/{id}/recommend-form", s.recommendFormPage)
	handle("GET /applications/{id}/edit", s.editForm)
	handle("POST /applications/{id}/edit", s.editSubmit)
	handle("POST /applications/{id}/files", s.upload)
	handle("GET /applications/{id}/files/{file}", s.download)
	handle("GET /applications/{id}/photo", s.photo)
	handle("POST /applications/{id}/photo", s.uploadPhoto)
	handle("POST /applications/{id}/rechecks", s.requestRecheck)
	handle("POST /applications/{id}/rechecks/{recheck}", s.handleRecheck)
	handle("POST /applications/{id}/achievements", s.addAchievement)
	handle("POST /applications/{id}/achievements/{achievement}/delete", s.removeAchievement)
	// Applicants.
	handle("GET /my", s.myPage)
	handle("GET /applications.xlsx", s.applicationsFile)
	handle("GET /applications/new", s.newForm)
	handle("POST /applications/new", s.newSubmit)
	// Staff.
	handle("GET /employer", s.employerPage)
	handle("GET /employer/notice", s.internalNoticePage)
	handle("POST /employer/bulk", s.employerBulk)
	handle("GET /office", officeQueue.get(s))
	handle("POST /office/batch", officeQueue.post(s))
	handle("GET /staff", s.staffForm)
	handle("POST /staff", s.staffSubmit)
	handle("GET /staff/people/{id}", s.staffPerson)
	handle("GET /screen", s.screeningList)
	handle("POST /screen", s.screeningSubmit)
	handle("GET /screen/template.xlsx", s.staffTemplate)
	handle("GET /screen/{id}", s.screeningJob)
	handle("GET /screen/{id}/result.xlsx", s.screeningResult)
	handle("GET /committee", s.committeePage)
	handle("POST /committee/batch", s.committeeBatch)
	handle("POST /meetings", s.createMeeting)
	handle("GET /meetings/{id}", s.meetingView)
	handle("GET /meetings/{id}/record", s.meetingRecordPage)
	handle("POST /meetings/{id}/{step}", s.meetingStep)
	handle("GET /expert", s.expertPage)
	handle("GET /evaluator", evaluatorQueue.get(s))
	handle("POST /evaluator/batch", evaluatorQueue.post(s))
	handle("GET /evaluator/results.xlsx", s.resultsTemplate)
	handle("POST /evaluator/results", s.importResults)
	handle("GET /certificates/{number}", s.certificatePage)
	handle("GET /certificates/{number}/pdf", s.certificatePDF)
	handle("GET /registrations", s.registrationsPage)
	handle("GET /registrations.xlsx", s.registrationsFile("xlsx"))
	handle("GET /registrations.csv", s.registrationsFile("csv"))
	handle("GET /admin", s.adminPage)
	handle("GET /stats", s.statsPage)
	handle("GET /stats/{file}", s.statsExcel)
	handle("GET /admin/policies", s.policiesPage)
	handle("POST /admin/policies/preview", s.policyPreview)
	handle("POST /admin/policies", s.policySchedule)
	handle("GET /admin/policies/{id}", s.policyView)
	handle("POST /admin/policies/{id}/withdraw", s.policyWithdraw)
	handle("GET /admin/whatif", s.whatifList)
	handle("POST /admin/whatif", s.whatifSubmit)
	handle("GET /admin/whatif/{id}", s.whatifJob)
	handle("GET /admin/whatif/{id}/result.xlsx", s.whatifResult)
	handle("GET /admin/whatif/{id}/charts/{file}", s.whatifChart)
	handle("POST /admin/clock", s.adminClock)
	handle("GET /admin/applications", adminQueue.get(s))
	handle("POST /admin/applications/batch", adminQueue.post(s))
	handle("GET /admin/users", s.adminUsers)
	handle("GET /accounts.xlsx", s.accountsFile)
	handle("GET /admin/organisations.xlsx", s.organisationsFile)
	handle("GET /admin/experts.xlsx", s.expertsFile)
	handle("POST /admin/users", s.adminCreateUser)
	handle("GET /admin/organisations", s.adminOrganisations)
	handle("POST /admin/organisations", s.adminCreateOrganisation)
	handle("GET /admin/organisations/{id}", s.adminOrganisation)
	handle("POST /admin/organisations/{id}", s.adminSaveOrganisation)
	handle("GET /accounts/{id}", s.accountForm)
	handle("POST /accounts/{id}/{step}", s.accountSubmit)
	handle("GET /employer/accounts", s.staffAccounts)
	handle("GET /admin/experts", s.expertsList)
	handle("POST /admin/experts", s.expertCreate)
	handle("GET /admin/experts/{id}", s.expertEdit)
	handle("POST /admin/experts/{id}", s.expertSave)
	handle("POST /admin/experts/{id}/deactivate", s.expertActive(false))
	handle("POST /admin/experts/{id}/activate", s.expertActive(true))
	handle("GET /admin/committees/{id}", s.committeeMembers)
	handle("POST /admin/committees/{id}", s.committeeSetMembers)
	mux.Handle("GET /static/", s.wrap(http.HandlerFunc(s.serveStatic)))
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
		if p := queryTextProblem(r); p != "" { // before any handler reads it
			s.errorPage(w, r, http.StatusBadRequest, "地址有误", p+"。")
			return
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

// clientIP is the address the request came from, through a trusted proxy if there is one.
func (s *Server) clientIP(r *http.Request) string { return ratelimit.ClientIP(r, s.proxy) }

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

// readForm reads a posted form of at most limit bytes; a form it cannot read, or one too
// large, gets the 400 page and false.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request, limit int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "无法读取表单", "提交的内容无法读取或过大，请返回重新填写。")
		return false
	}
	if msg := formTextProblem(r); msg != "" {
		s.errorPage(w, r, http.StatusBadRequest, "无法读取表单", msg+"，请返回修改。")
		return false
	}
	return true
}
