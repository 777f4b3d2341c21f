package province_test

import (
	"context"
	"testing"
	"time"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/province"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

var ctx = context.Background()

// now is a fixed day, so that the same seed gives the same province.
var now = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

// The generator writes the applications asked for over every district, spread over both
// kinds and many stages; the same seed gives the same province; the audit chain stays whole;
// a second run adds to the first without a clash of ID numbers.
func TestGenerate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		opts := province.Options{Applications: 3000, Seed: 7, Now: now, Batch: 1000, Employers: 40}
		stats, err := province.Generate(ctx, s, opts)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Applications != 3000 || stats.People != 3000 {
			t.Errorf("stats %+v", stats)
		}
		all, err := s.Applications(ctx, store.Filter{})
		if err != nil || len(all) != 3000 {
			t.Fatalf("%d applications, %v", len(all), err)
		}
		stages, kinds, regions := map[guantong.Stage]int{}, map[string]int{}, map[int64]bool{}
		for _, a := range all {
			stages[a.Stage]++
			kinds[a.Kind]++
			if a.OfficeID != 0 {
				regions[a.OfficeID] = true
			}
			if a.Kind == guantong.KindTitle && a.Stage == guantong.StageGranted && (a.Certificate == "" || a.CommitteeID == 0) {
				t.Fatalf("granted application %d without certificate or committee", a.ID)
			}
		}
		if len(stages) < 12 || kinds[guantong.KindTitle] < 1800 || kinds[guantong.KindSkill] < 600 || len(regions) != len(province.Regions) {
			t.Errorf("spread: %d stages %v, kinds %v, %d offices of %d regions", len(stages), stages, kinds, len(regions), len(province.Regions))
		}
		r, err := audit.Verify(ctx, s.DB())
		if err != nil || r.Problem != nil || r.Rows != 3 {
			t.Errorf("audit after generation: %+v, %v; want 3 whole rows (one per batch)", r, err)
		}

		again := storetest.Open(t, storetest.SQLite(t))
		if _, err := province.Generate(ctx, again, opts); err != nil {
			t.Fatal(err)
		}
		twin, err := again.Applications(ctx, store.Filter{})
		if err != nil || len(twin) != len(all) {
			t.Fatalf("same seed: %d applications, %v", len(twin), err)
		}
		for i := range all {
			if all[i].Name != twin[i].Name || all[i].Stage != twin[i].Stage || !all[i].CreatedAt.Equal(twin[i].CreatedAt) {
				t.Fatalf("same seed, application %d differs: %s %s / %s %s", i, all[i].Name, all[i].Stage, twin[i].Name, twin[i].Stage)
			}
		}

		if _, err := province.Generate(ctx, s, province.Options{Applications: 500, Seed: 7, Now: now, Employers: 40}); err != nil {
			t.Fatalf("a second run on the same database: %v", err)
		}
	})
}
