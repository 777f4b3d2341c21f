// Package plan is the text of the plan (关于进一步加强高技能人才与专业技术人才职业发展贯通的实施方案)
// split into clauses, addressed as the policy engine cites them: 一 (a section), 三(一) (a
// sub-section, with ASCII parentheses), 三(一)2 (an item of a sub-section).
//
// The text is data/plan.txt, extracted from the published PDF. The extraction broke some
// sentences across lines (三(二)2, 三(二)6, 五) and turned the full-width punctuation of the
// original into ASCII; Clauses joins the lines again and restores the punctuation in the
// text, never in the IDs. The attachment (附件, the occupation table) is not a clause: it is
// internal/catalog's.
package plan

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"guantong/data"
)

// Clause is one addressable part of the plan.
type Clause struct {
	ID      string // 三(一)2
	Heading string // the plan's own heading (指导思想, 高技能人才参加职称评审), "" where it has none
	Text    string // the clause's text without its number and heading; "" for a bare heading
}

// Depth returns 0 for a section (三), 1 for a sub-section (三(一)) and 2 for an item (三(一)2).
func (c Clause) Depth() int {
	switch {
	case !strings.Contains(c.ID, ")"):
		return 0
	case strings.HasSuffix(c.ID, ")"):
		return 1
	}
	return 2
}

// Parent returns the ID of the clause c belongs to: 三(一) for 三(一)2, 三 for 三(一), "" for
// a section.
func (c Clause) Parent() string {
	if i := strings.LastIndexByte(c.ID, ')'); i >= 0 && i < len(c.ID)-1 {
		return c.ID[:i+1]
	}
	if i := strings.IndexByte(c.ID, '('); i >= 0 {
		return c.ID[:i]
	}
	return ""
}

// doc is the parsed plan.
type doc struct {
	title    string
	preamble string
	clauses  []Clause
	byID     map[string]int
}

var parsed = sync.OnceValue(func() *doc {
	d, err := parse(string(data.Plan))
	if err != nil { // the embedded text is fixed at build time; the tests parse it
		panic("plan: " + err.Error())
	}
	return d
})

// Clauses returns every clause in document order. A sub-section with items (三(一)) and every
// section have a clause of their own for their heading.
func Clauses() []Clause { return append([]Clause(nil), parsed().clauses...) }

// Lookup returns the clause with the given ID (三(一)2).
func Lookup(id string) (Clause, bool) {
	d := parsed()
	i, ok := d.byID[id]
	if !ok {
		return Clause{}, false
	}
	return d.clauses[i], true
}

// Title returns the plan's title.
func Title() string { return parsed().title }

// Preamble returns the paragraph between the title and section 一.
func Preamble() string { return parsed().preamble }

var (
	sectionLine = regexp.MustCompile(`^([一二三四五六七八九十]+)、\s*(.*)$`)
	subLine     = regexp.MustCompile(`^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$`)
	itemLine    = regexp.MustCompile(`^(\d+)[.．、]\s*(.*)$`)
)

// parse splits the plan's text into clauses. A line that starts no clause continues the
// current one: the PDF broke lines inside sentences, so lines are joined without a space.
func parse(text string) (*doc, error) {
	d := &doc{byID: map[string]int{}}
	var section, sub string
	var pre []string
	cur := -1
	add := func(c Clause) error {
		if _, dup := d.byID[c.ID]; dup {
			return fmt.Errorf("clause %s appears twice", c.ID)
		}
		d.byID[c.ID] = len(d.clauses)
		d.clauses = append(d.clauses, c)
		cur = len(d.clauses) - 1
		return nil
	}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "附件") {
			break
		}
		if d.title == "" {
			d.title = joinCJK(line)
			continue
		}
		var err error
		switch {
		case sectionLine.MatchString(line):
			m := sectionLine.FindStringSubmatch(line)
			section, sub = m[1], ""
			err = add(Clause{ID: section, Heading: strings.TrimSuffix(fullWidth(m[2]), "。")})
		case subLine.MatchString(line):
			if section == "" {
				return nil, fmt.Errorf("line %d: sub-section before any section: %q", n+1, line)
			}
			m := subLine.FindStringSubmatch(line)
			sub = section + "(" + m[1] + ")"
			c := Clause{ID: sub}
			if isHeading(m[2]) {
				c.Heading = strings.TrimSuffix(fullWidth(m[2]), "。")
			} else {
				c.Text = fullWidth(m[2])
			}
			err = add(c)
		case itemLine.MatchString(line):
			if sub == "" {
				return nil, fmt.Errorf("line %d: item outside a sub-section: %q", n+1, line)
			}
			m := itemLine.FindStringSubmatch(line)
			c := Clause{ID: sub + m[1], Text: fullWidth(m[2])}
			// 一(二)'s items open with a short sentence that names them: 坚持尊重规律。
			if head, rest, ok := strings.Cut(c.Text, "。"); ok && isHeading(head+"。") && utf8.RuneCountInString(head) <= 10 {
				c.Heading, c.Text = head, rest
			}
			err = add(c)
		case cur < 0:
			pre = append(pre, fullWidth(line))
		default:
			d.clauses[cur].Text += fullWidth(line)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
	}
	d.preamble = strings.Join(pre, "")
	if len(d.clauses) == 0 {
		return nil, fmt.Errorf("no clauses found")
	}
	return d, nil
}

// isHeading reports whether s is a heading rather than a paragraph: one short sentence with no
// comma (指导思想。).
func isHeading(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "。") && strings.Count(s, "。") == 1 &&
		!strings.ContainsAny(s, ",，;；") && utf8.RuneCountInString(s) <= 20
}

// fullWidth restores the full-width punctuation of the original, which the PDF extraction
// turned into ASCII.
var fullWidth = strings.NewReplacer(",", "，", ";", "；", ":", "：", "(", "（", ")", "）", "?", "？", "!", "！").Replace

// joinCJK removes the spaces the extraction put between Chinese characters (人才与 专业).
func joinCJK(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == ' ' && i > 0 && i < len(rs)-1 && rs[i-1] > 0x2e80 && rs[i+1] > 0x2e80 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
