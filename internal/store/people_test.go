package store_test

import (
	"testing"

	"guantong/internal/store/storetest"
)

// ApplicantsByID reads the people of many applications in one query; an ID without a record
// is absent, not an error.
func TestApplicantsByID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		_, _, _, p := seed(t, s)
		got, err := s.ApplicantsByID(ctx, []int64{p.ID, p.ID + 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[p.ID].Name != p.Name || got[p.ID].IDNumber != p.IDNumber {
			t.Errorf("ApplicantsByID: %+v, want only %+v", got, p)
		}
		if got, err := s.ApplicantsByID(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("no IDs: %v %v", got, err)
		}
	})
}
