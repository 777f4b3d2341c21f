package policy

import (
	"guantong"
	"guantong/internal/catalog"
)

// Clauses of the plan that the forward route implements.
const (
	clauseSeriesTable = "二(三)"  // apply strictly by the occupation ↔ series table
	clauseTeacher     = "二(一)"  // the 8 series include 技工院校教师
	clauseLevels      = "三(一)1" // 高级工 or above may apply
	clauseYears       = "三(一)2" // years after the certificate, and annual assessments
)

// forward lists the title_review options of 三(一)1-2: for each occupation in which the
// person holds 高级工 or above, each series it opens, each title level up to the one that
// matches the highest skill level held there.
func (c *checker) forward() {
	var top guantong.SkillLevel
	for i, s := range c.skills {
		top = max(top, s.Level)
		if s.Level < c.p.MinSkillLevel || c.seenOccupation(i) {
			continue
		}
		highest := c.highestSkill(s.OccupationCode)
		opened := c.seriesOpenedBy(s.OccupationCode)
		if len(opened) == 0 {
			c.note(clauseSeriesTable, string(appendOccupation(c.buf[:0], c.skillName(s), s.OccupationCode))+
				" 不在工种与职称系列对应表中，该证书不对应职称系列"+incompleteTable)
		}
		for _, series := range opened {
			for _, rule := range c.p.Forward {
				if rule.Skill > highest {
					break
				}
				c.forwardOption(s.OccupationCode, series, rule)
			}
		}
	}
	if top >= c.p.MinSkillLevel || len(c.titles) > 0 && len(c.skills) == 0 {
		return // a professional without certificates is not looking for a title review
	}
	if top == 0 {
		c.note(clauseLevels, "未持有职业资格证书或职业技能等级证书，申报职称须持有"+c.p.MinSkillLevel.String()+"及以上证书")
		return
	}
	c.note(clauseLevels, "最高技能等级为"+top.String()+"，申报职称须持有"+c.p.MinSkillLevel.String()+"及以上证书")
}

// skillName is the table's name of a certificate's occupation, else the name it carries.
func (c *checker) skillName(s guantong.Skill) string {
	if name, ok := c.e.catalog.Name(s.OccupationCode); ok {
		return name
	}
	if name, ok := catalog.Name2022(s.OccupationCode); ok && s.Classification == catalog.Edition2022 {
		return name
	}
	return s.Occupation
}

// forwardOption builds one title_review option from the certificate in the occupation that
// completes its years first; a higher level counts as every lower one, from its own date
// (contract default 3).
func (c *checker) forwardOption(code, series string, rule ForwardRule) {
	var best *guantong.Skill
	var bestSpan span
	for i := range c.skills {
		s := &c.skills[i]
		if s.OccupationCode != code || s.Level < rule.Skill {
			continue
		}
		sp := c.work.yearsFrom(s.Obtained, rule.Years)
		if best == nil || earlier(sp, bestSpan) {
			best, bestSpan = s, sp
		}
	}
	mark := len(c.reasons)
	c.levelReason(best)
	c.reason(clauseYears, !bestSpan.met.IsZero() && !bestSpan.met.After(c.asOf), c.yearsText(rule, best, bestSpan))
	c.reasons = append(c.reasons, c.assessment.reason)
	c.seriesReason(code, series, best)
	c.heldReason(series, rule.Title)
	c.add(guantong.Option{
		Route:          guantong.RouteTitleReview,
		Series:         series,
		Level:          guantong.Level{Title: rule.Title},
		OccupationCode: code,
		Missing:        c.assessment.missing,
		YearsMetOn:     bestSpan.met,
		Authority:      c.committee(series, rule.Title),
		Reasons:        c.cut(mark),
	})
}

// levelReason cites 三(一)1 on every title_review option: 持有钳工技师证书（高级工及以上）.
// The texts of the table's occupations are made once, in New.
func (c *checker) levelReason(s *guantong.Skill) {
	text, ok := c.e.levelTexts[levelKey{s.OccupationCode, s.Level}]
	if !ok {
		text = string(levelText(c.buf[:0], c.skillName(*s), s.Level, c.p.MinSkillLevel))
	}
	c.reason(clauseLevels, true, text)
}

func levelText(b []byte, name string, level, min guantong.SkillLevel) []byte {
	b = append(b, "持有"...)
	b = append(b, name...)
	b = append(b, level.String()...)
	b = append(b, "证书（"...)
	b = append(b, min.String()...)
	return append(b, "及以上）"...)
}

// heldReason fails a title option at or below a title the person already holds in the
// series (contract default 4): 已具有工程系列中级职称.
func (c *checker) heldReason(series string, level guantong.TitleLevel) {
	var held guantong.TitleLevel
	for _, t := range c.titles {
		if t.Series == series && t.Level >= level && t.Level > held {
			held = t.Level
		}
	}
	if held != 0 {
		c.reason(clauseLevels, false, "已具有"+series+"系列"+held.String()+"职称")
	}
}

// earlier reports whether a completes its years before b; never completing is latest.
func earlier(a, b span) bool {
	if a.met.IsZero() {
		return false
	}
	return b.met.IsZero() || a.met.Before(b.met)
}

