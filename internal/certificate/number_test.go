package certificate

import (
	"fmt"
	"strings"
	"testing"

	"guantong"
)

func TestISO7064(t *testing.T) {
	// Published examples of MOD 37,36 (the last character is the check).
	for _, s := range []string{"A12425GABC1234002M", "B159D8FA01240000K", "188166C7342000003"} {
		if got := check(s[:len(s)-1]); got != s[len(s)-1] {
			t.Errorf("MOD 37,36 of %s = %c, want %c", s[:len(s)-1], got, s[len(s)-1])
		}
	}
	// The same hybrid system with modulus 10 is MOD 11,10: 079 → 2 (ISO/IEC 7064's example).
	if got := hybrid([]int{0, 7, 9}, 10); got != 2 {
		t.Errorf("MOD 11,10 of 079 = %d, want 2", got)
	}
}

func TestNumber(t *testing.T) {
	n := Number(2026, "工程", guantong.Title3, 123)
	if !strings.HasPrefix(n, "HB-2026-GC-3-000123-") || len(n) != len("HB-2026-GC-3-000123-X") {
		t.Fatalf("Number = %q", n)
	}
	p, err := ParseNumber(n)
	if err != nil {
		t.Fatal(err)
	}
	want := Parts{Kind: guantong.KindTitle, Year: 2026, SeriesCode: "GC", Series: "工程", Level: guantong.Title3, Seq: 123, Check: n[len(n)-1], Number: n}
	if p != want {
		t.Errorf("ParseNumber = %+v, want %+v", p, want)
	}
	for _, c := range []struct {
		series string
		level  guantong.TitleLevel
		part   string
	}{
		{"农业", guantong.Title1, "-NY-1-"},
		{"技工院校教师", guantong.Title2, "-JG-2-"},
		{"体育", guantong.Title4, "-TY-4-"},
		{"某新系列", guantong.Title5, "-QT-5-"},
	} {
		n := Number(2027, c.series, c.level, 1)
		p, err := ParseNumber(n)
		if !strings.Contains(n, c.part) || err != nil || p.Level != c.level {
			t.Errorf("Number(%s, %s) = %q; parsed %+v, %v", c.series, c.level, n, p, err)
		}
	}
	if got := Number(2026, "工程", guantong.Title3, 1234567); !ValidNumber(got) || !strings.Contains(got, "-1234567-") {
		t.Errorf("a seventh digit: %q", got)
	}
	if c := Counter(2026, "工程"); c != "HB-2026-GC" {
		t.Errorf("Counter = %q", c)
	}
}

func TestNumberPanics(t *testing.T) {
	for _, c := range []struct {
		year, seq int
		level     guantong.TitleLevel
	}{{26, 1, guantong.Title3}, {2026, 0, guantong.Title3}, {2026, 1, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Number(%d, %d, %d) did not panic", c.year, c.level, c.seq)
				}
			}()
			Number(c.year, "工程", c.level, c.seq)
		}()
	}
}

func TestSkillNumber(t *testing.T) {
	n, err := SkillNumber("JZZP", 2026, 7)
	if err != nil || !strings.HasPrefix(n, "JZZP-2026-000007-") {
		t.Fatalf("SkillNumber = %q, %v", n, err)
	}
	for _, r := range n {
		if r > 0x7f {
			t.Errorf("%q is not ASCII", n)
		}
	}
	p, err := ParseNumber(n)
	if err != nil || p.Kind != guantong.KindSkill || p.Prefix != "JZZP" || p.Seq != 7 || p.Year != 2026 {
		t.Errorf("ParseNumber(%q) = %+v, %v", n, p, err)
	}
	if n2, _ := SkillNumber("abc01", 2026, 7); !strings.HasPrefix(n2, "ABC01-") || !ValidNumber(strings.ToLower(n2)) {
		t.Errorf("lower-case prefix: %q", n2)
	}
	for _, bad := range []string{"", "J", "A-B", "HB", "A_B", "冀装自评", "JZ装", "ABCDEFGHIJKLM"} {
		if _, err := SkillNumber(bad, 2026, 1); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("prefix %q: %v", bad, err)
		}
	}
	// A number issued before prefixes were ASCII only still reads.
	old := "冀装自评-2026-000007-"
	old += string(check(old[:len(old)-1]))
	if p, err := ParseNumber(old); err != nil || p.Prefix != "冀装自评" {
		t.Errorf("an old number: %+v, %v", p, err)
	}
	if c := SkillCounter("jzzp", 2026); c != "JZZP-2026" {
		t.Errorf("SkillCounter = %q", c)
	}
}

