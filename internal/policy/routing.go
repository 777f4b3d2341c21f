package policy

import (
	"strings"

	"guantong"
)

// Clauses of the plan that route a skill evaluation.
const (
	clauseSelfEvaluation = "三(二)4" // the employer evaluates its own staff
	clauseSocial         = "三(二)5" // a social training evaluation organisation
	clauseAccess         = "三(二)6" // access-type occupations go to a named department
)

// routing is who evaluates a skill application and what certificate it leads to.
type routing struct {
	evaluator   string // one of guantong's Evaluator constants
	authority   string
	certificate string
	reason      guantong.Reason
}

// route sends an evaluation in an occupation to its department when the occupation is of
// the access type (三(二)6; for an occupation with items, only those items), else to the
// employer when it is an enterprise approved for self-evaluation (三(二)4), else to a social
// training evaluation organisation (三(二)5); contract default 8.
func (c *checker) route(t *target) routing {
	a := c.e.access2015[t.code]
	if t.ed == "2022" {
		if a2 := c.e.access2022[t.given]; a2 != nil {
			a = a2
		}
	}
	itemNote := ""
	if a != nil && len(a.Items) > 0 && !contains(a.Items, t.Item) {
		itemNote = a.Occupation + "仅" + strings.Join(a.Items, "、") + "项目属就业准入类"
		if t.Item == "" {
			itemNote += "，未注明项目；"
		} else {
			itemNote += "，所报项目为" + t.Item + "；"
		}
		a = nil
	}
	if a != nil {
		if t.name == "" {
			t.name = a.Occupation
		}
		what := t.name + "为就业准入类职业"
		if a.Occupation != t.name {
			what += "（" + a.Occupation + "）"
		}
		return routing{
			evaluator:   guantong.EvaluatorDepartment,
			authority:   a.Authority,
			certificate: guantong.CertQualification,
			reason: guantong.Reason{Clause: clauseAccess, Met: true,
				Text: what + "，由" + a.Authority + "负责鉴定，合格者颁发" + guantong.CertQualification},
		}
	}
	if c.selfEvaluating() {
		employer := c.who.Employer.Name
		if employer == "" {
			employer = "所在单位"
		}
		authority := fill(c.p.Authorities.SelfEvaluation, "{employer}", employer)
		return routing{
			evaluator:   guantong.EvaluatorEmployer,
			authority:   authority,
			certificate: guantong.CertSkillLevel,
			reason: guantong.Reason{Clause: clauseSelfEvaluation, Met: true,
				Text: itemNote + "所在单位为技能人才自主评价企业，由" + authority + "制定评价方案并颁发" + guantong.CertSkillLevel},
		}
	}
	return routing{
		evaluator:   guantong.EvaluatorOrganisation,
		authority:   c.p.Authorities.Social,
		certificate: guantong.CertSkillLevel,
		reason: guantong.Reason{Clause: clauseSocial, Met: true,
			Text: itemNote + "所在单位不是技能人才自主评价企业，到" + c.p.Authorities.Social + "报名参加职业技能等级认定，合格者颁发" + guantong.CertSkillLevel},
	}
}
