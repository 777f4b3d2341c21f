package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	"guantong"
	"guantong/data"
	"guantong/internal/catalog"
)

// DefaultID names the built-in policy file.
const DefaultID = "hebei-2021"

// Params are the numbers and lists a policy year gives the rules: years per level, passing
// assessments, green-channel awards, the reverse-route mapping, access-type occupations and
// who decides. A new policy year is a new file in data/policy, not a code change.
type Params struct {
	ID                  string
	Title               string
	Source              string
	EffectiveFrom       guantong.Date
	Series              []string // the 8 series of 二(一)
	TeacherSeries       string   // 技工院校教师: open to any occupation in the table (二(三))
	TeacherEmployerKind string   // the employer kind that opens TeacherSeries
	MinSkillLevel       guantong.SkillLevel
	Forward             []ForwardRule
	AssessmentYears     int
	Passing             []string
	GreenChannel        []GreenRule
	Reverse             ReverseRule
	Access              []AccessRule
	AccessNote          string
	Authorities         Authorities
	Workflow            Workflow
}

// ForwardRule is one step of 三(一)2: a skill level held for Years opens a title level.
type ForwardRule struct {
	Skill guantong.SkillLevel
	Title guantong.TitleLevel
	Years int
}

// GreenRule is one award of 三(一)4 and the option it opens.
type GreenRule struct {
	Award string
	Route string // title_recognition, or title_review for 中级 without the years
	Level guantong.TitleLevel
}

// ReverseRule holds the numbers of 三(二)2.
type ReverseRule struct {
	TitleToSkill    map[guantong.TitleLevel]TitleStep
	YearsAfterSkill int            // a skill level held this long opens the next
	OccupationYears map[string]int // per-occupation years after the title, where a standard differs
	YearsNote       string
}

// TitleStep is the skill level a title level opens, and the years the title must be held
// ("累计工作年限达到申报条件", read through the national skill standards).
type TitleStep struct {
	Skill guantong.SkillLevel
	Years int
}

// AccessRule routes an access-type occupation to its department (三(二)6).
type AccessRule struct {
	Occupation string
	Codes      []string
	Authority  string
}

// Authorities are the templates naming who decides; {series}, {level} and {employer} are
// filled in.
type Authorities struct {
	Committee      string
	SelfEvaluation string
	Social         string
}

// Workflow holds the numbers the application workflow uses.
type Workflow struct {
	NoticeWorkdays       int // 公示: at least this many working days
	ResultNoticeWorkdays int
	FraudBarYears        int // a grant revoked for fraud bars the person this long
}

// file is the JSON form of a policy file; strings are converted and checked in one place so
// that every error names its key.
type file struct {
	ID                  string   `json:"id"`
	Title               string   `json:"title"`
	Source              string   `json:"source"`
	EffectiveFrom       string   `json:"effective_from"`
	Series              []string `json:"series"`
	TeacherSeries       string   `json:"teacher_series"`
	TeacherEmployerKind string   `json:"teacher_employer_kind"`
	MinSkillLevel       string   `json:"min_skill_level"`
	Forward             []struct {
		Skill string `json:"skill"`
		Title string `json:"title"`
		Years int    `json:"years"`
	} `json:"forward"`
	Assessment struct {
		Years   int      `json:"years"`
		Passing []string `json:"passing"`
	} `json:"assessment"`
	GreenChannel []struct {
		Award string `json:"award"`
		Route string `json:"route"`
		Level string `json:"level"`
	} `json:"green_channel"`
	Reverse struct {
		TitleToSkill []struct {
			Title string `json:"title"`
			Skill string `json:"skill"`
			Years int    `json:"years"`
		} `json:"title_to_skill"`
		YearsAfterSkill int            `json:"years_after_skill"`
		OccupationYears map[string]int `json:"occupation_years"`
		YearsNote       string         `json:"years_note"`
	} `json:"reverse"`
	Access []struct {
		Occupation string   `json:"occupation"`
		Codes      []string `json:"codes"`
		Authority  string   `json:"authority"`
	} `json:"access"`
	AccessCodesNote string `json:"access_codes_note"`
	Authorities     struct {
		Committee      string `json:"committee"`
		SelfEvaluation string `json:"self_evaluation"`
		Social         string `json:"social"`
	} `json:"authorities"`
	Workflow struct {
		NoticeWorkdays       int `json:"notice_workdays"`
		ResultNoticeWorkdays int `json:"result_notice_workdays"`
		FraudBarYears        int `json:"fraud_bar_years"`
	} `json:"workflow"`
}

