package guantong

import (
	"encoding/json"
	"time"
)

// Application kinds: the two routes of the plan.
const (
	KindTitle = "title" // a skilled worker applies for a professional title (三(一))
	KindSkill = "skill" // a professional applies for a skill evaluation (三(二))
)

// KindOf returns the kind of application an option's route leads to, or "" for an unknown
// route.
func KindOf(route string) string {
	switch route {
	case RouteTitleReview, RouteTitleRecognition:
		return KindTitle
	case RouteSkillEvaluation:
		return KindSkill
	}
	return ""
}

// Stage is where an application stands; docs/workflow.md has the table.
type Stage string

// Stages of both kinds. Terminal stages: Withdrawn, Rejected, Failed, Granted (until
// revoked), Registered (until revoked), Revoked.
const (
	StageDraft        Stage = "draft"         // the applicant is writing it
	StageReturned     Stage = "returned"      // the employer sent it back to the applicant
	StageSubmitted    Stage = "submitted"     // title: waiting for the employer's recommendation
	StageRecommended  Stage = "recommended"   // title: waiting for the 职改办's qualification check
	StageNotice       Stage = "notice"        // title: qualification notice (公示)
	StageCommittee    Stage = "committee"     // title: with the committee of its series and level
	StageResultNotice Stage = "result_notice" // title: result notice after a pass or recognition
	StageGranted      Stage = "granted"       // title: certificate granted
	StageAssessing    Stage = "assessing"     // skill: with the organisation it was routed to
	StagePassed       Stage = "passed"        // skill: assessments passed, certificate to issue
	StageIssued       Stage = "issued"        // skill: certificate issued, to be registered (上网)
	StageRegistered   Stage = "registered"    // skill: certificate registered
	StageRejected     Stage = "rejected"      // title: refused at the qualification check or on an objection
	StageFailed       Stage = "failed"        // failed the review or the assessment
	StageWithdrawn    Stage = "withdrawn"     // withdrawn by the applicant
	StageRevoked      Stage = "revoked"       // granted, then revoked for fraud
)

var stageNames = map[Stage]string{
	StageDraft:        "草稿",
	StageReturned:     "退回修改",
	StageSubmitted:    "待单位推荐",
	StageRecommended:  "待资格审核",
	StageNotice:       "资格审核公示",
	StageCommittee:    "评委会评审",
	StageResultNotice: "评审结果公示",
	StageGranted:      "已取得职称",
	StageAssessing:    "评价中",
	StagePassed:       "评价合格",
	StageIssued:       "已发证",
	StageRegistered:   "已上网",
	StageRejected:     "不予通过",
	StageFailed:       "未通过",
	StageWithdrawn:    "已撤回",
	StageRevoked:      "已撤销",
}

// Name returns the Chinese name of the stage.
func (s Stage) Name() string {
	if n, ok := stageNames[s]; ok {
		return n
	}
	return string(s)
}

// Decisions of a committee.
const (
	DecisionPassed     = "passed"     // 评审通过 (title_review)
	DecisionRecognised = "recognised" // 认定 (title_recognition, 三(一)4)
	DecisionFailed     = "failed"     // 未通过
)

