// Package policy is the plan made executable: given a person and a date, Check lists every
// option the plan opens to them, eligible or not, with each condition checked and the clause
// it comes from.
//
// The rules are Go code, one file per part of the plan: forward.go (三(一)1-3), green.go
// (三(一)4), reverse.go (三(二)1-3), routing.go (三(二)4-6). Every number and list they use is
// a parameter of a dated policy file (params.go). The engine never reads the clock: the
// caller gives the date.
package policy

import (
	"strings"

	"guantong"
	"guantong/internal/catalog"
)

// Engine checks people against one policy and one occupation table. It is safe for
// concurrent use.
type Engine struct {
	params  *Params
	catalog *catalog.Catalog
	green   map[string]GreenRule
	access  map[string]*AccessRule

	committees  map[committeeKey]string
	seriesTexts map[seriesKey]string // 二(三) reason for every row of the table, made once
}

type seriesKey struct{ code, series string }

type committeeKey struct {
	series string
	level  guantong.TitleLevel
}

// New returns an engine for the given parameters and table.
func New(p *Params, c *catalog.Catalog) *Engine {
	e := &Engine{params: p, catalog: c, green: map[string]GreenRule{}, access: map[string]*AccessRule{}}
	for _, g := range p.GreenChannel {
		e.green[g.Award] = g
	}
	e.committees = map[committeeKey]string{}
	for _, series := range p.Series {
		for l := guantong.Title5; l <= guantong.Title1; l++ {
			e.committees[committeeKey{series, l}] = e.committeeName(series, l)
		}
	}
	e.seriesTexts = map[seriesKey]string{}
	for _, row := range c.Entries() {
		name, _ := c.Name(row.Code)
		e.seriesTexts[seriesKey{row.Code, row.Series}] = string(seriesText(nil, name, row.Code, row.Series))
	}
	for i := range p.Access {
		for _, code := range p.Access[i].Codes {
			e.access[code] = &p.Access[i]
		}
	}
	return e
}

func (e *Engine) committeeName(series string, level guantong.TitleLevel) string {
	return fill(e.params.Authorities.Committee, "{series}", series, "{level}", level.String())
}

// fill replaces placeholders in a template: fill(t, "{a}", x, "{b}", y).
func fill(tmpl string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		tmpl = strings.ReplaceAll(tmpl, pairs[i], pairs[i+1])
	}
	return tmpl
}

// Params returns the parameters in force.
func (e *Engine) Params() *Params { return e.params }

// Catalog returns the occupation table in force.
func (e *Engine) Catalog() *catalog.Catalog { return e.catalog }

// Check returns the options open to req.Person on req.AsOf, which must be set.
func (e *Engine) Check(req guantong.Request) guantong.Answer {
	c := checker{
		e:    e,
		p:    e.params,
		asOf: req.AsOf,
		who:  &req.Person,
	}
	c.options = make([]guantong.Option, 0, 3)
	c.reasons = make([]guantong.Reason, 0, 9)
	c.warnings = make([]string, 0, 2)
	c.start()
	c.forward()
	c.greenChannel()
	c.reverse()
	return guantong.Answer{
		AsOf:          req.AsOf,
		Policy:        e.params.ID,
		Options:       c.options,
		NotApplicable: []guantong.Note{},
		Warnings:      c.warnings,
	}
}

// checker holds the state of one Check: what is computed once per person (the work history,
// the assessment condition) and the growing answer.
type checker struct {
	e    *Engine
	p    *Params
	asOf guantong.Date
	who  *guantong.Person

	work       history
	assessment guantong.Reason // 三(一)2 近N年年度考核合格, the same for every title option

	options  []guantong.Option
	reasons  []guantong.Reason // backing store that every option's reasons are cut from
	warnings []string
	buf      [160]byte // scratch for building texts
}

