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

// Statuses of an option (contract version 2).
const (
	StatusEligible         = "eligible"          // every condition holds on as_of
	StatusNotYet           = "not_yet"           // only the years are missing; they complete on years_met_on
	StatusNeedsInformation = "needs_information" // nothing fails, but an input is missing (see Missing)
	StatusIneligible       = "ineligible"        // a condition fails
)

// Who confirms a fact the engine takes as declared (Reason.ConfirmBy).
const (
	ConfirmByEmployer  = "用人单位" // the current post and the work history
	ConfirmByOffice    = "职改办"  // awards, which count 以证书或文件为准
	ConfirmByEvaluator = "评价机构" // 优秀人才直接申报: whether the skill matches the level
)

// Who evaluates a skill_evaluation option (Option.Evaluator): typed, so that the workflow
// routes an application without reading clause strings.
const (
	EvaluatorEmployer     = "employer"     // the enterprise itself (三(二)4)
	EvaluatorOrganisation = "organisation" // a social training evaluation organisation (三(二)5)
	EvaluatorDepartment   = "department"   // the department named for an access-type occupation (三(二)6)
)

// ExemptTheoryExam is the exemption of 三(二)3, as listed in Option.Exempt.
const ExemptTheoryExam = "理论知识考试"

// Answer is the engine's decision for one person on one date.
type Answer struct {
	AsOf          Date     `json:"as_of"`
	Policy        string   `json:"policy"`
	Options       []Option `json:"options"`
	NotApplicable []Note   `json:"not_applicable"`
	Warnings      []string `json:"warnings"`
}

// Note explains why the person has no option, or lacks one a reader would look for.
type Note struct {
	Clause string `json:"clause"`
	Text   string `json:"text"`
}

// Option is one thing the person may apply for, eligible or not, with every condition
// checked.
type Option struct {
	Route          string   `json:"route"`
	Series         string   `json:"series,omitempty"`
	Level          Level    `json:"level"`
	OccupationCode string   `json:"occupation_code,omitempty"`
	Status         string   `json:"status"`   // one of the Status constants
	Eligible       bool     `json:"eligible"` // Status == StatusEligible, kept for version-1 callers
	Missing        []string `json:"missing,omitempty"`
	YearsMetOn     Date     `json:"years_met_on"` // zero (null): the option has no years condition
	Authority      string   `json:"authority"`
	Evaluator      string   `json:"evaluator,omitempty"` // skill_evaluation: one of the Evaluator constants
	Exempt         []string `json:"exempt,omitempty"`
	Certificate    string   `json:"certificate,omitempty"`
	Reasons        []Reason `json:"reasons"`
}

// Reason is one condition checked: the clause of the plan it comes from, whether it holds,
// and a sentence saying so.
type Reason struct {
	Clause    string `json:"clause"` // 三(一)2: section, sub-section in ASCII parentheses, item
	Met       bool   `json:"met"`
	Text      string `json:"text"`
	ConfirmBy string `json:"confirm_by,omitempty"` // who must confirm a declared fact (ConfirmBy constants)
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
