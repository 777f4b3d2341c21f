package screen_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/population"
	"guantong/internal/screen"
	"guantong/internal/workbook"
)

// benchPeople is the population size of the benchmarks; GUANTONG_BENCH_PEOPLE overrides it
// (docs/performance.md runs it with 1000000).
func benchPeople(b *testing.B) int {
	if s := os.Getenv("GUANTONG_BENCH_PEOPLE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return 20000
}

// writePopulation writes n people of seed 1 to dir/people.jsonl.
func writePopulation(tb testing.TB, dir string, n int) string {
	tb.Helper()
	path := filepath.Join(dir, "people.jsonl")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	g := population.New(1, guantong.Date{}, catalog.Default())
	if err := g.Write(context.Background(), f, n, nil); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// screenFile is what `guantong screen` does: read, check, write the result and the summary.
func screenFile(tb testing.TB, in, out string, e *policy.Engine) *screen.Summary {
	tb.Helper()
	r, err := workbook.Open(in)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	o, err := screen.Create(out)
	if err != nil {
		tb.Fatal(err)
	}
	sum := screen.NewSummary()
	err = screen.Run(context.Background(), r, []screen.Checker{e}, screen.Options{AsOf: guantong.MakeDate(2026, 12, 31)},
		func(res *screen.Result) error {
			sum.Add(res)
			return o.Write(res)
		})
	if err != nil {
		o.Abort()
		tb.Fatal(err)
	}
	if err := o.Close(sum); err != nil {
		tb.Fatal(err)
	}
	return sum
}

// BenchmarkScreen measures a whole screening of a population file (JSON lines, as
// `guantong population` writes it) into each output format; people/s is the rate.
func BenchmarkScreen(b *testing.B) {
	n := benchPeople(b)
	dir := b.TempDir()
	in := writePopulation(b, dir, n)
	e := policy.New(policy.Default(), catalog.Default())
	for _, ext := range []string{"xlsx", "csv", "jsonl"} {
		b.Run(ext, func(b *testing.B) {
			out := filepath.Join(dir, "result."+ext)
			for b.Loop() {
				screenFile(b, in, out, e)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "people/s")
		})
	}
}
