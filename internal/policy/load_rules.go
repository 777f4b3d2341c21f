package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/catalog"
)

// keyed is a list of a policy file with its key, so that lists are checked in a fixed order.
type keyed struct {
	key  string
	list []string
}

// loadForward checks 三(一)1-2: the lowest skill level that opens titles and the years each
// level needs.
func loadForward(es *guantong.FieldErrors, p *Params, f *file) {
	p.MinSkillLevel = skillLevel(es, "min_skill_level", f.MinSkillLevel)
	if len(f.Forward) == 0 {
		es.Add("forward", "至少需要一条技能等级与职称层级的对应")
	}
	for i, r := range f.Forward {
		at := fmt.Sprintf("forward[%d]", i)
		rule := ForwardRule{Skill: skillLevel(es, at+".skill", r.Skill), Title: titleLevel(es, at+".title", r.Title), Years: r.Years}
		positive(es, at+".years", r.Years)
		if i > 0 && rule.Skill <= p.Forward[i-1].Skill {
			es.Add(at+".skill", "须按技能等级从低到高排列")
		}
		p.Forward = append(p.Forward, rule)
	}
}

// loadAssessment checks 近N年年度考核合格: N, the due date of a year's assessment, and the
// words that pass and fail; a word may stand in one list only.
func loadAssessment(es *guantong.FieldErrors, p *Params, f *file) {
	a := f.Assessment
	p.Assessment = Assessment{Years: a.Years, Passing: a.Passing, Failing: a.Failing, DueMonth: 3, DueDay: 31}
	positive(es, "assessment.years", a.Years)
	if a.Due != "" {
		d, err := guantong.ParseDate("2001-" + a.Due) // a year without 29 February
		if err != nil || len(a.Due) != 5 {
			es.Add("assessment.due", "%q 不是月日（MM-DD）", a.Due)
		}
		p.Assessment.DueMonth, p.Assessment.DueDay = int(d.Month()), d.Day()
	}
	if len(a.Passing) == 0 {
		es.Add("assessment.passing", "至少需要一个合格的考核结果")
	}
	for i, w := range a.Failing {
		if contains(a.Passing, w) {
			es.Add(fmt.Sprintf("assessment.failing[%d]", i), "%q 已列为合格", w)
		}
	}
	for _, l := range [...]keyed{{"assessment.passing", a.Passing}, {"assessment.failing", a.Failing}} {
		for i, w := range l.list {
			if strings.TrimSpace(w) == "" {
				es.Add(fmt.Sprintf("%s[%d]", l.key, i), "不能为空")
			}
		}
	}
}

// loadGreen checks 三(一)4: each award once, by its name or any alias.
func loadGreen(es *guantong.FieldErrors, p *Params, f *file) {
	seen := map[string]string{} // name or alias → where first given
	for i, g := range f.GreenChannel {
		at := fmt.Sprintf("green_channel[%d]", i)
		for j, name := range append([]string{g.Award}, g.Aliases...) {
			key := at + ".award"
			if j > 0 {
				key = fmt.Sprintf("%s.aliases[%d]", at, j-1)
			}
			if strings.TrimSpace(name) == "" {
				es.Add(key, "不能为空")
			} else if first, dup := seen[name]; dup {
				es.Add(key, "%q 与 %s 重复", name, first)
			} else {
				seen[name] = at
			}
		}
		if g.Route != guantong.RouteTitleRecognition && g.Route != guantong.RouteTitleReview {
			es.Add(at+".route", "%q 须为 title_recognition 或 title_review", g.Route)
		}
		p.GreenChannel = append(p.GreenChannel, GreenRule{Award: g.Award, Aliases: g.Aliases, Route: g.Route, Level: titleLevel(es, at+".level", g.Level)})
	}
}

