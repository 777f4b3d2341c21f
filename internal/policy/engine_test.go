package policy_test

import (
	"regexp"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/policy"
)

var engine = policy.New(policy.Default(), catalog.Default())

func date(s string) guantong.Date {
	d, err := guantong.ParseDate(s)
	if err != nil {
		panic(s)
	}
	return d
}

// passed returns passing assessments for the given years.
func passed(years ...int) []guantong.Assessment {
	var as []guantong.Assessment
	for _, y := range years {
		as = append(as, guantong.Assessment{Year: y, Result: "合格"})
	}
	return as
}

func fitter(level guantong.SkillLevel, obtained string) guantong.Skill {
	return guantong.Skill{OccupationCode: "6-20-01-01", Occupation: "钳工", Level: level, Obtained: date(obtained)}
}

// want is what a test expects of one option.
type want struct {
	route, series, level string
	code                 string // for skill_evaluation
	eligible             bool
	yearsMetOn           string // "" not checked, "null" must be null
	reason               string // a substring of some reason's text…
	clause               string // …carrying this clause
	absent               bool   // the option must not be listed
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		asOf   string
		person guantong.Person
		want   []want
	}{
		{
			name: "三(一)2 技师满3年 on the day", asOf: "2024-06-30",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")}, Assessments: passed(2021, 2022, 2023)},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2024-06-30",
				reason: "取得技师后从事技术技能工作满3年：2024-06-30 已满", clause: "三(一)2"}},
		},
		{
			name: "三(一)2 技师满3年 the day before", asOf: "2024-06-29",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")}, Assessments: passed(2021, 2022, 2023)},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: false, yearsMetOn: "2024-06-30",
				reason: "将于 2024-06-30 届满，尚差 1 天", clause: "三(一)2"}},
		},
		{
			name: "default 1: a 29 February start is met on 28 February (民法典 第二百零二条)", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-02-29")}, Assessments: passed(2023, 2024, 2025)},
			want:   []want{{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2023-02-28"}},
		},
		{
			name: "default 1: a gap after the start pushes the date back by its days", asOf: "2026-12-31",
			person: guantong.Person{
				Skills:      []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")},
				Work:        []guantong.WorkPeriod{{From: date("2015-01-01"), To: date("2021-12-31")}, {From: date("2022-02-01")}},
				Assessments: passed(2023, 2024, 2025),
			},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2024-07-31",
				reason: "工作间断 31 天已顺延", clause: "三(一)2"}},
		},
		{
			name: "default 1: a gap before the start does not count", asOf: "2026-12-31",
			person: guantong.Person{
				Skills:      []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")},
				Work:        []guantong.WorkPeriod{{From: date("2010-01-01"), To: date("2012-12-31")}, {From: date("2014-01-01")}},
				Assessments: passed(2023, 2024, 2025),
			},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2024-06-30"}},
		},
		{
			name: "default 1: adjacent and overlapping periods are no gap", asOf: "2026-12-31",
			person: guantong.Person{
				Skills: []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")},
				Work: []guantong.WorkPeriod{{From: date("2022-01-01")}, {From: date("2015-01-01"), To: date("2020-12-31")},
					{From: date("2020-06-01"), To: date("2021-12-31")}},
				Assessments: passed(2023, 2024, 2025),
			},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2024-06-30"}},
		},
		{
			name: "default 1: work that ended before the years were complete never meets them", asOf: "2026-12-31",
			person: guantong.Person{
				Skills:      []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")},
				Work:        []guantong.WorkPeriod{{From: date("2015-01-01"), To: date("2022-12-31")}},
				Assessments: passed(2023, 2024, 2025),
			},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: false, yearsMetOn: "null",
				reason: "工作经历截至 2022-12-31，累计年限不足", clause: "三(一)2"}},
		},
		{
			name: "default 2: 近3年 are the last three years due by as_of (due 03-31)", asOf: "2026-04-01",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")}, Assessments: passed(2023, 2024, 2025)},
			want:   []want{{route: "title_review", series: "工程", level: "中级", eligible: true, reason: "近3年（2023—2025）年度考核均合格", clause: "三(一)2"}},
		},
		{
			name: "default 2: a missing year fails the assessment condition", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")}, Assessments: passed(2023, 2025)},
			want:   []want{{route: "title_review", series: "工程", level: "中级", eligible: false, reason: "2024 年无记录", clause: "三(一)2"}},
		},
		{
			name: "default 2: 基本合格 does not pass", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")},
				Assessments: append(passed(2023, 2024), guantong.Assessment{Year: 2025, Result: "基本合格"})},
			want: []want{{route: "title_review", series: "工程", level: "中级", eligible: false, reason: "2025 年基本合格", clause: "三(一)2"}},
		},
		{
			name: "default 3: a higher certificate counts as every lower level from its own date", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2021-06-30")}, Assessments: passed(2023, 2024, 2025)},
			want: []want{{route: "title_review", series: "工程", level: "助理级", eligible: true, yearsMetOn: "2023-06-30",
				reason: "取得高级工（以技师证书计）后从事技术技能工作满2年", clause: "三(一)2"}},
		},
		{
			name: "default 3: the earlier lower certificate is used when it completes first", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2021-06-30"), fitter(guantong.Skill3, "2015-03-01")},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{{route: "title_review", series: "工程", level: "助理级", eligible: true, yearsMetOn: "2017-03-01"}},
		},
		{
			name: "default 4: 高级技师 opens 副高级 after 4 years, and every level below", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill1, "2023-01-10")}, Assessments: passed(2023, 2024, 2025)},
			want: []want{
				{route: "title_review", series: "工程", level: "副高级", eligible: false, yearsMetOn: "2027-01-10"},
				{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "2026-01-10"},
				{route: "title_review", series: "工程", level: "助理级", eligible: true, yearsMetOn: "2025-01-10"},
				{route: "title_review", series: "工程", level: "正高级", absent: true},
			},
		},
		{
			name: "三(一)1 a certificate below 高级工 opens no title", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill4, "2010-01-01")}, Assessments: passed(2023, 2024, 2025)},
			want:   []want{{route: "title_review", series: "工程", level: "助理级", absent: true}},
		},
		{
			name: "default 5: one code opens two series", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{{OccupationCode: "6-16-02-11", Level: guantong.Skill3, Obtained: date("2020-01-01")}},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{
				{route: "title_review", series: "工程", level: "助理级", eligible: true, reason: "油气输送工(6-16-02-11) 对应 工程 系列", clause: "二(三)"},
				{route: "title_review", series: "实验技术", level: "助理级", eligible: true, reason: "对应 实验技术 系列", clause: "二(三)"},
			},
		},
		{
			name: "二(一) 技工院校 staff also open the 技工院校教师 series", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Kind: "技工院校"}, Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{
				{route: "title_review", series: "技工院校教师", level: "中级", eligible: true, reason: "就职于技工院校", clause: "二(一)"},
				{route: "title_review", series: "工程", level: "中级", eligible: true},
			},
		},
		{
			name: "二(一) other employers do not open 技工院校教师", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Kind: "企业"}, Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")}},
			want:   []want{{route: "title_review", series: "技工院校教师", level: "中级", absent: true}},
		},
		{
			name: "三(一)4 全国技术能手 is recognised 副高级 without years", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2024-01-01")}, Awards: []guantong.Award{{Name: "全国技术能手", Year: 2025}},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{{route: "title_recognition", series: "工程", level: "副高级", eligible: true, yearsMetOn: "null",
				reason: "可由相应评委会认定副高级职称", clause: "三(一)4"}},
		},
		{
			name: "三(一)4 中华技能大奖 is recognised 正高级", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill1, "2024-01-01")}, Awards: []guantong.Award{{Name: "中华技能大奖", Year: 2020}},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{{route: "title_recognition", series: "工程", level: "正高级", eligible: true}},
		},
		{
			name: "三(一)4 河北省技术能手 may apply for 中级 without the years", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill3, "2026-01-01")}, Awards: []guantong.Award{{Name: "河北省技术能手", Year: 2026}},
				Assessments: passed(2023, 2024, 2025)},
			want: []want{
				{route: "title_review", series: "工程", level: "中级", eligible: true, yearsMetOn: "null", reason: "不受取得证书后年限限制", clause: "三(一)4"},
				{route: "title_review", series: "工程", level: "助理级", eligible: false, yearsMetOn: "2028-01-01"},
			},
		},
		{
			name: "三(一)4 the assessment condition still applies to the green channel", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2024-01-01")}, Awards: []guantong.Award{{Name: "全国技术能手", Year: 2025}},
				Assessments: passed(2024, 2025)},
			want: []want{{route: "title_recognition", series: "工程", level: "副高级", eligible: false, reason: "2023 年无记录", clause: "三(一)2"}},
		},
		{
			name: "三(二)2 a 中级 title opens 技师 in an occupation of its series after 1 year", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want: []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true, yearsMetOn: "2020-12-01",
				reason: "钳工(6-20-01-01) 为现岗位相对应的职业", clause: "三(二)2"}},
		},
		{
			name: "三(二)2 the title held less than 1 year", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "工程", Level: guantong.Title4, Obtained: date("2026-03-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want:   []want{{route: "skill_evaluation", code: "6-20-01-01", level: "高级工", eligible: false, yearsMetOn: "2027-03-01"}},
		},
		{
			name: "三(二)2 the target is the current post's occupation, not restricted by the title's series", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "农业", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want: []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true,
				reason: "钳工(6-20-01-01) 为现岗位相对应的职业", clause: "三(二)2"}},
		},
		{
			name: "三(二)2 for a title holder a certificate held 1 year opens the next level", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill3, "2025-06-01")}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}},
				Titles: []guantong.Title{{Series: "工程", Level: guantong.Title4, Obtained: date("2026-06-01")}}},
			want: []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true, yearsMetOn: "2026-06-01", reason: "可申报晋级技师", clause: "三(二)2"}},
		},
		{
			name: "三(二)3 a related diploma exempts the theory exam", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}},
				Education: []guantong.Education{{Level: "大专", Major: "机电一体化技术", RelatedCodes: []string{"6-20-01-01"}}}},
			want: []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true, reason: "可免于理论知识考试", clause: "三(二)3"}},
		},
		{
			name: "三(二)4 a self-evaluation enterprise evaluates its own staff", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Name: "某钢铁公司", Kind: "企业", SelfEvaluation: true},
				Titles: []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want: []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true, reason: "某钢铁公司（技能人才自主评价企业）", clause: "三(二)4"}},
		},
		{
			name: "三(二)5 others go to a social training evaluation organisation", asOf: "2026-12-31",
			person: guantong.Person{Titles: []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want:   []want{{route: "skill_evaluation", code: "6-20-01-01", level: "技师", eligible: true, reason: "社会培训评价组织", clause: "三(二)5"}},
		},
		{
			name: "三(二)6 焊工 goes to its department for a 职业资格证书", asOf: "2026-12-31",
			person: guantong.Person{Employer: guantong.Employer{Name: "某钢铁公司", Kind: "企业", SelfEvaluation: true},
				Skills: []guantong.Skill{{OccupationCode: "6-18-02-04", Occupation: "焊工", Level: guantong.Skill3, Obtained: date("2020-01-01")}}, Targets: []guantong.Target{{OccupationCode: "6-18-02-04"}},
				Titles: []guantong.Title{{Series: "工程", Level: guantong.Title4, Obtained: date("2019-12-01")}}},
			want: []want{{route: "skill_evaluation", code: "6-18-02-04", level: "技师", eligible: true, reason: "人力资源社会保障或环境保护部门职业技能鉴定机构", clause: "三(二)6"}},
		},
		{
			name: "三(二)2 a level already held is no promotion", asOf: "2026-12-31",
			person: guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2020-01-01")},
				Titles: []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}}, Targets: []guantong.Target{{OccupationCode: "6-20-01-01"}}},
			want: []want{
				{route: "skill_evaluation", code: "6-20-01-01", level: "技师", absent: true},
				{route: "skill_evaluation", code: "6-20-01-01", level: "高级技师", eligible: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := engine.Check(guantong.Request{AsOf: date(tt.asOf), Person: tt.person})
			for _, w := range tt.want {
				var o guantong.Option
				var ok bool
				if w.route == guantong.RouteSkillEvaluation {
					o, ok = a.FindSkill(w.code, w.level)
				} else {
					o, ok = a.Find(w.route, w.series, w.level)
				}
				if w.absent {
					if ok {
						t.Errorf("%s %s %s%s: listed, want absent", w.route, w.series, w.code, w.level)
					}
					continue
				}
				if !ok {
					t.Fatalf("%s %s %s%s: not listed; options: %s", w.route, w.series, w.code, w.level, summary(a))
				}
				if o.Eligible != w.eligible {
					t.Errorf("%s %s %s: eligible = %v, want %v; reasons: %v", w.route, w.series, w.level, o.Eligible, w.eligible, o.Reasons)
				}
				got := o.YearsMetOn.String()
				if got == "" {
					got = "null"
				}
				if w.yearsMetOn != "" && got != w.yearsMetOn {
					t.Errorf("%s %s %s: years_met_on = %s, want %s", w.route, w.series, w.level, got, w.yearsMetOn)
				}
				if w.reason != "" && !hasReason(o, w.clause, w.reason) {
					t.Errorf("%s %s %s: no reason %s containing %q; reasons: %v", w.route, w.series, w.level, w.clause, w.reason, o.Reasons)
				}
			}
		})
	}
}

