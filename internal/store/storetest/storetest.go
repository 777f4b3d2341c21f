// Package storetest opens throwaway databases for tests: an SQLite file in t.TempDir(), and
// a fresh PostgreSQL schema when GUANTONG_TEST_POSTGRES names a server. With CI=true a test
// that needs PostgreSQL fails instead of skipping when the variable is unset.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"guantong/internal/store"
)

// EnvPostgres names the variable holding the URL of a PostgreSQL server for tests.
const EnvPostgres = "GUANTONG_TEST_POSTGRES"

// Each runs f as a subtest on a fresh SQLite file ("sqlite") and on a fresh PostgreSQL
// schema ("postgres"); the subtests may run in parallel.
func Each(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run(store.SQLite, func(t *testing.T) { f(t, SQLite(t)) })
	t.Run(store.Postgres, func(t *testing.T) { f(t, Postgres(t)) })
}

// SQLite returns the path of a new database file in a temporary directory.
func SQLite(t testing.TB) string {
	return filepath.Join(t.TempDir(), "guantong.db")
}

// Postgres returns the URL of a new, empty schema on the test server, dropped when the test
// ends. Without a server it skips the test, or fails it when CI=true.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must test PostgreSQL (.ci/run starts one)", EnvPostgres)
		}
		t.Skipf("%s is not set: skipping PostgreSQL (see .ci/run to start one)", EnvPostgres)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		t.Fatalf("create schema on %s: %v", EnvPostgres, err)
	}
	t.Cleanup(func() {
		db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a store on dsn and closes it when the test ends.
func Open(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
