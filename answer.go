package guantong

// Routes an option can take (the check contract).
const (
	RouteTitleReview      = "title_review"      // 申报评审: 三(一)1-3, 三(一)4 (中级)
	RouteTitleRecognition = "title_recognition" // 认定: 三(一)4
	RouteSkillEvaluation  = "skill_evaluation"  // 职业技能评价: 三(二)1-6
)

// Certificates a skill evaluation leads to.
const (
	CertQualification = "职业资格证书"   // access-type occupations, 三(二)6
	CertSkillLevel    = "职业技能等级证书" // everything else, 三(二)4-5
)

// Answer is the engine's decision for one person on one date.
type Answer struct {
	AsOf     Date     `json:"as_of"`
	Policy   string   `json:"policy"`
	Options  []Option `json:"options"`
	Warnings []string `json:"warnings"`
}

// Option is one thing the person may apply for, eligible or not, with every condition
// checked.
type Option struct {
	Route          string   `json:"route"`
	Series         string   `json:"series,omitempty"`
	Level          Level    `json:"level"`
	OccupationCode string   `json:"occupation_code,omitempty"`
	Eligible       bool     `json:"eligible"`
	YearsMetOn     Date     `json:"years_met_on"` // zero (null): the option has no years condition
	Authority      string   `json:"authority"`
	Exempt         []string `json:"exempt,omitempty"`
	Certificate    string   `json:"certificate,omitempty"`
	Reasons        []Reason `json:"reasons"`
}

// Reason is one condition checked: the clause of the plan it comes from, whether it holds,
// and a sentence saying so.
type Reason struct {
	Clause string `json:"clause"` // 三(一)2: section, sub-section in ASCII parentheses, item
	Met    bool   `json:"met"`
	Text   string `json:"text"`
}

// Find returns the option with the given route, series and level, as a caller of the
// contract finds it.
func (a *Answer) Find(route, series, level string) (Option, bool) {
	for _, o := range a.Options {
		if o.Route == route && o.Series == series && o.Level.String() == level {
			return o, true
		}
	}
	return Option{}, false
}

// FindSkill returns the skill-evaluation option for an occupation and level.
func (a *Answer) FindSkill(code, level string) (Option, bool) {
	for _, o := range a.Options {
		if o.Route == RouteSkillEvaluation && o.OccupationCode == code && o.Level.String() == level {
			return o, true
		}
	}
	return Option{}, false
}
