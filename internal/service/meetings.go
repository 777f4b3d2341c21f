package service

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
)

// Review meetings (docs/committee.md §2-§5). Every action on a meeting is one transaction:
// lock the meeting, load its rows, rebuild the committee.Meeting from them, ask it whether
// the action is allowed, write, audit. The committee's decision is never typed in: when the
// meeting closes, each applicant's computed outcome takes the workflow action pass,
// recognise or fail.

// NewMeeting is a meeting a secretary sets up: the day, the place, and the applications
// before it; with none, every application of the committee awaiting review that no other
// meeting holds.
type NewMeeting struct {
	HeldOn         guantong.Date `json:"held_on"` // zero: today
	Place          string        `json:"place"`
	ApplicationIDs []int64       `json:"application_ids"`
}

// Seats: how a user takes part in a meeting.
const (
	SeatSecretary = "secretary" // the committee's secretary: runs the meeting
	SeatExpert    = "expert"    // a member: scores and votes
	SeatAdmin     = "admin"     // the provincial department: reads
)

// CreateMeeting sets up a review meeting of the secretary's committee, with the committee's
// members as they are now (they must satisfy its rules) and its rules as they are now (kept
// with the meeting), for the applications awaiting review. The secretary then takes
// attendance.
func (s *Service) CreateMeeting(ctx context.Context, u *guantong.User, in NewMeeting) (MeetingView, error) {
	if err := signedIn(u); err != nil {
		return MeetingView{}, err
	}
	if u.Role != guantong.RoleSecretary || u.OrgID == 0 {
		return MeetingView{}, guantong.Errorf(guantong.EForbidden, "只有评委会秘书可以安排评审会议")
	}
	if in.HeldOn.IsZero() {
		in.HeldOn = s.Today()
	}
	var id int64
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.LockCommittee(ctx, u.OrgID); err != nil {
			return err
		}
		org, err := committeeOrg(ctx, tx, u.OrgID)
		if err != nil {
			return err
		}
		rules := committee.For(org.Series, org.Level)
		members, err := tx.CommitteeMembers(ctx, org.ID)
		if err != nil {
			return err
		}
		var pool []committee.Expert
		var ids []int64
		var rows []store.MeetingMember
		var es guantong.FieldErrors
		for _, mb := range members {
			if !mb.Active {
				continue
			}
			if until, over := termOver(mb, in.HeldOn); over {
				es.Add("members", "委员 %s 的任期已于 %s 届满，请管理员续聘或调整评委会组成", mb.Name, until)
			}
			pool = append(pool, poolExpert(mb.Expert))
			ids = append(ids, mb.ID)
			rows = append(rows, store.MeetingMember{ExpertID: mb.ID, EmployerID: mb.EmployerID})
		}
		if len(ids) == 0 {
			return guantong.Errorf(guantong.EConflict, "%s尚无专家，请管理员先从专家库选定评委会成员", org.Name)
		}
		cmembers, err := rules.Members(pool, ids)
		if fe, ok := err.(guantong.FieldErrors); ok {
			es = append(es, fe...)
		} else if err != nil {
			return err
		}
		if err := es.Err(); err != nil {
			return guantong.Errorf(guantong.EConflict, "%s的组成不符合评审规则：%v", org.Name, err)
		}
		apps, err := s.meetingApplications(ctx, tx, org.ID, in.ApplicationIDs)
		if err != nil {
			return err
		}
		var mapps []store.MeetingApplication
		var applicants []committee.Applicant
		for _, a := range apps {
			ma := store.MeetingApplication{ApplicationID: a.ID, Group: a.ReviewGroup, EmployerID: a.EmployerID,
				Recognition: a.Route == guantong.RouteTitleRecognition}
			if ma.Group == "" {
				ma.Group = committee.SkilledGroup
			}
			mapps = append(mapps, ma)
			applicants = append(applicants, committee.Applicant{ID: a.ID, Name: fmt.Sprint(a.ID), EmployerID: a.EmployerID,
				Group: ma.Group, Recognition: ma.Recognition})
		}
		if _, err := committee.NewMeeting(rules, cmembers, applicants); err != nil {
			return err
		}
		rulesJSON, err := json.Marshal(rules)
		if err != nil {
			return fmt.Errorf("service: rules %s: %w", rules.ID, err)
		}
		m := store.Meeting{CommitteeID: org.ID, RulesID: rules.ID, RulesJSON: string(rulesJSON), HeldOn: in.HeldOn,
			Place: strings.TrimSpace(in.Place), CreatedAt: s.now().UTC()}
		if err := tx.InsertMeeting(ctx, &m, rows, mapps); err != nil {
			return err
		}
		id = m.ID
		appIDs := make([]int64, len(apps))
		for i, a := range apps {
			appIDs[i] = a.ID
		}
		return s.audit(ctx, tx, u, "create_meeting", subjectOf("meeting", m.ID), map[string]any{"committee_id": org.ID,
			"rules_id": rules.ID, "held_on": m.HeldOn, "place": m.Place, "members": ids, "application_ids": appIDs})
	})
	if err != nil {
		return MeetingView{}, err
	}
	return s.Meeting(ctx, u, id)
}

