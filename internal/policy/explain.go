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

// Explain lists the rules clause by clause, in the plan's order, with p's numbers, in words
// a policy officer reads: no keys of the policy file, no names from the code (Rule.Code is
// for developers and is not meant to be shown to the public).
func Explain(p *Params) []Rule {
	var forward []string
	for _, r := range p.Forward {
		forward = append(forward, fmt.Sprintf("取得%s后从事技术技能工作满%d年，可申报评审%s职称", r.Skill, r.Years, r.Title))
	}
	var recognise, review []string
	for _, g := range p.GreenChannel {
		name := g.Award
		if len(g.Aliases) > 0 {
			name += "（亦称" + strings.Join(g.Aliases, "、") + "）"
		}
		if g.Route == guantong.RouteTitleRecognition {
			recognise = append(recognise, name+"：认定"+g.Level.String()+"职称")
		} else {
			review = append(review, name+"：申报评审"+g.Level.String()+"职称，不受年限限制")
		}
	}
	green := "绿色通道。" + sentence(recognise) + sentence(review) +
		"申报系列为奖项所属职业对应的系列（相应评委会）；奖项未注明职业的，取最高技能等级所在职业对应的系列，由职改办核实。奖项以证书或文件为准，由职改办核实；年度考核条件仍适用。"
	var reverse []string
	for t := guantong.Title5; t <= guantong.Title1; t++ {
		if s, ok := p.Reverse.TitleToSkill[t]; ok {
			reverse = append(reverse, fmt.Sprintf("取得%s职称后从事本职业工作满%d年，可申报%s", t, s.Years, s.Skill))
		}
	}
	var access []string
	for _, a := range p.Access {
		codes := a.Codes2015
		if len(a.Codes2022) > 0 && !slices.Equal(a.Codes2022, a.Codes2015) {
			codes = append(slices.Clone(codes), a.Codes2022...)
		}
		item := ""
		if len(a.Items) > 0 {
			item = "（限" + strings.Join(a.Items, "、") + "项目）"
		}
		access = append(access, fmt.Sprintf("%s%s由%s鉴定（编码 %s）", a.Occupation, item, a.Authority, strings.Join(codes, "、")))
	}
	perOccupation := ""
	if len(p.Reverse.OccupationYears) > 0 {
		var parts []string
		for _, code := range slices.Sorted(maps.Keys(p.Reverse.OccupationYears)) {
			parts = append(parts, fmt.Sprintf("%s为%d年", code, p.Reverse.OccupationYears[code]))
		}
		perOccupation = "另定年限的职业：" + strings.Join(parts, "、") + "。"
	}
	promotion := "不另设累计年限"
	if len(p.Reverse.PromotionYears) > 0 {
		var parts []string
		for l := guantong.Skill5; l <= guantong.Skill1; l++ {
			if n, ok := p.Reverse.PromotionYears[l]; ok {
				parts = append(parts, fmt.Sprintf("%s须累计工作满%d年", l, n))
			}
		}
		promotion = strings.Join(parts, "，")
	}
	a := p.Assessment
	exemptAccess := "就业准入类职业的鉴定不免考。"
	if p.AccessExemption {
		exemptAccess = "就业准入类职业的鉴定同样免考。"
	}
	return []Rule{
		{clauseTeacher, fmt.Sprintf("贯通的职称系列：%s。就职于%s的，所授任一职业均可申报%s系列。",
			strings.Join(p.Series, "、"), p.TeacherEmployerKind, p.TeacherSeries), "internal/policy/forward.go seriesOpenedBy, seriesReason"},
		{clauseSeriesTable, "严格按工种与职称系列对应表申报：证书的职业编码在表中哪些系列之下，就对应哪些系列（一个编码可对应多个系列）；不在表中的编码不对应任何系列（技工院校教师除外）。职业分类大典2022年版的编码按对照表换算为表中编码。",
			"internal/policy/forward.go seriesOpenedBy, seriesReason；internal/catalog"},
		{clauseLevels, fmt.Sprintf("持有%s及以上职业资格证书或职业技能等级证书方可申报职称；学历、论文不作为条件。同一职业的较高等级证书自取得之日起视同持有各较低等级。已具有的职称层级及以下不再列为可申报。",
			p.MinSkillLevel), "internal/policy/forward.go forward, levelReason, heldReason"},
		{clauseYears, strings.Join(forward, "；") + fmt.Sprintf("。“满N年”在取得证书N年后的同月同日届满，该年无此日的（2月29日）为2月28日（民法典第二百零二条）；取得证书后工作经历的间断按天数顺延。另须近%d年年度考核合格：计入的是评估日期前已到考核结果报送日（次年%d月%d日）的最近%d个年度，参加工作前的年度不计；合格的考核结果为%s，不合格的为%s；缺少某年度结果的，须补充后再定。",
			a.Years, a.DueMonth, a.DueDay, a.Years, strings.Join(a.Passing, "、"), strings.Join(a.Failing, "、")),
			"internal/policy/forward.go forwardOption；internal/policy/assessment.go assess；internal/policy/work.go yearsFrom"},
		{clauseGreen, green, "internal/policy/green.go greenChannel, greenOption"},
		{"三(一)5", fmt.Sprintf("单位推荐，职改办资格审核，公示不少于%d个工作日（按国家法定节假日及调休计算），再提交评委会。", p.Workflow.NoticeWorkdays),
			"internal/workflow；internal/calendar"},
		{"三(一)6", "评委会对高技能人才单独分组、单独评审：" + fill(p.Authorities.Committee, "{series}", "某", "{level}", "某级") + "。",
			"internal/policy/engine.go committeeName"},
		{clauseReverse, fmt.Sprintf("取得职称的专业技术人员，可在现岗位相对应的职业（由用人单位确认）申报职业技能评价：%s。员级职称不对应技能等级。%s%s。取得职业技能等级证书后从事本职业工作满%d年，可申报同一职业的上一等级（%s）；未取得职称的，一般的技能等级晋升不属本方案。",
			strings.Join(reverse, "，"), perOccupation, strings.TrimRight(p.Reverse.YearsNote, "。；"), p.Reverse.YearsAfterSkill, promotion),
			"internal/policy/reverse.go titleToSkill, nextSkill"},
		{clauseExemption, "具有所申报职业相关专业毕业证书的，免于理论知识考试；" + exemptAccess + "取得突出成绩的优秀人才可直接申报相应等级，不受工作年限限制，由评价机构认定技能水平。" +
			fmt.Sprintf("理论知识考试成绩不低于%g分、操作技能考核成绩不低于%g分的，方可记为合格。", p.Workflow.PassMark.Theory, p.Workflow.PassMark.Practical),
			"internal/policy/reverse.go exemption, directReason；internal/workflow record"},
		{clauseSelfEvaluation, "所在单位为" + strings.Join(p.SelfEvaluationKinds, "、") + "且为技能人才自主评价企业的，由" + fill(p.Authorities.SelfEvaluation, "{employer}", "该企业") + "评价，颁发" + guantong.CertSkillLevel + "。", "internal/policy/routing.go route"},
		{clauseSocial, "其他单位的人员到" + p.Authorities.Social + "报名，颁发" + guantong.CertSkillLevel + "。", "internal/policy/routing.go route"},
		{clauseAccess, "就业准入类职业到相应部门鉴定，颁发" + guantong.CertQualification + "：" + strings.Join(access, "；") + "。" + sentence([]string{p.AccessNote}), "internal/policy/routing.go route"},
		{"五", fmt.Sprintf("严厉打击弄虚作假：弄虚作假取得的职称撤销，%d年内不得申报；每一步留痕（哈希链审计日志）。", p.Workflow.FraudBarYears), "internal/audit；internal/workflow"},
	}
}

// sentence joins parts with ；and ends them with 。, or returns "" for none, so that an empty
// list leaves no stray punctuation.
func sentence(parts []string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimRight(strings.TrimSpace(p), "。；"); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	return strings.Join(kept, "；") + "。"
}
