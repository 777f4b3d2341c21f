package certificate

import (
	"testing"

	"guantong"
)

// FuzzParseNumber: ParseNumber never panics, and a number it accepts is its own normal form
// and rebuilds to itself.
func FuzzParseNumber(f *testing.F) {
	f.Add(Number(2026, "工程", guantong.Title3, 123))
	s, _ := SkillNumber("冀装自评", 2026, 7)
	f.Add(s)
	f.Add("hb-2026-gc-3-000123-n")
	f.Add("HB-2026-GC-9-000123-0")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParseNumber(in)
		if err != nil {
			return
		}
		if !ValidNumber(p.Number) || Normalize(p.Number) != p.Number {
			t.Fatalf("%q parsed to %+v, not in normal form", in, p)
		}
		var again string
		switch p.Kind {
		case guantong.KindTitle:
			if p.Series == "" {
				return // QT or an unknown code: Number cannot rebuild it from a name
			}
			again = Number(p.Year, p.Series, p.Level, p.Seq)
		case guantong.KindSkill:
			again, err = SkillNumber(p.Prefix, p.Year, p.Seq)
			if err != nil {
				t.Fatal(err)
			}
		}
		if again != p.Number {
			t.Fatalf("%q: parsed %+v, rebuilt %q", in, p, again)
		}
	})
}
