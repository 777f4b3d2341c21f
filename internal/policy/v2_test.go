package policy_test

import (
	"slices"
	"strings"
	"testing"

	"guantong"
)

// expect is what a version-2 test expects of one answer: options by route/series-or-code/level
// with their status, and words that must (or must not) appear among notes and warnings.
type expect struct {
	route, key, level string // key: series for titles, occupation code for skills
	status            string // "" : the option must be absent
	reason, clause    string // a reason containing reason, with clause
	confirmBy         string // …and this confirm_by
	missing           string // a path in missing
	yearsMetOn        string
}

func find(a guantong.Answer, route, key, level string) (guantong.Option, bool) {
	if route == guantong.RouteSkillEvaluation {
		return a.FindSkill(key, level)
	}
	return a.Find(route, key, level)
}

func welderTitle(level guantong.TitleLevel, obtained string) []guantong.Title {
	return []guantong.Title{{Series: "工程", Level: level, Obtained: date(obtained)}}
}

func TestContractVersion2(t *testing.T) {
	title := welderTitle
	tests := []struct {
		name     string
		asOf     string
		person   guantong.Person
		options  []expect
		notes    []string // clause + " " + a substring of the note
		warnings []string // substrings
	}{
		{
			name: "三(二)2 an access-type occupation (轨道交通列车司机) is reachable as the current post, 三(二)6 routes it", asOf: "2026-12-31",
			person: guantong.Person{Titles: title(guantong.Title3, "2020-07-01"), Targets: []guantong.Target{{OccupationCode: "4-02-01-01"}}},
			options: []expect{{route: "skill_evaluation", key: "4-02-01-01", level: "技师", status: "eligible",
				reason: "交通运输部门或国家铁路局", clause: "三(二)6"},
				{route: "skill_evaluation", key: "4-02-01-01", level: "技师", status: "eligible",
					reason: "为现岗位相对应的职业", clause: "三(二)2", confirmBy: "用人单位"}},
		},
		{
			name: "三(二)2 焊工 outside the table is reachable by a title holder", asOf: "2026-12-31",
			person:  guantong.Person{Titles: title(guantong.Title4, "2020-07-01"), Targets: []guantong.Target{{OccupationCode: "6-18-02-04"}}},
			options: []expect{{route: "skill_evaluation", key: "6-18-02-04", level: "高级工", status: "eligible", reason: "职业技能鉴定机构", clause: "三(二)6"}},
		},
		{
			name: "三(二)2 a year of work after the title: work that ended in 2019 gives no years", asOf: "2026-12-31",
			person: guantong.Person{Titles: title(guantong.Title3, "2019-06-01"), Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}},
				Work: []guantong.WorkPeriod{{From: date("2010-01-01"), To: date("2019-12-31")}}},
			options: []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "技师", status: "ineligible", yearsMetOn: "null",
				reason: "工作经历截至 2019-12-31，累计年限不足", clause: "三(二)2", confirmBy: "用人单位"}},
		},
		{
			name: "三(二)2 正高级 maps to 高级技师", asOf: "2026-12-31",
			person:  guantong.Person{Titles: title(guantong.Title1, "2018-01-01"), Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			options: []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "高级技师", status: "eligible"}},
		},
		{
			name: "三(二)2 no title: no skill option, and not_applicable says why", asOf: "2026-12-31",
			person:  guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill3, "2020-01-01")}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			options: []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "技师"}},
			notes:   []string{"三(二)2 未取得专业技术职称"},
		},
		{
			name: "三(二)2 a 员级 title opens no skill level, and not_applicable says so", asOf: "2026-12-31",
			person:  guantong.Person{Titles: title(guantong.Title5, "2018-01-01"), Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			options: []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "初级工"}},
			notes:   []string{"三(二)2 所持员级职称不对应职业技能等级"},
		},
		{
			name: "三(二)3 优秀人才直接申报: no years, confirmed by the evaluator", asOf: "2026-12-31",
			person: guantong.Person{Titles: title(guantong.Title3, "2026-10-01"),
				Targets: []guantong.Target{{OccupationCode: "6-20-01-01", Direct: "全国职业院校技能大赛一等奖"}}},
			options: []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "技师", status: "eligible", yearsMetOn: "null",
				reason: "优秀人才直接申报：全国职业院校技能大赛一等奖", clause: "三(二)3", confirmBy: "评价机构"}},
		},
		{
			name: "三(一)4 the plan's own 享受国务院特殊津贴 is the award of 享受国务院政府特殊津贴", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill1, "2015-01-01")}, Assessments: passed(2023, 2024, 2025),
				Awards: []guantong.Award{{Name: "享受国务院特殊津贴", Year: 2020}}},
			options: []expect{{route: "title_recognition", key: "工程", level: "正高级", status: "eligible",
				reason: "即享受国务院政府特殊津贴", clause: "三(一)4", confirmBy: "职改办"}},
		},
		{
			name: "三(一)4 河北省技能大师工作室领办人 and 世界技能大赛金牌选手 are aliases", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill1, "2015-01-01")}, Assessments: passed(2023, 2024, 2025),
				Awards: []guantong.Award{{Name: "河北省技能大师工作室领办人", Year: 2020}, {Name: "世界技能大赛金牌选手", Year: 2021}}},
			options: []expect{{route: "title_recognition", key: "工程", level: "副高级", status: "eligible"}},
		},
		{
			name: "三(一)4 相应评委会: the series of the award's occupation, not of a newer 讲解员 certificate", asOf: "2026-12-31",
			person: guantong.Person{Assessments: passed(2023, 2024, 2025),
				Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01"),
					{OccupationCode: "4-13-01-03", Occupation: "讲解员", Level: guantong.Skill3, Obtained: date("2026-10-31")}},
				Awards: []guantong.Award{{Name: "全国技术能手", Year: 2022, OccupationCode: "6-20-01-01"}}},
			options: []expect{{route: "title_recognition", key: "工程", level: "副高级", status: "eligible"},
				{route: "title_recognition", key: "艺术", level: "副高级"}},
		},
		{
			name: "三(一)4 without the award's occupation: the highest level's occupation, confirmed by 职改办", asOf: "2026-12-31",
			person: guantong.Person{Assessments: passed(2023, 2024, 2025),
				Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01"),
					{OccupationCode: "4-13-01-03", Occupation: "讲解员", Level: guantong.Skill3, Obtained: date("2026-10-31")}},
				Awards: []guantong.Award{{Name: "全国技术能手", Year: 2022}}},
			options: []expect{{route: "title_recognition", key: "工程", level: "副高级", status: "eligible", reason: "按最高技能等级所在职业", clause: "二(三)", confirmBy: "职改办"},
				{route: "title_recognition", key: "艺术", level: "副高级"}},
		},
		{
			name: "三(一)1 中级工 only: no option, a 三(一)1 reason", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill4, "2015-01-01")}, Assessments: passed(2023, 2024, 2025)},
			notes:  []string{"三(一)1 最高技能等级为中级工，申报职称须持有高级工及以上证书"},
		},
		{
			name: "三(一)1 cited on every title_review option", asOf: "2026-12-31",
			person:  guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024, 2025)},
			options: []expect{{route: "title_review", key: "工程", level: "助理级", status: "eligible", reason: "持有钳工技师证书（高级工及以上）", clause: "三(一)1"}},
		},
		{
			name: "三(一)1 a title already held: 已具有…职称, ineligible", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024, 2025),
				Titles: title(guantong.Title3, "2020-01-01")},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "ineligible", reason: "已具有工程系列中级职称", clause: "三(一)1"}},
		},
		{
			name: "default 2: on 2027-01-10 the 2026 assessment is not yet due (2023–2025)", asOf: "2027-01-10",
			person:  guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024, 2025)},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "eligible", reason: "近3年（2023—2025）年度考核均合格", clause: "三(一)2"}},
		},
		{
			name: "default 2: on 2027-04-01 the years are 2024–2026", asOf: "2027-04-01",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024, 2025)},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "needs_information", missing: "person.assessments[2026]",
				reason: "2026 年无记录", clause: "三(一)2"}},
		},
		{
			name: "default 2: a missing year is needs_information with person.assessments[2025]", asOf: "2026-12-31",
			person:  guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024)},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "needs_information", missing: "person.assessments[2025]"}},
		},
		{
			name: "default 2: a failing year is ineligible, whatever is missing", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")},
				Assessments: []guantong.Assessment{{Year: 2023, Result: "不称职"}, {Year: 2024, Result: "合格"}}},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "ineligible", reason: "2023 年不称职", clause: "三(一)2"}},
		},
		{
			name: "default 2: 良好 passes, 基本称职 does not (policy words)", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")},
				Assessments: []guantong.Assessment{{Year: 2023, Result: "良好"}, {Year: 2024, Result: "良好"}, {Year: 2025, Result: "基本称职"}}},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "ineligible", reason: "2025 年基本称职", clause: "三(一)2"}},
		},
		{
			name: "default 2: 未考核 does not pass", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")},
				Assessments: append(passed(2023, 2024), guantong.Assessment{Year: 2025, Result: "未考核"})},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "ineligible", reason: "2025 年未考核", clause: "三(一)2"}},
		},
		{
			name: "default 2: years before the first work period are not required", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill3, "2024-03-01")}, Assessments: passed(2024, 2025),
				Work: []guantong.WorkPeriod{{From: date("2024-03-01")}}, Awards: []guantong.Award{{Name: "河北省技术能手", Year: 2025}}},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "eligible",
				reason: "近3年（2023—2025）中参加工作后的 2024—2025 年度考核均合格", clause: "三(一)2"}},
		},
		{
			name: "default 1: the years complete after as_of: not_yet", asOf: "2026-12-31",
			person:  guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2024-06-30")}, Assessments: passed(2023, 2024, 2025)},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "not_yet", yearsMetOn: "2027-06-30"}},
		},
		{
			name: "facts: a certificate dated after as_of is left out with a warning", asOf: "2026-12-31",
			person:   guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2027-06-30")}, Assessments: passed(2023, 2024, 2025)},
			options:  []expect{{route: "title_review", key: "工程", level: "中级"}},
			warnings: []string{"person.skills[0].obtained: 2027-06-30 晚于评估日期 2026-12-31，该证书不予计入"},
			notes:    []string{"三(一)1 未持有"},
		},
		{
			name: "facts: a title in the future opens nothing", asOf: "2026-12-31",
			person:   guantong.Person{Titles: title(guantong.Title3, "2027-01-01"), Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			options:  []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "技师"}},
			warnings: []string{"person.titles[0].obtained: 2027-01-01 晚于评估日期"},
		},
		{
			name: "facts: a certificate before the holder's 16th birthday is left out", asOf: "2026-12-31",
			person: guantong.Person{IDNumber: "130102199001011237", Skills: []guantong.Skill{fitter(guantong.Skill2, "2005-06-30")},
				Assessments: passed(2023, 2024, 2025)},
			options:  []expect{{route: "title_review", key: "工程", level: "中级"}},
			warnings: []string{"person.skills[0].obtained: 2005-06-30 早于持证人年满16周岁之日（2006-01-01）"},
		},
		{
			name: "facts: an award in a later year and work ending before it starts are left out", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")}, Assessments: passed(2023, 2024, 2025),
				Awards: []guantong.Award{{Name: "全国技术能手", Year: 2027}},
				Work:   []guantong.WorkPeriod{{From: date("2014-01-01")}, {From: date("2020-01-01"), To: date("2019-01-01")}}},
			options:  []expect{{route: "title_recognition", key: "工程", level: "副高级"}},
			warnings: []string{"person.awards[0].year: 2027 晚于评估日期所在年度", "person.work[1].to: 2019-01-01 早于开始日期 2020-01-01"},
		},
		{
			name: "contract: a 2022 code (4-14-05-03 游泳救生员) is read through the crosswalk and goes to 体育部门", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "体育", Level: guantong.Title4, Obtained: date("2020-01-01")}},
				Targets: []guantong.Target{{OccupationCode: "4-14-05-03", Classification: "2022"}}},
			options:  []expect{{route: "skill_evaluation", key: "4-13-04-03", level: "高级工", status: "eligible", reason: "由体育部门负责鉴定", clause: "三(二)6"}},
			warnings: []string{"person.targets[0].occupation_code: 4-14-05-03 为职业分类大典（2022年版）编码（游泳救生员），按对应表中的 4-13-04-03 处理"},
		},
		{
			name: "contract: a 2022-named certificate under 4-14-05-03 opens 体育 through the crosswalk", asOf: "2026-12-31",
			person: guantong.Person{Assessments: passed(2023, 2024, 2025),
				Skills: []guantong.Skill{{OccupationCode: "4-14-05-03", Occupation: "游泳救生员", Level: guantong.Skill3, Obtained: date("2020-01-01")}}},
			options: []expect{{route: "title_review", key: "体育", level: "助理级", status: "eligible"}},
		},
		{
			name: "default 8: 社会体育指导员 goes to 体育部门 only for 游泳、滑雪、潜水、攀岩", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "体育", Level: guantong.Title4, Obtained: date("2020-01-01")}},
				Targets: []guantong.Target{{OccupationCode: "4-13-04-01", Item: "足球"}}},
			options: []expect{{route: "skill_evaluation", key: "4-13-04-01", level: "高级工", status: "eligible", reason: "社会体育指导员仅游泳、滑雪、潜水、攀岩项目属就业准入类", clause: "三(二)5"}},
		},
		{
			name: "default 8: 社会体育指导员 (滑雪) goes to 体育部门", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "体育", Level: guantong.Title4, Obtained: date("2020-01-01")}},
				Targets: []guantong.Target{{OccupationCode: "4-13-04-01", Item: "滑雪"}}},
			options: []expect{{route: "skill_evaluation", key: "4-13-04-01", level: "高级工", status: "eligible", reason: "体育部门", clause: "三(二)6"}},
		},
		{
			name: "default 5: a 技工院校 teacher of 焊工 (not in the table) gets the 技工院校教师 series, confirmed by the school", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Kind: "技工院校"}, Assessments: passed(2023, 2024, 2025),
				Skills: []guantong.Skill{{OccupationCode: "6-18-02-04", Occupation: "焊工", Level: guantong.Skill2, Obtained: date("2018-01-01")}}},
			options: []expect{{route: "title_review", key: "技工院校教师", level: "中级", status: "eligible", reason: "为本校所授职业", clause: "二(三)", confirmBy: "用人单位"}},
		},
		{
			name: "default 8: 机关 is not a self-evaluating enterprise (warning, ignored)", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Name: "某局", Kind: "机关", SelfEvaluation: true},
				Titles: title(guantong.Title3, "2019-01-01"), Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			options:  []expect{{route: "skill_evaluation", key: "6-20-01-01", level: "技师", status: "eligible", reason: "社会培训评价组织", clause: "三(二)5"}},
			warnings: []string{"person.employer.self_evaluation: 单位类型为机关"},
		},
		{
			name: "三(二)2 a 正高级 title without targets: not_applicable says what is missing", asOf: "2026-12-31",
			person: guantong.Person{Titles: title(guantong.Title1, "2018-01-01")},
			notes:  []string{"三(二)2 未填写现岗位对应的职业"},
		},
		{
			name: "default 2: a grade the policy does not list is undecided (needs_information)", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2015-01-01")},
				Assessments: append(passed(2023, 2024), guantong.Assessment{Year: 2025, Result: "A"})},
			options: []expect{{route: "title_review", key: "工程", level: "中级", status: "needs_information", missing: "person.assessments[2025]",
				reason: "2025 年「A」（政策未列此考核结果）", clause: "三(一)2"}},
		},
		{
			name: "not_applicable: nothing on record still says why", asOf: "2026-12-31",
			person: guantong.Person{Name: "某人"},
			notes:  []string{"三(一)1 未持有职业资格证书"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := engine.Check(guantong.Request{AsOf: date(tt.asOf), Person: tt.person})
			if len(a.Options) == 0 && len(a.NotApplicable) == 0 {
				t.Errorf("an empty answer without a reason")
			}
			for _, w := range tt.options {
				o, ok := find(a, w.route, w.key, w.level)
				if w.status == "" {
					if ok {
						t.Errorf("%s %s %s: listed (%s), want absent", w.route, w.key, w.level, o.Status)
					}
					continue
				}
				if !ok {
					t.Fatalf("%s %s %s: not listed; options: %s; notes: %v; warnings: %v", w.route, w.key, w.level, summary(a), a.NotApplicable, a.Warnings)
				}
				if o.Status != w.status || o.Eligible != (w.status == "eligible") {
					t.Errorf("%s %s %s: status %s (eligible %v), want %s; reasons: %v", w.route, w.key, w.level, o.Status, o.Eligible, w.status, o.Reasons)
				}
				if w.missing != "" && !slices.Contains(o.Missing, w.missing) {
					t.Errorf("%s %s %s: missing %v, want %s", w.route, w.key, w.level, o.Missing, w.missing)
				}
				if got := o.YearsMetOn.String(); w.yearsMetOn != "" && got != strings.TrimPrefix(w.yearsMetOn, "null") {
					t.Errorf("%s %s %s: years_met_on %q, want %s", w.route, w.key, w.level, got, w.yearsMetOn)
				}
				if w.reason != "" && !hasConfirmed(o, w.clause, w.reason, w.confirmBy) {
					t.Errorf("%s %s %s: no reason %s %q (confirm_by %q); reasons: %v", w.route, w.key, w.level, w.clause, w.reason, w.confirmBy, o.Reasons)
				}
			}
			for _, n := range tt.notes {
				clause, text, _ := strings.Cut(n, " ")
				if !slices.ContainsFunc(a.NotApplicable, func(x guantong.Note) bool { return x.Clause == clause && strings.Contains(x.Text, text) }) {
					t.Errorf("no note %s %q in %v", clause, text, a.NotApplicable)
				}
			}
			for _, w := range tt.warnings {
				if !slices.ContainsFunc(a.Warnings, func(x string) bool { return strings.Contains(x, w) }) {
					t.Errorf("no warning %q in %q", w, a.Warnings)
				}
			}
		})
	}
}

func hasConfirmed(o guantong.Option, clause, text, by string) bool {
	for _, r := range o.Reasons {
		if r.Clause == clause && strings.Contains(r.Text, text) && (by == "" || r.ConfirmBy == by) {
			return true
		}
	}
	return false
}
