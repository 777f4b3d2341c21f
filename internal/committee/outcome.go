package committee

import (
	"fmt"
	"strings"

	"guantong"
)

// Outcome is what a meeting decided for one applicant, with the reasons: the quorum, who
// withdrew, the scores and the vote. It is computed, never typed in.
type Outcome struct {
	ApplicantID int64  `json:"applicant_id"`
	Status      Status `json:"-"`

	// Decision is guantong.DecisionPassed for a review that passed, DecisionRecognised for a
	// recognition (认定, 三(一)4) that passed, DecisionFailed otherwise; "" until decided.
	Decision string `json:"decision"`

	Sheet     Sheet             `json:"sheet"`
	Result    *Result           `json:"result,omitempty"` // nil without a ballot
	Present   int               `json:"present"`
	Withdrawn []Conflict        `json:"withdrawn"` // conflicts of experts present
	Reasons   []guantong.Reason `json:"reasons"`
}

// Outcome returns an applicant's outcome. Until the applicant is decided it carries the sheet
// and the reasons so far but no decision and no counts.
func (m *Meeting) Outcome(applicant int64) (Outcome, error) {
	a, err := m.applicant(applicant)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{ApplicantID: a.ID, Status: m.Status(a.ID), Sheet: m.sheet(a), Present: len(m.present)}
	o.Reasons = append(o.Reasons, m.QuorumReason())
	var names []string
	for _, mb := range m.members {
		if c, ok := m.Conflict(mb.ExpertID, a.ID); ok && m.present[mb.ExpertID] {
			o.Withdrawn = append(o.Withdrawn, c)
			names = append(names, fmt.Sprintf("%s（%s）", mb.Name, c.Reason))
		}
	}
	if len(names) > 0 {
		o.Reasons = append(o.Reasons, guantong.Reason{Clause: ClauseRules, Met: true,
			Text: fmt.Sprintf("回避 %d 人：%s", len(names), strings.Join(names, "、"))})
	}
	if !a.Recognition {
		o.Reasons = append(o.Reasons, scoreReasons(o.Sheet)...)
	}
	if o.Status != Decided {
		return o, nil
	}
	t, balloted := m.box.tallies[a.ID]
	if !balloted { // missed a pass score: no ballot
		o.Decision = guantong.DecisionFailed
		return o, nil
	}
	r := Tally(t.Yes, t.No, t.Abstain, m.base(a.ID), m.rules.Pass)
	if m.rules.PassBase == BasePresent {
		r.Withdrawn = len(o.Withdrawn)
	}
	o.Result = &r
	clause, pass := ClauseRules, guantong.DecisionPassed
	if a.Recognition {
		clause, pass = ClauseGreen, guantong.DecisionRecognised
	}
	o.Reasons = append(o.Reasons, guantong.Reason{Clause: clause, Met: r.Passed, Text: "无记名投票：" + r.Text()})
	o.Decision = guantong.DecisionFailed
	if r.Passed {
		o.Decision = pass
	}
	return o, nil
}
