package population_test

import (
	"bufio"
	"bytes"
	"context"
	"testing"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/document"
	"guantong/internal/population"
)

func lines(t *testing.T, seed uint64, n int) [][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := population.New(seed, guantong.Date{}, catalog.Default()).Write(context.Background(), &buf, n, nil); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

// The same seed gives the same people, person i whatever n; another seed gives others.
func TestDeterministic(t *testing.T) {
	a, b, c := lines(t, 1, 500), lines(t, 1, 200), lines(t, 2, 200)
	for i := range b {
		if !bytes.Equal(a[i], b[i]) {
			t.Fatalf("seed 1, person %d differs between n=500 and n=200", i)
		}
	}
	same := 0
	for i := range c {
		if bytes.Equal(a[i], c[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 1 and 2 share %d of 200 people", same)
	}
}

// Every line is a well-formed check document, and the documented distributions show: every
// district, passports, title holders with targets, failing and missing assessments, work
// gaps, awards, codes outside the table; and no fact after the reference date.
func TestPlausible(t *testing.T) {
	const n = 20000
	cat := catalog.Default()
	ref := population.DefaultRef
	g := population.New(1, guantong.Date{}, cat)
	ls := lines(t, 1, n)
	if len(ls) != n {
		t.Fatalf("%d lines, want %d", len(ls), n)
	}
	var passports, titled, targets, failing, gaps, awards, outside, noWork int
	regions := map[string]int{}
	levels := map[guantong.SkillLevel]int{}
	for i, l := range ls {
		req, err := document.Decode(l)
		if err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, l)
		}
		p := req.Person
		regions[g.Person(i).Region]++
		if p.IDType == guantong.IDPassport {
			passports++
		}
		if len(p.Titles) > 0 {
			titled++
		}
		if len(p.Targets) > 0 {
			targets++
		}
		for _, a := range p.Assessments {
			if a.Result == "基本合格" || a.Result == "不合格" {
				failing++
				break
			}
		}
		switch len(p.Work) {
		case 0:
			noWork++
		case 2:
			gaps++
		}
		awards += len(p.Awards)
		var top guantong.SkillLevel
		for _, s := range p.Skills {
			if s.Obtained.After(ref) {
				t.Errorf("line %d: certificate dated %s after %s", i+1, s.Obtained, ref)
			}
			top = max(top, s.Level)
			if _, ok := cat.Name(s.OccupationCode); !ok {
				outside++
			}
		}
		levels[top]++
	}
	share := func(k int) float64 { return float64(k) / n }
	for _, c := range []struct {
		what     string
		got      float64
		min, max float64
	}{
		{"passports (2%)", share(passports), 0.01, 0.03},
		{"title holders (12%)", share(titled), 0.09, 0.15},
		{"targets (70% of title holders)", float64(targets) / float64(titled), 0.6, 0.8},
		{"a failing assessment (about 2% a year)", share(failing), 0.02, 0.12},
		{"no work history (30%)", share(noWork), 0.25, 0.35},
		{"a work gap (about 10%)", share(gaps), 0.05, 0.15},
		{"awards (under 1%)", share(awards), 0.002, 0.02},
		{"技师 or above (40%)", share(levels[guantong.Skill2] + levels[guantong.Skill1]), 0.3, 0.45},
	} {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s: %.3f, want between %.3f and %.3f", c.what, c.got, c.min, c.max)
		}
	}
	if outside == 0 {
		t.Error("no certificate outside the table")
	}
	for _, d := range guantong.Districts {
		if regions[d] == 0 {
			t.Errorf("nobody in %s", d)
		}
	}
	if regions["石家庄市"] < regions["辛集市"]*5 {
		t.Errorf("石家庄市 %d people, 辛集市 %d: the weights should follow population", regions["石家庄市"], regions["辛集市"])
	}
}
