package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"guantong"
)

// Rule says, for one clause of the plan, what the engine checks and with which parameters,
// and where the code is, so that a policy officer can read the plan and the code side by
// side.
type Rule struct {
	Clause string `json:"clause"`
	Checks string `json:"checks"` // what is checked, in Chinese, with the numbers in force
	Code   string `json:"code"`   // file and function implementing it
}

// Explain lists the rules clause by clause, in the plan's order, with p's numbers.
func Explain(p *Params) []Rule {
	var forward []string
	for _, r := range p.Forward {
		forward = append(forward, fmt.Sprintf("取得%s后从事技术技能工作满%d年 → 可申报评审%s", r.Skill, r.Years, r.Title))
	}
	var recognise, review []string
	for _, g := range p.GreenChannel {
		if g.Route == guantong.RouteTitleRecognition {
			recognise = append(recognise, g.Award+" → 认定"+g.Level.String())
		} else {
			review = append(review, g.Award+" → 申报评审"+g.Level.String())
		}
	}
	var reverse []string
	for t := guantong.Title5; t <= guantong.Title1; t++ {
		if s, ok := p.Reverse.TitleToSkill[t]; ok {
			reverse = append(reverse, fmt.Sprintf("取得%s职称满%d年 → %s", t, s.Years, s.Skill))
		}
	}
	var access []string
	for _, a := range p.Access {
		access = append(access, fmt.Sprintf("%s（%s）→ %s", a.Occupation, strings.Join(a.Codes, "、"), a.Authority))
	}
	perOccupation := "无"
	if len(p.Reverse.OccupationYears) > 0 {
		var parts []string
		for _, code := range slices.Sorted(maps.Keys(p.Reverse.OccupationYears)) {
			parts = append(parts, fmt.Sprintf("%s：%d年", code, p.Reverse.OccupationYears[code]))
		}
		perOccupation = strings.Join(parts, "、")
	}
	return []Rule{
		{clauseTeacher, fmt.Sprintf("贯通的职称系列：%s。就职于%s的，对应表中任一工种均可申报%s系列。",
			strings.Join(p.Series, "、"), p.TeacherEmployerKind, p.TeacherSeries), "internal/policy/forward.go seriesOpenedBy, seriesReason"},
		{clauseSeriesTable, "严格按工种与职称系列对应表申报：证书的职业编码在表中哪些系列之下，就对应哪些系列（一个编码可对应多个系列）；不在表中的编码不对应任何系列。",
			"internal/policy/forward.go seriesOpenedBy, seriesReason；internal/catalog"},
		{clauseLevels, fmt.Sprintf("持有%s以上职业资格或职业技能等级证书方可申报；学历、论文从不作为条件。同一职业的较高等级证书自其取得之日起视同持有各较低等级。",
			p.MinSkillLevel), "internal/policy/forward.go forward, forwardOption"},
		{clauseYears, strings.Join(forward, "；") + fmt.Sprintf("。“满N年”在取得证书N年后的同月同日届满（2月29日顺延至3月1日），取得证书后工作经历的间断按天数顺延。另须近%d年（评估日期所在年之前的%d个自然年）年度考核均为%s。",
			p.AssessmentYears, p.AssessmentYears, strings.Join(p.Passing, "、")), "internal/policy/forward.go forwardOption, assessmentReason；internal/policy/work.go yearsFrom"},
		{clauseGreen, "绿色通道：" + strings.Join(recognise, "；") + "；" + strings.Join(review, "；") + "（不受年限限制）。系列取所持证书对应的系列；年度考核条件仍适用。",
			"internal/policy/green.go greenChannel, greenOption"},
		{"三(一)5", fmt.Sprintf("单位推荐，职改办资格审核，公示不少于%d个工作日（按国家法定节假日及调休计算），再提交评委会。", p.Workflow.NoticeWorkdays),
			"internal/workflow；internal/calendar"},
		{"三(一)6", "评委会对高技能人才单独分组、单独评审：" + fill(p.Authorities.Committee, "{series}", "某", "{level}", "某级") + "。",
			"internal/policy/engine.go committeeName"},
		{clauseReverse, fmt.Sprintf("专业技术人员：%s；所申报职业须在所持职称系列的对应工种之列（%s；个别职业另定年限：%s）。取得职业技能等级满%d年可申报同一职业的上一等级。",
			strings.Join(reverse, "，"), p.Reverse.YearsNote, perOccupation, p.Reverse.YearsAfterSkill), "internal/policy/reverse.go titleToSkill, nextSkill"},
		{clauseExemption, "具有所申报职业相关专业毕业证书（education.related_codes 含该职业编码）的，免于理论知识考试。", "internal/policy/reverse.go exemption"},
		{clauseSelfEvaluation, "所在单位为技能人才自主评价企业的，由" + fill(p.Authorities.SelfEvaluation, "{employer}", "该企业") + "评价，颁发" + guantong.CertSkillLevel + "。", "internal/policy/routing.go route"},
		{clauseSocial, "其他单位的人员到" + p.Authorities.Social + "报名，颁发" + guantong.CertSkillLevel + "。", "internal/policy/routing.go route"},
		{clauseAccess, "就业准入类职业到相应部门鉴定，颁发" + guantong.CertQualification + "：" + strings.Join(access, "；") + "。" + p.AccessNote, "internal/policy/routing.go route"},
		{"五", fmt.Sprintf("严厉打击弄虚作假：弄虚作假取得的职称撤销，%d年内不得申报；每一步留痕（哈希链审计日志）。", p.Workflow.FraudBarYears), "internal/audit；internal/workflow"},
	}
}
