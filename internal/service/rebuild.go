package service

import (
	"context"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
)

// sitting is a meeting as an action sees it: the stored rows, the rules they were reviewed
// by, the rebuilt committee.Meeting, the applications, and the seat of the user.
type sitting struct {
	rec    store.MeetingRecord
	rules  *committee.Rules
	m      *committee.Meeting
	apps   map[int64]guantong.Application
	people map[int64]guantong.Applicant
	achs   map[int64][]committee.Achievement
	seat   string
	expert int64 // the user's expert ID, for SeatExpert
}

// meetingReader is what rebuilding a meeting reads: the store, or a transaction.
type meetingReader interface {
	MeetingRecord(ctx context.Context, id int64) (store.MeetingRecord, error)
	Application(ctx context.Context, id int64) (guantong.Application, error)
	Applicant(ctx context.Context, id int64) (guantong.Applicant, error)
	Achievements(ctx context.Context, applicationID int64) ([]guantong.AchievementRecord, error)
	ExpertByUser(ctx context.Context, userID int64) (guantong.Expert, error)
}

// load reads a meeting and rebuilds it, after checking that u has a seat at it.
func (s *Service) load(ctx context.Context, r meetingReader, u *guantong.User, id int64) (*sitting, error) {
	rec, err := r.MeetingRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	st := &sitting{rec: rec, apps: map[int64]guantong.Application{}, people: map[int64]guantong.Applicant{},
		achs: map[int64][]committee.Achievement{}}
	switch {
	case u.Role == guantong.RoleSecretary && u.OrgID == rec.CommitteeID:
		st.seat = SeatSecretary
	case u.Role == guantong.RoleAdmin:
		st.seat = SeatAdmin
	case u.Role == guantong.RoleExpert:
		e, err := r.ExpertByUser(ctx, u.ID)
		if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
			return nil, err
		}
		if err == nil && slices.ContainsFunc(rec.Members, func(mb store.MeetingMember) bool { return mb.ExpertID == e.ID }) {
			st.seat, st.expert = SeatExpert, e.ID
		}
	}
	if st.seat == "" {
		return nil, guantong.Errorf(guantong.EForbidden, "无权查看评审会议 %d：只有本评委会秘书、参会专家和管理员可以", id)
	}
	if err := s.rebuild(ctx, r, st); err != nil {
		return nil, err
	}
	return st, nil
}

// rebuild replays the stored rows into a committee.Meeting (docs/committee.md §5): members
// and applicants as set up, attendance, the opening, scores, declared conflicts, vote starts,
// then the ballot tables, which RestoreBallots checks add up. Scores are replayed before
// declarations because an expert may have scored before withdrawing: the score stays stored
// and stops counting. Rows the rules refuse mean the database was changed behind the
// service's back: EInternal.
func (s *Service) rebuild(ctx context.Context, r meetingReader, st *sitting) error {
	rec := &st.rec
	broken := func(err error) error {
		return guantong.Errorf(guantong.EInternal, "评审会议 %d 的记录不一致：%v", rec.ID, err)
	}
	rules, err := committee.LoadRules(strings.NewReader(rec.RulesJSON))
	if err != nil {
		return broken(err)
	}
	st.rules = rules
	members := make([]committee.Member, len(rec.Members))
	for i, mb := range rec.Members {
		members[i] = committee.Member{ExpertID: mb.ExpertID, Name: mb.Name, EmployerID: mb.EmployerID, Skilled: mb.Skilled}
	}
	var applicants []committee.Applicant
	for _, ma := range rec.Applications {
		app, err := r.Application(ctx, ma.ApplicationID)
		if err != nil {
			return err
		}
		p, err := r.Applicant(ctx, app.PersonID)
		if err != nil {
			return err
		}
		stored, err := r.Achievements(ctx, app.ID)
		if err != nil {
			return err
		}
		achs := make([]committee.Achievement, len(stored))
		for i, a := range stored {
			achs[i] = a.Achievement
		}
		st.apps[app.ID], st.people[app.ID], st.achs[app.ID] = app, p, achs
		applicants = append(applicants, committee.Applicant{ID: app.ID, Name: p.Name, EmployerID: ma.EmployerID,
			Group: ma.Group, Recognition: ma.Recognition, Achievements: achs})
	}
	m, err := committee.NewMeeting(rules, members, applicants)
	if err != nil {
		return broken(err)
	}
	st.m = m
	for _, mb := range rec.Members {
		if mb.Present {
			if err := m.Attend(mb.ExpertID); err != nil {
				return broken(err)
			}
		}
	}
	if rec.Status == store.MeetingOpen || rec.Status == store.MeetingClosed {
		if err := m.Open(); err != nil {
			return broken(err)
		}
	}
	for _, sc := range rec.Scores {
		if err := m.AddScore(committee.Score{ExpertID: sc.ExpertID, ApplicantID: sc.ApplicationID, Method: sc.Method, Points: sc.Points}, false); err != nil {
			return broken(err)
		}
	}
	for _, c := range rec.Conflicts {
		if err := m.Declare(committee.Conflict{ExpertID: c.ExpertID, ApplicantID: c.ApplicationID, Reason: c.Reason}); err != nil {
			return broken(err)
		}
	}
	for _, ma := range rec.Applications {
		if ma.VoteStarted {
			if err := m.StartVote(ma.ApplicationID); err != nil {
				return broken(err)
			}
		}
	}
	tallies := make([]committee.TallyRow, len(rec.Tallies))
	for i, t := range rec.Tallies {
		tallies[i] = t.TallyRow
	}
	if err := m.RestoreBallots(rec.Cast, tallies); err != nil {
		return broken(err)
	}
	if rec.Status == store.MeetingClosed {
		if err := m.Close(); err != nil {
			return broken(err)
		}
	}
	return nil
}
