// Package service is what the JSON API and the web pages both call to act on applications:
// it checks the user's rights, runs the policy engine, changes state in one transaction
// with a version check, and appends every change to the audit log. Handlers stay thin: they
// decode the request, call one method and encode its result.
//
// Every method that acts for someone takes the user (*guantong.User, from Authenticate);
// nil is the public, who may only read notices, lodge objections, verify certificates and
// run the eligibility check. Errors are *guantong.Error (their Code maps to an HTTP status
// in one table), guantong.FieldErrors for input problems (400, with field paths), or
// *guantong.Ineligible when the engine refuses an application (422, with its reasons). The
// messages are in Chinese, for people.
package service

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/policy"
	"guantong/internal/ratelimit"
	"guantong/internal/store"
)

// Config is what a Service needs: a Store, and Policies or Engine.
type Config struct {
	Store    *store.Store
	Policies *policy.Set        // the dated policies: each application is judged by the one in force on its date
	Engine   *policy.Engine     // one policy alone, when Policies is nil
	Calendar *calendar.Calendar // nil: calendar.Default(), the statutory calendar with 调休
	Now      func() time.Time   // nil: time.Now; tests and the demo give their own clock
	// PolicyRefresh is how often the stored policies' counter is read, so that a policy
	// another app server scheduled is seen here (0: every 30 seconds; < 0: on every use).
	PolicyRefresh time.Duration
	Logger        *slog.Logger // nil: slog.Default()

	// Email says that notifications are also e-mailed (serve --smtp-addr): each message to a
	// user with an e-mail address goes into the outbox that a Mailer delivers.
	Email bool

	// StatsMaxAge is how old the statistics dashboard may be before it is counted again, in
	// the background (statscache.go); 0 counts it on every request.
	StatsMaxAge time.Duration

	SessionTTL time.Duration // how long a login lasts; 0: 12 hours
	BcryptCost int           // 0: bcrypt.DefaultCost; tests use bcrypt.MinCost
	// ComparePassword checks a password against its hash (nil: bcrypt's); tests count and
	// hold the comparisons through it.
	ComparePassword func(hash, password []byte) error
}

// Service is the application layer. It is safe for concurrent use; with PostgreSQL several
// processes may run one each on the same database.
type Service struct {
	store    *store.Store
	pol      *policies // the configured policies plus the stored ones
	cal      *calendar.Calendar
	now      func() time.Time
	log      *slog.Logger
	ttl      time.Duration
	cost     int
	cmp      func(hash, password []byte) error
	logins   *ratelimit.Limiter // failed logins, in the database: shared with every server
	email    bool
	mailWake chan struct{} // a Mailer waits on it; a step that may have queued e-mail wakes it
	stats    *statsCache
}

// New returns a service over the store and engine of cfg.
func New(cfg Config) *Service {
	s := &Service{store: cfg.Store, cal: cfg.Calendar, now: cfg.Now, log: cfg.Logger,
		ttl: cfg.SessionTTL, cost: cfg.BcryptCost, cmp: cfg.ComparePassword, email: cfg.Email, mailWake: make(chan struct{}, 1),
		stats: &statsCache{maxAge: cfg.StatsMaxAge, scopes: map[store.Scope]*statsEntry{}}}
	set := cfg.Policies
	if set == nil {
		set = policy.SetOf(cfg.Engine)
	}
	refresh := cfg.PolicyRefresh
	if refresh == 0 {
		refresh = 30 * time.Second
	}
	s.pol = newPolicies(set, refresh)
	if s.cal == nil {
		s.cal = calendar.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.ttl == 0 {
		s.ttl = 12 * time.Hour
	}
	s.logins = ratelimit.Logins(s.store)
	if s.cmp == nil {
		s.cmp = bcrypt.CompareHashAndPassword
	}
	if s.cost == 0 {
		s.cost = bcrypt.DefaultCost
	}
	if s.store != nil && refresh >= 0 {
		s.set() // the stored policies now, so that no step's transaction waits for their first read
	}
	return s
}

// Engine returns the engine of the policy in force today.
func (s *Service) Engine() *policy.Engine { return s.set().For(s.Today()) }

// Policies returns every dated policy the service judges by: the configured ones and those
// the admin scheduled.
func (s *Service) Policies() *policy.Set { return s.set() }

// Health reports the database engine (sqlite or postgres) and whether it answers, for the
// health check.
func (s *Service) Health(ctx context.Context) (engine string, err error) {
	return s.store.Engine(), s.store.Ping(ctx)
}

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.now() }

// Today returns today in Asia/Shanghai by the service's clock: the date every rule and
// notice is judged on.
func (s *Service) Today() guantong.Date { return guantong.Today(s.now()) }

// Check runs the eligibility check; a request without as_of is judged today. It is the same
// answer as `guantong check`.
func (s *Service) Check(req guantong.Request) guantong.Answer {
	if req.AsOf.IsZero() {
		req.AsOf = s.Today()
	}
	return s.set().Check(req)
}

// params returns the workflow numbers of the policy in force: notice lengths and the fraud
// bar.
func (s *Service) params() policy.Workflow { return s.Engine().Params().Workflow }

// signedIn refuses the public.
func signedIn(u *guantong.User) error {
	if u == nil {
		return guantong.Errorf(guantong.EUnauthorized, "请先登录")
	}
	return nil
}

// audit appends one event about subject to the log in tx, with payload encoded as JSON.
func (s *Service) audit(ctx context.Context, tx *store.Tx, u *guantong.User, action, subject string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("service: audit payload: %w", err)
	}
	_, err = tx.Audit(ctx, s.now(), u.Actor(), action, subject, b)
	return err
}

func subjectOf(kind string, id int64) string { return fmt.Sprintf("%s/%d", kind, id) }