// start computes what every rule shares and warns about what the document leaves open.
func (c *checker) start() {
	c.work = newHistory(c.who.Work)
	if len(c.who.Work) == 0 && (len(c.who.Skills) > 0 || len(c.who.Titles) > 0) {
		c.warnings = append(c.warnings, "未提供工作经历，按取得证书后连续从事技术技能工作计算")
	}
	if !c.p.EffectiveFrom.IsZero() && c.asOf.Before(c.p.EffectiveFrom) {
		c.warnings = append(c.warnings, "评估日期 "+c.asOf.String()+" 早于政策 "+c.p.ID+" 施行日期 "+c.p.EffectiveFrom.String())
	}
	cat := c.e.catalog
	for i, s := range c.who.Skills {
		name, ok := cat.Name(s.OccupationCode)
		switch {
		case !ok:
			c.warnings = append(c.warnings, fieldf("person.skills", i, "occupation_code")+": "+s.OccupationCode+" 不在工种与职称系列对应表中，该证书不对应职称系列"+incompleteTable)
		case s.Occupation != "" && s.Occupation != name:
			c.warnings = append(c.warnings, fieldf("person.skills", i, "occupation")+": 「"+s.Occupation+"」与对应表中 "+s.OccupationCode+" 的名称「"+name+"」不一致，按编码处理")
		}
		if s.Obtained.After(c.asOf) {
			c.warnings = append(c.warnings, fieldf("person.skills", i, "obtained")+": "+s.Obtained.String()+" 晚于评估日期 "+c.asOf.String())
		}
	}
	for i, a := range c.who.Awards {
		if _, ok := c.e.green[a.Name]; !ok {
			c.warnings = append(c.warnings, fieldf("person.awards", i, "name")+": 「"+a.Name+"」不在绿色通道所列奖项、称号之中（三(一)4）")
		}
	}
	if len(c.who.Skills) > 0 || len(c.who.Awards) > 0 {
		c.assessment = c.assessmentReason()
	}
}

// incompleteTable is said with every code not found: the built-in table lost pages (see
// data/NOTES.md), so "not in the table" may only mean "not in our copy".
const incompleteTable = "（内置对应表缺若干页，可用 --catalog 载入完整的官方对应表）"

// cut returns the reasons appended since mark as one option's list; the full slice
// expression keeps a later append from writing into it.
func (c *checker) cut(mark int) []guantong.Reason {
	return c.reasons[mark:len(c.reasons):len(c.reasons)]
}

func (c *checker) reason(clause string, met bool, text string) {
	c.reasons = append(c.reasons, guantong.Reason{Clause: clause, Met: met, Text: text})
}

// add records a candidate option. When two paths lead to the same option (say 中级 by years
// and by the green channel), the better one stands: eligible first, then fewer unmet
// conditions, then the one found first.
func (c *checker) add(o guantong.Option) {
	o.Eligible = allMet(o.Reasons)
	o.Status = c.status(o)
	for i := range c.options {
		old := &c.options[i]
		if !sameOption(*old, o) {
			continue
		}
		if better(o, *old) {
			*old = o
		}
		return
	}
	c.options = append(c.options, o)
}

// sameOption reports whether a and b are the same option as a caller finds it: by route,
// series and level for titles, by route, occupation and level for skills.
func sameOption(a, b guantong.Option) bool {
	if a.Route != b.Route || a.Level != b.Level {
		return false
	}
	if a.Route == guantong.RouteSkillEvaluation {
		return a.OccupationCode == b.OccupationCode
	}
	return a.Series == b.Series
}

// status names the option's outcome: eligible when every condition holds; not_yet when the
// years are the one unmet condition and they complete after as_of; else ineligible.
func (c *checker) status(o guantong.Option) string {
	switch {
	case o.Eligible:
		return guantong.StatusEligible
	case unmet(o.Reasons) == 1 && !o.YearsMetOn.IsZero() && o.YearsMetOn.After(c.asOf):
		return guantong.StatusNotYet
	}
	return guantong.StatusIneligible
}

func better(a, b guantong.Option) bool {
	if a.Eligible != b.Eligible {
		return a.Eligible
	}
	return unmet(a.Reasons) < unmet(b.Reasons)
}

func allMet(rs []guantong.Reason) bool { return unmet(rs) == 0 }

func unmet(rs []guantong.Reason) int {
	n := 0
	for _, r := range rs {
		if !r.Met {
			n++
		}
	}
	return n
}

func fieldf(list string, i int, field string) string {
	return list + "[" + itoa(i) + "]." + field
}

func itoa(n int) string {
	var b [20]byte
	return string(appendInt(b[:0], n))
}

func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}