// yearsText says, e.g., 取得技师后从事技术技能工作满3年：2024-06-30 已满.
func (c *checker) yearsText(rule ForwardRule, used *guantong.Skill, sp span) string {
	b := c.buf[:0]
	b = append(b, "取得"...)
	b = append(b, rule.Skill.String()...)
	if used.Level != rule.Skill {
		b = append(b, "（以"...)
		b = append(b, used.Level.String()...)
		b = append(b, "证书计）"...)
	}
	b = append(b, "后从事技术技能工作满"...)
	b = appendInt(b, rule.Years)
	b = append(b, "年："...)
	b = c.appendSpan(b, used.Obtained, sp)
	return string(b)
}

// appendSpan says when the years are complete, relative to the date checked.
func (c *checker) appendSpan(b []byte, start guantong.Date, sp span) []byte {
	switch {
	case sp.met.IsZero() && sp.ended.Before(start):
		b = append(b, "取得后无技术技能工作记录"...)
	case sp.met.IsZero():
		b = append(b, "工作经历截至 "...)
		b = sp.ended.AppendTo(b)
		b = append(b, "，累计年限不足"...)
	case sp.met.After(c.asOf):
		b = append(b, "将于 "...)
		b = sp.met.AppendTo(b)
		b = append(b, " 届满，尚差 "...)
		b = appendInt(b, c.asOf.DaysUntil(sp.met))
		b = append(b, " 天"...)
	default:
		b = sp.met.AppendTo(b)
		b = append(b, " 已满"...)
	}
	if sp.gapDays > 0 {
		b = append(b, "（工作间断 "...)
		b = appendInt(b, sp.gapDays)
		b = append(b, " 天已顺延）"...)
	}
	return b
}

// seriesReason records why the occupation opens the series: the table (二(三)), or for the
// 技工院校教师 series the employer (二(一)).
func (c *checker) seriesReason(code, series string, held *guantong.Skill) {
	if text, ok := c.e.seriesTexts[seriesKey{code, series}]; ok {
		c.reason(clauseSeriesTable, true, text)
		return
	}
	name, inTable := c.e.catalog.Name(code)
	if held != nil {
		name = c.skillName(*held)
	}
	b := c.buf[:0]
	if series == c.p.TeacherSeries {
		b = append(b, "就职于"...)
		b = append(b, c.p.TeacherEmployerKind...)
		b = append(b, "，"...)
		b = appendOccupation(b, name, code)
		if inTable {
			b = append(b, " 在对应表中，可申报"...)
			b = append(b, series...)
			b = append(b, "系列"...)
			c.reason(clauseTeacher, c.who.Employer.Kind == c.p.TeacherEmployerKind, string(b))
			return
		}
		// 二(三) brings every occupation a 技工院校 teaches into scope; the school confirms it.
		b = append(b, " 为本校所授职业，可申报"...)
		b = append(b, series...)
		b = append(b, "系列"...)
		c.confirmed(clauseSeriesTable, c.who.Employer.Kind == c.p.TeacherEmployerKind, string(b), guantong.ConfirmByEmployer)
		return
	}
	c.reason(clauseSeriesTable, c.e.catalog.Contains(code, series), string(seriesText(b, name, code, series)))
}

// seriesText writes 钳工(6-20-01-01) 对应 工程 系列.
func seriesText(b []byte, name, code, series string) []byte {
	b = appendOccupation(b, name, code)
	b = append(b, " 对应 "...)
	b = append(b, series...)
	return append(b, " 系列"...)
}

// appendOccupation writes 钳工(6-20-01-01), or 职业(6-99-99-99) for a code without a name.
func appendOccupation(b []byte, name, code string) []byte {
	if name == "" {
		name = "职业"
	}
	b = append(b, name...)
	b = append(b, '(')
	b = append(b, code...)
	return append(b, ')')
}

// seriesOpenedBy returns the series an occupation opens: those of the table, plus
// 技工院校教师 for a person employed by a 技工院校 (contract default 5).
func (c *checker) seriesOpenedBy(code string) []string {
	series := c.e.catalog.SeriesOf(code)
	if c.who.Employer.Kind == c.p.TeacherEmployerKind {
		return append(series[:len(series):len(series)], c.p.TeacherSeries)
	}
	return series
}

// highestSkill returns the highest level held in an occupation.
func (c *checker) highestSkill(code string) guantong.SkillLevel {
	var top guantong.SkillLevel
	for _, s := range c.skills {
		if s.OccupationCode == code && s.Level > top {
			top = s.Level
		}
	}
	return top
}

// seenOccupation reports whether an earlier certificate than i, of a level that opens
// titles, is in the same occupation, so that each occupation is listed once.
func (c *checker) seenOccupation(i int) bool {
	for _, s := range c.skills[:i] {
		if s.OccupationCode == c.skills[i].OccupationCode && s.Level >= c.p.MinSkillLevel {
			return true
		}
	}
	return false
}

// committee names the review committee of a series and level; the names are made once, in
// New.
func (c *checker) committee(series string, level guantong.TitleLevel) string {
	if name, ok := c.e.committees[committeeKey{series, level}]; ok {
		return name
	}
	return c.e.committeeName(series, level)
}