// loadReverse checks 三(二)2: the skill level each title opens, the years of work after it,
// and the years of 晋级.
func loadReverse(es *guantong.FieldErrors, p *Params, f *file) {
	r := f.Reverse
	p.Reverse = ReverseRule{
		TitleToSkill:    map[guantong.TitleLevel]TitleStep{},
		YearsAfterSkill: r.YearsAfterSkill,
		PromotionYears:  map[guantong.SkillLevel]int{},
		OccupationYears: r.OccupationYears,
		YearsNote:       r.YearsNote,
	}
	if len(r.TitleToSkill) == 0 {
		es.Add("reverse.title_to_skill", "至少需要一条职称层级与技能等级的对应")
	}
	for i, m := range r.TitleToSkill {
		at := fmt.Sprintf("reverse.title_to_skill[%d]", i)
		t := titleLevel(es, at+".title", m.Title)
		if _, dup := p.Reverse.TitleToSkill[t]; dup && t != 0 {
			es.Add(at+".title", "%q 重复", m.Title)
		}
		positive(es, at+".years", m.Years)
		p.Reverse.TitleToSkill[t] = TitleStep{Skill: skillLevel(es, at+".skill", m.Skill), Years: m.Years}
	}
	positive(es, "reverse.years_after_skill", r.YearsAfterSkill)
	for _, name := range slices.Sorted(maps.Keys(r.PromotionYears)) {
		at := "reverse.promotion_years." + name
		positive(es, at, r.PromotionYears[name])
		p.Reverse.PromotionYears[skillLevel(es, at, name)] = r.PromotionYears[name]
	}
	for _, code := range slices.Sorted(maps.Keys(r.OccupationYears)) {
		at := "reverse.occupation_years." + code
		if !catalog.ValidCode(code) {
			es.Add(at, "%q 不是职业编码（d-dd-dd-dd）", code)
		}
		positive(es, at, r.OccupationYears[code])
	}
}

// loadAccess checks 三(二)6: each access-type occupation with its codes in both editions and
// its department.
func loadAccess(es *guantong.FieldErrors, p *Params, f *file) {
	p.AccessExemption, p.AccessNote = f.AccessExemption, f.AccessCodesNote
	for i, a := range f.Access {
		at := fmt.Sprintf("access[%d]", i)
		if strings.TrimSpace(a.Occupation) == "" {
			es.Add(at+".occupation", "不能为空")
		}
		if strings.TrimSpace(a.Authority) == "" {
			es.Add(at+".authority", "不能为空")
		}
		if len(a.Codes2015) == 0 && len(a.Codes2022) == 0 {
			es.Add(at+".codes_2015", "至少需要一个职业编码（2015 或 2022 年版）")
		}
		for _, l := range [...]keyed{{at + ".codes_2015", a.Codes2015}, {at + ".codes_2022", a.Codes2022}} {
			for j, c := range l.list {
				if !catalog.ValidCode(c) {
					es.Add(fmt.Sprintf("%s[%d]", l.key, j), "%q 不是职业编码（d-dd-dd-dd）", c)
				}
			}
		}
		p.Access = append(p.Access, AccessRule{Occupation: a.Occupation, Codes2015: a.Codes2015, Codes2022: a.Codes2022, Items: a.Items, Authority: a.Authority})
	}
}

// loadAuthorities checks who decides and the workflow's numbers.
func loadAuthorities(es *guantong.FieldErrors, p *Params, f *file) {
	p.Authorities = Authorities{Committee: f.Authorities.Committee, SelfEvaluation: f.Authorities.SelfEvaluation, Social: f.Authorities.Social}
	p.Workflow = Workflow{
		NoticeWorkdays:       f.Workflow.NoticeWorkdays,
		ResultNoticeWorkdays: f.Workflow.ResultNoticeWorkdays,
		FraudBarYears:        f.Workflow.FraudBarYears,
		PassMark:             PassMark{Theory: DefaultPassMark, Practical: DefaultPassMark},
	}
	if m := f.Workflow.PassMark; m != nil {
		p.Workflow.PassMark = PassMark{Theory: m.Theory, Practical: m.Practical}
		for _, part := range [...]struct {
			key  string
			mark float64
		}{{"workflow.pass_mark.theory", m.Theory}, {"workflow.pass_mark.practical", m.Practical}} {
			if part.mark <= 0 || part.mark > 100 {
				es.Add(part.key, "须大于 0 且不超过 100")
			}
		}
	}
	for _, a := range [...]struct{ key, tmpl string }{
		{"authorities.committee", p.Authorities.Committee},
		{"authorities.self_evaluation", p.Authorities.SelfEvaluation},
		{"authorities.social", p.Authorities.Social},
	} {
		if strings.TrimSpace(a.tmpl) == "" {
			es.Add(a.key, "不能为空")
		}
	}
	positive(es, "workflow.notice_workdays", p.Workflow.NoticeWorkdays)
	positive(es, "workflow.result_notice_workdays", p.Workflow.ResultNoticeWorkdays)
	positive(es, "workflow.fraud_bar_years", p.Workflow.FraudBarYears)
}
