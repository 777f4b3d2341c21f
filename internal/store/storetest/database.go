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
	base := os.Getenv(EnvPostgres)
	if base == "" {
		Postgres(t) // skips or fails as Postgres does
		return ""
	}
	var b [6]byte
	rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), "CREATE DATABASE "+name); err != nil {
		db.Close()
		t.Fatalf("create database on %s: %v", EnvPostgres, err)
	}
	t.Cleanup(func() {
		db.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
