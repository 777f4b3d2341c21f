package policy

import (
	"guantong"
	"guantong/internal/catalog"
)

// target is one occupation of targets, read in the table's edition.
type target struct {
	guantong.Target
	index int    // in person.targets
	code  string // the table's code (the code as given when the table has none)
	name  string
	given string // the code as given, and its edition, to find an access-type rule
	ed    string
}

// facts reads the person's facts as the contract says (its section on the document): codes
// in the table's edition, with a warning when translated or unknown; a certificate, title,
// award or work period dated after as_of, or a certificate or title obtained before the
// holder's 16th birthday, left out of the decision with a warning. The person's slices are
// shared when nothing changes, so the common case copies nothing.
func (c *checker) facts() {
	adult := sixteenth(c.who)
	cat := c.e.catalog
	c.skills = c.who.Skills
	copied := false
	for i := range c.who.Skills {
		s := &c.who.Skills[i] // by pointer: a Skill is large, and this runs for every check
		r := cat.Resolve(s.OccupationCode, s.Occupation, s.Classification)
		if !r.InTable || r.Translated || s.Occupation != "" && s.Occupation != r.Name {
			c.codeWarnings("person.skills", i, s.OccupationCode, s.Occupation, &r)
		}
		keep := c.datedFact("person.skills", i, "obtained", s.Obtained, adult, "证书")
		if !copied && (!keep || r.Code != s.OccupationCode) {
			c.skills = append(make([]guantong.Skill, 0, len(c.who.Skills)), c.who.Skills[:i]...)
			copied = true
		}
		if copied && keep {
			kept := *s
			kept.OccupationCode = r.Code
			c.skills = append(c.skills, kept)
		}
	}
	c.titles = c.who.Titles
	copied = false
	for i, t := range c.who.Titles {
		keep := c.datedFact("person.titles", i, "obtained", t.Obtained, adult, "职称")
		if !copied && !keep {
			c.titles = append(make([]guantong.Title, 0, len(c.who.Titles)), c.who.Titles[:i]...)
			copied = true
		}
		if copied && keep {
			c.titles = append(c.titles, t)
		}
	}
	c.awardFacts()
	c.workFacts()
	c.employerFacts()
	for i, t := range c.who.Targets {
		r := cat.Resolve(t.OccupationCode, "", t.Classification)
		c.codeWarnings("person.targets", i, t.OccupationCode, "", &r)
		c.targets = append(c.targets, target{Target: t, index: i, code: r.Code, name: r.Name, given: t.OccupationCode, ed: r.Edition})
	}
}

// codeWarnings says how an occupation code was read: translated from 2022, unknown, or not
// in the table, and a name that disagrees with the table's.
func (c *checker) codeWarnings(list string, i int, code, name string, r *catalog.Resolved) {
	at := fieldf(list, i, "occupation_code")
	switch {
	case !r.Known:
		c.warn(at + ": " + code + " 既不在工种与职称系列对应表中，也不在职业分类大典（2022年版）中，请核对编码")
	case r.Translated:
		c.warn(at + ": " + code + " 为职业分类大典（2022年版）编码（" + r.Name + "），按对应表中的 " + r.Code + " 处理")
	case !r.InTable && list == "person.skills":
		c.warn(at + ": " + code + " 不在工种与职称系列对应表中，该证书不对应职称系列" + incompleteTable)
	}
	if name == "" || !r.InTable || name == r.Name {
		return
	}
	if n2022, ok := catalog.Name2022(code); ok && n2022 == name && r.Edition == catalog.Edition2022 {
		return // the 2022 edition's name for the same occupation (装配钳工 for 钳工)
	}
	c.warn(fieldf(list, i, "occupation") + ": 「" + name + "」与对应表中 " + r.Code + " 的名称「" + r.Name + "」不一致，按编码处理")
}

// datedFact reports whether a dated fact may be used: not after as_of, and, when the
// holder's birth date is known, not before the 16th birthday. It warns when not.
func (c *checker) datedFact(list string, i int, field string, d, adult guantong.Date, what string) bool {
	switch {
	case d.After(c.asOf):
		c.warn(fieldf(list, i, field) + ": " + d.String() + " 晚于评估日期 " + c.asOf.String() + "，该" + what + "不予计入")
		return false
	case !adult.IsZero() && d.Before(adult):
		c.warn(fieldf(list, i, field) + ": " + d.String() + " 早于持证人年满16周岁之日（" + adult.String() + "），该" + what + "不予计入")
		return false
	}
	return true
}

