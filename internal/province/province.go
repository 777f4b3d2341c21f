// Package province fills a database with a province to try guantong on at volume: Hebei's
// districts, each with its 职改办, hundreds of employers of each kind, the committees of
// every series and level, evaluation organisations, and N people with one application each,
// spread over stages, routes and series by a seeded random source, so that the same seed
// gives the same province.
//
// It writes with multi-row INSERTs (store.BulkInsert), a transaction per batch, and appends
// one audit record per batch (action "demo.generate", subject "province") saying what it
// wrote: the generated applications carry no history of their own, and the audit chain stays
// whole, so `guantong audit verify` passes.
package province

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"guantong/internal/catalog"
	"guantong/internal/store"
)

// Options say what to generate.
type Options struct {
	Applications int       // how many (one person each)
	Seed         uint64    // the same seed gives the same province
	Employers    int       // of each kind; 0: 200
	Evaluators   int       // 0: 30
	Batch        int       // applications per transaction; 0: 20,000
	Now          time.Time // applications are created over the two years before it
	Catalog      *catalog.Catalog
	// Progress, when set, is called after each batch with the applications written so far.
	Progress func(done int)
}

// Stats say what was written.
type Stats struct {
	Organisations, People, Applications int
	Took                                time.Duration
}

// base is the first birth date of generated people.
var base = time.Date(1963, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate writes the province into st. Organisations that exist already (by kind and
// name, such as those of serve --demo) are kept and used.
func Generate(ctx context.Context, st *store.Store, o Options) (Stats, error) {
	start := time.Now()
	if o.Employers == 0 {
		o.Employers = 200
	}
	if o.Evaluators == 0 {
		o.Evaluators = 30
	}
	if o.Batch == 0 {
		o.Batch = 20000
	}
	if o.Catalog == nil {
		o.Catalog = catalog.Default()
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	g := &generator{o: o, r: r, occupations: o.Catalog.Entries()}
	var stats Stats
	var err error
	if stats.Organisations, err = g.organisations(ctx, st); err != nil {
		return stats, err
	}
	var first int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM people`).Scan(&first); err != nil {
		return stats, fmt.Errorf("province: count people: %w", err)
	}
	for done := 0; done < o.Applications; {
		n := min(o.Batch, o.Applications-done)
		err := st.Write(ctx, func(tx *store.Tx) error {
			people, apps := g.batch(first+done, n)
			if err := tx.InsertApplicants(ctx, people); err != nil {
				return err
			}
			for i := range apps {
				apps[i].PersonID = people[i].ID
			}
			if err := tx.InsertApplications(ctx, apps); err != nil {
				return err
			}
			payload, _ := json.Marshal(map[string]any{"applications": n, "people": n, "seed": o.Seed, "from": done, "generator": "guantong demo"})
			_, err := tx.Audit(ctx, time.Now(), "generator", "demo.generate", "province", payload)
			return err
		})
		if err != nil {
			return stats, fmt.Errorf("province: applications %d…%d: %w", done+1, done+n, err)
		}
		done += n
		stats.People, stats.Applications = done, done
		if o.Progress != nil {
			o.Progress(done)
		}
	}
	if err := st.Analyze(ctx); err != nil {
		return stats, err
	}
	stats.Took = time.Since(start)
	return stats, nil
}
