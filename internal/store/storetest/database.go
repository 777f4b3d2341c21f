package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
)

// PostgresDatabase returns the URL of a new, empty database on the test server, dropped when
// the test ends. Unlike Postgres (a schema chosen by search_path, which only pgx reads), it
// is a URL that pg_dump, pg_restore and psql accept too. Without a server it skips, or fails
// when CI=true.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	name, u := create(t, "DATABASE", "WITH (FORCE)")
	u.Path = "/" + name
	return u.String()
}

// create makes a schema or database (kind) of a new name on the test server, dropped with
// the drop option when the test ends, and returns the name and the server's URL.
func create(t testing.TB, kind, drop string) (string, *url.URL) {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must test PostgreSQL (.ci/run starts one)", EnvPostgres)
		}
		t.Skipf("%s is not set: skipping PostgreSQL (see .ci/run to start one)", EnvPostgres)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), "CREATE "+kind+" "+name); err != nil {
		db.Close()
		t.Fatalf("create %s on %s: %v", kind, EnvPostgres, err)
	}
	t.Cleanup(func() {
		db.ExecContext(context.Background(), "DROP "+kind+" "+name+" "+drop)
		db.Close()
	})
	return name, u
}
