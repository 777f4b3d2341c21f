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
	initials []uint32   // per character, the set of its readings' first letters (bit 0 = a)
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Heteronym = true
	return a
}()

func buildIndex(entries []Entry) []searchKey {
	keys := make([]searchKey, len(entries))
	known := map[rune][]string{} // the library is slow (a regexp per reading); names repeat characters
	for i, e := range entries {
		for _, r := range e.Occupation {
			rs, ok := known[r]
			if !ok {
				switch {
				case r < unicode.MaxASCII && unicode.IsLetter(r):
					rs = []string{strings.ToLower(string(r))}
				case unicode.Is(unicode.Han, r):
					rs = pinyin.SinglePinyin(r, pinyinArgs)
				}
				rs = dedupe(withU(rs))
				known[r] = rs
			}
			var set uint32
			for _, p := range rs {
				if p != "" && p[0] >= 'a' && p[0] <= 'z' {
					set |= 1 << (p[0] - 'a')
				}
			}
			keys[i].readings = append(keys[i].readings, rs)
			keys[i].initials = append(keys[i].initials, set)
		}
	}
	return keys
}

// withU adds, for a reading written with v for ü (铝 lv), the same with u (lu), as many
// people type it.
func withU(rs []string) []string {
	for _, r := range rs {
		if strings.Contains(r, "v") {
			rs = append(rs, strings.ReplaceAll(r, "v", "u"))
		}
	}
	return rs
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

// Search returns the rows that match query, best first (the whole name, then names that
// begin with it, names that contain it, codes, pinyin), in table order within each:
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
	var ranked [5][]Entry
	for i, e := range c.entries {
		switch {
		case e.Occupation == q, letters != "" && c.index[i].matchFrom(0, letters, true):
			ranked[0] = append(ranked[0], e)
		case strings.HasPrefix(e.Occupation, q), letters != "" && c.index[i].matchFrom(0, letters, false):
			ranked[1] = append(ranked[1], e)
		case strings.Contains(e.Occupation, q):
			ranked[2] = append(ranked[2], e)
		case isCode && strings.HasPrefix(e.Code, q):
			ranked[3] = append(ranked[3], e)
		case letters != "" && c.index[i].matches(letters):
			ranked[4] = append(ranked[4], e)
		}
	}
	var out []Entry
	for _, r := range ranked {
		out = append(out, r...)
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
	bit := uint32(1) << (q[0] - 'a')
	for start, set := range k.initials {
		if set&bit != 0 && k.matchFrom(start, q, false) {
			return true
		}
	}
	return false
}

// matchFrom reports whether q can be read starting at character i: each character gives
// either a whole syllable or its initial, and the query may end inside a syllable. With
// whole, the query must also reach the name's last character (qg for 钳工, not for 钳工班).
func (k searchKey) matchFrom(i int, q string, whole bool) bool {
	if q == "" {
		return !whole || i == len(k.readings)
	}
	if i >= len(k.readings) {
		return false
	}
	last := i == len(k.readings)-1
	for _, r := range k.readings[i] {
		if strings.HasPrefix(r, q) && (!whole || last) {
			return true // the query ends inside (or at the end of) this syllable
		}
		if strings.HasPrefix(q, r) && k.matchFrom(i+1, q[len(r):], whole) {
			return true
		}
		if q[0] == r[0] && k.matchFrom(i+1, q[1:], whole) {
			return true
		}
	}
	return false
}
