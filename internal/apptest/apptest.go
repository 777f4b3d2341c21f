// Package apptest starts app servers for tests as serve --demo does: each on its own store
// (so that two on one PostgreSQL database are two servers behind one address), the demo
// province loaded, the API and the pages on one httptest server.
package apptest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong/internal/api"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/web"
)

// Config adjusts a server; the zero value is the demo at the real time.
type Config struct {
	Now             func() time.Time                  // nil: time.Now
	ComparePassword func(hash, password []byte) error // nil: bcrypt's; tests count comparisons through it
	// DemoClock gives the server serve --demo's clock, which the admin may move forward
	// (POST /api/v1/demo/clock), reading Now (or the real time) plus what it was moved; as
	// there, sessions last long enough not to expire on the way.
	DemoClock bool
}

// Start starts one app server on dsn and closes it when the test ends.
func Start(t testing.TB, dsn string, cfg Config) *httptest.Server {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sc := service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: cfg.Now, BcryptCost: bcrypt.MinCost, ComparePassword: cfg.ComparePassword}
	var clock *service.Clock
	if cfg.DemoClock {
		clock = service.NewClock(cfg.Now)
		sc.Now, sc.SessionTTL = clock.Now, 400*24*time.Hour
	}
	svc := service.New(sc)
	if _, err := svc.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(api.Config{Service: svc, DemoClock: clock}).Routes(mux)
	web.New(web.Config{Service: svc, DemoClock: clock}).Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