// awardFacts keeps the awards of the green channel won by as_of; an unknown award or one
// after as_of is a warning.
func (c *checker) awardFacts() {
	c.awards = c.who.Awards
	copied := false
	for i, a := range c.who.Awards {
		keep := true
		if _, ok := c.e.green[a.Name]; !ok {
			c.warn(fieldf("person.awards", i, "name") + ": 「" + a.Name + "」不在绿色通道所列奖项、称号之中（三(一)4 所列：" + c.e.awardNames + "）")
		}
		if a.Year > c.asOf.Year() {
			c.warn(fieldf("person.awards", i, "year") + ": " + itoa(a.Year) + " 晚于评估日期所在年度，该奖项不予计入")
			keep = false
		}
		if a.OccupationCode != "" {
			r := c.e.catalog.Resolve(a.OccupationCode, "", "")
			c.codeWarnings("person.awards", i, a.OccupationCode, "", &r)
			a.OccupationCode = r.Code
		}
		if !copied && (!keep || a.OccupationCode != c.who.Awards[i].OccupationCode) {
			c.awards = append(make([]guantong.Award, 0, len(c.who.Awards)), c.who.Awards[:i]...)
			copied = true
		}
		if copied && keep {
			c.awards = append(c.awards, a)
		}
	}
}

// workFacts builds the work history from the periods that can be true: a period starting
// after as_of, or ending before it starts, is left out with a warning.
func (c *checker) workFacts() {
	work := c.who.Work
	copied := false
	for i, w := range c.who.Work {
		keep := true
		switch {
		case w.From.After(c.asOf):
			c.warn(fieldf("person.work", i, "from") + ": " + w.From.String() + " 晚于评估日期 " + c.asOf.String() + "，该段工作经历不予计入")
			keep = false
		case !w.To.IsZero() && w.To.Before(w.From):
			c.warn(fieldf("person.work", i, "to") + ": " + w.To.String() + " 早于开始日期 " + w.From.String() + "，该段工作经历不予计入")
			keep = false
		}
		if !copied && !keep {
			work = append(make([]guantong.WorkPeriod, 0, len(c.who.Work)), c.who.Work[:i]...)
			copied = true
		}
		if copied && keep {
			work = append(work, w)
		}
	}
	c.work = newHistory(work)
	if len(c.who.Work) == 0 && (len(c.skills) > 0 || len(c.titles) > 0) {
		c.warn("未提供工作经历，按取得证书后连续从事技术技能工作计算")
	}
}

// employerFacts warns about a self-evaluation flag on an employer that cannot be a
// 技能人才自主评价企业 (三(二)4 names enterprises); routing ignores it.
func (c *checker) employerFacts() {
	emp := c.who.Employer
	if emp.SelfEvaluation && !c.selfEvaluating() {
		kind := emp.Kind
		if kind == "" {
			kind = "未填写"
		}
		c.warn("person.employer.self_evaluation: 单位类型为" + kind + "，技能人才自主评价限于企业（三(二)4），该标记不予采用")
	}
}

// selfEvaluating reports whether the employer evaluates its own staff (三(二)4).
func (c *checker) selfEvaluating() bool {
	return c.who.Employer.SelfEvaluation && contains(c.p.SelfEvaluationKinds, c.who.Employer.Kind)
}

// sixteenth returns the holder's 16th birthday, from an ID number that carries the birth
// date (the resident ID and the residence permits), or the zero Date.
func sixteenth(p *guantong.Person) guantong.Date {
	switch p.IDType {
	case "", guantong.IDResident, guantong.IDHongKongMacao, guantong.IDTaiwan, guantong.IDForeignPermanent:
	default:
		return guantong.Date{}
	}
	if len(p.IDNumber) != 18 {
		return guantong.Date{}
	}
	id := p.IDNumber
	born, err := guantong.ParseDate(id[6:10] + "-" + id[10:12] + "-" + id[12:14])
	if err != nil {
		return guantong.Date{}
	}
	return born.AddYears(16)
}
