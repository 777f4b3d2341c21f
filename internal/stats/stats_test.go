package stats_test

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/chart"
	"guantong/internal/stats"
	"guantong/internal/stats/statstest"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// The dashboard's figures, counted by GROUP BY on each engine, equal the counts the
// generator made in Go: for the province and for one region (a 职改办's scope).
func TestDashboardCountsBothEngines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		st := storetest.Open(t, dsn)
		ex := statstest.Seed(t, st, 600, "")
		d, err := stats.Build(ctx, st, store.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Scope != "全省" {
			t.Errorf("scope %q", d.Scope)
		}
		checkDashboard(t, d, ex)
		exRegion := statstest.Seed(t, storetest.Open(t, storetest.SQLite(t)), 600, "唐山市") // the same choices, counted for one region
		dr, err := stats.Build(ctx, st, store.Scope{Region: "唐山市"})
		if err != nil {
			t.Fatal(err)
		}
		checkDashboard(t, dr, exRegion)
	})
}

func checkDashboard(t *testing.T, d stats.Dashboard, ex statstest.Expected) {
	t.Helper()
	names := map[string]func(string) string{
		"stage":         func(s string) string { return guantong.Stage(s).Name() },
		"series":        func(s string) string { return map[string]string{"": "（技能评价）"}[s] + s },
		"region":        func(s string) string { return s },
		"employer_kind": func(s string) string { return s },
		"level":         func(s string) string { return s },
		"route": func(s string) string {
			return map[string]string{guantong.RouteTitleReview: "申报评审", guantong.RouteTitleRecognition: "认定", guantong.RouteSkillEvaluation: "职业技能评价"}[s]
		},
	}
	for dim, want := range ex.ByDim {
		c := mustChart(t, d, dim)
		got := map[string]float64{}
		for _, r := range c.Rows {
			got[r.Label] = r.Values[0]
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d rows %v, want %d %v", dim, len(got), got, len(want), want)
		}
		for k, n := range want {
			if got[names[dim](k)] != float64(n) {
				t.Errorf("%s %q: %v, want %d", dim, k, got[names[dim](k)], n)
			}
		}
	}
	rates := rowsOf(mustChart(t, d, "pass_rates"))
	for g, n := range ex.Decided {
		label := g[0] + " · " + g[1]
		want := float64(int(1000*float64(ex.Passed[g])/float64(n)+0.5)) / 10
		if r := rates[label]; r == nil || r[1] != float64(n) || r[2] != float64(ex.Passed[g]) || r[0] != want {
			t.Errorf("pass rate %s: %v, want %d decided %d passed %.1f%%", label, r, n, ex.Passed[g], want)
		}
	}
	if len(rates) != len(ex.Decided) {
		t.Errorf("pass rates: %d rows, want %d", len(rates), len(ex.Decided))
	}
	// 五 大体平衡: a row for each committee that decided on both groups, and only those.
	bal := rowsOf(mustChart(t, d, "balance"))
	both := 0
	for g := range ex.Decided {
		if g[1] != "高技能人才组" {
			continue
		}
		o := [2]string{g[0], "其他申报人"}
		r := bal[g[0]]
		if ex.Decided[o] == 0 {
			if r != nil {
				t.Errorf("balance: %s decided on one group only, but has a row %v", g[0], r)
			}
			continue
		}
		both++
		if r == nil || r[2] != float64(ex.Decided[g]) || r[3] != float64(ex.Decided[o]) || r[0] != rates[g[0]+" · 高技能人才组"][0] {
			t.Errorf("balance %s: %v", g[0], r)
		}
	}
	if len(bal) != both {
		t.Errorf("balance: %d rows, want %d", len(bal), both)
	}
	days := rowsOf(mustChart(t, d, "stage_days"))
	for stage, vs := range ex.Days {
		r := days[guantong.Stage(stage).Name()]
		if r == nil || r[0] != float64(statstest.NearestRank(vs, 0.5)) || r[1] != float64(statstest.NearestRank(vs, 0.9)) || r[2] != float64(len(vs)) {
			t.Errorf("days in %s: %v, want median %d p90 %d of %d", stage, r, statstest.NearestRank(vs, 0.5), statstest.NearestRank(vs, 0.9), len(vs))
		}
	}
	certs := rowsOf(mustChart(t, d, "certificates"))
	for k, n := range ex.Certs {
		col := map[string]int{guantong.KindTitle: 0, guantong.KindSkill: 1}[k[1]]
		if r := certs[k[0]]; r == nil || r[col] != float64(n) {
			t.Errorf("certificates %s %s: %v, want %d", k[0], k[1], r, n)
		}
	}
	rev := rowsOf(mustChart(t, d, "revocations"))
	for m, n := range ex.Revocations {
		if r := rev[m]; r == nil || r[0] != float64(n) {
			t.Errorf("revocations %s: %v, want %d", m, r, n)
		}
	}
	obj := rowsOf(mustChart(t, d, "objections"))
	names2 := map[string]string{guantong.ObjectionOpen: "待处理", guantong.ObjectionUpheld: "异议成立", guantong.ObjectionDismissed: "异议不成立"}
	for s, n := range ex.Objections {
		if r := obj[names2[s]]; r == nil || r[0] != float64(n) {
			t.Errorf("objections %s: %v, want %d", s, r, n)
		}
	}
}

