package policy

import (
	"bytes"
	"fmt"
	"sync"
	"time"

	"guantong"
	"guantong/data"
)

// DefaultID names the built-in policy file in force today.
const DefaultID = "hebei-2021"

// Params are the numbers and lists a policy year gives the rules: years per level, the
// assessment words and due date, green-channel awards and their aliases, the reverse-route
// mapping, access-type occupations in both editions and who decides. A new policy year is a
// new file in data/policy, not a code change.
type Params struct {
	ID                  string
	Title               string
	Source              string
	EffectiveFrom       guantong.Date
	Series              []string // the 8 series of 二(一)
	TeacherSeries       string   // 技工院校教师: open to any occupation a 技工院校 teaches (二(三))
	TeacherEmployerKind string   // the employer kind that opens TeacherSeries
	SelfEvaluationKinds []string // employer kinds that may be a 技能人才自主评价企业 (三(二)4)
	MinSkillLevel       guantong.SkillLevel
	Forward             []ForwardRule
	Assessment          Assessment
	GreenChannel        []GreenRule
	Reverse             ReverseRule
	Access              []AccessRule
	AccessExemption     bool // whether 三(二)3's theory-exam exemption applies to an access-type 鉴定
	AccessNote          string
	Authorities         Authorities
	Workflow            Workflow
}

// Assessment holds the words and dates of 近N年年度考核合格 (contract default 2).
type Assessment struct {
	Years    int // N
	DueMonth int // a year's assessment is due on this month and day of the next year
	DueDay   int
	Passing  []string // results that pass
	Failing  []string // results that do not (未考核 included); a word in neither is undecided
}

// Window returns the years whose assessments 近N年年度考核合格 asks for on asOf: the last N
// whose assessment is due by then (a year's is due on DueMonth-DueDay of the next year),
// first and last inclusive.
func (a Assessment) Window(asOf guantong.Date) (first, last int) {
	last = asOf.Year() - 1
	if asOf.Before(guantong.MakeDate(asOf.Year(), time.Month(a.DueMonth), a.DueDay)) {
		last--
	}
	return last - a.Years + 1, last
}

// ForwardRule is one step of 三(一)2: a skill level held for Years opens a title level.
type ForwardRule struct {
	Skill guantong.SkillLevel
	Title guantong.TitleLevel
	Years int
}

// GreenRule is one award of 三(一)4, the other names it is given, and the option it opens.
type GreenRule struct {
	Award   string
	Aliases []string // e.g. the plan's own 享受国务院特殊津贴 for 享受国务院政府特殊津贴
	Route   string   // title_recognition, or title_review for 中级 without the years
	Level   guantong.TitleLevel
}

// ReverseRule holds the numbers of 三(二)2.
type ReverseRule struct {
	TitleToSkill    map[guantong.TitleLevel]TitleStep
	YearsAfterSkill int                         // years of work after a certificate before the next level (晋级)
	PromotionYears  map[guantong.SkillLevel]int // cumulative years of work for a level by 晋级; absent: none
	OccupationYears map[string]int              // per-occupation years after the title, where a standard differs
	YearsNote       string
}

// TitleStep is the skill level a title level opens, and the years of work after the title
// ("累计工作年限达到申报条件", read through the national skill standards).
type TitleStep struct {
	Skill guantong.SkillLevel
	Years int
}

// AccessRule routes an access-type occupation to its department (三(二)6). The codes are
// given in both editions of the classification; Items, when given, limits the rule to those
// sub-items of the occupation (社会体育指导员: 游泳、滑雪、潜水、攀岩).
type AccessRule struct {
	Occupation string
	Codes2015  []string
	Codes2022  []string
	Items      []string
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
	// PassMark is the lowest score of each part of a skill evaluation (三(二)3) that may be
	// recorded as 合格: 60 unless the policy file says otherwise.
	PassMark PassMark
}

// PassMark is the pass mark of the theory exam and of the practical assessment.
type PassMark struct {
	Theory, Practical float64
}

// DefaultPassMark is each part's pass mark when a policy file names none.
const DefaultPassMark = 60

// Default returns the built-in policy in force today (DefaultID), loaded once. A broken
// built-in file is a build mistake that the package's tests catch, so Default panics on it.
var Default = sync.OnceValue(func() *Params {
	for _, p := range builtIn() {
		if p.ID == DefaultID {
			return p
		}
	}
	panic("built-in policy " + DefaultID + " missing")
})

// builtIn loads every file of data/policy once, in file-name order.
var builtIn = sync.OnceValue(func() []*Params {
	files, err := data.Policies.ReadDir("policy")
	if err != nil {
		panic(err)
	}
	var ps []*Params
	for _, f := range files {
		b, err := data.Policies.ReadFile("policy/" + f.Name())
		if err != nil {
			panic(err)
		}
		p, err := Load(bytes.NewReader(b))
		if err != nil {
			panic(fmt.Sprintf("built-in policy %s: %v", f.Name(), err))
		}
		ps = append(ps, p)
	}
	return ps
})

// BuiltIn returns the parameters of every built-in policy file.
func BuiltIn() []*Params { return append([]*Params(nil), builtIn()...) }
