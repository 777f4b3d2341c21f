// Package workflow holds the paths of applications as pure state machines: which party may
// take which action at which stage, and what the application becomes. It reads no clock and
// no database: the service gives it the application, the user, the input and the facts of
// the day, and writes what it returns in one transaction.
//
// The paths are those of the plan: for titles, the employer recommends, the 职改办 of the
// city or provincial department checks qualifications and publishes a notice, the committee
// of the series and level reviews (三(一)5-6); for skills, the application goes to the
// self-evaluation enterprise, a social training evaluation organisation or the department,
// and the certificate is registered (三(二)4-6). docs/workflow.md has the table.
package workflow

import (
	"slices"

	"guantong"
)

// Action is something a party does to an application.
type Action string

// Actions of both kinds.
const (
	Submit          Action = "submit"           // applicant: draft or returned → submitted (title) / assessing (skill)
	Withdraw        Action = "withdraw"         // applicant, before anyone has decided
	PublishInternal Action = "publish_internal" // employer: its own 公示 of a submitted application (人社部令第40号)
	Recommend       Action = "recommend"        // employer: submitted → recommended (三(一)5), once its own 公示 is over
	Return          Action = "return"           // employer → applicant; 职改办 → employer
	Approve         Action = "approve"          // 职改办: qualification approved, notice published
	Reject          Action = "reject"           // 职改办: qualification refused
	Uphold          Action = "uphold"           // 职改办: an objection upheld, the application refused
	Dismiss         Action = "dismiss"          // 职改办: an objection dismissed
	Send            Action = "send"             // 职改办: notice over, sent to the committee
	Pass            Action = "pass"             // committee: review passed (title_review)
	Recognise       Action = "recognise"        // committee: title recognised (title_recognition, 三(一)4)
	Fail            Action = "fail"             // committee: not passed
	Grant           Action = "grant"            // committee: result notice over, certificate granted
	RecordTheory    Action = "record_theory"    // evaluator: theory exam result (三(二)3)
	RecordPractical Action = "record_practical" // evaluator: practical assessment result
	Issue           Action = "issue"            // evaluator: skill certificate issued
	Register        Action = "register"         // admin (人社部门): certificate registered (上网)
	Revoke          Action = "revoke"           // admin: a grant found fraudulent is revoked (五)
)

// Actions lists every action.
var Actions = []Action{Submit, Withdraw, PublishInternal, Recommend, Return, Approve, Reject, Uphold, Dismiss,
	Send, Pass, Recognise, Fail, Grant, RecordTheory, RecordPractical, Issue, Register, Revoke}

var actionNames = map[Action]string{
	Submit: "提交", Withdraw: "撤回", PublishInternal: "单位内部公示", Recommend: "单位推荐", Return: "退回", Approve: "资格审核通过并公示",
	Reject: "资格审核不通过", Uphold: "异议成立", Dismiss: "异议不成立", Send: "提交评委会",
	Pass: "评审通过", Recognise: "认定", Fail: "评审未通过", Grant: "颁发职称证书",
	RecordTheory: "录入理论知识考试成绩", RecordPractical: "录入操作技能考核成绩", Issue: "颁发职业技能证书",
	Register: "证书上网", Revoke: "撤销",
}

// Name returns the Chinese name of the action.
func (a Action) Name() string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return string(a)
}

// ParseAction returns the action named s.
func ParseAction(s string) (Action, bool) {
	a := Action(s)
	return a, slices.Contains(Actions, a)
}

// party is who may take an action, relative to the application.
type party int

const (
	applicant party = iota // the person applying
	employer               // HR of the applicant's employer
	office                 // a reviewer of the 职改办 the application went to
	secretary              // the secretary of the committee it was sent to
	evaluator              // the organisation it was routed to (or the HR of a self-evaluating employer)
	admin                  // the provincial department
)

var partyNames = [...]string{"申报人本人", "所在单位", "受理的职改办", "受理的评委会", "受理的评价机构", "管理员"}

// holds reports whether u acts as party p for app.
func (p party) holds(u *guantong.User, app *guantong.Application) bool {
	if u == nil {
		return false
	}
	switch p {
	case applicant:
		return u.Role == guantong.RoleApplicant && u.PersonID != 0 && u.PersonID == app.PersonID
	case employer:
		return u.Role == guantong.RoleHR && u.OrgID != 0 && u.OrgID == app.EmployerID
	case office:
		return u.Role == guantong.RoleOffice && u.OrgID != 0 && u.OrgID == app.OfficeID
	case secretary:
		return u.Role == guantong.RoleSecretary && u.OrgID != 0 && u.OrgID == app.CommitteeID
	case evaluator:
		return (u.Role == guantong.RoleEvaluator || u.Role == guantong.RoleHR) &&
			u.OrgID != 0 && u.OrgID == app.EvaluatorID
	case admin:
		return u.Role == guantong.RoleAdmin
	}
	return false
}

// rule is one transition: of an application of kind, at one of the stages from, party by
// may take action; the application goes to stage to, or, where to is empty, to the stage
// the action's step computes.
type rule struct {
	kind   string
	from   []guantong.Stage
	action Action
	by     party
	to     guantong.Stage
	clause string // the clause of the plan the step comes from
}

