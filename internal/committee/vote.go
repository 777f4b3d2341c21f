package committee

import (
	"strings"

	"guantong"
)

// Status returns where an applicant stands.
func (m *Meeting) Status(applicant int64) Status {
	switch {
	case !m.started[applicant]:
		return Scoring
	case m.box.tallies[applicant] == nil || m.box.tallies[applicant].Closed:
		return Decided // decided on scores (no tally row), or the ballot closed
	}
	return Voting
}

// StartVote ends the scoring of an applicant and opens the ballot. Every method must have a
// score (but for a recognition) and some expert must be able to vote. An applicant who
// missed a method's pass score has nothing to vote on: they are decided failed at once and no
// ballot opens.
func (m *Meeting) StartVote(applicant int64) error {
	if err := m.sitting(); err != nil {
		return err
	}
	a, err := m.applicant(applicant)
	if err != nil {
		return err
	}
	if m.started[a.ID] {
		return guantong.Errorf(guantong.EConflict, "该申报人已%s", m.Status(a.ID).Name())
	}
	if len(m.Voters(a.ID)) == 0 {
		return guantong.Errorf(guantong.EConflict, "没有可参加表决的专家（出席专家均已回避）")
	}
	if !a.Recognition {
		sh := m.sheet(a)
		if !sh.Complete {
			var missing []string
			for _, ms := range sh.Methods {
				if ms.Count == 0 {
					missing = append(missing, ms.Method)
				}
			}
			return guantong.Errorf(guantong.EConflict, "尚未评分：%s", strings.Join(missing, "、"))
		}
		if len(sh.BelowPass) > 0 {
			m.started[a.ID] = true
			return nil
		}
	}
	m.started[a.ID] = true
	m.box.tally(a.ID) // the tally row, all zeros
	return nil
}

// Vote casts an expert's vote on an applicant. It is refused unless the applicant's ballot
// is open and the expert may vote on them, until the expert has scored every method of the
// applicant's group (experts score before they vote; a recognition has no scores), and for
// a second vote. When every voter
// has voted the ballot closes by itself.
func (m *Meeting) Vote(expert, applicant int64, c Choice) error {
	if err := m.sitting(); err != nil {
		return err
	}
	a, err := m.applicant(applicant)
	if err != nil {
		return err
	}
	if st := m.Status(a.ID); st != Voting {
		return guantong.Errorf(guantong.EConflict, "该申报人%s，不在表决中", st.Name())
	}
	if err := m.eligibility(expert, a.ID); err != nil {
		return err
	}
	if missing := m.Unscored(expert, a.ID); len(missing) > 0 {
		return guantong.Errorf(guantong.EConflict, "请先评分再投票：尚未评「%s」", strings.Join(missing, "」「"))
	}
	if err := m.box.Cast(a.ID, expert, c); err != nil {
		return err
	}
	if m.box.CastCount(a.ID) == len(m.Voters(a.ID)) {
		m.box.Close(a.ID)
	}
	return nil
}

// Progress returns how many of an applicant's voters have voted, for the secretary's page:
// never the running counts.
func (m *Meeting) Progress(applicant int64) (voted, voters int) {
	return m.box.CastCount(applicant), len(m.Voters(applicant))
}

// CloseVote closes an applicant's ballot before every voter has voted; the missing votes
// count as not yes.
func (m *Meeting) CloseVote(applicant int64) error {
	if err := m.sitting(); err != nil {
		return err
	}
	if _, err := m.applicant(applicant); err != nil {
		return err
	}
	if st := m.Status(applicant); st != Voting {
		return guantong.Errorf(guantong.EConflict, "该申报人%s，不在表决中", st.Name())
	}
	m.box.Close(applicant)
	return nil
}

// Close ends the meeting once every applicant is decided.
func (m *Meeting) Close() error {
	if err := m.sitting(); err != nil {
		return err
	}
	for _, a := range m.applicants {
		if m.Status(a.ID) != Decided {
			return guantong.Errorf(guantong.EConflict, "%s尚未决定（%s）", a.Name, m.Status(a.ID).Name())
		}
	}
	m.closed = true
	return nil
}

// Closed reports whether the meeting has ended.
func (m *Meeting) Closed() bool { return m.closed }

// Ballots returns the ballot tables, for the store to compare with its own.
func (m *Meeting) Ballots() (cast []CastRow, tallies []TallyRow) { return m.box.Tables() }

// RestoreBallots replaces the ballot box with the store's tables, after the store has
// replayed attendance, conflicts, scores and vote starts. It checks what the tables must
// hold: a tally only for an applicant whose vote started, votes only from experts who may
// vote, and per applicant as many votes counted as experts recorded as having voted.
func (m *Meeting) RestoreBallots(cast []CastRow, tallies []TallyRow) error {
	var box BallotBox
	for _, t := range tallies {
		if _, err := m.applicant(t.Applicant); err != nil {
			return err
		}
		if !m.started[t.Applicant] {
			return guantong.Errorf(guantong.EInternal, "申报人 %d 的表决未开始，却有计票", t.Applicant)
		}
		if t.Yes < 0 || t.No < 0 || t.Abstain < 0 {
			return guantong.Errorf(guantong.EInternal, "申报人 %d 的计票为负", t.Applicant)
		}
		*box.tally(t.Applicant) = t
	}
	for id := range m.box.tallies {
		if box.tallies[id] == nil {
			return guantong.Errorf(guantong.EInternal, "申报人 %d 的表决已开始，却没有计票", id)
		}
	}
	box.cast = map[CastRow]bool{}
	for _, c := range cast {
		if box.tallies[c.Applicant] == nil {
			return guantong.Errorf(guantong.EInternal, "申报人 %d 没有计票，却有投票记录", c.Applicant)
		}
		if box.cast[c] {
			return guantong.Errorf(guantong.EInternal, "专家 %d 对申报人 %d 的投票记录重复", c.Expert, c.Applicant)
		}
		if err := m.eligibility(c.Expert, c.Applicant); err != nil {
			return guantong.Errorf(guantong.EInternal, "投票记录不符：%v", err)
		}
		box.cast[c] = true
	}
	for _, t := range box.tallies {
		if n := box.CastCount(t.Applicant); t.Yes+t.No+t.Abstain != n {
			return guantong.Errorf(guantong.EInternal, "申报人 %d 计票 %d 张，投票记录 %d 条，不符", t.Applicant, t.Yes+t.No+t.Abstain, n)
		}
	}
	m.box = box
	return nil
}

// Unscored returns the methods of an applicant's group that an expert has not scored, in
// the group's order; none for a recognition (认定 rests on certificates, not scores).
func (m *Meeting) Unscored(expert, applicant int64) []string {
	a, err := m.applicant(applicant)
	if err != nil || a.Recognition {
		return nil
	}
	g, _ := m.rules.Group(a.Group)
	var missing []string
	for _, mr := range g.Methods {
		scored := false
		for _, s := range m.scores {
			if s.ExpertID == expert && s.ApplicantID == applicant && s.Method == mr.Method {
				scored = true
				break
			}
		}
		if !scored {
			missing = append(missing, mr.Method)
		}
	}
	return missing
}
