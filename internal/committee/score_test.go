package committee

import (
	"encoding/json"
	"testing"

	"guantong"
)

func TestParsePoints(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Points
		ok   bool
	}{
		{"85", 8500, true},
		{"85.5", 8550, true},
		{"85.05", 8505, true},
		{"0", 0, true},
		{"100", 10000, true},
		{"100.00", 10000, true},
		{"100.01", 0, false},
		{"85.555", 0, false},
		{"85.", 0, false},
		{".5", 0, false},
		{"-1", 0, false},
		{"1e2", 0, false},
		{"", 0, false},
	} {
		got, err := ParsePoints(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePoints(%q) = %v, %v", c.in, got, err)
		}
	}
	if s := Points(8505).String(); s != "85.05" {
		t.Errorf("String = %q", s)
	}
}

func TestCombinedScore(t *testing.T) {
	g := &Group{Name: "高技能人才组", Methods: []MethodRule{
		{Method: MethodPerformance, Weight: 50}, {Method: MethodPractical, Weight: 30}, {Method: MethodInterview, Weight: 20},
	}}
	for _, c := range []struct {
		name   string
		scores map[string][]Points
		want   Points
		code   string
	}{
		{"weighted mean of the method means", map[string][]Points{
			MethodPerformance: {8000, 9000}, MethodPractical: {7000}, MethodInterview: {6000, 6000, 6000},
		}, 7550, ""}, // 85×50% + 70×30% + 60×20% = 42.5 + 21 + 12
		{"a method mean rounds half up: 85.125 → 85.13", map[string][]Points{
			MethodPerformance: {8512, 8513, 8512, 8513}, MethodPractical: {8513}, MethodInterview: {8513},
		}, 8513, ""},
		{"the weighted sum rounds half up once: 85.01×50% + 85×30% + 85×20% = 85.005 → 85.01", map[string][]Points{
			MethodPerformance: {8501}, MethodPractical: {8500}, MethodInterview: {8500},
		}, 8501, ""},
		{"a method without a score", map[string][]Points{
			MethodPerformance: {8000}, MethodPractical: {7000},
		}, 0, guantong.EConflict},
		{"a method the group does not use", map[string][]Points{
			MethodPerformance: {8000}, MethodPractical: {7000}, MethodInterview: {6000}, MethodTheory: {9000},
		}, 0, guantong.EInvalid},
	} {
		got, err := CombinedScore(g, c.scores)
		if got != c.want || guantong.ErrorCode(err) != c.code {
			t.Errorf("%s: CombinedScore = %s, %v; want %s, code %q", c.name, got, err, c.want, c.code)
		}
	}
}

func TestAchievementPoints(t *testing.T) {
	g := &Group{Achievements: []AchievementRule{
		{Type: AchContest, Points: 10, Cap: 30}, {Type: AchStandard, Points: 20},
	}, AchievementCap: 50}
	a := func(typ string, n int) []Achievement {
		var as []Achievement
		for range n {
			as = append(as, Achievement{Type: typ, Title: typ})
		}
		return as
	}
	for _, c := range []struct {
		name string
		as   []Achievement
		want Points
	}{
		{"none", nil, 0},
		{"points per achievement", a(AchContest, 2), 2000},
		{"capped per type", a(AchContest, 5), 3000},
		{"a type not counted gives nothing", a(AchReport, 3), 0},
		{"capped in all", append(a(AchContest, 3), a(AchStandard, 2)...), 5000},
	} {
		if got := AchievementPoints(g, c.as); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// Points travel in JSON as numbers with two decimals, and are read back from numbers or
// strings within the limits of ParsePoints.
func TestPointsJSON(t *testing.T) {
	b, err := json.Marshal(struct{ P Points }{8550})
	if err != nil || string(b) != `{"P":85.50}` {
		t.Errorf("marshal: %s %v", b, err)
	}
	for in, want := range map[string]Points{`85.5`: 8550, `"85.25"`: 8525, `100`: 10000, `0`: 0} {
		var p Points
		if err := json.Unmarshal([]byte(in), &p); err != nil || p != want {
			t.Errorf("%s: %d %v", in, p, err)
		}
	}
	for _, in := range []string{`100.01`, `-1`, `85.555`, `8.5e1`, `"x"`, `null`, `true`} {
		var p Points
		if err := json.Unmarshal([]byte(in), &p); err == nil {
			t.Errorf("%s accepted as %d", in, p)
		}
	}
}