// meetingApplications returns the applications a new meeting of a committee reviews: those
// asked for, each of which must await this committee's review in no other meeting; or, with
// none asked for, every such application.
func (s *Service) meetingApplications(ctx context.Context, tx *store.Tx, committeeID int64, want []int64) ([]guantong.Application, error) {
	waiting, err := tx.Applications(ctx, store.Filter{CommitteeID: committeeID, Stages: []guantong.Stage{guantong.StageCommittee},
		Kind: guantong.KindTitle})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(waiting, func(a, b store.Listed) int { return cmp.Compare(a.ID, b.ID) })
	var free []guantong.Application
	busy := map[int64]int64{}
	for _, a := range waiting {
		m, err := tx.PendingMeeting(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		if m != 0 {
			busy[a.ID] = m
			continue
		}
		free = append(free, a.Application)
	}
	if len(want) == 0 {
		if len(free) == 0 {
			return nil, guantong.Errorf(guantong.EConflict, "没有待评审的申报")
		}
		return free, nil
	}
	var es guantong.FieldErrors
	var out []guantong.Application
	for i, id := range want {
		at := fmt.Sprintf("application_ids[%d]", i)
		switch k := slices.IndexFunc(free, func(a guantong.Application) bool { return a.ID == id }); {
		case busy[id] != 0:
			es.Add(at, "申报 %d 已在评审会议 %d 中", id, busy[id])
		case k < 0:
			es.Add(at, "申报 %d 不在本评委会待评审之列", id)
		case slices.ContainsFunc(out, func(a guantong.Application) bool { return a.ID == id }):
			es.Add(at, "申报 %d 重复", id)
		default:
			out = append(out, free[k])
		}
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Meeting returns a meeting as u sees it: the secretary and the admin everything but the
// running counts of an open ballot; an expert the same, with their own part (whether they may
// score and vote on each applicant, their scores, whether they have voted).
func (s *Service) Meeting(ctx context.Context, u *guantong.User, id int64) (MeetingView, error) {
	if err := signedIn(u); err != nil {
		return MeetingView{}, err
	}
	st, err := s.load(ctx, s.store, u, id)
	if err != nil {
		return MeetingView{}, err
	}
	return s.meetingView(ctx, st)
}

// Meetings lists the meetings u takes part in, newest first: a secretary's committee's, an
// expert's own, all for the admin.
func (s *Service) Meetings(ctx context.Context, u *guantong.User) ([]MeetingSummary, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	var f store.MeetingFilter
	switch u.Role {
	case guantong.RoleAdmin:
	case guantong.RoleSecretary:
		if f.CommitteeID = u.OrgID; f.CommitteeID == 0 {
			return []MeetingSummary{}, nil
		}
	case guantong.RoleExpert:
		e, err := s.store.ExpertByUser(ctx, u.ID)
		if guantong.ErrorCode(err) == guantong.ENotFound {
			return []MeetingSummary{}, nil
		}
		if err != nil {
			return nil, err
		}
		f.ExpertID = e.ID
	default:
		return nil, guantong.Errorf(guantong.EForbidden, "只有评委会秘书、评审专家和管理员可以查看评审会议")
	}
	ms, err := s.store.Meetings(ctx, f)
	if err != nil {
		return nil, err
	}
	out := []MeetingSummary{}
	names := map[int64]string{}
	for _, m := range ms {
		if _, ok := names[m.CommitteeID]; !ok {
			o, err := s.store.Organisation(ctx, m.CommitteeID)
			if err != nil {
				return nil, err
			}
			names[m.CommitteeID] = o.Name
		}
		out = append(out, MeetingSummary{ID: m.ID, CommitteeID: m.CommitteeID, Committee: names[m.CommitteeID], HeldOn: m.HeldOn,
			Place: m.Place, Status: m.Status, StatusName: meetingStatusNames[m.Status]})
	}
	return out, nil
}
