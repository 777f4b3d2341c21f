package service

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// act runs one action on a meeting in one transaction: lock the meeting (actions on one
// meeting run one after the other, each on the rows of the last), load and rebuild it, check
// u's seat against those allowed, then fn asks the rebuilt committee.Meeting and writes.
// It returns the meeting as u then sees it.
func (s *Service) act(ctx context.Context, u *guantong.User, id int64, seats []string, fn func(tx *store.Tx, st *sitting) error) (MeetingView, error) {
	if err := s.change(ctx, u, id, seats, fn); err != nil {
		return MeetingView{}, err
	}
	return s.Meeting(ctx, u, id)
}

// change is act without the answer.
func (s *Service) change(ctx context.Context, u *guantong.User, id int64, seats []string, fn func(tx *store.Tx, st *sitting) error) error {
	if err := signedIn(u); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.LockMeeting(ctx, id); err != nil {
			return err
		}
		st, err := s.load(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if !slices.Contains(seats, st.seat) {
			return guantong.Errorf(guantong.EForbidden, "%s不能进行此操作", seatNames[st.seat])
		}
		return fn(tx, st)
	})
}

var seatNames = map[string]string{SeatSecretary: "评委会秘书", SeatExpert: "评审专家", SeatAdmin: "管理员"}

func meetingSubject(id int64) string { return subjectOf("meeting", id) }

// SetAttendance records who is present, before the meeting opens: present lists the experts
// present, every other member is absent (the secretary's attendance sheet).
func (s *Service) SetAttendance(ctx context.Context, u *guantong.User, id int64, present []int64) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if st.rec.Status != store.MeetingAttendance {
			return guantong.Errorf(guantong.EConflict, "会议%s，签到已截止", meetingStatusNames[st.rec.Status])
		}
		var es guantong.FieldErrors
		for i, e := range present {
			if !slices.ContainsFunc(st.rec.Members, func(mb store.MeetingMember) bool { return mb.ExpertID == e }) {
				es.Add("present["+strconv.Itoa(i)+"]", "专家 %d 不是本次会议的评委会成员", e)
			}
		}
		if err := es.Err(); err != nil {
			return err
		}
		for _, mb := range st.rec.Members {
			want := slices.Contains(present, mb.ExpertID)
			if want == mb.Present {
				continue
			}
			var err error
			if want {
				err = st.m.Attend(mb.ExpertID)
			} else {
				err = st.m.Leave(mb.ExpertID)
			}
			if err != nil {
				return err
			}
			if err := tx.SetPresent(ctx, st.rec.ID, mb.ExpertID, want); err != nil {
				return err
			}
		}
		q := st.m.QuorumReason()
		return s.audit(ctx, tx, u, "attendance", meetingSubject(st.rec.ID), map[string]any{"present": present, "quorum": q})
	})
}

// OpenMeeting opens the meeting once the experts present make its quorum (at least two
// thirds of the members: 职称评审管理暂行规定); without it the meeting cannot open (EConflict,
// saying how many are present and needed). Nor can a meeting whose members are fewer than
// the committee must have, by the rules it was set up with or by the regulation in force
// today. Attendance is then fixed.
func (s *Service) OpenMeeting(ctx context.Context, u *guantong.User, id int64) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		org, err := committeeOrg(ctx, tx, st.rec.CommitteeID)
		if err != nil {
			return err
		}
		if now := committee.For(org.Series, org.Level); len(st.rec.Members) < now.MinMembers {
			return guantong.Errorf(guantong.EConflict, "不能开会：%s", now.TooFew(len(st.rec.Members)))
		}
		if err := st.m.Open(); err != nil {
			return err
		}
		if err := tx.SetMeetingStatus(ctx, st.rec.ID, store.MeetingOpen, s.now().UTC()); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "open", meetingSubject(st.rec.ID), map[string]any{"quorum": st.m.QuorumReason()})
	})
}

// CancelMeeting calls off a meeting that has not opened; its applications may go before
// another.
func (s *Service) CancelMeeting(ctx context.Context, u *guantong.User, id int64) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if st.rec.Status != store.MeetingAttendance {
			return guantong.Errorf(guantong.EConflict, "会议%s，不能取消", meetingStatusNames[st.rec.Status])
		}
		if err := tx.SetMeetingStatus(ctx, st.rec.ID, store.MeetingCancelled, s.now().UTC()); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "cancel", meetingSubject(st.rec.ID), map[string]any{})
	})
}

// ConflictInput declares a conflict of interest (回避): an expert declares their own
// (ExpertID is then theirs), the secretary names the expert.
type ConflictInput struct {
	ApplicationID int64  `json:"application_id"`
	ExpertID      int64  `json:"expert_id"`
	Reason        string `json:"reason"`
}

