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
	params     *Params
	catalog    *catalog.Catalog
	green      map[string]*GreenRule // by award name and by every alias
	access2015 map[string]*AccessRule
	access2022 map[string]*AccessRule
	awardNames string // the known awards, for the warning on an unknown one

	committees  map[committeeKey]string
	seriesTexts map[seriesKey]string // 二(三) reason for every row of the table, made once
	levelTexts  map[levelKey]string  // 三(一)1 reason for every occupation of the table and level that opens titles
}

type levelKey struct {
	code  string
	level guantong.SkillLevel
}

type seriesKey struct{ code, series string }

type committeeKey struct {
	series string
	level  guantong.TitleLevel
}

// New returns an engine for the given parameters and table.
func New(p *Params, c *catalog.Catalog) *Engine {
	e := &Engine{params: p, catalog: c, green: map[string]*GreenRule{},
		access2015: map[string]*AccessRule{}, access2022: map[string]*AccessRule{}}
	var names []string
	for i := range p.GreenChannel {
		g := &p.GreenChannel[i]
		names = append(names, g.Award)
		e.green[g.Award] = g
		for _, a := range g.Aliases {
			e.green[a] = g
		}
	}
	e.awardNames = strings.Join(names, "、")
	e.committees = map[committeeKey]string{}
	for _, series := range p.Series {
		for l := guantong.Title5; l <= guantong.Title1; l++ {
			e.committees[committeeKey{series, l}] = e.committeeName(series, l)
		}
	}
	e.seriesTexts = map[seriesKey]string{}
	e.levelTexts = map[levelKey]string{}
	for _, row := range c.Entries() {
		name, _ := c.Name(row.Code)
		e.seriesTexts[seriesKey{row.Code, row.Series}] = string(seriesText(nil, name, row.Code, row.Series))
		for l := p.MinSkillLevel; l <= guantong.Skill1; l++ {
			e.levelTexts[levelKey{row.Code, l}] = string(levelText(nil, name, l, p.MinSkillLevel))
		}
	}
	for i := range p.Access {
		a := &p.Access[i]
		for _, code := range a.Codes2015 {
			e.access2015[code] = a
		}
		for _, code := range a.Codes2022 {
			e.access2022[code] = a
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

// none is the empty list of an answer that has nothing to say there: [] in JSON, not null.
// It is shared; answers are read, never appended to in place.
var (
	noNotes    = []guantong.Note{}
	noWarnings = []string{}
)

// Check returns the options open to req.Person on req.AsOf, which must be set. An answer
// with no option says why in NotApplicable.
func (e *Engine) Check(req guantong.Request) guantong.Answer {
	c := checker{
		e:    e,
		p:    e.params,
		asOf: req.AsOf,
		who:  &req.Person,
	}
	c.options = make([]guantong.Option, 0, 3)
	c.reasons = make([]guantong.Reason, 0, 8) // the typical person: two title options of four reasons
	c.warnings = noWarnings
	c.notes = noNotes
	c.start()
	c.forward()
	c.greenChannel()
	c.reverse()
	c.explainEmpty()
	return guantong.Answer{
		AsOf:          req.AsOf,
		Policy:        e.params.ID,
		Options:       c.options,
		NotApplicable: c.notes,
		Warnings:      c.warnings,
	}
}

// checker holds the state of one Check: the facts the decision rests on (future and
// impossible ones left out, codes read in the table's edition), what every rule shares (the
// work history, the assessment condition) and the growing answer.
type checker struct {
	e    *Engine
	p    *Params
	asOf guantong.Date
	who  *guantong.Person

	skills  []guantong.Skill // the person's certificates as used: codes are the table's
	titles  []guantong.Title
	awards  []guantong.Award
	targets []target
	work    history

	assessment assessed // 三(一)2 近N年年度考核合格, the same for every title option

	options  []guantong.Option
	reasons  []guantong.Reason // backing store that every option's reasons are cut from
	warnings []string
	notes    []guantong.Note
	buf      [200]byte // scratch for building texts
}

// start checks the facts and computes what every rule shares.
func (c *checker) start() {
	c.facts()
	if !c.p.EffectiveFrom.IsZero() && c.asOf.Before(c.p.EffectiveFrom) {
		c.warn("评估日期 " + c.asOf.String() + " 早于政策 " + c.p.ID + " 施行日期 " + c.p.EffectiveFrom.String() + "，按该政策判断")
	}
	if len(c.skills) > 0 || len(c.awards) > 0 {
		c.assessment = c.assess()
	}
}

func (c *checker) warn(w string) { c.warnings = append(c.warnings, w) }

func (c *checker) note(clause, text string) {
	c.notes = append(c.notes, guantong.Note{Clause: clause, Text: text})
}

// incompleteTable is said with every code not found: the built-in table lost pages (see
// data/NOTES.md), so "not in the table" may only mean "not in our copy".
const incompleteTable = "（内置对应表缺若干页，以人社部门公布的完整对应表为准）"

// cut returns the reasons appended since mark as one option's list; the full slice
// expression keeps a later append from writing into it.
func (c *checker) cut(mark int) []guantong.Reason {
	return c.reasons[mark:len(c.reasons):len(c.reasons)]
}

func (c *checker) reason(clause string, met bool, text string) {
	c.reasons = append(c.reasons, guantong.Reason{Clause: clause, Met: met, Text: text})
}

// confirmed records a condition that rests on a declared fact, with who confirms it.
func (c *checker) confirmed(clause string, met bool, text, by string) {
	c.reasons = append(c.reasons, guantong.Reason{Clause: clause, Met: met, Text: text, ConfirmBy: by})
}

// add records a candidate option. When two paths lead to the same option (say 中级 by years
// and by the green channel), the better one stands: by status, then fewer unmet conditions,
// then the one found first.
func (c *checker) add(o guantong.Option) {
	o.Status = c.status(o)
	o.Eligible = o.Status == guantong.StatusEligible
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

// status names the option's outcome (the contract): eligible when every condition holds;
// needs_information when nothing fails but an input is missing (the one unmet reason is the
// undecided assessment, Missing says what); not_yet when the years are the one unmet
// condition and they complete after as_of; else ineligible.
func (c *checker) status(o guantong.Option) string {
	n := unmet(o.Reasons)
	if len(o.Missing) > 0 {
		n-- // the undecided condition: neither met nor failed
	}
	yearsAhead := !o.YearsMetOn.IsZero() && o.YearsMetOn.After(c.asOf)
	switch {
	case n == 0 && len(o.Missing) == 0:
		return guantong.StatusEligible
	case n == 0, n == 1 && yearsAhead && len(o.Missing) > 0:
		return guantong.StatusNeedsInformation
	case n == 1 && yearsAhead:
		return guantong.StatusNotYet
	}
	return guantong.StatusIneligible
}

// rank orders statuses from best to worst.
func rank(status string) int {
	switch status {
	case guantong.StatusEligible:
		return 0
	case guantong.StatusNotYet:
		return 1
	case guantong.StatusNeedsInformation:
		return 2
	}
	return 3
}

func better(a, b guantong.Option) bool {
	if ra, rb := rank(a.Status), rank(b.Status); ra != rb {
		return ra < rb
	}
	return unmet(a.Reasons) < unmet(b.Reasons)
}

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
