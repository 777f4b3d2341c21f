package guantong

import "time"

// Organisation kinds: who takes part in the path of an application (三(一)5, 三(二)4-6).
const (
	OrgEmployer   = "employer"   // 用人单位: recommends its staff; may be a self-evaluation enterprise
	OrgOffice     = "office"     // 职改办 of a city or of a provincial department: checks qualifications, publishes notices
	OrgCommittee  = "committee"  // 职称评审委员会 of one series and level
	OrgEvaluator  = "evaluator"  // 社会培训评价组织 (三(二)5)
	OrgDepartment = "department" // the department that evaluates an access-type occupation (三(二)6)
)

// OrgKinds lists the organisation kinds.
var OrgKinds = []string{OrgEmployer, OrgOffice, OrgCommittee, OrgEvaluator, OrgDepartment}

var orgKindNames = map[string]string{
	OrgEmployer:   "用人单位",
	OrgOffice:     "职改办",
	OrgCommittee:  "职称评审委员会",
	OrgEvaluator:  "社会培训评价组织",
	OrgDepartment: "职业技能鉴定部门",
}

// OrgKindName returns the Chinese name of an organisation kind.
func OrgKindName(kind string) string { return orgKindNames[kind] }

// Organisation is an employer, a 职改办, a committee, an evaluation organisation or a
// department. Which fields mean something depends on Kind.
type Organisation struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`

	// Region is the city (石家庄市) or provincial department (省工业和信息化厅) an employer
	// belongs to, and the one a 职改办 serves: an employer's title applications go to the
	// 职改办 of its region (三(一)5).
	Region string `json:"region,omitempty"`

	EmployerKind   string `json:"employer_kind,omitempty"`   // employers: one of EmployerKinds
	SelfEvaluation bool   `json:"self_evaluation,omitempty"` // employers: 技能人才自主评价企业 (三(二)4)

	Series string     `json:"series,omitempty"` // committees: the title series reviewed
	Level  TitleLevel `json:"level,omitempty"`  // committees: the title level reviewed

	// Occupations are the occupation codes an evaluation organisation or department
	// evaluates; empty for an evaluation organisation means any.
	Occupations []string `json:"occupations,omitempty"`

	// CertPrefix starts the numbers of the skill certificates this organisation issues
	// (evaluators, departments and self-evaluation employers); see internal/certificate.
	CertPrefix string `json:"cert_prefix,omitempty"`

	CreatedAt time.Time `json:"created_at"`
}

// Evaluates reports whether o evaluates the occupation code.
func (o *Organisation) Evaluates(code string) bool {
	if o.Kind == OrgEvaluator && len(o.Occupations) == 0 {
		return true
	}
	for _, c := range o.Occupations {
		if c == code {
			return true
		}
	}
	return false
}