func TestParseNumber(t *testing.T) {
	n := Number(2026, "工程", guantong.Title2, 42)
	lower := strings.ToLower(n)
	wide := strings.NewReplacer("-", "－", "H", "Ｈ", "2", "２").Replace(n)
	for _, in := range []string{n, lower, " " + n + " ", wide, strings.ReplaceAll(n, "-", "—")} {
		p, err := ParseNumber(in)
		if err != nil || p.Number != n {
			t.Errorf("ParseNumber(%q) = %+v, %v", in, p, err)
		}
	}
	body := n[:len(n)-1]
	for _, c := range []struct{ name, in, msg string }{
		{"wrong check character", body + string(other(n[len(n)-1])), "校验位不符"},
		{"mistyped sequence", strings.Replace(n, "000042", "000043", 1), "校验位不符"},
		{"level 6", strings.Replace(body, "-2-", "-6-", 1) + "0", "层级"},
		{"series of three letters", strings.Replace(n, "-GC-", "-GCX-", 1), "系列代码"},
		{"two-digit year", strings.Replace(n, "2026", "26", 1), "年份"},
		{"short sequence", strings.Replace(n, "000042", "42", 1), "序号"},
		{"sequence zero", "HB-2026-GC-2-000000-0", "为零"},
		{"no check", body[:len(body)-1], "格式"},
		{"empty", "", "格式"},
		{"words", "not a number", "格式"},
	} {
		_, err := ParseNumber(c.in)
		if guantong.ErrorCode(err) != guantong.EInvalid || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: ParseNumber(%q) = %v, want %q", c.name, c.in, err, c.msg)
		}
	}
}

func other(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

// TestTypos checks the promise of the scheme: every single mistyped character and every swap
// of two adjacent different characters (hyphens skipped) is refused.
func TestTypos(t *testing.T) {
	var numbers []string
	for seq := 1; seq <= 300; seq += 37 {
		numbers = append(numbers, Number(2026, "工程", guantong.TitleLevel(1+seq%5), seq))
		s, _ := SkillNumber("HBZ01", 2027, seq)
		numbers = append(numbers, s)
	}
	subs, swaps := 0, 0
	for _, n := range numbers {
		b := []byte(n)
		var pos []int // positions of letters and digits
		for i, c := range b {
			if c != '-' {
				pos = append(pos, i)
			}
		}
		for _, i := range pos {
			orig := b[i]
			for _, c := range []byte(alphanumeric) {
				if c == orig {
					continue
				}
				b[i] = c
				if ValidNumber(string(b)) {
					t.Errorf("%s: %c→%c at %d still valid: %s", n, orig, c, i, b)
				}
				subs++
			}
			b[i] = orig
		}
		for k := 0; k+1 < len(pos); k++ {
			i, j := pos[k], pos[k+1]
			if b[i] == b[j] {
				continue
			}
			b[i], b[j] = b[j], b[i]
			if ValidNumber(string(b)) {
				t.Errorf("%s: swap at %d,%d still valid: %s", n, i, j, b)
			}
			swaps++
			b[i], b[j] = b[j], b[i]
		}
	}
	t.Logf("%d substitutions and %d swaps refused", subs, swaps)
}

func ExampleNumber() {
	n := Number(2026, "工程", guantong.Title3, 123)
	p, _ := ParseNumber(n)
	fmt.Println(n, p.Series, p.Level, p.Seq, ValidNumber(n))
	// Output: HB-2026-GC-3-000123-N 工程 中级 123 true
}

// A number typed without its hyphens is checked by its check character alone, and matches
// the compact form of the number issued.
func TestParseCompact(t *testing.T) {
	title := Number(2026, "工程", guantong.Title3, 123)
	skill, _ := SkillNumber("S1300001", 2026, 7)
	for _, n := range []string{title, skill} {
		typed := strings.ToLower(strings.ReplaceAll(n, "-", ""))
		c, err := ParseCompact(typed)
		if err != nil || c != Compact(n) {
			t.Errorf("%s typed %s: %q %v", n, typed, c, err)
		}
		b := []byte(Compact(n))
		b[len(b)-4] = other(b[len(b)-4])
		if _, err := ParseCompact(string(b)); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("typo %s accepted", b)
		}
	}
	for _, in := range []string{"", "HB-2026", "HB2026", "HB2026GC3000123中"} {
		if _, err := ParseCompact(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
