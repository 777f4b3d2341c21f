package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// recount is what application_counts must hold, counted from the applications themselves:
// the rows with a count above zero (migration 0014 keeps rows that fell to zero).
const recount = `SELECT scope, scope_id, kind, stage, COUNT(*) FROM (
    SELECT 'all' AS scope, 0 AS scope_id, kind, stage FROM applications
    UNION ALL SELECT 'person', person_id, kind, stage FROM applications
    UNION ALL SELECT 'employer', employer_id, kind, stage FROM applications
    UNION ALL SELECT 'office', office_id, kind, stage FROM applications WHERE office_id IS NOT NULL
    UNION ALL SELECT 'committee', committee_id, kind, stage FROM applications WHERE committee_id IS NOT NULL
    UNION ALL SELECT 'evaluator', evaluator_id, kind, stage FROM applications WHERE evaluator_id IS NOT NULL
    UNION ALL SELECT 'org', employer_id, kind, stage FROM applications
    UNION ALL SELECT 'org', evaluator_id, kind, stage FROM applications WHERE evaluator_id IS NOT NULL AND evaluator_id <> employer_id
) AS k GROUP BY scope, scope_id, kind, stage ORDER BY scope, scope_id, kind, stage`

// countRows reads a query of (scope, scope_id, kind, stage, n) rows as lines.
func countRows(t *testing.T, s *store.Store, q string) []string {
	t.Helper()
	rows, err := s.DB().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var scope, kind, stage string
		var id, n int64
		if err := rows.Scan(&scope, &id, &kind, &stage, &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d %s %s %d", scope, id, kind, stage, n))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The totals kept by migration 0014's triggers equal a count of the applications after
// every kind of change: bulk and single inserts, stage changes, a scope assigned and moved
// (the 职改办, the committee, the evaluation organisation, an employer that evaluates its own
// staff, counted once for its HR), a change that touches no count, and a deletion.
func TestCountsKeptByEveryChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newPageWorld(t, dsn) // 1,001 by the bulk insert
		s := w.s
		emp, off, com, _ := seed(t, s)
		kept := func(when string) {
			t.Helper()
			want := countRows(t, s, recount)
			got := countRows(t, s, `SELECT scope, scope_id, kind, stage, n FROM application_counts WHERE n <> 0 ORDER BY scope, scope_id, kind, stage`)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: the kept counts differ from a recount:\nkept    %v\ncounted %v", when, got, want)
			}
		}
		kept("after the bulk insert")
		ids := make([]int64, 0, worldSize)
		listed, err := s.Applications(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range listed {
			ids = append(ids, a.ID)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		stages := []guantong.Stage{guantong.StageRecommended, guantong.StageNotice, guantong.StageCommittee, guantong.StageResultNotice,
			guantong.StageGranted, guantong.StageFailed, guantong.StageWithdrawn}
		err = s.Write(ctx, func(tx *store.Tx) error {
			for i := range 300 {
				id := ids[rng.IntN(len(ids))]
				a, err := tx.Application(ctx, id)
				if err != nil {
					return err
				}
				switch i % 5 {
				case 0:
					a.Stage = stages[rng.IntN(len(stages))]
				case 1:
					a.OfficeID, a.Stage = off.ID, guantong.StageNotice
				case 2:
					a.CommitteeID, a.Stage = com.ID, guantong.StageCommittee
				case 3: // routed to an organisation, sometimes the employer itself (三(二)4)
					a.EvaluatorID = emp.ID
					if rng.IntN(2) == 0 {
						a.EvaluatorID = a.EmployerID
					}
				case 4: // a change that touches no count
					a.Specialty = "机械工程"
				}
				if err := tx.UpdateApplication(ctx, &a, a.Version); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		kept("after 300 changes")
		err = s.Write(ctx, func(tx *store.Tx) error {
			return tx.ExecForTest(ctx, fmt.Sprintf(`DELETE FROM applications WHERE id = %d`, ids[7]))
		})
		if err != nil {
			t.Fatal(err)
		}
		kept("after a deletion")
	})
}

// HR sees its staff's applications and those routed to it for evaluation, each once, also
// when it evaluates its own staff: the total is kept for that scope ('org'), and the pages,
// read from the two scopes' indexes apart, walk each application once, in order.
func TestEmployerOrEvaluatorPagesEachOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newPageWorld(t, dsn)
		s := w.s
		listed, err := s.Applications(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		mine := 0
		err = s.Write(ctx, func(tx *store.Tx) error {
			for i, a := range listed {
				if a.EmployerID == w.tangshan.ID || i%4 == 0 {
					mine++
				}
				if i%4 != 0 {
					continue
				}
				a.EvaluatorID = w.tangshan.ID // every fourth: routed to 唐山港口集团, about half of them its own staff
				if err := tx.UpdateApplication(ctx, &a.Application, 1); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		f := store.Filter{EmployerID: w.tangshan.ID, EvaluatorID: w.tangshan.ID}
		all, err := s.Applications(ctx, f) // one query, the OR
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != mine || mine <= worldSize/2 {
			t.Fatalf("HR's applications: %d, want %d", len(all), mine)
		}
		want := make([]int64, len(all))
		for i, a := range all {
			want[i] = a.ID
		}
		for _, p := range []store.Paging{{Limit: 50}, {Limit: 7, Oldest: true}, {Limit: 50, Cursor: store.LastPage}} {
			got := w.walk(t, f, p, p.Cursor == store.LastPage, len(all))
			exp := want
			if p.Oldest {
				exp = slices.Clone(want)
				slices.Reverse(exp)
			}
			if !slices.Equal(got, exp) {
				t.Errorf("paging %+v: %d ids, not the %d in order", p, len(got), len(exp))
			}
		}
		// A filter beyond scope and stage is counted from the rows, and agrees.
		page, err := s.ApplicationPage(ctx, store.Filter{EmployerID: w.tangshan.ID, EvaluatorID: w.tangshan.ID, Series: "工程"}, store.Paging{})
		n := 0
		for _, a := range all {
			if a.Series == "工程" {
				n++
			}
		}
		if err != nil || page.Total != n {
			t.Errorf("HR's 工程 applications: total %d, want %d (%v)", page.Total, n, err)
		}
	})
}

// Two transactions that change the same two applications in opposite orders deadlock on
// PostgreSQL, which rolls one back: that one is a conflict to try again (a 409), not an
// internal error, and the other commits.
func TestDeadlockIsAConflict(t *testing.T) {
	s := storetest.Open(t, storetest.Postgres(t))
	_, _, _, p := seed(t, s)
	apps := make([]guantong.Application, 2)
	err := s.Write(ctx, func(tx *store.Tx) error {
		for i := range apps {
			apps[i] = guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: p.EmployerID,
				Series: []string{"工程", "农业"}[i], Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageRecommended,
				Document: []byte(`{}`), CreatedAt: t0, UpdatedAt: t0}
			if err := tx.InsertApplication(ctx, &apps[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The first holds application 0 (and the totals of its stages); the second then holds
	// application 1 and waits for those totals; only then does the first reach for
	// application 1: a deadlock, whichever way the engine orders the rest. The first knows
	// the second waits by its server process (other tests share the server).
	held := make(chan struct{})
	second := make(chan int) // the second's server process
	errs := make(chan error, 2)
	change := func(tx *store.Tx, i int) error {
		a, err := tx.Application(ctx, apps[i].ID)
		if err != nil {
			return err
		}
		a.Stage = guantong.StageNotice
		return tx.UpdateApplication(ctx, &a, a.Version)
	}
	go func() {
		errs <- s.Write(ctx, func(tx *store.Tx) error {
			if err := change(tx, 0); err != nil {
				return err
			}
			close(held)
			pid := <-second
			for waiting := ""; waiting != "Lock"; {
				err := s.DB().QueryRowContext(ctx, `SELECT COALESCE(wait_event_type, '') FROM pg_stat_activity WHERE pid = $1`, pid).Scan(&waiting)
				if err != nil {
					return err
				}
			}
			return change(tx, 1)
		})
	}()
	go func() {
		<-held
		errs <- s.Write(ctx, func(tx *store.Tx) error {
			var pid int
			if err := tx.QueryRowForTest(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
				return err
			}
			second <- pid
			if err := change(tx, 1); err != nil {
				return err
			}
			return change(tx, 0)
		})
	}()
	var failed []error
	for range 2 {
		if err := <-errs; err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) != 1 || guantong.ErrorCode(failed[0]) != guantong.EConflict {
		t.Fatalf("one of two deadlocked transactions should fail as a conflict: %v", failed)
	}
}
