package audit_test

import (
	"fmt"
	"testing"
	"time"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// AppendAll writes the rows that as many Appends would, hashes included, across more than
// one INSERT, and the chain verifies after it and after a later Append.
func TestAppendAll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		entries := make([]audit.Entry, 1203) // many INSERTs, the last one short
		for i := range entries {
			entries[i] = audit.Entry{Actor: "hr", Action: "import_staff_person", Subject: fmt.Sprintf("person/%d", i+1),
				Payload: []byte(fmt.Sprintf(`{"row":%d}`, i+2))}
		}
		one, many := storetest.Open(t, storetest.SQLite(t)), storetest.Open(t, dsn)
		for _, s := range []*store.Store{one, many} {
			fill(t, s, 3)
		}
		var want, got []guantong.Event
		err := one.Write(ctx, func(tx *store.Tx) error {
			for _, e := range entries {
				ev, err := tx.Audit(ctx, at, e.Actor, e.Action, e.Subject, e.Payload)
				if err != nil {
					return err
				}
				want = append(want, ev)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = many.Write(ctx, func(tx *store.Tx) error {
			got, err = tx.AuditAll(ctx, at, entries)
			if err != nil {
				return err
			}
			_, err = tx.Audit(ctx, at, "hr", "import_staff", "organisation/1", []byte(`{}`))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || got[0].Seq != 4 || got[len(got)-1].Hash != want[len(want)-1].Hash {
			t.Fatalf("AppendAll gave %d events, first seq %d, last hash %s; Append %d, last hash %s",
				len(got), got[0].Seq, got[len(got)-1].Hash, len(want), want[len(want)-1].Hash)
		}
		stored, err := many.Events(ctx, "person/1203")
		if err != nil || len(stored) != 1 || stored[0].Hash != want[1202].Hash || stored[0].Seq != 1206 {
			t.Errorf("the last row as stored: %+v %v", stored, err)
		}
		r, err := audit.Verify(ctx, many.DB())
		if err != nil || r.Problem != nil {
			t.Errorf("verify after AppendAll: %+v %v", r.Problem, err)
		}
	})
}
