// Package storetest opens throwaway databases for tests: an SQLite file in t.TempDir(), and
// a fresh PostgreSQL schema when GUANTONG_TEST_POSTGRES names a server. With CI=true a test
// that needs PostgreSQL fails instead of skipping when the variable is unset.
package storetest

import (
	"context"
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
	schema, u := create(t, "SCHEMA", "CASCADE")
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
