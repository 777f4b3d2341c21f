package guantong

import "time"

// Roles a user may hold. The public, not logged in, has no role.
const (
	RoleApplicant = "applicant" // a person applying: sees and acts on their own applications
	RoleHR        = "hr"        // an employer's HR: recommends its own staff; evaluates them when the employer self-evaluates
	RoleOffice    = "office"    // a 职改办 reviewer: own region or department
	RoleSecretary = "secretary" // a committee secretary: own committee
	RoleEvaluator = "evaluator" // an evaluation organisation or department: what is routed to it
	RoleExpert    = "expert"    // a committee expert (评审专家): scores and votes, secretly, in meetings they sit in
	RoleAdmin     = "admin"     // the provincial department: everything; revokes, registers certificates
)

// Roles lists every role.
var Roles = []string{RoleApplicant, RoleHR, RoleOffice, RoleSecretary, RoleEvaluator, RoleExpert, RoleAdmin}

var roleNames = map[string]string{
	RoleApplicant: "申报人",
	RoleHR:        "用人单位人事",
	RoleOffice:    "职改办审核人",
	RoleSecretary: "评委会秘书",
	RoleEvaluator: "评价机构",
	RoleExpert:    "评审专家",
	RoleAdmin:     "管理员",
}

// RoleName returns the Chinese name of a role.
func RoleName(role string) string { return roleNames[role] }

// roleOrgKinds says which organisation kind each role belongs to; applicants, experts (linked
// to the expert pool instead) and admins belong to none.
var roleOrgKinds = map[string][]string{
	RoleHR:        {OrgEmployer},
	RoleOffice:    {OrgOffice},
	RoleSecretary: {OrgCommittee},
	RoleEvaluator: {OrgEvaluator, OrgDepartment},
}

// RoleOrgKinds returns the organisation kinds a user of role must belong to, or nil when the
// role belongs to no organisation.
func RoleOrgKinds(role string) []string { return roleOrgKinds[role] }

// User is someone who logs in. OrgID is the organisation a staff role acts for; PersonID the
// applicant an applicant user is.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	OrgID    int64  `json:"org_id,omitempty"`
	PersonID int64  `json:"person_id,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"` // optional: where notifications are e-mailed when SMTP is configured
	Disabled bool   `json:"disabled,omitempty"`
	// MustChangePassword is set by a one-time password (a reset, a staff import): signing in
	// with it leads to the change-password page and nothing else.
	MustChangePassword bool      `json:"must_change_password,omitempty"`
	CreatedAt          time.Time `json:"created_at"`
}

// Actor returns how u is named in the audit log.
func (u *User) Actor() string {
	if u == nil {
		return "public"
	}
	return u.Username
}

// Applicant is a person as stored: who they are, where they work, and whether a fraud bar
// keeps them from applying. The engine's view of them for one application is Person, built
// from this record and the application's document.
type Applicant struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	IDType     string `json:"id_type,omitempty"` // one of IDTypes; "" is 居民身份证
	IDNumber   string `json:"id_number"`
	Phone      string `json:"phone,omitempty"`
	EmployerID int64  `json:"employer_id"`

	// BarredUntil is the first day the person may apply again after a grant was revoked for
	// fraud (五: 严厉打击弄虚作假行为); zero when not barred.
	BarredUntil Date   `json:"barred_until"`
	BarReason   string `json:"bar_reason,omitempty"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
}

// Barred reports whether a is barred from applying on day.
func (a *Applicant) Barred(day Date) bool {
	return !a.BarredUntil.IsZero() && day.Before(a.BarredUntil)
}

// Session is a login: the token is given to the client once and stored only hashed.
type Session struct {
	Token     string    `json:"token"`
	User      User      `json:"user"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Notification is an in-site message (站内信) to one user: an application changed stage and
// they are the one to act next, or it is their own. It is written in the same transaction as
// the change it reports; Emailed says whether a copy also went by e-mail.
type Notification struct {
	ID            int64     `json:"id"`
	UserID        int64     `json:"user_id"`
	ApplicationID int64     `json:"application_id,omitempty"`
	Text          string    `json:"text"`
	Link          string    `json:"link,omitempty"` // the page to act on, /applications/{id}
	CreatedAt     time.Time `json:"created_at"`
	Read          bool      `json:"read"`
	Emailed       bool      `json:"emailed,omitempty"`
}

// Duplicate refuses a second open application for the same route, series and level (or
// occupation and level): the person already has Existing open. It is EConflict (409).
type Duplicate struct {
	Existing int64  // the open application's ID
	Message  string // in Chinese, naming it
}

func (d *Duplicate) Error() string { return d.Message }

// Unwrap makes a duplicate an EConflict.
func (d *Duplicate) Unwrap() error { return &Error{Code: EConflict, Message: d.Message} }
