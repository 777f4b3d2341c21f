// Package certificate numbers, masks, prints and exports the certificates guantong grants.
//
// # Numbers
//
// A professional title granted by a committee is numbered
//
//	HB-{year}-{series}-{level}-{seq}-{check}      e.g. HB-2026-GC-3-000123-N
//
// HB is Hebei; year is the year of the grant; series is the two-letter code of the series
// (guantong.SeriesCode: GC 工程, NY 农业, GM 工艺美术, WB 文物博物, SY 实验技术, YS 艺术,
// TY 体育, JG 技工院校教师, QT any other); level is one digit, 1 正高级, 2 副高级, 3 中级,
// 4 助理级, 5 员级 (the numbering of the constants Title1…Title5); seq is the sequence, at
// least six digits, counting from 1 for each year and series (the counter named by Counter);
// check is one character.
//
// A skill certificate is numbered by the organisation that issues it:
//
//	{prefix}-{year}-{seq}-{check}                e.g. JZZP-2026-000007-4
//
// where prefix is the organisation's own (guantong.Organisation.CertPrefix: 2 to 12 ASCII
// letters and digits, such as the pinyin initials of its name) and seq counts per prefix and
// year (SkillCounter). Numbers are ASCII only, so that the verification address printed on
// paper and held in the QR code (/verify/JZZP-2026-000007-4) can be typed as it reads.
// Numbers issued before this rule with a Chinese prefix (冀装自评-2026-000007-L) are still
// read and verified; no new one is made.
//
// The check character is ISO/IEC 7064 MOD 37,36 (the hybrid system for alphanumeric
// strings) computed over every character of the number but the hyphens, digits valued 0-9
// and letters A-Z 10-35; a character of an old Chinese prefix is valued at its code point
// modulo 36. MOD 37,36 catches every single mistyped letter or digit and every swap of two
// adjacent different characters (TestTypos tries them all on a sample), so a typo is
// refused before any look-up ("编号有误") instead of looking like a forged certificate
// ("查无此证"). Numbers are read case-insensitively, with full-width characters and dashes
// folded (Normalize).
package certificate

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"guantong"
)

// TitlePrefix starts every title certificate number.
const TitlePrefix = "HB"

// series lists the series whose codes ParseNumber maps back to a name; the codes themselves
// are guantong.SeriesCode's, so both stay one table.
var series = []string{"工程", "农业", "工艺美术", "文物博物", "实验技术", "艺术", "体育", "技工院校教师"}

// SeriesName returns the series of a two-letter code, "" for QT or an unknown code.
func SeriesName(code string) string {
	for _, s := range series {
		if guantong.SeriesCode(s) == code {
			return s
		}
	}
	return ""
}

// levelDigit numbers title levels as the constants are named: 正高级 1 … 员级 5.
func levelDigit(l guantong.TitleLevel) int { return int(guantong.Title1) + 1 - int(l) }

func levelOfDigit(d int) guantong.TitleLevel {
	return guantong.TitleLevel(int(guantong.Title1) + 1 - d)
}

// Counter names the store's counter of title certificates for a year and series: the
// sequence of Number counts per counter.
func Counter(year int, series string) string {
	return fmt.Sprintf("%s-%04d-%s", TitlePrefix, year, guantong.SeriesCode(series))
}

// SkillCounter names the counter of an issuer's skill certificates for a year.
func SkillCounter(prefix string, year int) string {
	return fmt.Sprintf("%s-%04d", Normalize(prefix), year)
}

// Number returns the number of a title certificate. It panics on a year outside 1000-9999,
// a level that is not one of the five or a sequence below 1: those come from the grant's
// date, a validated application and the store's counter, never from input.
func Number(year int, series string, level guantong.TitleLevel, seq int) string {
	if year < 1000 || year > 9999 || !level.Valid() || seq < 1 {
		panic(fmt.Sprintf("certificate.Number(%d, %q, %d, %d): out of range", year, series, level, seq))
	}
	body := fmt.Sprintf("%s-%04d-%s-%d-%06d", TitlePrefix, year, guantong.SeriesCode(series), levelDigit(level), seq)
	return body + "-" + string(check(body))
}

// SkillNumber returns the number of a skill certificate of an issuer. The prefix holds 2 to
// 12 ASCII letters and digits (case folded), nothing else.
func SkillNumber(prefix string, year, seq int) (string, error) {
	prefix = Normalize(prefix)
	if err := checkPrefix(prefix); err != nil {
		return "", err
	}
	for i := 0; i < len(prefix); i++ {
		if !isAlnum(prefix[i]) {
			return "", guantong.Errorf(guantong.EInvalid, "证书编号前缀 %q 只能由英文字母和数字组成（如单位名称的拼音首字母），以便证书上的查验网址可以照样输入", prefix)
		}
	}
	if year < 1000 || year > 9999 || seq < 1 {
		return "", guantong.Errorf(guantong.EInvalid, "证书年份 %d 或序号 %d 超出范围", year, seq)
	}
	body := fmt.Sprintf("%s-%04d-%06d", prefix, year, seq)
	return body + "-" + string(check(body)), nil
}

