package policy

import "guantong"

// Clauses of the plan that the reverse route implements.
const (
	clauseReverse   = "三(二)2" // a title opens a skill level; a skill level held 1 year opens the next
	clauseExemption = "三(二)3" // a related diploma exempts the theory exam
)

// reverse lists the skill_evaluation options of 三(二)2 for each target occupation: the
// level each title maps to, and the level above each certificate held in that occupation.
func (c *checker) reverse() {
	for i, t := range c.who.Targets {
		code := t.OccupationCode
		if c.seenTarget(i) {
			continue
		}
		name, inTable := c.e.catalog.Name(code)
		if !inTable {
			c.warnings = append(c.warnings, "person.targets["+itoa(i)+"]: "+code+" 不在工种与职称系列对应表中，无法与职称系列对应"+incompleteTable)
			if a, ok := c.e.access[code]; ok {
				name = a.Occupation
			}
		}
		route := c.route(code, name)
		for _, t := range c.who.Titles {
			if step, ok := c.p.Reverse.TitleToSkill[t.Level]; ok {
				c.titleToSkill(code, name, t, step, route)
			}
		}
		for _, s := range c.who.Skills {
			if s.OccupationCode == code && s.Level < guantong.Skill1 {
				c.nextSkill(code, name, s, route)
			}
		}
	}
}

func (c *checker) seenTarget(i int) bool {
	for _, t := range c.who.Targets[:i] {
		if t.OccupationCode == c.who.Targets[i].OccupationCode {
			return true
		}
	}
	return false
}

// titleToSkill: a title held long enough opens the matching skill level in an occupation of
// the title's series (三(二)2, contract default 7).
func (c *checker) titleToSkill(code, name string, t guantong.Title, step TitleStep, r routing) {
	skill, years := step.Skill, step.Years
	if y, ok := c.p.Reverse.OccupationYears[code]; ok {
		years = y
	}
	met := t.Obtained.AddYears(years)
	mark := len(c.reasons)

	b := c.buf[:0]
	b = appendOccupation(b, name, code)
	inSeries := c.e.catalog.Contains(code, t.Series)
	if inSeries {
		b = append(b, " 在 "...)
	} else {
		b = append(b, " 不在 "...)
	}
	b = append(b, t.Series...)
	b = append(b, " 系列对应工种之列，所持为"...)
	b = append(b, t.Series...)
	b = append(b, "系列"...)
	b = append(b, t.Level.String()...)
	b = append(b, "职称"...)
	c.reason(clauseReverse, inSeries, string(b))

	b = c.buf[:0]
	b = append(b, "取得"...)
	b = append(b, t.Level.String()...)
	b = append(b, "职称（"...)
	b = t.Obtained.AppendTo(b)
	b = append(b, "）满"...)
	b = appendInt(b, years)
	b = append(b, "年："...)
	b = c.appendSpan(b, t.Obtained, span{met: met})
	c.reason(clauseReverse, !met.After(c.asOf), string(b))

	c.notHeld(code, skill)
	c.skillOption(code, t.Series, skill, met, r, mark)
}

// nextSkill: a certificate held for a year opens the next level in the same occupation
// (三(二)2, second sentence).
func (c *checker) nextSkill(code, name string, s guantong.Skill, r routing) {
	next := s.Level + 1
	met := s.Obtained.AddYears(c.p.Reverse.YearsAfterSkill)
	mark := len(c.reasons)
	b := c.buf[:0]
	b = append(b, "取得"...)
	b = append(b, name...)
	b = append(b, s.Level.String()...)
	b = append(b, "（"...)
	b = s.Obtained.AppendTo(b)
	b = append(b, "）满"...)
	b = appendInt(b, c.p.Reverse.YearsAfterSkill)
	b = append(b, "年，可申报晋级"...)
	b = append(b, next.String()...)
	b = append(b, "："...)
	b = c.appendSpan(b, s.Obtained, span{met: met})
	c.reason(clauseReverse, !met.After(c.asOf), string(b))
	c.notHeld(code, next)
	c.skillOption(code, "", next, met, r, mark)
}

// notHeld adds a condition only when the person already holds the level or a higher one in
// the occupation: evaluating for a level already held is no promotion.
func (c *checker) notHeld(code string, level guantong.SkillLevel) {
	if top := c.highestSkill(code); top >= level {
		c.reason(clauseReverse, false, "已持有该职业"+top.String()+"证书，不需申报"+level.String()+"评价")
	}
}

func (c *checker) skillOption(code, series string, level guantong.SkillLevel, met guantong.Date, r routing, mark int) {
	c.reasons = append(c.reasons, r.reason)
	var exempt []string
	if d := c.exemption(code); d != nil {
		c.reason(clauseExemption, true, "具有所申报职业相关专业毕业证书（"+d.Level+" "+d.Major+"），可免于理论知识考试")
		exempt = theoryExam
	}
	c.add(guantong.Option{
		Route:          guantong.RouteSkillEvaluation,
		Series:         series,
		Level:          guantong.Level{Skill: level},
		OccupationCode: code,
		YearsMetOn:     met,
		Authority:      r.authority,
		Evaluator:      r.evaluator,
		Certificate:    r.certificate,
		Exempt:         exempt,
		Reasons:        c.cut(mark),
	})
}

// theoryExam is shared by every answer that carries it; answers are read, never changed.
var theoryExam = []string{guantong.ExemptTheoryExam}

// exemption returns the diploma whose major is related to the occupation, if any.
func (c *checker) exemption(code string) *guantong.Education {
	for i := range c.who.Education {
		for _, rc := range c.who.Education[i].RelatedCodes {
			if rc == code {
				return &c.who.Education[i]
			}
		}
	}
	return nil
}
