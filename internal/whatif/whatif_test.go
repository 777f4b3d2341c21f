package whatif_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/data"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/population"
	"guantong/internal/screen"
	"guantong/internal/whatif"
	"guantong/internal/workbook"
)

var asOf = guantong.MakeDate(2026, 12, 31)

// draftTwoYears is a copy of the built-in policy file in which 技师 → 中级 needs 2 years
// instead of 3 (三(一)2).
func draftTwoYears(t *testing.T) *policy.Params {
	t.Helper()
	b, err := data.Policies.ReadFile("policy/" + policy.DefaultID + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	doc["id"] = "draft-2yr"
	changed := false
	for _, r := range doc["forward"].([]any) {
		rule := r.(map[string]any)
		if rule["skill"] == "技师" && rule["title"] == "中级" {
			rule["years"] = 2
			changed = true
		}
	}
	if !changed {
		t.Fatal("the built-in policy has no forward rule 技师 → 中级")
	}
	b, _ = json.Marshal(doc)
	p, err := policy.Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// 三(一)2 技师 → 中级 after 2 years instead of 3: the gainers the simulation reports on its
// 变化明细 sheet are exactly the people found by running the engine twice by hand, and
// nobody loses.
func TestTwoYearsForTechnicians(t *testing.T) {
	const n = 3000
	dir := t.TempDir()
	cat := catalog.Default()
	g := population.New(5, guantong.Date{}, cat)
	in := filepath.Join(dir, "people.jsonl")
	f, _ := os.Create(in)
	if err := g.Write(context.Background(), f, n, nil); err != nil {
		t.Fatal(err)
	}
	f.Close()
	inForce, draft := policy.New(policy.Default(), cat), policy.New(draftTwoYears(t), cat)

	out := filepath.Join(dir, "sim.xlsx")
	rep, err := whatif.NewReport(out)
	if err != nil {
		t.Fatal(err)
	}
	r, err := workbook.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := screen.Run(context.Background(), r, []screen.Checker{inForce, draft}, screen.Options{AsOf: asOf}, rep.Add); err != nil {
		t.Fatal(err)
	}
	if err := rep.Close(); err != nil {
		t.Fatal(err)
	}

	// By hand: an option eligible under the draft whose namesake under the policy in force
	// is not eligible or absent.
	var want []int
	for i := range n {
		p := g.Person(i).Person
		before := inForce.Check(guantong.Request{AsOf: asOf, Person: p})
		after := draft.Check(guantong.Request{AsOf: asOf, Person: p})
		for _, o := range after.Options {
			if o.Status != guantong.StatusEligible {
				continue
			}
			b, ok := before.Find(o.Route, o.Series, o.Level.String())
			if !ok || b.Status != guantong.StatusEligible {
				want = append(want, i+1)
				break
			}
		}
	}

	xf, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	rows, err := xf.GetRows("变化明细")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, row := range rows[1:] {
		if row[4] != whatif.Gain.String() {
			continue
		}
		if row[5] != "申报评审" || row[8] != "中级" {
			t.Errorf("row %s gains %s %s %s: only 中级 title review should change", row[0], row[5], row[6], row[8])
		}
		k, _ := strconv.Atoi(row[0])
		seen[k] = true
	}
	var got []int
	for k := range seen {
		got = append(got, k)
	}
	sort.Ints(got)
	if len(want) == 0 {
		t.Fatal("no gainers by hand: the population should hold 技师 between 2 and 3 years")
	}
	if !equal(got, want) {
		t.Errorf("gainers reported %d %v…, by hand %d %v…", len(got), head(got), len(want), head(want))
	}
	if rep.Gainers != len(want) || rep.Losers != 0 || rep.Read != n {
		t.Errorf("report: %d gainers, %d losers, %d read; want %d, 0, %d", rep.Gainers, rep.Losers, rep.Read, len(want), n)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func head(a []int) []int { return a[:min(len(a), 10)] }

func opt(status string, met string) guantong.Option {
	o := guantong.Option{Route: guantong.RouteTitleReview, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Status: status}
	if met != "" {
		o.YearsMetOn, _ = guantong.ParseDate(met)
	}
	return o
}

// Each kind of change, as Compare names it.
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after []guantong.Option
		want          []whatif.Kind
	}{
		{"gain: not_yet → eligible", []guantong.Option{opt("not_yet", "2027-06-30")}, []guantong.Option{opt("eligible", "2026-06-30")}, []whatif.Kind{whatif.Gain}},
		{"gain: a new eligible option", nil, []guantong.Option{opt("eligible", "")}, []whatif.Kind{whatif.Gain}},
		{"loss: eligible → ineligible", []guantong.Option{opt("eligible", "2026-06-30")}, []guantong.Option{opt("ineligible", "2026-06-30")}, []whatif.Kind{whatif.Loss}},
		{"loss: an eligible option gone", []guantong.Option{opt("eligible", "")}, nil, []whatif.Kind{whatif.Loss}},
		{"earlier: not_yet, a year sooner", []guantong.Option{opt("not_yet", "2029-06-30")}, []guantong.Option{opt("not_yet", "2028-06-30")}, []whatif.Kind{whatif.Earlier}},
		{"later: eligible, met later", []guantong.Option{opt("eligible", "2024-06-30")}, []guantong.Option{opt("eligible", "2025-06-30")}, []whatif.Kind{whatif.Later}},
		{"other: ineligible → needs_information", []guantong.Option{opt("ineligible", "")}, []guantong.Option{opt("needs_information", "")}, []whatif.Kind{whatif.Other}},
		{"none: the same", []guantong.Option{opt("not_yet", "2027-06-30")}, []guantong.Option{opt("not_yet", "2027-06-30")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := whatif.Compare(&guantong.Answer{Options: tc.before}, &guantong.Answer{Options: tc.after})
			var got []whatif.Kind
			for _, c := range cs {
				got = append(got, c.Kind)
			}
			if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
