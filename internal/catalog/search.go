package catalog

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// searchKey holds, for one entry, every pinyin reading of each character of its name. The
// pinyin library has no phrase dictionary, so polyphonic characters (重 zhong/chong, 长
// chang/zhang) keep all their readings and a query may match any of them.
type searchKey struct {
	readings [][]string // per character of the name; nil for characters without pinyin
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Heteronym = true
	return a
}()

func buildIndex(entries []Entry) []searchKey {
	keys := make([]searchKey, len(entries))
	for i, e := range entries {
		for _, r := range e.Occupation {
			var rs []string
			switch {
			case r < unicode.MaxASCII && unicode.IsLetter(r):
				rs = []string{strings.ToLower(string(r))}
			case unicode.Is(unicode.Han, r):
				rs = pinyin.SinglePinyin(r, pinyinArgs)
			}
			keys[i].readings = append(keys[i].readings, dedupe(rs))
		}
	}
	return keys
}

func dedupe(rs []string) []string {
	var out []string
	for _, r := range rs {
		if !contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Search returns the rows, in table order, that match query:
//   - the name contains it (钳 finds 钳工);
//   - the code starts with it, for a query of digits and '-' (6-20 finds every 6-20-…);
//   - its pinyin, for a query of Latin letters (case and spaces ignored), read from any
//     character of the name: each character is matched by its whole syllable or by its
//     initial letter, and the query may end inside a syllable. So qg, qiangong, qiang and
//     gong all find 钳工, and hjcl finds 焊接材料制造工.
//
// An empty query returns every row. A code under two series gives two rows.
func (c *Catalog) Search(query string) []Entry {
	q := strings.TrimSpace(query)
	if q == "" {
		return c.Entries()
	}
	letters := pinyinQuery(q)
	isCode := strings.Trim(q, "0123456789-") == ""
	var out []Entry
	for i, e := range c.entries {
		switch {
		case strings.Contains(e.Occupation, q),
			isCode && strings.HasPrefix(e.Code, q),
			letters != "" && c.index[i].matches(letters):
			out = append(out, e)
		}
	}
	return out
}

// pinyinQuery returns the query as lowercase letters, or "" when it holds anything but Latin
// letters and spaces.
func pinyinQuery(q string) string {
	var b strings.Builder
	for _, r := range q {
		switch {
		case r == ' ':
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			return ""
		}
	}
	return b.String()
}

func (k searchKey) matches(q string) bool {
	for start := range k.readings {
		if k.matchFrom(start, q) {
			return true
		}
	}
	return false
}

// matchFrom reports whether q can be read starting at character i: each character gives
// either a whole syllable or its initial, and the query may end inside a syllable.
func (k searchKey) matchFrom(i int, q string) bool {
	if q == "" {
		return true
	}
	if i >= len(k.readings) {
		return false
	}
	for _, r := range k.readings[i] {
		if strings.HasPrefix(r, q) {
			return true // the query ends inside (or at the end of) this syllable
		}
		if strings.HasPrefix(q, r) && k.matchFrom(i+1, q[len(r):]) {
			return true
		}
		if q[0] == r[0] && k.matchFrom(i+1, q[1:]) {
			return true
		}
	}
	return false
}
