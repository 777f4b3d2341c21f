package policy

import "guantong"

const clauseGreen = "三(一)4" // the green channel for award winners

// greenChannel lists the options the awards of 三(一)4 open: a title recognised outright
// (认定), or 中级 reviewed without the years. The series is that of the person's skill
// certificates; the annual-assessment condition still applies (contract default 6).
func (c *checker) greenChannel() {
	for _, a := range c.who.Awards {
		rule, ok := c.e.green[a.Name]
		if !ok {
			continue
		}
		opened := false
		for i, s := range c.who.Skills {
			if s.Level < c.p.MinSkillLevel || c.seenOccupation(i) {
				continue
			}
			for _, series := range c.seriesOpenedBy(s.OccupationCode) {
				opened = true
				c.greenOption(a, rule, series, s.OccupationCode)
			}
		}
		if !opened {
			c.greenOption(a, rule, "", "")
		}
	}
}

func (c *checker) greenOption(a guantong.Award, rule GreenRule, series, code string) {
	mark := len(c.reasons)
	c.reason(clauseGreen, a.Year <= c.asOf.Year(), c.awardText(a, rule))
	c.reasons = append(c.reasons, c.assessment)
	authority := ""
	if series == "" {
		c.reason(clauseSeriesTable, false, "未持有对应表所列工种的"+c.p.MinSkillLevel.String()+"以上证书，无法确定申报系列")
	} else {
		c.seriesReason(code, series)
		authority = c.committee(series, rule.Level)
	}
	c.add(guantong.Option{
		Route:          rule.Route,
		Series:         series,
		Level:          guantong.Level{Title: rule.Level},
		OccupationCode: code,
		Authority:      authority,
		Reasons:        c.cut(mark),
	})
}

// awardText says, e.g., 获得「全国技术能手」（2022），可由相应评委会认定副高级职称.
func (c *checker) awardText(a guantong.Award, rule GreenRule) string {
	b := c.buf[:0]
	b = append(b, "获得「"...)
	b = append(b, a.Name...)
	b = append(b, "」（"...)
	b = appendInt(b, a.Year)
	b = append(b, "）"...)
	if a.Year > c.asOf.Year() {
		b = append(b, "，晚于评估年度"...)
	}
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
