package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"guantong"
)

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
	SelfEvaluationKinds []string `json:"self_evaluation_kinds"`
	MinSkillLevel       string   `json:"min_skill_level"`
	Forward             []struct {
		Skill string `json:"skill"`
		Title string `json:"title"`
		Years int    `json:"years"`
	} `json:"forward"`
	Assessment struct {
		Years   int      `json:"years"`
		Due     string   `json:"due"`
		Passing []string `json:"passing"`
		Failing []string `json:"failing"`
	} `json:"assessment"`
	GreenChannel []struct {
		Award   string   `json:"award"`
		Aliases []string `json:"aliases"`
		Route   string   `json:"route"`
		Level   string   `json:"level"`
	} `json:"green_channel"`
	Reverse struct {
		TitleToSkill []struct {
			Title string `json:"title"`
			Skill string `json:"skill"`
			Years int    `json:"years"`
		} `json:"title_to_skill"`
		YearsAfterSkill int            `json:"years_after_skill"`
		PromotionYears  map[string]int `json:"promotion_years"`
		OccupationYears map[string]int `json:"occupation_years"`
		YearsNote       string         `json:"years_note"`
	} `json:"reverse"`
	Access []struct {
		Occupation string   `json:"occupation"`
		Codes2015  []string `json:"codes_2015"`
		Codes2022  []string `json:"codes_2022"`
		Items      []string `json:"items"`
		Authority  string   `json:"authority"`
	} `json:"access"`
	AccessExemption bool   `json:"access_exam_exemption"`
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
		// PassMark is absent in older files: 60 for each part.
		PassMark *struct {
			Theory    float64 `json:"theory"`
			Practical float64 `json:"practical"`
		} `json:"pass_mark"`
	} `json:"workflow"`
}

// Load reads and validates a policy file. Every problem is reported, each naming its key
// (e.g. forward[1].years), as guantong.FieldErrors. The checks are split by part of the file
// (load_rules.go): who and when, the forward route, assessments, the green channel, the
// reverse route, access-type occupations, authorities and workflow.
func Load(r io.Reader) (*Params, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, guantong.FieldErrors{guantong.DecodeError(err)}
	}
	var es guantong.FieldErrors
	p := &Params{}
	loadHeader(&es, p, &f)
	loadForward(&es, p, &f)
	loadAssessment(&es, p, &f)
	loadGreen(&es, p, &f)
	loadReverse(&es, p, &f)
	loadAccess(&es, p, &f)
	loadAuthorities(&es, p, &f)
	if len(es) > 0 {
		return nil, es
	}
	return p, nil
}

// loadHeader checks who issued the policy, from when, and which series and employers it
// concerns.
func loadHeader(es *guantong.FieldErrors, p *Params, f *file) {
	p.ID, p.Title, p.Source, p.Series = f.ID, f.Title, f.Source, f.Series
	p.TeacherSeries, p.TeacherEmployerKind = f.TeacherSeries, f.TeacherEmployerKind
	if strings.TrimSpace(p.ID) == "" {
		es.Add("id", "不能为空")
	}
	if f.EffectiveFrom != "" { // absent: in force from any date
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
	kinds := strings.Join(guantong.EmployerKinds, "、")
	if !contains(guantong.EmployerKinds, p.TeacherEmployerKind) {
		es.Add("teacher_employer_kind", "%q 不是单位类型（%s）", p.TeacherEmployerKind, kinds)
	}
	p.SelfEvaluationKinds = f.SelfEvaluationKinds
	if p.SelfEvaluationKinds == nil {
		p.SelfEvaluationKinds = []string{guantong.KindEnterprise} // 三(二)4 names enterprises
	}
	for i, k := range p.SelfEvaluationKinds {
		if !contains(guantong.EmployerKinds, k) {
			es.Add(fmt.Sprintf("self_evaluation_kinds[%d]", i), "%q 不是单位类型（%s）", k, kinds)
		}
	}
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
