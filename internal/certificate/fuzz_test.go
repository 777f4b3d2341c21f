package certificate

import (
	"testing"

	"guantong"
)

// FuzzParseNumber: ParseNumber never panics, and a number it accepts is its own normal form
// and rebuilds to itself.
func FuzzParseNumber(f *testing.F) {
	f.Add(Number(2026, "工程", guantong.Title3, 123))
	s, _ := SkillNumber("JZZP", 2026, 7)
	f.Add(s)
	old := "冀装自评-2026-000007-"
	f.Add(old + string(check(old[:len(old)-1])))
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
			if !isASCII(p.Prefix) {
				return // an old number with a Chinese prefix: read, never made again
			}
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7f {
			return false
		}
	}
	return true
}