func hasReason(o guantong.Option, clause, text string) bool {
	for _, r := range o.Reasons {
		if r.Clause == clause && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

func summary(a guantong.Answer) string {
	var parts []string
	for _, o := range a.Options {
		parts = append(parts, o.Route+"/"+o.Series+"/"+o.OccupationCode+"/"+o.Level.String())
	}
	return strings.Join(parts, ", ")
}

var clauseForm = regexp.MustCompile(`^[一二三四五](\([一二三四五六七八九]\)([1-9][0-9]*)?)?$`)

// Every reason carries a clause in the contract's form, and every option lists reasons.
func TestReasonsCiteClauses(t *testing.T) {
	a := engine.Check(guantong.Request{AsOf: date("2026-12-31"), Person: guantong.Person{
		Employer:    guantong.Employer{Kind: "技工院校", SelfEvaluation: true, Name: "某技师学院"},
		Skills:      []guantong.Skill{fitter(guantong.Skill2, "2021-06-30"), {OccupationCode: "6-18-02-04", Level: guantong.Skill3, Obtained: date("2020-01-01")}},
		Titles:      []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: date("2019-12-01")}},
		Awards:      []guantong.Award{{Name: "全国技术能手", Year: 2022}, {Name: "河北省技术能手", Year: 2021}},
		Assessments: passed(2023, 2024, 2025),
		Targets:     []guantong.Target{{OccupationCode: "6-20-01-01"}, {OccupationCode: "6-18-02-04"}},
	}})
	if len(a.Options) < 8 {
		t.Fatalf("only %d options: %s", len(a.Options), summary(a))
	}
	for _, o := range a.Options {
		if len(o.Reasons) == 0 {
			t.Errorf("%s %s %s: no reasons", o.Route, o.Series, o.Level)
		}
		if o.Authority == "" {
			t.Errorf("%s %s %s: no authority", o.Route, o.Series, o.Level)
		}
		for _, r := range o.Reasons {
			if !clauseForm.MatchString(r.Clause) {
				t.Errorf("clause %q is not of the form 三(一)2", r.Clause)
			}
		}
	}
}

