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
}

// Start starts one app server on dsn and closes it when the test ends.
func Start(t testing.TB, dsn string, cfg Config) *httptest.Server {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: cfg.Now, BcryptCost: bcrypt.MinCost, ComparePassword: cfg.ComparePassword})
	if _, err := svc.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(api.Config{Service: svc}).Routes(mux)
	web.New(web.Config{Service: svc}).Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
