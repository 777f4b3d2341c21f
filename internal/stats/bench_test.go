package stats_test

import (
	"context"
	"os"
	"testing"

	"guantong/internal/stats"
	"guantong/internal/stats/statstest"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

var ctx = context.Background()

// BenchmarkDashboard builds the whole dashboard (twelve charts, all GROUP BY) over 100,000
// generated applications, for the province and for one region (a 职改办's), on SQLite and,
// when GUANTONG_TEST_POSTGRES is set, on PostgreSQL (docs/performance.md). Seeding is
// outside the timing. STATS_BENCH_N changes the size.
func BenchmarkDashboard(b *testing.B) {
	n := 100_000
	if os.Getenv("STATS_BENCH_N") == "1000000" {
		n = 1_000_000
	}
	dsns := map[string]func(testing.TB) string{store.SQLite: storetest.SQLite}
	if os.Getenv(storetest.EnvPostgres) != "" {
		dsns[store.Postgres] = storetest.Postgres
	}
	for _, engine := range []string{store.SQLite, store.Postgres} {
		dsn, ok := dsns[engine]
		if !ok {
			continue
		}
		b.Run(engine, func(b *testing.B) {
			st := storetest.Open(b, dsn(b))
			statstest.Seed(b, st, n, "")
			if engine == store.Postgres {
				if _, err := st.DB().ExecContext(ctx, "ANALYZE"); err != nil {
					b.Fatal(err)
				}
			}
			for _, sc := range []store.Scope{{}, {Region: statstest.Regions[1]}} {
				name := "province"
				if sc.Region != "" {
					name = "region"
				}
				b.Run(name, func(b *testing.B) {
					for b.Loop() {
						d, err := stats.Build(ctx, st, sc)
						if err != nil || len(d.Charts) != 12 {
							b.Fatal(len(d.Charts), err)
						}
					}
				})
			}
		})
	}
}
