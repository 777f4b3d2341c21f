package committee

import "guantong"

// 复查: an applicant who does not accept a committee's result about them may ask, within the
// regulation's RecheckDays, that it be checked again (职称评审管理暂行规定). The request is its
// own case with its own stages, handled by the committee's secretary; the result itself is
// changed only by a new review, never by typing.

// Stages of a 复查.
const (
	RecheckRequested  = "requested"  // 已申请: waiting for the committee to take it up
	RecheckAccepted   = "accepted"   // 已受理: being checked
	RecheckMaintained = "maintained" // 维持原评审结果
	RecheckRevised    = "revised"    // 原评审结果有误: to be reviewed again by the committee
	RecheckRefused    = "refused"    // 不予受理: out of time or without grounds, with the reason
)

var recheckNames = map[string]string{RecheckRequested: "已申请", RecheckAccepted: "复查中", RecheckMaintained: "维持原评审结果",
	RecheckRevised: "原结果有误，重新评审", RecheckRefused: "不予受理"}

// RecheckName names a stage of a 复查 in Chinese.
func RecheckName(stage string) string { return recheckNames[stage] }

// recheckSteps are the steps a 复查 may take: from a stage, to the next.
var recheckSteps = map[string][]string{
	RecheckRequested: {RecheckAccepted, RecheckRefused},
	RecheckAccepted:  {RecheckMaintained, RecheckRevised},
}

// RecheckOpen reports whether a 复查 at stage is still being handled.
func RecheckOpen(stage string) bool { return len(recheckSteps[stage]) > 0 }

// RecheckSteps returns the stages a 复查 at stage may go to, in the order a page offers them.
func RecheckSteps(stage string) []string { return recheckSteps[stage] }

// RecheckStep checks a step of a 复查 from one stage to another: EConflict when the stage
// does not allow it; a refusal and a conclusion need a note saying why (EInvalid at "note").
func RecheckStep(from, to, note string) error {
	allowed := false
	for _, s := range recheckSteps[from] {
		allowed = allowed || s == to
	}
	if !allowed {
		return guantong.Errorf(guantong.EConflict, "复查%s，不能改为「%s」", RecheckName(from), RecheckName(to))
	}
	if to != RecheckAccepted && note == "" {
		return guantong.FieldErrors{{Field: "note", Message: "「" + RecheckName(to) + "」须说明理由"}}
	}
	return nil
}