func mustChart(t *testing.T, d stats.Dashboard, id string) stats.Chart {
	t.Helper()
	c, ok := d.Chart(id)
	if !ok {
		t.Fatalf("no chart %s", id)
	}
	return c
}

func rowsOf(c stats.Chart) map[string][]float64 {
	out := map[string][]float64{}
	for _, r := range c.Rows {
		out[r.Label] = r.Values
	}
	return out
}

var dataValue = regexp.MustCompile(`data-row="(\d+)" data-col="(\d+)" data-value="([0-9.]+)"`)

// Each chart's Excel holds exactly the figures drawn: every bar or point of the SVG (its
// data-value) is the workbook's cell of the same row and column, and every row of the chart
// is in the workbook with all its values, on both engines.
func TestExcelMatchesChart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		st := storetest.Open(t, dsn)
		statstest.Seed(t, st, 300, "")
		d, err := stats.Build(ctx, st, store.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Charts {
			var buf bytes.Buffer
			if err := stats.WriteExcel(&buf, d.Scope, c); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(stats.SheetName)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3+len(c.Rows) || rows[0][0] != c.Title || rows[2][0] != c.Label {
				t.Fatalf("%s: workbook rows %d (%v), want title, scope, header and %d", c.ID, len(rows), rows[:min(3, len(rows))], len(c.Rows))
			}
			for i, r := range c.Rows {
				if rows[3+i][0] != r.Label {
					t.Errorf("%s row %d: label %q, want %q", c.ID, i, rows[3+i][0], r.Label)
				}
				for j, v := range r.Values {
					if got, _ := strconv.ParseFloat(rows[3+i][j+1], 64); got != v {
						t.Errorf("%s %s %s: workbook %q, chart %v", c.ID, r.Label, c.Columns[j], rows[3+i][j+1], v)
					}
				}
			}
			drawn := dataValue.FindAllStringSubmatch(chart.SVG(c), -1)
			if len(drawn) != len(c.Rows)*len(c.Draw) {
				t.Errorf("%s: %d marks drawn, want %d", c.ID, len(drawn), len(c.Rows)*len(c.Draw))
			}
			for _, m := range drawn {
				i, _ := strconv.Atoi(m[1])
				j, _ := strconv.Atoi(m[2])
				if rows[3+i][j+1] != m[3] {
					t.Errorf("%s row %d col %d: drawn %s, workbook %s", c.ID, i, j, m[3], rows[3+i][j+1])
				}
			}
		}
	})
}

// Percentile is the nearest rank over a histogram (五's days in stage).
func TestPercentile(t *testing.T) {
	h := []store.Count{{Key2: "0", N: 5}, {Key2: "3", N: 4}, {Key2: "10", N: 1}}
	for _, c := range []struct {
		p    float64
		want int
	}{{0.5, 0}, {0.6, 3}, {0.9, 3}, {0.95, 10}, {1, 10}} {
		if got := stats.Percentile(h, 10, c.p); got != c.want {
			t.Errorf("p%.2f: %d, want %d", c.p, got, c.want)
		}
	}
}
