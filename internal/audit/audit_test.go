package audit_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

var ctx = context.Background()

// fill appends n events, one transaction each.
func fill(t *testing.T, s *store.Store, n int) {
	t.Helper()
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		err := s.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.Audit(ctx, at.Add(time.Duration(i)*time.Second), "office1", "approve",
				fmt.Sprintf("application/%d", i), []byte(fmt.Sprintf(`{"to":"notice","version":%d}`, i)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// exec tampers with the database behind the store's back, as someone with the file or a
// database login could.
func exec(t *testing.T, s *store.Store, q string, args ...any) {
	t.Helper()
	if _, err := rawOf[s].ExecContext(ctx, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

var rawOf = map[*store.Store]*sql.DB{}

// tamperable opens a fresh database of dsn's engine with a connection that may write behind
// the store's back (the store's own SQLite pool is read-only).
func tamperable(t *testing.T, dsn string) *store.Store {
	t.Helper()
	d := storetest.SQLite(t)
	if store.IsPostgres(dsn) {
		d = storetest.Postgres(t)
	}
	s := storetest.Open(t, d)
	raw := s.DB()
	if !store.IsPostgres(d) {
		var err error
		if raw, err = sql.Open("sqlite", d); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
	}
	rawOf[s] = raw
	return s
}

// insert writes a forged row, hashed as the rows around it.
func insert(t *testing.T, s *store.Store, e *guantong.Event) {
	t.Helper()
	e.Hash = audit.Hash(e)
	exec(t, s, `INSERT INTO audit (seq, at, actor, action, subject, payload, prev_hash, hash, alg) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.Seq, e.At.UnixMilli(), e.Actor, e.Action, e.Subject, string(e.Payload), e.PrevHash, e.Hash, e.Alg)
}

// hashOf recomputes the hash of row seq as it now stands, for a forger who rehashes.
func hashOf(t *testing.T, s *store.Store, seq int64) string {
	t.Helper()
	var e guantong.Event
	var at int64
	var payload string
	err := s.DB().QueryRowContext(ctx, `SELECT seq, at, actor, action, subject, payload, prev_hash, alg FROM audit WHERE seq = $1`, seq).
		Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &payload, &e.PrevHash, &e.Alg)
	if err != nil {
		t.Fatal(err)
	}
	e.At, e.Payload = time.UnixMilli(at).UTC(), []byte(payload)
	return audit.Hash(&e)
}

func TestVerifyFindsTampering(t *testing.T) {
	type tamper struct {
		name string
		do   func(t *testing.T, s *store.Store)
		seq  int64
		kind string
	}
	tampers := []tamper{
		{"untouched", func(t *testing.T, s *store.Store) {}, 0, ""},
		{"payload edited", func(t *testing.T, s *store.Store) {
			exec(t, s, `UPDATE audit SET payload = '{"to":"granted"}' WHERE seq = 3`)
		}, 3, audit.Edited},
		{"actor edited and rehashed", func(t *testing.T, s *store.Store) {
			exec(t, s, `UPDATE audit SET actor = 'someone' WHERE seq = 3`)
			exec(t, s, `UPDATE audit SET hash = $1 WHERE seq = 3`, hashOf(t, s, 3))
		}, 3, audit.Edited},
		{"last row edited and rehashed", func(t *testing.T, s *store.Store) {
			exec(t, s, `UPDATE audit SET actor = 'someone' WHERE seq = 5`)
			exec(t, s, `UPDATE audit SET hash = $1 WHERE seq = 5`, hashOf(t, s, 5))
		}, 5, audit.Edited},
		{"middle row deleted", func(t *testing.T, s *store.Store) {
			exec(t, s, `DELETE FROM audit WHERE seq = 2`)
		}, 2, audit.Deleted},
		{"first row deleted", func(t *testing.T, s *store.Store) {
			exec(t, s, `DELETE FROM audit WHERE seq = 1`)
		}, 1, audit.Deleted},
		{"last row deleted", func(t *testing.T, s *store.Store) {
			exec(t, s, `DELETE FROM audit WHERE seq = 5`)
		}, 5, audit.Deleted},
		{"row deleted and the rest renumbered", func(t *testing.T, s *store.Store) {
			exec(t, s, `DELETE FROM audit WHERE seq = 2`)
			for seq := 3; seq <= 5; seq++ {
				exec(t, s, `UPDATE audit SET seq = $1 WHERE seq = $2`, seq-1, seq)
			}
			exec(t, s, `UPDATE audit_head SET seq = 4 WHERE id = 1`)
		}, 2, audit.Deleted},
		{"row inserted in the middle, the rest renumbered", func(t *testing.T, s *store.Store) {
			for seq := 5; seq >= 3; seq-- {
				exec(t, s, `UPDATE audit SET seq = $1 WHERE seq = $2`, seq+1, seq)
			}
			var prev string
			s.DB().QueryRowContext(ctx, `SELECT hash FROM audit WHERE seq = 2`).Scan(&prev)
			e := guantong.Event{Seq: 3, At: time.Date(2026, 11, 30, 9, 0, 2, 500e6, time.UTC), Actor: "forger", Action: "grant",
				Subject: "application/9", Payload: []byte(`{}`), PrevHash: prev, Alg: audit.SM3}
			insert(t, s, &e)
			exec(t, s, `UPDATE audit_head SET seq = 6 WHERE id = 1`)
		}, 3, audit.Inserted},
		{"row appended behind the head's back", func(t *testing.T, s *store.Store) {
			var prev string
			s.DB().QueryRowContext(ctx, `SELECT hash FROM audit WHERE seq = 5`).Scan(&prev)
			e := guantong.Event{Seq: 6, At: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Actor: "forger", Action: "grant",
				Subject: "application/9", Payload: []byte(`{}`), PrevHash: prev, Alg: audit.SM3}
			insert(t, s, &e)
		}, 6, audit.Inserted},
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		for _, tc := range tampers {
			t.Run(tc.name, func(t *testing.T) {
				s := tamperable(t, dsn)
				fill(t, s, 5)
				tc.do(t, s)
				r, err := audit.Verify(ctx, s.DB())
				if err != nil {
					t.Fatal(err)
				}
				if tc.kind == "" {
					if r.Problem != nil || r.Rows != 5 || r.HeadSeq != 5 {
						t.Errorf("report %+v", r)
					}
					return
				}
				if r.Problem == nil || r.Problem.Seq != tc.seq || r.Problem.Kind != tc.kind {
					t.Errorf("problem %+v, want %s at %d", r.Problem, tc.kind, tc.seq)
				}
			})
		}
	})
}

func TestEventsOfASubject(t *testing.T) {
	s := storetest.Open(t, storetest.SQLite(t))
	fill(t, s, 3)
	es, err := s.Events(ctx, "application/2")
	if err != nil || len(es) != 1 || es[0].Seq != 2 || es[0].Hash != audit.Hash(&es[0]) {
		t.Errorf("events %+v %v", es, err)
	}
}

// Several app servers append at once (two stores on one database, as two processes behind a
// load balancer would): the chain stays whole and no row is lost.
func TestConcurrentAppendsFromTwoServers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		a, b := storetest.Open(t, dsn), storetest.Open(t, dsn)
		const perWriter = 25
		var wg sync.WaitGroup
		errs := make(chan error, 8*perWriter)
		for i := range 8 {
			s := a
			if i%2 == 1 {
				s = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range perWriter {
					errs <- s.Write(ctx, func(tx *store.Tx) error {
						_, err := tx.Audit(ctx, time.Now(), fmt.Sprintf("server%d", i%2), "tick", fmt.Sprintf("w/%d", i), []byte(fmt.Sprintf(`{"j":%d}`, j)))
						return err
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		r, err := audit.Verify(ctx, a.DB())
		if err != nil || r.Problem != nil || r.Rows != 8*perWriter {
			t.Errorf("after concurrent appends: %+v %v", r, err)
		}
	})
}
