// Package api serves guantong's JSON API under /api/v1, described by the OpenAPI document
// at /api/v1/openapi.json. Handlers are thin: they decode the request, call one method of
// the service (which checks rights, runs the engine, changes state in one transaction and
// audits) and encode the result. Errors map to statuses in one table (errors.go).
//
// Clients authenticate with POST /api/v1/login and send the token it returns as
// "Authorization: Bearer TOKEN".
package api

import (
	"log/slog"
	"net/http"
	"strings"

	"guantong"
	"guantong/internal/service"
)

// Config is what the API needs. Service is required.
type Config struct {
	Service *service.Service
	Logger  *slog.Logger // nil: slog.Default()
	// DemoClock, when set, is the service's clock and may be advanced by the admin through
	// POST /api/v1/demo/clock; without it that endpoint is 404.
	DemoClock *service.Clock
	// PublicURL is the address of the public site (https://zc.example.gov.cn), for the
	// verification addresses printed on certificates; empty: the address each request came to.
	PublicURL string
	// TrustProxy says that X-Forwarded-For's last hop is the client (for the limit of failed
	// logins).
	TrustProxy bool
}

// API is the JSON API. It is safe for concurrent use.
type API struct {
	svc       *service.Service
	log       *slog.Logger
	clock     *service.Clock
	publicURL string
	proxy     bool
}

// New returns the API over a service.
func New(cfg Config) *API {
	a := &API{svc: cfg.Service, log: cfg.Logger, clock: cfg.DemoClock, publicURL: strings.TrimRight(cfg.PublicURL, "/"),
		proxy: cfg.TrustProxy}
	if a.log == nil {
		a.log = slog.Default()
	}
	return a
}

// route is one endpoint: a method, a path pattern of net/http (the same text as the path
// in the OpenAPI document) and its handler.
type route struct {
	method, path string
	handle       http.HandlerFunc
}