// DeclareConflict records that an expert withdraws from an applicant, until the applicant's
// vote starts. The expert can then neither score nor vote on them, and scores they entered
// stop counting. Same-employer conflicts need no declaration: they are detected.
func (s *Service) DeclareConflict(ctx context.Context, u *guantong.User, id int64, in ConflictInput) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary, SeatExpert}, func(tx *store.Tx, st *sitting) error {
		if st.seat == SeatExpert {
			if in.ExpertID != 0 && in.ExpertID != st.expert {
				return guantong.Errorf(guantong.EForbidden, "专家只能为本人申请回避")
			}
			in.ExpertID = st.expert
		}
		if in.ExpertID == 0 {
			return guantong.FieldErrors{{Field: "expert_id", Message: "须指明回避的专家"}}
		}
		c := committee.Conflict{ExpertID: in.ExpertID, ApplicantID: in.ApplicationID, Reason: strings.TrimSpace(in.Reason)}
		if err := st.m.Declare(c); err != nil {
			return err
		}
		c, _ = st.m.Conflict(in.ExpertID, in.ApplicationID)
		err := tx.InsertConflict(ctx, st.rec.ID, store.DeclaredConflict{ApplicationID: in.ApplicationID, ExpertID: in.ExpertID,
			Reason: c.Reason, DeclaredBy: u.Actor(), DeclaredAt: s.now().UTC()})
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "declare_conflict", meetingSubject(st.rec.ID), map[string]any{
			"application_id": in.ApplicationID, "expert_id": in.ExpertID, "reason": c.Reason})
	})
}

// ScoreInput is an expert's scores of one applicant: one per method of the applicant's
// group, 0-100 with at most two decimals. A method already scored is refused unless Replace
// is set; a replacement is audited as such.
type ScoreInput struct {
	ApplicationID int64        `json:"application_id"`
	Scores        []ScoreEntry `json:"scores"`
	Replace       bool         `json:"replace"`
}

// EnterScores records the signed-in expert's scores of an applicant, all or none. Only an
// expert present, without a conflict with the applicant, may score, during the meeting and
// before the applicant's vote starts.
func (s *Service) EnterScores(ctx context.Context, u *guantong.User, id int64, in ScoreInput) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatExpert}, func(tx *store.Tx, st *sitting) error {
		if len(in.Scores) == 0 {
			return guantong.FieldErrors{{Field: "scores", Message: "至少评一项"}}
		}
		now := s.now().UTC()
		var entered, replaced []ScoreEntry
		for i, sc := range in.Scores {
			for _, other := range in.Scores[:i] {
				if other.Method == sc.Method {
					return guantong.FieldErrors{{Field: "scores[" + strconv.Itoa(i) + "].method", Message: "「" + sc.Method + "」重复"}}
				}
			}
			had := slices.ContainsFunc(st.rec.Scores, func(old store.Score) bool {
				return old.ExpertID == st.expert && old.ApplicationID == in.ApplicationID && old.Method == sc.Method
			})
			if err := st.m.AddScore(committee.Score{ExpertID: st.expert, ApplicantID: in.ApplicationID, Method: sc.Method, Points: sc.Points}, in.Replace); err != nil {
				return err
			}
			if err := tx.PutScore(ctx, st.rec.ID, store.Score{ApplicationID: in.ApplicationID, ExpertID: st.expert, Method: sc.Method,
				Points: sc.Points, EnteredAt: now}); err != nil {
				return err
			}
			if had {
				replaced = append(replaced, sc)
			} else {
				entered = append(entered, sc)
			}
		}
		subject := subjectOf("meeting", st.rec.ID) + "/" + subjectOf("application", in.ApplicationID)
		if len(entered) > 0 {
			if err := s.audit(ctx, tx, u, "score", subject, map[string]any{"expert_id": st.expert, "scores": entered}); err != nil {
				return err
			}
		}
		if len(replaced) > 0 {
			return s.audit(ctx, tx, u, "score_replace", subject, map[string]any{"expert_id": st.expert, "scores": replaced})
		}
		return nil
	})
}

// StartVote ends the scoring of an applicant and opens the secret ballot, once every method
// has a score (a recognition needs none) and some expert may vote. An applicant who missed a
// method's pass score is decided failed at once, without a ballot. The set of voters is then
// fixed: no more declarations of conflict for this applicant.
func (s *Service) StartVote(ctx context.Context, u *guantong.User, id, applicationID int64) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if err := st.m.StartVote(applicationID); err != nil {
			return err
		}
		ballot := st.m.Status(applicationID) == committee.Voting
		voters := len(st.m.Voters(applicationID))
		base := voters
		if st.rules.PassBase == committee.BasePresent {
			base = st.m.Present()
		}
		if err := tx.StartVote(ctx, st.rec.ID, applicationID, ballot, voters, base); err != nil {
			return err
		}
		payload := map[string]any{"voters": voters, "base": base, "ballot": ballot}
		if !ballot {
			sheet, _ := st.m.Sheet(applicationID)
			payload["below_pass"] = sheet.BelowPass
		}
		return s.audit(ctx, tx, u, "start_vote", subjectOf("meeting", st.rec.ID)+"/"+subjectOf("application", applicationID), payload)
	})
}

