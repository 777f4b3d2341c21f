package committee

import (
	"strings"
	"testing"
)

// FuzzLoadRules: any input is refused with field errors or gives rules that hold the
// invariants the meeting relies on.
func FuzzLoadRules(f *testing.F) {
	f.Add(validRules)
	f.Add(`{}`)
	f.Add(`{"id":"x","name":"n","quorum":"1/0","groups":[{"name":"高技能人才组","skilled":true,"methods":[{"method":"业绩评审","weight":100,"pass_score":1e400}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		r, err := LoadRules(strings.NewReader(in))
		if err != nil {
			return
		}
		if !r.Quorum.Valid() || !r.Pass.Valid() || (r.PassBase != BaseEligible && r.PassBase != BasePresent) {
			t.Fatalf("fractions %s %s %q", r.Quorum, r.Pass, r.PassBase)
		}
		if g, ok := r.Group(SkilledGroup); !ok || !g.Skilled {
			t.Fatal("no skilled group")
		}
		for _, g := range r.Groups {
			sum := 0
			for _, m := range g.Methods {
				sum += m.Weight
				if !known(Methods, m.Method) || !m.PassScore.Valid() {
					t.Fatalf("method %+v", m)
				}
			}
			if sum != 100 {
				t.Fatalf("%s: weights %d", g.Name, sum)
			}
		}
	})
}

// FuzzParsePoints: whatever is accepted is a valid score that prints back to itself.
func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{"85", "85.5", "100.00", "0.01", "-1", "1e2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParsePoints(in)
		if err != nil {
			return
		}
		if !p.Valid() {
			t.Fatalf("%q → %d", in, p)
		}
		if q, err := ParsePoints(p.String()); err != nil || q != p {
			t.Fatalf("%q → %s → %d, %v", in, p, q, err)
		}
	})
}