// Default returns the built-in hebei-2021 parameters, loaded once. A broken built-in file is
// a build mistake that the package's tests catch, so Default panics on it.
var Default = sync.OnceValue(func() *Params {
	b, err := data.Policies.ReadFile("policy/" + DefaultID + ".json")
	if err != nil {
		panic(err)
	}
	p, err := Load(bytes.NewReader(b))
	if err != nil {
		panic(fmt.Sprintf("built-in policy %s: %v", DefaultID, err))
	}
	return p
})

// Load reads and validates a policy file. Every problem is reported, each naming its key
// (e.g. forward[1].years), as guantong.FieldErrors.
func Load(r io.Reader) (*Params, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, guantong.FieldErrors{guantong.DecodeError(err)}
	}
	var es guantong.FieldErrors
	p := &Params{
		ID: f.ID, Title: f.Title, Source: f.Source, Series: f.Series,
		TeacherSeries: f.TeacherSeries, TeacherEmployerKind: f.TeacherEmployerKind,
		AssessmentYears: f.Assessment.Years, Passing: f.Assessment.Passing,
		AccessNote: f.AccessCodesNote,
		Authorities: Authorities{
			Committee:      f.Authorities.Committee,
			SelfEvaluation: f.Authorities.SelfEvaluation,
			Social:         f.Authorities.Social,
		},
		Workflow: Workflow{
			NoticeWorkdays:       f.Workflow.NoticeWorkdays,
			ResultNoticeWorkdays: f.Workflow.ResultNoticeWorkdays,
			FraudBarYears:        f.Workflow.FraudBarYears,
		},
	}
	if strings.TrimSpace(p.ID) == "" {
		es.Add("id", "不能为空")
	}
	if f.EffectiveFrom != "" {
		d, err := guantong.ParseDate(f.EffectiveFrom)
		if err != nil {
			es.Add("effective_from", "%q 不是日期（YYYY-MM-DD）", f.EffectiveFrom)
		}
		p.EffectiveFrom = d
	}
	if len(p.Series) == 0 {
		es.Add("series", "至少需要一个职称系列")
	}
	if !contains(p.Series, p.TeacherSeries) {
		es.Add("teacher_series", "%q 不在 series 之中", p.TeacherSeries)
	}
	if !contains(guantong.EmployerKinds, p.TeacherEmployerKind) {
		es.Add("teacher_employer_kind", "%q 不是单位类型（%s）", p.TeacherEmployerKind, strings.Join(guantong.EmployerKinds, "、"))
	}
	p.MinSkillLevel = skillLevel(&es, "min_skill_level", f.MinSkillLevel)
	if len(f.Forward) == 0 {
		es.Add("forward", "至少需要一条技能等级与职称层级的对应")
	}
	for i, r := range f.Forward {
		at := fmt.Sprintf("forward[%d]", i)
		rule := ForwardRule{
			Skill: skillLevel(&es, at+".skill", r.Skill),
			Title: titleLevel(&es, at+".title", r.Title),
			Years: r.Years,
		}
		positive(&es, at+".years", r.Years)
		if i > 0 && rule.Skill <= p.Forward[i-1].Skill {
			es.Add(at+".skill", "须按技能等级从低到高排列")
		}
		p.Forward = append(p.Forward, rule)
	}
	positive(&es, "assessment.years", p.AssessmentYears)
	if len(p.Passing) == 0 {
		es.Add("assessment.passing", "至少需要一个合格的考核结果")
	}
	for i, r := range p.Passing {
		if !contains(guantong.AssessmentResults, r) {
			es.Add(fmt.Sprintf("assessment.passing[%d]", i), "%q 不是考核结果（%s）", r, strings.Join(guantong.AssessmentResults, "、"))
		}
	}
	seen := map[string]int{}
	for i, g := range f.GreenChannel {
		at := fmt.Sprintf("green_channel[%d]", i)
		if strings.TrimSpace(g.Award) == "" {
			es.Add(at+".award", "不能为空")
		} else if j, dup := seen[g.Award]; dup {
			es.Add(at+".award", "%q 与 green_channel[%d] 重复", g.Award, j)
		}
		seen[g.Award] = i
		if g.Route != guantong.RouteTitleRecognition && g.Route != guantong.RouteTitleReview {
			es.Add(at+".route", "%q 须为 title_recognition 或 title_review", g.Route)
		}
		p.GreenChannel = append(p.GreenChannel, GreenRule{Award: g.Award, Route: g.Route, Level: titleLevel(&es, at+".level", g.Level)})
	}
	p.Reverse = ReverseRule{
		TitleToSkill:    map[guantong.TitleLevel]TitleStep{},
		YearsAfterSkill: f.Reverse.YearsAfterSkill,
		OccupationYears: f.Reverse.OccupationYears,
		YearsNote:       f.Reverse.YearsNote,
	}
	if len(f.Reverse.TitleToSkill) == 0 {
		es.Add("reverse.title_to_skill", "至少需要一条职称层级与技能等级的对应")
	}
	for i, m := range f.Reverse.TitleToSkill {
		at := fmt.Sprintf("reverse.title_to_skill[%d]", i)
		t := titleLevel(&es, at+".title", m.Title)
		if _, dup := p.Reverse.TitleToSkill[t]; dup && t != 0 {
			es.Add(at+".title", "%q 重复", m.Title)
		}
		positive(&es, at+".years", m.Years)
		p.Reverse.TitleToSkill[t] = TitleStep{Skill: skillLevel(&es, at+".skill", m.Skill), Years: m.Years}
	}
	positive(&es, "reverse.years_after_skill", p.Reverse.YearsAfterSkill)
	for _, code := range slices.Sorted(maps.Keys(p.Reverse.OccupationYears)) {
		y := p.Reverse.OccupationYears[code]
		at := "reverse.occupation_years." + code
		if !catalog.ValidCode(code) {
			es.Add(at, "%q 不是职业编码（d-dd-dd-dd）", code)
		}
		positive(&es, at, y)
	}
	for i, a := range f.Access {
		at := fmt.Sprintf("access[%d]", i)
		if strings.TrimSpace(a.Occupation) == "" {
			es.Add(at+".occupation", "不能为空")
		}
		if strings.TrimSpace(a.Authority) == "" {
			es.Add(at+".authority", "不能为空")
		}
		if len(a.Codes) == 0 {
			es.Add(at+".codes", "至少需要一个职业编码")
		}
		for j, c := range a.Codes {
			if !catalog.ValidCode(c) {
				es.Add(fmt.Sprintf("%s.codes[%d]", at, j), "%q 不是职业编码（d-dd-dd-dd）", c)
			}
		}
		p.Access = append(p.Access, AccessRule{Occupation: a.Occupation, Codes: a.Codes, Authority: a.Authority})
	}
	for _, a := range [...]struct{ key, tmpl string }{
		{"authorities.committee", p.Authorities.Committee},
		{"authorities.self_evaluation", p.Authorities.SelfEvaluation},
		{"authorities.social", p.Authorities.Social},
	} {
		if strings.TrimSpace(a.tmpl) == "" {
			es.Add(a.key, "不能为空")
		}
	}
	positive(&es, "workflow.notice_workdays", p.Workflow.NoticeWorkdays)
	positive(&es, "workflow.result_notice_workdays", p.Workflow.ResultNoticeWorkdays)
	positive(&es, "workflow.fraud_bar_years", p.Workflow.FraudBarYears)
	if len(es) > 0 {
		return nil, es
	}
	return p, nil
}

func skillLevel(es *guantong.FieldErrors, key, s string) guantong.SkillLevel {
	l, ok := guantong.ParseSkillLevel(s)
	if !ok {
		es.Add(key, "%q 不是职业技能等级（%s）", s, strings.Join(guantong.SkillLevels(), "、"))
	}
	return l
}

func titleLevel(es *guantong.FieldErrors, key, s string) guantong.TitleLevel {
	l, ok := guantong.ParseTitleLevel(s)
	if !ok {
		es.Add(key, "%q 不是职称等级（%s）", s, strings.Join(guantong.TitleLevels(), "、"))
	}
	return l
}

func positive(es *guantong.FieldErrors, key string, n int) {
	if n <= 0 {
		es.Add(key, "须为正整数，现为 %d", n)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