// Application is one application of either kind, with everything its path has recorded.
// Organisation IDs are zero until the path reaches them.
type Application struct {
	ID             int64  `json:"id"`
	Kind           string `json:"kind"`
	Route          string `json:"route"`
	PersonID       int64  `json:"person_id"`
	Series         string `json:"series,omitempty"`
	Level          Level  `json:"level"`
	Specialty      string `json:"specialty,omitempty"` // titles: the 专业 applied for (data/specialties.csv, or free text)
	OccupationCode string `json:"occupation_code,omitempty"`
	Stage          Stage  `json:"stage"`
	StageName      string `json:"stage_name"`
	Version        int    `json:"version"` // send it back with every action: a stale one is refused (409)

	EmployerID  int64 `json:"employer_id"`
	OfficeID    int64 `json:"office_id,omitempty"`    // title: the 职改办 of the employer's region, set on submission
	CommitteeID int64 `json:"committee_id,omitempty"` // title: set when sent to the committee
	EvaluatorID int64 `json:"evaluator_id,omitempty"` // skill: the organisation it is routed to

	// Document is the person part of the check document as the applicant wrote it; name,
	// ID number and employer come from the records, not from here.
	Document json.RawMessage `json:"document"`
	Check    *CheckRecord    `json:"check,omitempty"` // the engine's answer at the last submission

	ReviewGroup string `json:"review_group,omitempty"` // 三(一)6: skilled applicants in their own group

	// InternalNotice is the employer's own 公示 of the application before it recommends
	// (人社部令第40号): at least five working days; recommending waits until it is over.
	InternalNotice *Period `json:"internal_notice,omitempty"`

	ExemptTheory bool      `json:"exempt_theory,omitempty"` // 三(二)3
	Theory       *Result   `json:"theory,omitempty"`
	Practical    *Result   `json:"practical,omitempty"`
	Notice       *Period   `json:"notice,omitempty"`
	Decision     string    `json:"decision,omitempty"`
	ResultNotice *Period   `json:"result_notice,omitempty"`
	Certificate  string    `json:"certificate_no,omitempty"`
	CertifiedOn  Date      `json:"certified_on"`
	RegisteredOn Date      `json:"registered_on"`
	RevokedOn    Date      `json:"revoked_on"`
	RevokeReason string    `json:"revoke_reason,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// CheckRecord is the engine's answer for the option applied for, as stored on submission.
type CheckRecord struct {
	AsOf     Date     `json:"as_of"`
	Policy   string   `json:"policy"`
	Option   Option   `json:"option"`
	Warnings []string `json:"warnings"`
}

// Result is one assessment of a skill evaluation: the theory exam or the practical
// assessment.
type Result struct {
	Passed bool     `json:"passed"`
	Score  *float64 `json:"score,omitempty"`
	On     Date     `json:"on"`
}

// Period is a notice: from the day of publication to the last working day it runs, both
// inclusive.
type Period struct {
	From  Date `json:"from"`
	Until Date `json:"until"`
}

// Objection statuses.
const (
	ObjectionOpen      = "open"
	ObjectionUpheld    = "upheld"
	ObjectionDismissed = "dismissed"
)

// Objection is one objection lodged against an application during a notice.
type Objection struct {
	ID            int64     `json:"id"`
	Receipt       string    `json:"receipt,omitempty"` // the objector's unguessable code to follow it (/objections/{receipt})
	ApplicationID int64     `json:"application_id"`
	Notice        Stage     `json:"notice"` // StageNotice or StageResultNotice
	Name          string    `json:"name"`
	Contact       string    `json:"contact"`
	Text          string    `json:"text"`
	Status        string    `json:"status"`
	Note          string    `json:"note,omitempty"`
	LodgedAt      time.Time `json:"lodged_at"`
	DecidedBy     string    `json:"decided_by,omitempty"`
	DecidedAt     time.Time `json:"decided_at,omitzero"`
}

// Evidence file types accepted, and the largest size.
const (
	TypePDF     = "application/pdf"
	TypeJPEG    = "image/jpeg"
	TypePNG     = "image/png"
	MaxFileSize = 10 << 20
)

// File is one piece of evidence attached to an application, stored by its SHA-256.
type File struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Name          string    `json:"name"`
	Type          string    `json:"type"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	UploadedBy    string    `json:"uploaded_by"`
	UploadedAt    time.Time `json:"uploaded_at"`
}

// Event is one row of the hash-chained audit log: who did what to which subject, and when.
// An application's history is the events whose subject is "application/{id}".
type Event struct {
	Seq      int64           `json:"seq"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"`
	Subject  string          `json:"subject"`
	Payload  json.RawMessage `json:"payload"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
	Alg      string          `json:"alg,omitempty"` // the hash of this row: "sha256" (before the switch) or "sm3"
}

// Notice is what the public sees of an application under notice: what a published 公示
// shows (name, unit, current skill level or title, what is applied for) and never an ID
// number or a phone, not even masked.
type Notice struct {
	ApplicationID int64  `json:"application_id"`
	Kind          string `json:"kind"` // 资格审核公示 or 评审结果公示
	Stage         Stage  `json:"stage"`
	Name          string `json:"name"`
	Employer      string `json:"employer"`
	Current       string `json:"current,omitempty"` // the applicant's highest skill level or title now: 技师, 工程 中级
	OfficeID      int64  `json:"office_id"`         // the 公示单位
	Office        string `json:"office"`
	Route         string `json:"route"`
	Series        string `json:"series,omitempty"`
	Specialty     string `json:"specialty,omitempty"`
	Level         Level  `json:"level"`
	Decision      string `json:"decision,omitempty"`
	From          Date   `json:"from"`
	Until         Date   `json:"until"`
}

// NoticeContact is where a 职改办 takes objections to its notices, printed on each: a phone,
// a postal address and an e-mail address.
type NoticeContact struct {
	Phone   string `json:"phone"`
	Address string `json:"address"`
	Email   string `json:"email"`
}

// CertificateStatus is the answer to a public certificate verification.
type CertificateStatus struct {
	Number         string `json:"number"`
	Name           string `json:"name"`
	IDNumber       string `json:"id_number"` // masked
	Kind           string `json:"kind"`
	Series         string `json:"series,omitempty"`
	OccupationCode string `json:"occupation_code,omitempty"`
	Level          Level  `json:"level"`
	Issuer         string `json:"issuer"`
	IssuedOn       Date   `json:"issued_on"`
	RegisteredOn   Date   `json:"registered_on"`
	Status         string `json:"status"` // valid, revoked, or issued (a skill certificate not yet registered)
	RevokedOn      Date   `json:"revoked_on"`
}

// Ineligible is the error of an application the engine refuses: the message and the
// engine's reasons. Its code is EIneligible.
type Ineligible struct {
	Message string
	Reasons []Reason
}

func (e *Ineligible) Error() string { return e.Message }

// Unwrap lets ErrorCode find EIneligible.
func (e *Ineligible) Unwrap() error { return &Error{Code: EIneligible, Message: e.Message} }
