package web

import (
	"fmt"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/plan"
)

// The engine's answer as a worker reads it. Each option says its outcome in words (contract
// version 2's status): 可以申报; 2027年6月30日起可申报; 还需补充：2025年度考核结果; 不符合：
// and the first condition not met. A reason resting on a declared fact says who confirms it
// (需由用人单位确认); the notes of not_applicable say, with their clauses, why an option a
// reader looks for is not there. No field path, English word or Go name reaches the page.

// answerView is the engine's answer as the page shows it.
type answerView struct {
	AsOf     string
	Name     string
	Eligible int
	Options  int
	Counts   []string // 1 个可以申报, 2 个还需补充…, for the summary
	Warnings []string
	Notes    []noteView // not_applicable
	Groups   []optionGroup
	Clauses  []plan.Clause // every clause the reasons and notes cite, in the plan's order
}

// noteView is one note of not_applicable: why an option is not there.
type noteView struct{ Clause, Text string }

// optionGroup is the options of one route.
type optionGroup struct {
	Route, Heading, Note string
	Options              []optionView
}

type optionView struct {
	Eligible    bool
	Status      string // one of the Status constants, for the order
	Class       string // the card's colour: status-ok, status-wait, status-info, status-no
	Badge       string // 可以申报, 暂不能申报, 还需补充, 不符合
	Outcome     string // the outcome in words: 2027年6月30日起可申报
	Route       string // 申报评审
	Skill       bool   // a skill evaluation rather than a title
	What        string // 工程系列 中级职称; 钳工（6-20-01-01） 技师
	Series      string
	Level       string
	Occupation  string // 钳工（6-20-01-01）, for skill evaluations and where the table names one
	Authority   string
	When        string // 2024-06-30 起可申报; 年限条件于 2030-06-30 满足
	Future      bool   // When lies after the date of the check
	Certificate string
	Exempt      []string
	Reasons     []reasonView
}

type reasonView struct {
	Met       bool
	Text      string
	Clause    string
	Known     bool   // the clause is in the plan; a false one is a bug the tests look for
	ConfirmBy string // 需由用人单位确认: the fact is declared, and someone checks it
}

var routeGroups = []struct{ route, heading, note string }{
	{guantong.RouteTitleReview, "申报职称评审", "三(一)"},
	{guantong.RouteTitleRecognition, "直接认定职称（绿色通道）", "三(一)4"},
	{guantong.RouteSkillEvaluation, "参加职业技能评价", "三(二)"},
}

// statusOrder puts the options a person can act on first: eligible, then those with a date,
// then those that need a fact, then the refused.
var statusOrder = []string{guantong.StatusEligible, guantong.StatusNotYet, guantong.StatusNeedsInformation, guantong.StatusIneligible}

// statusClass is the class of an option's card by its status.
var statusClass = map[string]string{
	guantong.StatusEligible: "status-ok", guantong.StatusNotYet: "status-wait",
	guantong.StatusNeedsInformation: "status-info", guantong.StatusIneligible: "status-no",
}

// statusCount names the summary's count of options of a status: 2 个可以申报.
var statusCount = map[string]string{
	guantong.StatusEligible: "可以申报", guantong.StatusNotYet: "到期后可申报",
	guantong.StatusNeedsInformation: "还需补充信息", guantong.StatusIneligible: "不符合",
}

