package policy

import "guantong"

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
	for i, s := range c.who.Skills {
		if s.Level < c.p.MinSkillLevel || c.seenOccupation(i) {
			continue
		}
		top := c.highestSkill(s.OccupationCode)
		for _, series := range c.seriesOpenedBy(s.OccupationCode) {
			for _, rule := range c.p.Forward {
				if rule.Skill > top {
					break
				}
				c.forwardOption(s.OccupationCode, series, rule)
			}
		}
	}
}

// forwardOption builds one title_review option from the certificate in the occupation that
// completes its years first; a higher level counts as every lower one, from its own date
// (contract default 3).
func (c *checker) forwardOption(code, series string, rule ForwardRule) {
	var best *guantong.Skill
	var bestSpan span
	for i := range c.who.Skills {
		s := &c.who.Skills[i]
		if s.OccupationCode != code || s.Level < rule.Skill {
			continue
		}
		sp := c.work.yearsFrom(s.Obtained, rule.Years)
		if best == nil || earlier(sp, bestSpan) {
			best, bestSpan = s, sp
		}
	}
	mark := len(c.reasons)
	c.reason(clauseYears, !bestSpan.met.IsZero() && !bestSpan.met.After(c.asOf), c.yearsText(rule, best, bestSpan))
	c.reasons = append(c.reasons, c.assessment)
	c.seriesReason(code, series)
	c.add(guantong.Option{
		Route:          guantong.RouteTitleReview,
		Series:         series,
		Level:          guantong.Level{Title: rule.Title},
		OccupationCode: code,
		YearsMetOn:     bestSpan.met,
		Authority:      c.committee(series, rule.Title),
		Reasons:        c.cut(mark),
	})
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
func (c *checker) seriesReason(code, series string) {
	name, inTable := c.e.catalog.Name(code)
	b := c.buf[:0]
	if series == c.p.TeacherSeries {
		b = append(b, "就职于"...)
		b = append(b, c.p.TeacherEmployerKind...)
		b = append(b, "，"...)
		b = appendOccupation(b, name, code)
		b = append(b, " 在对应表中，可申报"...)
		b = append(b, series...)
		b = append(b, "系列"...)
		c.reason(clauseTeacher, inTable && c.who.Employer.Kind == c.p.TeacherEmployerKind, string(b))
		return
	}
	if text, ok := c.e.seriesTexts[seriesKey{code, series}]; ok {
		c.reason(clauseSeriesTable, true, text)
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
	if c.who.Employer.Kind == c.p.TeacherEmployerKind && len(series) > 0 {
		return append(series[:len(series):len(series)], c.p.TeacherSeries)
	}
	return series
}

// highestSkill returns the highest level held in an occupation.
func (c *checker) highestSkill(code string) guantong.SkillLevel {
	var top guantong.SkillLevel
	for _, s := range c.who.Skills {
		if s.OccupationCode == code && s.Level > top {
			top = s.Level
		}
	}
	return top
}

// seenOccupation reports whether an earlier certificate than i, of a level that opens
// titles, is in the same occupation, so that each occupation is listed once.
func (c *checker) seenOccupation(i int) bool {
	for _, s := range c.who.Skills[:i] {
		if s.OccupationCode == c.who.Skills[i].OccupationCode && s.Level >= c.p.MinSkillLevel {
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

// assessmentReason checks 近N年年度考核合格: each of the N calendar years before the year
// of the date checked is present and passing (contract default 2).
func (c *checker) assessmentReason() guantong.Reason {
	n := c.p.AssessmentYears
	first, last := c.asOf.Year()-n, c.asOf.Year()-1
	b := c.buf[:0]
	b = append(b, "近"...)
	b = appendInt(b, n)
	b = append(b, "年（"...)
	b = appendInt(b, first)
	b = append(b, "—"...)
	b = appendInt(b, last)
	b = append(b, "）年度考核"...)
	met := true
	for y := first; y <= last; y++ {
		result, ok := c.assessmentOf(y)
		switch {
		case !ok:
			b = c.appendProblem(b, met, y, "无记录")
			met = false
		case !contains(c.p.Passing, result):
			b = c.appendProblem(b, met, y, result)
			met = false
		}
	}
	if met {
		b = append(b, "均合格"...)
	}
	return guantong.Reason{Clause: clauseYears, Met: met, Text: string(b)}
}

func (c *checker) appendProblem(b []byte, first bool, year int, what string) []byte {
	if first {
		b = append(b, "未均合格："...)
	} else {
		b = append(b, "；"...)
	}
	b = appendInt(b, year)
	b = append(b, " 年"...)
	return append(b, what...)
}

// assessmentOf returns the result for a year; of two records for one year the failing one
// counts, so that a duplicate cannot hide a failure.
func (c *checker) assessmentOf(year int) (string, bool) {
	result, found := "", false
	for _, a := range c.who.Assessments {
		if a.Year != year {
			continue
		}
		if !found || !contains(c.p.Passing, a.Result) {
			result, found = a.Result, true
		}
	}
	return result, found
}