const (
	title = guantong.KindTitle
	skill = guantong.KindSkill
)

type stages = []guantong.Stage

var rules = []rule{
	{title, stages{guantong.StageDraft, guantong.StageReturned}, Submit, applicant, guantong.StageSubmitted, "三(一)5"},
	{title, stages{guantong.StageDraft, guantong.StageReturned, guantong.StageSubmitted}, Withdraw, applicant, guantong.StageWithdrawn, ""},
	{title, stages{guantong.StageSubmitted}, PublishInternal, employer, guantong.StageSubmitted, "人社部令第40号"},
	{title, stages{guantong.StageSubmitted}, Recommend, employer, guantong.StageRecommended, "三(一)5"},
	{title, stages{guantong.StageSubmitted}, Return, employer, guantong.StageReturned, "三(一)5"},
	{title, stages{guantong.StageRecommended}, Approve, office, guantong.StageNotice, "三(一)5"},
	{title, stages{guantong.StageRecommended}, Return, office, guantong.StageSubmitted, "三(一)5"},
	{title, stages{guantong.StageRecommended}, Reject, office, guantong.StageRejected, "三(一)5"},
	{title, stages{guantong.StageNotice}, Uphold, office, guantong.StageRejected, "三(一)5"},
	{title, stages{guantong.StageResultNotice}, Uphold, office, guantong.StageFailed, "五"},
	{title, stages{guantong.StageNotice, guantong.StageResultNotice}, Dismiss, office, "", "三(一)5"},
	{title, stages{guantong.StageNotice}, Send, office, guantong.StageCommittee, "三(一)5"},
	{title, stages{guantong.StageCommittee}, Pass, secretary, guantong.StageResultNotice, "三(一)6"},
	{title, stages{guantong.StageCommittee}, Recognise, secretary, guantong.StageResultNotice, "三(一)4"},
	{title, stages{guantong.StageCommittee}, Fail, secretary, guantong.StageFailed, "三(一)6"},
	{title, stages{guantong.StageResultNotice}, Grant, secretary, guantong.StageGranted, "三(一)6"},
	{title, stages{guantong.StageGranted}, Revoke, admin, guantong.StageRevoked, "五"},

	{skill, stages{guantong.StageDraft}, Submit, applicant, guantong.StageAssessing, "三(二)1"},
	{skill, stages{guantong.StageDraft}, Withdraw, applicant, guantong.StageWithdrawn, ""},
	{skill, stages{guantong.StageAssessing}, RecordTheory, evaluator, "", "三(二)3"},
	{skill, stages{guantong.StageAssessing}, RecordPractical, evaluator, "", "三(二)3"},
	{skill, stages{guantong.StagePassed}, Issue, evaluator, guantong.StageIssued, "三(二)4"},
	{skill, stages{guantong.StageIssued}, Register, admin, guantong.StageRegistered, "三(二)4"},
	{skill, stages{guantong.StageIssued, guantong.StageRegistered}, Revoke, admin, guantong.StageRevoked, "五"},
}

// Allowed returns the actions u may take on app at its stage, in the order of the table;
// an action may still be refused by its conditions (a notice not yet over, say).
func Allowed(u *guantong.User, app *guantong.Application) []Action {
	var out []Action
	for i := range rules {
		r := &rules[i]
		if r.action == PublishInternal && app.InternalNotice != nil {
			continue // held once: what remains is to recommend when it is over
		}
		if r.kind == app.Kind && slices.Contains(r.from, app.Stage) && r.by.holds(u, app) && !slices.Contains(out, r.action) {
			out = append(out, r.action)
		}
	}
	return out
}

// find returns the rule by which u may take action on app now. It refuses with EInvalid
// for an action the kind does not have, EForbidden when u is no party to it, and EConflict
// when u is, but not at this stage.
func find(u *guantong.User, app *guantong.Application, action Action) (*rule, error) {
	known, party := false, false
	var who []string
	for i := range rules {
		r := &rules[i]
		if r.kind != app.Kind || r.action != action {
			continue
		}
		known = true
		if !r.by.holds(u, app) {
			who = append(who, partyNames[r.by])
			continue
		}
		party = true
		if slices.Contains(r.from, app.Stage) {
			return r, nil
		}
	}
	switch {
	case !known:
		return nil, guantong.Errorf(guantong.EInvalid, "%s申报没有「%s」操作", kindName(app.Kind), action.Name())
	case !party:
		return nil, guantong.Errorf(guantong.EForbidden, "只有%s可以「%s」", joinUnique(who), action.Name())
	}
	return nil, guantong.Errorf(guantong.EConflict, "申报处于「%s」阶段，不能「%s」", app.Stage.Name(), action.Name())
}

func kindName(kind string) string {
	if kind == guantong.KindSkill {
		return "职业技能评价"
	}
	return "职称"
}

func joinUnique(names []string) string {
	names = slices.Compact(names)
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "或"
		}
		out += n
	}
	return out
}