// routes is every endpoint; the OpenAPI document lists exactly these (a test keeps it so).
func (a *API) routes() []route {
	return []route{
		{"GET", "/healthz", a.health},
		{"GET", "/api/v1/openapi.json", a.openAPI},
		{"POST", "/api/v1/check", a.check},
		{"POST", "/api/v1/login", a.login},
		{"POST", "/api/v1/logout", a.logout},
		{"GET", "/api/v1/me", a.me},
		{"GET", "/api/v1/organisations", a.organisations},
		{"POST", "/api/v1/organisations", a.createOrganisation},
		{"GET", "/api/v1/users", a.users},
		{"POST", "/api/v1/users", a.createUser},
		{"GET", "/api/v1/users/{id}", a.getUser},
		{"PUT", "/api/v1/users/{id}", a.updateUser},
		{"POST", "/api/v1/users/{id}/password-reset", a.resetPassword},
		{"POST", "/api/v1/users/{id}/disable", a.setUserDisabled(true)},
		{"POST", "/api/v1/users/{id}/enable", a.setUserDisabled(false)},
		{"POST", "/api/v1/me/password", a.changePassword},
		{"PUT", "/api/v1/organisations/{id}", a.updateOrganisation},
		{"GET", "/api/v1/regions", a.regions},
		{"GET", "/api/v1/notifications", a.notifications},
		{"POST", "/api/v1/notifications/read", a.markRead},
		{"POST", "/api/v1/notifications/{id}/read", a.markRead},
		{"GET", "/api/v1/applications", a.applications},
		{"POST", "/api/v1/applications", a.createApplication},
		{"GET", "/api/v1/applications/{id}", a.application},
		{"PUT", "/api/v1/applications/{id}", a.updateApplication},
		{"POST", "/api/v1/applications/{id}/actions/{action}", a.act},
		{"POST", "/api/v1/batch/{action}", a.batch},
		{"GET", "/api/v1/staff/template", a.staffTemplate},
		{"POST", "/api/v1/staff/import", a.importStaff},
		{"GET", "/api/v1/me/facts", a.facts},
		{"GET", "/api/v1/me/facts/check", a.factsCheck},
		{"GET", "/api/v1/people/{id}/facts", a.facts},
		{"GET", "/api/v1/people/{id}/facts/check", a.factsCheck},
		{"GET", "/api/v1/results/template", a.resultsTemplate},
		{"POST", "/api/v1/results/import", a.importResults},
		{"GET", "/api/v1/applications/{id}/events", a.events},
		{"GET", "/api/v1/applications/{id}/objections", a.objections},
		{"GET", "/api/v1/applications/{id}/files", a.files},
		{"POST", "/api/v1/applications/{id}/files", a.upload},
		{"GET", "/api/v1/applications/{id}/files/{file}", a.download},
		{"GET", "/api/v1/applications/{id}/achievements", a.achievements},
		{"POST", "/api/v1/applications/{id}/achievements", a.addAchievement},
		{"DELETE", "/api/v1/applications/{id}/achievements/{achievement}", a.removeAchievement},
		{"POST", "/api/v1/applications/{id}/photo", a.uploadPhoto},
		{"GET", "/api/v1/applications/{id}/rechecks", a.rechecks},
		{"POST", "/api/v1/applications/{id}/rechecks", a.requestRecheck},
		{"POST", "/api/v1/rechecks/{id}", a.handleRecheck},
		{"GET", "/api/v1/experts", a.experts},
		{"POST", "/api/v1/experts", a.createExpert},
		{"PUT", "/api/v1/experts/{id}", a.updateExpert},
		{"POST", "/api/v1/experts/{id}/deactivate", a.setExpertActive(false)},
		{"POST", "/api/v1/experts/{id}/activate", a.setExpertActive(true)},
		{"GET", "/api/v1/committees/{id}/members", a.committeeMembers},
		{"PUT", "/api/v1/committees/{id}/members", a.setCommitteeMembers},
		{"GET", "/api/v1/meetings", a.meetings},
		{"POST", "/api/v1/meetings", a.createMeeting},
		{"GET", "/api/v1/meetings/{id}", a.meeting},
		{"PUT", "/api/v1/meetings/{id}/attendance", a.attendance},
		{"POST", "/api/v1/meetings/{id}/open", a.openMeeting},
		{"POST", "/api/v1/meetings/{id}/conflicts", a.declareConflict},
		{"POST", "/api/v1/meetings/{id}/scores", a.enterScores},
		{"POST", "/api/v1/meetings/{id}/applicants/{application}/start-vote", a.startVote},
		{"POST", "/api/v1/meetings/{id}/applicants/{application}/ballot", a.castBallot},
		{"POST", "/api/v1/meetings/{id}/applicants/{application}/close-vote", a.closeVote},
		{"POST", "/api/v1/meetings/{id}/close", a.closeMeeting},
		{"POST", "/api/v1/meetings/{id}/cancel", a.cancelMeeting},
		{"POST", "/api/v1/meetings/{id}/approval", a.recordApproval},
		{"GET", "/api/v1/notices", a.notices},
		{"POST", "/api/v1/notices/{id}/objections", a.lodgeObjection},
		{"GET", "/api/v1/notice-documents", a.noticeDocuments},
		{"GET", "/api/v1/notice-documents/{key}", a.noticeDocument},
		{"GET", "/api/v1/objections/{receipt}", a.objectionByReceipt},
		{"POST", "/api/v1/applications/{id}/id-number", a.fullIDNumber},
		{"PUT", "/api/v1/organisations/{id}/notice-contact", a.setNoticeContact},
		{"GET", "/api/v1/certificates/{number}", a.verifyCertificate},
		{"GET", "/api/v1/certificates/{number}/qr.png", a.certificateQR},
		{"GET", "/api/v1/certificates/{number}/pdf", a.certificatePDF},
		{"GET", "/api/v1/registrations", a.registrations},
		{"POST", "/api/v1/demo/clock", a.advanceClock},
		{"GET", "/api/v1/stats", a.stats},
		{"GET", "/api/v1/stats/{chart}", a.statsChart},
		{"GET", "/api/v1/policies", a.policies},
		{"POST", "/api/v1/policies", a.schedulePolicy},
		{"DELETE", "/api/v1/policies/{policy}", a.withdrawPolicy},
		{"GET", "/api/v1/simulations", a.simulations},
		{"POST", "/api/v1/simulations", a.startSimulation},
		{"GET", "/api/v1/simulations/{id}", a.simulation},
		{"GET", "/api/v1/simulations/{id}/result.xlsx", a.simulationResult},
	}
}

// Routes registers the API on mux, with a JSON 404 for any other path under /api/.
func (a *API) Routes(mux *http.ServeMux) {
	for _, r := range a.routes() {
		mux.Handle(r.method+" "+r.path, a.wrap(r.handle))
	}
	mux.Handle("/api/", a.wrap(func(w http.ResponseWriter, r *http.Request) {
		a.fail(w, r, guantong.Errorf(guantong.ENotFound, "没有接口 %s %s（见 /api/v1/openapi.json）", r.Method, r.URL.Path))
	}))
}

