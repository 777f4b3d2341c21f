package policy

import "guantong"

const clauseGreen = "三(一)4" // the green channel for award winners

// greenChannel lists the options the awards of 三(一)4 open: a title recognised outright
// (认定), or 中级 reviewed without the years (contract default 6). The series is that of the
// award's occupation (相应评委会); without one, the series opened by the occupations of the
// person's highest skill level, which the office (职改办) confirms. The annual-assessment
// condition still applies.
func (c *checker) greenChannel() {
	for _, a := range c.awards {
		rule, ok := c.e.green[a.Name]
		if !ok {
			continue
		}
		if a.OccupationCode != "" {
			opened := c.seriesOpenedBy(a.OccupationCode)
			for _, series := range opened {
				c.greenOption(a, rule, series, a.OccupationCode, "")
			}
			if len(opened) == 0 {
				name, _ := c.e.catalog.Name(a.OccupationCode)
				c.note(clauseGreen, "获得「"+a.Name+"」，其所属职业 "+string(appendOccupation(c.buf[:0], name, a.OccupationCode))+
					" 不在工种与职称系列对应表中，无法确定相应评委会"+incompleteTable)
			}
			continue
		}
		top := c.topSkill()
		opened := false
		for i, s := range c.skills {
			if s.Level != top || top < guantong.Skill5 || c.seenOccupation(i) {
				continue
			}
			for _, series := range c.seriesOpenedBy(s.OccupationCode) {
				opened = true
				c.greenOption(a, rule, series, s.OccupationCode, guantong.ConfirmByOffice)
			}
		}
		if !opened {
			c.note(clauseGreen, "获得「"+a.Name+"」，但未注明奖项所属职业，也没有可对应职称系列的技能等级证书，无法确定相应评委会")
		}
	}
}

// topSkill returns the highest skill level the person holds in any occupation.
func (c *checker) topSkill() guantong.SkillLevel {
	var top guantong.SkillLevel
	for _, s := range c.skills {
		top = max(top, s.Level)
	}
	return top
}

// greenOption builds one option of an award in a series; confirmBy is set on the series
// reason when the series was read from the certificates rather than from the award.
func (c *checker) greenOption(a guantong.Award, rule *GreenRule, series, code, confirmBy string) {
	mark := len(c.reasons)
	c.confirmed(clauseGreen, true, c.awardText(a, rule), guantong.ConfirmByOffice)
	c.reasons = append(c.reasons, c.assessment.reason)
	c.seriesReason(code, series, nil)
	if confirmBy != "" {
		r := &c.reasons[len(c.reasons)-1]
		r.Text += "（奖项未注明所属职业，按最高技能等级所在职业确定相应评委会）"
		r.ConfirmBy = confirmBy
	}
	c.heldReason(series, rule.Level)
	c.add(guantong.Option{
		Route:          rule.Route,
		Series:         series,
		Level:          guantong.Level{Title: rule.Level},
		OccupationCode: code,
		Missing:        c.assessment.missing,
		Authority:      c.committee(series, rule.Level),
		Reasons:        c.cut(mark),
	})
}

// awardText says, e.g., 获得「全国技术能手」（2022），可由相应评委会认定副高级职称, naming the
// policy's word for an alias: 获得「享受国务院特殊津贴」（即享受国务院政府特殊津贴，2020）.
func (c *checker) awardText(a guantong.Award, rule *GreenRule) string {
	b := c.buf[:0]
	b = append(b, "获得「"...)
	b = append(b, a.Name...)
	b = append(b, "」（"...)
	if a.Name != rule.Award {
		b = append(b, "即"...)
		b = append(b, rule.Award...)
		b = append(b, "，"...)
	}
	b = appendInt(b, a.Year)
	b = append(b, "）"...)
	if rule.Route == guantong.RouteTitleRecognition {
		b = append(b, "，可由相应评委会认定"...)
		b = append(b, rule.Level.String()...)
		b = append(b, "职称"...)
	} else {
		b = append(b, "，可申报评审"...)
		b = append(b, rule.Level.String()...)
		b = append(b, "职称，不受取得证书后年限限制"...)
	}
	return string(b)
}
