package store_test

import (
	"database/sql"
	"sync"
	"testing"

	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// Issue 13.3: app servers that open one empty database at once all start, each finding the
// schema complete: CREATE TABLE schema_migrations runs under the migration lock too.
func TestOpenTogether(t *testing.T) {
	const servers = 8
	storetest.Each(t, func(t *testing.T, dsn string) {
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, servers)
		for i := range servers {
			wg.Go(func() {
				<-start
				s, err := store.Open(ctx, dsn)
				if err == nil {
					_, err = s.Version(ctx)
					s.Close()
				}
				errs[i] = err
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("server %d: %v", i, err)
			}
		}
	})
}

// The race of TestOpenTogether made certain on PostgreSQL: one server holds the migration
// lock with its CREATE TABLE schema_migrations not yet committed while the others start.
// They must wait for the lock rather than create the table beside it (which fails with a
// duplicate key in pg_type when the first commits).
func TestOpenWhileAnotherCreatesTheTable(t *testing.T) {
	const servers = 4
	dsn := storetest.Postgres(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	space, key := store.LockKey("schema_migrations")
	if _, err := first.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, space, key); err != nil {
		t.Fatal(err)
	}
	if _, err := first.ExecContext(ctx, `CREATE TABLE schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, servers)
	for i := range servers {
		wg.Go(func() {
			s, err := store.Open(ctx, dsn)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	// Commit only when every server waits, on the lock or (before the fix) on the table.
	for {
		var waiting int
		err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
			AND (query LIKE '%pg_advisory_xact_lock%' OR query LIKE '%CREATE TABLE IF NOT EXISTS schema_migrations%')`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		if waiting >= servers {
			break
		}
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("server %d: %v", i, err)
		}
	}
}
