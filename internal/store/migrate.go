package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migrations holds one folder per engine with the same numbered files: 0001_init.sql, …
//
//go:embed migrations
var migrations embed.FS

// migrationLock is the name of the lock every migration transaction holds.
const migrationLock = "schema_migrations"

// migration is one numbered file.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations(engine string) ([]migration, error) {
	dir := "migrations/" + engine
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s/%s: name must be NNNN_what.sql", dir, e.Name())
		}
		b, err := migrations.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate runs, each in its own transaction, the migrations not yet recorded in
// schema_migrations. On PostgreSQL an advisory lock (Tx.Lock) keeps app servers that start
// together from running the same migration twice; on SQLite the write lock does.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations(s.engine)
	if err != nil {
		return err
	}
	// The lock comes before CREATE TABLE IF NOT EXISTS too: two servers creating the table at
	// once on PostgreSQL collide in its catalogue (a duplicate key on pg_type), IF NOT EXISTS
	// or not.
	err = s.Write(ctx, func(tx *Tx) error {
		if err := tx.Lock(ctx, migrationLock); err != nil {
			return err
		}
		_, err := tx.tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		err := s.Write(ctx, func(tx *Tx) error {
			if err := tx.Lock(ctx, migrationLock); err != nil {
				return err
			}
			var n int
			if err := tx.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if s.engine == Postgres {
				// Triggers deferred to commit (0020) fire as each statement of a migration runs,
				// so that a later statement of it may alter the table they fired on.
				if _, err := tx.tx.ExecContext(ctx, `SET CONSTRAINTS ALL IMMEDIATE`); err != nil {
					return err
				}
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.version, m.name, time.Now().UnixMilli())
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s/%s: %w", s.engine, m.name, err)
		}
	}
	return nil
}

// Version returns the highest migration applied.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
