package policy

import "guantong"

// Clauses of the plan that the reverse route implements.
const (
	clauseReverse   = "三(二)2" // a title opens a skill level; a title holder's certificate opens the next
	clauseExemption = "三(二)3" // a related diploma exempts the theory exam; 优秀人才直接申报
)

// reverse lists the skill_evaluation options of 三(二)2 for each target, the occupation of
// the current post (contract default 7): the level each title maps to, and the level above
// each certificate held in that occupation. Only title holders have them; not_applicable says
// why a person has none.
func (c *checker) reverse() {
	switch {
	case len(c.targets) == 0 && len(c.titles) > 0:
		c.note(clauseReverse, "未填写现岗位对应的职业，未列出职业技能评价选项")
		return
	case len(c.targets) == 0:
		return
	case len(c.titles) == 0:
		c.note(clauseReverse, "未取得专业技术职称：本方案的职业技能评价面向取得职称的专业技术人员，一般的技能等级晋升不属本方案")
		return
	}
	opens := false
	for _, t := range c.titles {
		if _, ok := c.p.Reverse.TitleToSkill[t.Level]; ok {
			opens = true
		}
	}
	if !opens {
		c.note(clauseReverse, "所持"+c.titles[0].Level.String()+"职称不对应职业技能等级（自助理级职称起贯通）")
		return
	}
	for i := range c.targets {
		t := &c.targets[i]
		if c.seenTarget(i) {
			continue
		}
		r := c.route(t)
		for _, title := range c.titles {
			if step, ok := c.p.Reverse.TitleToSkill[title.Level]; ok {
				c.titleToSkill(t, title, step, r)
			}
		}
		for _, s := range c.skills {
			if s.OccupationCode == t.code && s.Level < guantong.Skill1 {
				c.nextSkill(t, s, r)
			}
		}
	}
}

func (c *checker) seenTarget(i int) bool {
	for _, t := range c.targets[:i] {
		if t.code == c.targets[i].code {
			return true
		}
	}
	return false
}

// titleToSkill: a title opens the matching skill level in the occupation of the current
// post after a year of work after the title (三(二)2, contract default 7). A level already
// held is no option.
func (c *checker) titleToSkill(t *target, title guantong.Title, step TitleStep, r routing) {
	if c.highestSkill(t.code) >= step.Skill {
		return
	}
	years := step.Years
	if y, ok := c.p.Reverse.OccupationYears[t.code]; ok {
		years = y
	}
	mark := len(c.reasons)
	c.postReason(t)
	b := c.buf[:0]
	b = append(b, "持有"...)
	b = append(b, title.Series...)
	b = append(b, "系列"...)
	b = append(b, title.Level.String()...)
	b = append(b, "职称（"...)
	b = title.Obtained.AppendTo(b)
	b = append(b, "），可申报"...)
	b = append(b, step.Skill.String()...)
	c.reason(clauseReverse, true, string(b))
	var met guantong.Date
	if !c.directReason(t) {
		sp := c.work.yearsFrom(title.Obtained, years)
		met = sp.met
		b = c.buf[:0]
		b = append(b, "取得职称后从事本职业工作满"...)
		b = appendInt(b, years)
		b = append(b, "年："...)
		b = c.appendSpan(b, title.Obtained, sp)
		c.confirmed(clauseReverse, !sp.met.IsZero() && !sp.met.After(c.asOf), string(b), guantong.ConfirmByEmployer)
	}
	c.skillOption(t, title.Series, step.Skill, met, r, mark)
}

// nextSkill: for a title holder, a certificate opens the next level in the same occupation
// after a year of work after it, and the cumulative years of the policy for that level
// (三(二)2, second sentence).
func (c *checker) nextSkill(t *target, s guantong.Skill, r routing) {
	next := s.Level + 1
	if c.highestSkill(t.code) >= next {
		return
	}
	mark := len(c.reasons)
	c.postReason(t)
	var met guantong.Date
	if !c.directReason(t) {
		sp := c.work.yearsFrom(s.Obtained, c.p.Reverse.YearsAfterSkill)
		met = sp.met
		b := c.buf[:0]
		b = append(b, "取得"...)
		b = append(b, t.name...)
		b = append(b, s.Level.String()...)
		b = append(b, "证书（"...)
		b = s.Obtained.AppendTo(b)
		b = append(b, "）后从事本职业工作满"...)
		b = appendInt(b, c.p.Reverse.YearsAfterSkill)
		b = append(b, "年，可申报晋级"...)
		b = append(b, next.String()...)
		b = append(b, "："...)
		b = c.appendSpan(b, s.Obtained, sp)
		c.confirmed(clauseReverse, !sp.met.IsZero() && !sp.met.After(c.asOf), string(b), guantong.ConfirmByEmployer)
		if n := c.p.Reverse.PromotionYears[next]; n > 0 {
			total := c.work.yearsFrom(c.work.first(), n)
			if c.work.first().IsZero() {
				total = span{met: s.Obtained} // no work given: continuous work is assumed (warned)
			}
			b = c.buf[:0]
			b = append(b, "累计从事技术技能工作满"...)
			b = appendInt(b, n)
			b = append(b, "年："...)
			b = c.appendSpan(b, c.work.first(), total)
			c.confirmed(clauseReverse, !total.met.IsZero() && !total.met.After(c.asOf), string(b), guantong.ConfirmByEmployer)
			if total.met.IsZero() || total.met.After(met) {
				met = total.met
			}
		}
	}
	c.skillOption(t, "", next, met, r, mark)
}

// postReason records the target as the occupation of the current post, which the employer
// confirms (与现岗位相对应); the table does not restrict it.
func (c *checker) postReason(t *target) {
	b := appendOccupation(c.buf[:0], t.name, t.code)
	if t.Item != "" {
		b = append(b, "（"...)
		b = append(b, t.Item...)
		b = append(b, "）"...)
	}
	b = append(b, " 为现岗位相对应的职业"...)
	c.confirmed(clauseReverse, true, string(b), guantong.ConfirmByEmployer)
}

// directReason records 优秀人才直接申报 (三(二)3, contract default 10) when the target declares
// its basis: no years condition then, and the evaluator judges the skill.
func (c *checker) directReason(t *target) bool {
	if t.Direct == "" {
		return false
	}
	c.confirmed(clauseExemption, true, "优秀人才直接申报："+t.Direct+"（不受工作年限限制，由评价机构认定技能水平是否相当）", guantong.ConfirmByEvaluator)
	return true
}

func (c *checker) skillOption(t *target, series string, level guantong.SkillLevel, met guantong.Date, r routing, mark int) {
	c.reasons = append(c.reasons, r.reason)
	var exempt []string
	if d := c.exemption(t.code); d != nil && (r.evaluator != guantong.EvaluatorDepartment || c.p.AccessExemption) {
		c.reason(clauseExemption, true, "具有所申报职业相关专业毕业证书（"+d.Level+" "+d.Major+"），可免于理论知识考试")
		exempt = theoryExam
	}
	c.add(guantong.Option{
		Route:          guantong.RouteSkillEvaluation,
		Series:         series,
		Level:          guantong.Level{Skill: level},
		OccupationCode: t.code,
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