func (s *Server) answerView(req guantong.Request, a guantong.Answer) *answerView {
	v := &answerView{AsOf: a.AsOf.String(), Name: req.Person.Name, Options: len(a.Options)}
	for _, w := range a.Warnings {
		v.Warnings = append(v.Warnings, warningText(w))
	}
	cited := map[string]bool{}
	for _, n := range a.NotApplicable {
		v.Notes = append(v.Notes, noteView{Clause: n.Clause, Text: warningText(n.Text)})
		cited[n.Clause] = true
	}
	counts := map[string]int{}
	for _, g := range routeGroups {
		group := optionGroup{Route: g.route, Heading: g.heading, Note: g.note}
		for _, o := range a.Options {
			if o.Route != g.route {
				continue
			}
			ov := s.optionView(o, a.AsOf)
			for _, r := range ov.Reasons {
				cited[r.Clause] = true
			}
			group.Options = append(group.Options, ov)
			counts[ov.Status]++
			if ov.Eligible {
				v.Eligible++
			}
		}
		slices.SortStableFunc(group.Options, func(x, y optionView) int {
			return slices.Index(statusOrder, x.Status) - slices.Index(statusOrder, y.Status)
		})
		if len(group.Options) > 0 {
			v.Groups = append(v.Groups, group)
		}
	}
	for _, st := range statusOrder {
		if counts[st] > 0 {
			v.Counts = append(v.Counts, fmt.Sprintf("%d 个%s", counts[st], statusCount[st]))
		}
	}
	for _, c := range plan.Clauses() {
		if cited[c.ID] {
			v.Clauses = append(v.Clauses, c)
		}
	}
	return v
}

func (s *Server) optionView(o guantong.Option, asOf guantong.Date) optionView {
	v := optionView{
		Eligible:    o.Eligible,
		Status:      optionStatus(o, asOf),
		Route:       routeName(o.Route),
		Series:      o.Series,
		Level:       o.Level.String(),
		Authority:   o.Authority,
		Certificate: o.Certificate,
		Exempt:      o.Exempt,
	}
	if o.OccupationCode != "" {
		v.Occupation = o.OccupationCode
		if name, ok := s.catalog.Name(o.OccupationCode); ok {
			v.Occupation = name + "（" + o.OccupationCode + "）"
		}
	}
	if o.Route == guantong.RouteSkillEvaluation {
		v.Skill = true
		v.What = v.Occupation + " " + v.Level
	} else {
		v.What = o.Series + "系列 " + v.Level + "职称"
	}
	if d := o.YearsMetOn; !d.IsZero() {
		switch {
		case v.Status == guantong.StatusEligible:
			v.When = d.String() + " 起可申报"
		case d.After(asOf):
			v.When, v.Future = "年限条件于 "+d.String()+" 满足", true
		default:
			v.When = "年限条件已于 " + d.String() + " 满足"
		}
	}
	for _, r := range o.Reasons {
		v.Reasons = append(v.Reasons, reasonOf(r))
	}
	v.Badge, v.Outcome = outcome(o, v.Status)
	v.Class = statusClass[v.Status]
	return v
}

// optionStatus is the option's status; an answer stored before contract version 2 has none, and
// gets the one its fields imply.
func optionStatus(o guantong.Option, asOf guantong.Date) string {
	switch {
	case o.Status != "":
		return o.Status
	case o.Eligible:
		return guantong.StatusEligible
	}
	unmet := 0
	for _, r := range o.Reasons {
		if !r.Met {
			unmet++
		}
	}
	if unmet == 1 && o.YearsMetOn.After(asOf) {
		return guantong.StatusNotYet
	}
	return guantong.StatusIneligible
}

// outcome says an option's status in a worker's words: the badge, and the sentence.
func outcome(o guantong.Option, status string) (badge, sentence string) {
	switch status {
	case guantong.StatusEligible:
		return "可以申报", "可以申报"
	case guantong.StatusNotYet:
		d := o.YearsMetOn
		return "暂不能申报", fmt.Sprintf("%d年%d月%d日起可申报", d.Year(), d.Month(), d.Day())
	case guantong.StatusNeedsInformation:
		var what []string
		for _, m := range o.Missing {
			what = append(what, pathWords(m))
		}
		if len(what) == 0 {
			return "还需补充", "还需补充信息"
		}
		return "还需补充", "还需补充：" + strings.Join(what, "、")
	}
	for _, r := range o.Reasons {
		if !r.Met {
			return "不符合", "不符合：" + r.Text
		}
	}
	return "不符合", "不符合申报条件"
}

// reasonOf is a reason as the page shows it.
func reasonOf(r guantong.Reason) reasonView {
	_, known := plan.Lookup(r.Clause)
	v := reasonView{Met: r.Met, Text: warningText(r.Text), Clause: r.Clause, Known: known}
	if r.ConfirmBy != "" {
		v.ConfirmBy = "需由" + r.ConfirmBy + "确认"
	}
	return v
}