func TestWarnings(t *testing.T) {
	a := engine.Check(guantong.Request{AsOf: date("2026-12-31"), Person: guantong.Person{
		Skills: []guantong.Skill{
			{OccupationCode: "6-20-01-01", Occupation: "车工", Level: guantong.Skill2, Obtained: date("2020-01-01")},
			{OccupationCode: "6-99-99-99", Level: guantong.Skill2, Obtained: date("2020-01-01")},
		},
		Awards:  []guantong.Award{{Name: "县级先进个人", Year: 2020}},
		Targets: []guantong.Target{{OccupationCode: "6-99-99-98"}},
	}})
	for _, w := range []string{
		"未提供工作经历，按取得证书后连续从事技术技能工作计算",
		"person.skills[0].occupation: 「车工」与对应表中 6-20-01-01 的名称「钳工」不一致",
		"person.skills[1].occupation_code: 6-99-99-99 既不在工种与职称系列对应表中，也不在职业分类大典（2022年版）中",
		"person.awards[0].name: 「县级先进个人」不在绿色通道所列奖项、称号之中（三(一)4 所列：享受国务院政府特殊津贴、",
		"person.targets[0].occupation_code: 6-99-99-98 既不在",
	} {
		if !containsPrefix(a.Warnings, w) {
			t.Errorf("no warning %q in %q", w, a.Warnings)
		}
	}
	for _, o := range a.Options {
		if o.OccupationCode == "6-99-99-99" {
			t.Errorf("a code not in the table opened %s %s", o.Series, o.Level)
		}
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