// wrap sets the headers every answer carries, refuses a query string with text that cannot
// be stored (400, naming the parameter), and turns a panic into a 500.
func (a *API) wrap(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("Cache-Control", "no-store")
		hdr.Set("Referrer-Policy", "no-referrer")
		if es := guantong.ValuesProblems(r.URL.Query()); len(es) > 0 { // before any handler reads it
			a.fail(w, r, es)
			return
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("api: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				a.fail(w, r, guantong.Errorf(guantong.EInternal, "服务器内部错误"))
			}
		}()
		h(w, r)
	})
}

// user returns the signed-in user of the request, or nil for the public; a token that is
// given but invalid is EUnauthorized.
func (a *API) user(r *http.Request) (*guantong.User, error) {
	if r.Header.Get("Authorization") == "" {
		return nil, nil
	}
	token := bearer(r)
	if token == "" {
		return nil, guantong.Errorf(guantong.EUnauthorized, "Authorization 须为 Bearer 令牌")
	}
	u, err := a.svc.Authenticate(r.Context(), token)
	if err != nil {
		return nil, err
	}
	if u.MustChangePassword && !oneTimeAllowed[r.Method+" "+r.URL.Path] {
		return nil, guantong.Errorf(guantong.EForbidden, "请先修改一次性密码（POST /api/v1/me/password），再使用其他接口")
	}
	return &u, nil
}

// oneTimeAllowed is what a session opened with a one-time password may do: change it, see
// who it is, sign out.
var oneTimeAllowed = map[string]bool{"POST /api/v1/me/password": true, "GET /api/v1/me": true, "POST /api/v1/logout": true}

// authed wraps a handler that needs a signed-in user.
func (a *API) authed(w http.ResponseWriter, r *http.Request) (*guantong.User, bool) {
	u, err := a.user(r)
	if err == nil && u == nil {
		err = guantong.Errorf(guantong.EUnauthorized, "请先登录（POST /api/v1/login），并以 Authorization: Bearer 令牌 调用")
	}
	if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	return u, true
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header, or "".
func bearer(r *http.Request) string {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(token)
}

// call is the work of a handler once its preamble is done: fn of the signed-in user (nil
// for the public, where allowed) and the path's {id} (0 when the route has none).
type call func(u *guantong.User, id int64) (any, error)

// serve is the preamble and the ending of every handler that answers JSON: it requires a
// signed-in user, reads the path's {id} when the route has one, and answers status with
// what fn returns (nothing for 204), or the error's status.
func (a *API) serve(w http.ResponseWriter, r *http.Request, status int, fn call) {
	u, ok := a.authed(w, r)
	if ok {
		a.answer(w, r, status, u, fn)
	}
}

// servePublic is serve for anyone: a signed-in user is passed on as such, the public as nil.
func (a *API) servePublic(w http.ResponseWriter, r *http.Request, status int, fn call) {
	u, err := a.user(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.answer(w, r, status, u, fn)
}

func (a *API) answer(w http.ResponseWriter, r *http.Request, status int, u *guantong.User, fn call) {
	var id int64
	var err error
	if r.PathValue("id") != "" {
		id, err = pathID(r, "id")
	}
	var v any
	if err == nil {
		v, err = fn(u, id)
	}
	switch {
	case err != nil:
		a.fail(w, r, err)
	case status == http.StatusNoContent:
		w.WriteHeader(status)
	default:
		writeJSON(w, status, v)
	}
}

// byID is serve answering 200: a read or a change of the thing named by the path's {id}.
func (a *API) byID(w http.ResponseWriter, r *http.Request, fn call) {
	a.serve(w, r, http.StatusOK, fn)
}

// versioned is a body that carries the version of what it changes, as the client last read
// it; a change without one is refused, so that no one overwrites what they have not seen.
type versioned interface{ version() *int }

// body makes a call of fn, which takes the request's JSON body as In: the body is decoded
// (unknown fields refused, every problem a field error) and, when In is versioned, its
// version is required.
func body[In any](w http.ResponseWriter, r *http.Request, fn func(u *guantong.User, id int64, in In) (any, error)) call {
	return func(u *guantong.User, id int64) (any, error) {
		var in In
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		if v, ok := any(in).(versioned); ok && v.version() == nil {
			return nil, guantong.FieldErrors{{Field: "version", Message: "须提供最近读取的版本号"}}
		}
		return fn(u, id, in)
	}
}
