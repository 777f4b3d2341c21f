package policy

// explainEmpty makes sure that an answer with no option says why (the contract: an answer
// never comes back empty without a reason). The rules add their own notes as they go; this
// is the last word when none of them applied, e.g. a person with nothing on record.
func (c *checker) explainEmpty() {
	if len(c.options) > 0 || len(c.notes) > 0 {
		return
	}
	c.note(clauseLevels, "未持有职业资格证书或职业技能等级证书，申报职称须持有"+c.p.MinSkillLevel.String()+"及以上证书")
	if len(c.titles) == 0 {
		c.note(clauseReverse, "未取得专业技术职称，不能经本方案申报职业技能评价")
	}
}