func checkPrefix(p string) error {
	n := utf8.RuneCountInString(p)
	if n < 2 || n > 12 || strings.ContainsAny(p, "- ") || p == TitlePrefix {
		return guantong.Errorf(guantong.EInvalid, "证书编号前缀 %q 须为 2 至 12 个字母、数字或汉字，不含连字符，且不能为 %s", p, TitlePrefix)
	}
	for _, r := range p {
		if r < 0x80 && !isAlnum(byte(r)) {
			return guantong.Errorf(guantong.EInvalid, "证书编号前缀 %q 含有字符 %q", p, r)
		}
	}
	return nil
}

// Parts are the parts of a certificate number.
type Parts struct {
	Kind       string // guantong.KindTitle or guantong.KindSkill
	Year       int
	SeriesCode string              // titles: GC…; QT for a series without a code
	Series     string              // titles: the series of the code, "" for QT
	Level      guantong.TitleLevel // titles
	Prefix     string              // skill certificates: the issuer's prefix
	Seq        int
	Check      byte
	Number     string // the number in its normal form (Normalize)
}

// ParseNumber reads a certificate number, after Normalize, and checks its form and its check
// character. Errors are EInvalid with a message for the person who typed it.
func ParseNumber(s string) (Parts, error) {
	n := Normalize(s)
	fields := strings.Split(n, "-")
	bad := func(format string, args ...any) (Parts, error) {
		return Parts{}, guantong.Errorf(guantong.EInvalid, "证书编号 %q 有误：%s", s, fmt.Sprintf(format, args...))
	}
	var p Parts
	switch {
	case len(fields) == 6 && fields[0] == TitlePrefix:
		p.Kind = guantong.KindTitle
		if len(fields[2]) != 2 || !isUpper(fields[2][0]) || !isUpper(fields[2][1]) {
			return bad("系列代码 %q 须为两个字母", fields[2])
		}
		p.SeriesCode, p.Series = fields[2], SeriesName(fields[2])
		if len(fields[3]) != 1 || fields[3][0] < '1' || fields[3][0] > '5' {
			return bad("层级 %q 须为 1 至 5 的一位数字", fields[3])
		}
		p.Level = levelOfDigit(int(fields[3][0] - '0'))
		fields = []string{fields[0], fields[1], fields[4], fields[5]}
	case len(fields) == 4:
		p.Kind = guantong.KindSkill
		if err := checkPrefix(fields[0]); err != nil {
			return bad("前缀 %q 不对", fields[0])
		}
		p.Prefix = fields[0]
	default:
		return bad("格式应为 HB-年份-系列-层级-序号-校验位，或 前缀-年份-序号-校验位")
	}
	if len(fields[1]) != 4 || !isDigits(fields[1]) {
		return bad("年份 %q 须为四位数字", fields[1])
	}
	p.Year, _ = strconv.Atoi(fields[1])
	if len(fields[2]) < 6 || len(fields[2]) > 9 || !isDigits(fields[2]) {
		return bad("序号 %q 须为 6 至 9 位数字", fields[2])
	}
	p.Seq, _ = strconv.Atoi(fields[2])
	if p.Seq < 1 || p.Year < 1000 {
		return bad("年份或序号为零")
	}
	if len(fields[3]) != 1 || !isAlnum(fields[3][0]) {
		return bad("校验位 %q 须为一个字母或数字", fields[3])
	}
	p.Check = fields[3][0]
	body := n[:len(n)-2]
	if want := check(body); want != p.Check {
		return bad("校验位不符，请逐字核对")
	}
	p.Number = n
	return p, nil
}

// ValidNumber reports whether s is a well-formed certificate number with a correct check
// character.
func ValidNumber(s string) bool {
	_, err := ParseNumber(s)
	return err == nil
}

// ParseCompact reads a number typed without its hyphens (HB2026GC3000123N, as people copy
// it), after Normalize: it checks the check character and returns the compact form, which
// Compact gives of a stored number. Which characters are which part cannot always be told
// without the hyphens (a skill prefix may end in digits), so only a look-up among the numbers
// issued says which number it is; a typo is still refused first. Errors are EInvalid.
func ParseCompact(s string) (string, error) {
	c := Normalize(s)
	bad := func(why string) (string, error) {
		return "", guantong.Errorf(guantong.EInvalid, "证书编号 %q 有误：%s", s, why)
	}
	if strings.Contains(c, "-") {
		return bad("含有连字符，请按 ParseNumber 读取")
	}
	if n := utf8.RuneCountInString(c); n < 13 || n > 30 {
		return bad("长度不对")
	}
	last := c[len(c)-1]
	if !isAlnum(last) {
		return bad("校验位须为一个字母或数字")
	}
	if check(c[:len(c)-1]) != last {
		return bad("校验位不符，请逐字核对")
	}
	return c, nil
}

// Compact returns a number as Normalize does, without its hyphens.
func Compact(s string) string { return strings.ReplaceAll(Normalize(s), "-", "") }

// Normalize returns s as numbers are stored: without spaces, full-width letters, digits and
// dashes folded to ASCII, letters in upper case.
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '\u3000' || r == '\t':
			continue
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - '０' + '0'
		case r == '－' || r == '—' || r == '–' || r == '‐' || r == '‑' || r == '−':
			r = '-'
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}