// Receipt answers a vote: that it was recorded, and how many of the voters have voted.
// Never the counts: a count shown after each vote tells who voted how.
type Receipt struct {
	Message string `json:"message"` // 已投票
	Voted   int    `json:"voted"`
	Voters  int    `json:"voters"`
	Closed  bool   `json:"closed"` // this was the last vote: the ballot closed
}

// CastBallot records the signed-in expert's secret vote on an applicant: yes, no or abstain
// (同意、不同意、弃权). Only an expert present and without a conflict may vote, once; a second
// vote is EConflict and changes nothing. What is stored cannot be tied to the expert
// (docs/committee.md §4), and the audit row says only that they voted, never how. When every
// voter has voted the ballot closes.
func (s *Service) CastBallot(ctx context.Context, u *guantong.User, id, applicationID int64, choice string) (Receipt, error) {
	c, ok := committee.ParseChoice(choice)
	if !ok {
		return Receipt{}, guantong.FieldErrors{{Field: "choice", Message: "须为 yes、no 或 abstain（同意、不同意、弃权）"}}
	}
	var r Receipt
	err := s.change(ctx, u, id, []string{SeatExpert}, func(tx *store.Tx, st *sitting) error {
		if err := st.m.Vote(st.expert, applicationID, c); err != nil {
			return err
		}
		closed, err := tx.CastVote(ctx, st.rec.ID, applicationID, st.expert, c)
		if err != nil {
			return err
		}
		r.Voted, r.Voters = st.m.Progress(applicationID)
		r.Message, r.Closed = "已投票", closed
		subject := subjectOf("meeting", st.rec.ID) + "/" + subjectOf("application", applicationID)
		if err := s.audit(ctx, tx, u, "vote", subject, map[string]any{"expert_id": st.expert}); err != nil {
			return err
		}
		if closed {
			return s.audit(ctx, tx, u, "vote_closed", subject, map[string]any{"voted": r.Voted, "voters": r.Voters})
		}
		return nil
	})
	return r, err
}

// CloseVote closes an applicant's ballot before every voter has voted; the missing votes
// count as not yes. The counts are then shown.
func (s *Service) CloseVote(ctx context.Context, u *guantong.User, id, applicationID int64) (MeetingView, error) {
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if err := st.m.CloseVote(applicationID); err != nil {
			return err
		}
		if err := tx.CloseVote(ctx, st.rec.ID, applicationID); err != nil {
			return err
		}
		voted, voters := st.m.Progress(applicationID)
		return s.audit(ctx, tx, u, "vote_closed", subjectOf("meeting", st.rec.ID)+"/"+subjectOf("application", applicationID),
			map[string]any{"voted": voted, "voters": voters})
	})
}

// CloseMeeting ends the meeting once every applicant is decided, and takes for each the
// workflow action its computed outcome calls for: pass (to the result notice), recognise
// (认定, to the result notice) or fail, with the outcome's reasons as the note. The tallies are
// rewritten in the same transaction and scrubbed after it (docs/committee.md §4).
func (s *Service) CloseMeeting(ctx context.Context, u *guantong.User, id int64) (MeetingView, error) {
	err := s.change(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if err := st.m.Close(); err != nil {
			return err
		}
		decisions := map[int64]string{}
		for _, ma := range st.rec.Applications {
			o, err := st.m.Outcome(ma.ApplicationID)
			if err != nil {
				return err
			}
			action := workflow.Fail
			switch o.Decision {
			case guantong.DecisionPassed:
				action = workflow.Pass
			case guantong.DecisionRecognised:
				action = workflow.Recognise
			}
			var notes []string
			for _, r := range o.Reasons {
				notes = append(notes, r.Clause+"："+r.Text)
			}
			app, err := tx.Application(ctx, ma.ApplicationID)
			if err != nil {
				return err
			}
			extra := map[string]any{"meeting_id": st.rec.ID, "reasons": o.Reasons, "sheet": o.Sheet}
			if o.Result != nil {
				extra["result"] = o.Result
			}
			if _, err := s.step(ctx, tx, u, app, workflow.Input{Action: action, Note: strings.Join(notes, "；")}, extra); err != nil {
				return err
			}
			if err := tx.SetDecision(ctx, st.rec.ID, ma.ApplicationID, o.Decision); err != nil {
				return err
			}
			decisions[ma.ApplicationID] = o.Decision
		}
		if err := tx.CloseMeeting(ctx, st.rec.ID, s.now().UTC()); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "close", meetingSubject(st.rec.ID), map[string]any{"decisions": decisions})
	})
	if err != nil {
		return MeetingView{}, err
	}
	if err := s.store.Scrub(ctx); err != nil {
		s.log.Error("service: scrub after meeting close", "meeting", id, "err", err)
	}
	return s.Meeting(ctx, u, id)
}
