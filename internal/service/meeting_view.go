package service

import (
	"context"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
)

var meetingStatusNames = map[string]string{
	store.MeetingAttendance: "签到中",
	store.MeetingOpen:       "评审中",
	store.MeetingClosed:     "已结束",
	store.MeetingCancelled:  "已取消",
}

// applicantStatuses name committee.Status in the API: scoring, voting, decided.
var applicantStatuses = [...]string{committee.Scoring: "scoring", committee.Voting: "voting", committee.Decided: "decided"}

// MeetingSummary is a meeting in a list.
type MeetingSummary struct {
	ID          int64         `json:"id"`
	CommitteeID int64         `json:"committee_id"`
	Committee   string        `json:"committee"`
	HeldOn      guantong.Date `json:"held_on"`
	Place       string        `json:"place"`
	Status      string        `json:"status"` // attendance, open, closed, cancelled
	StatusName  string        `json:"status_name"`
}

// MeetingView is a meeting as one user sees it: what the secretary's page and the experts'
// pages show. Counts of a ballot appear only in an applicant's outcome, once decided.
type MeetingView struct {
	MeetingSummary
	RulesID    string             `json:"rules_id"`
	Rules      string             `json:"rules"` // the rules' name
	Version    int                `json:"version"`
	Quorum     guantong.Reason    `json:"quorum"` // 出席 n 人，达到/不足…
	Members    []MeetingMember    `json:"members"`
	Applicants []MeetingApplicant `json:"applicants"`
	Seat       string             `json:"seat"`                // secretary, expert or admin
	ExpertID   int64              `json:"expert_id,omitempty"` // the signed-in expert
}

// MeetingMember is an expert of the meeting.
type MeetingMember struct {
	ExpertID int64  `json:"expert_id"`
	Name     string `json:"name"`
	Skilled  bool   `json:"skilled"`
	Employer string `json:"employer"`
	Present  bool   `json:"present"`
}

// MeetingApplicant is an applicant before the meeting: who, how they are reviewed, where they
// stand, and, once decided, the outcome with its reasons.
type MeetingApplicant struct {
	ApplicationID     int64                   `json:"application_id"`
	Name              string                  `json:"name"`
	Employer          string                  `json:"employer"`
	Route             string                  `json:"route"`
	Series            string                  `json:"series"`
	Level             guantong.Level          `json:"level"`
	Group             string                  `json:"group"`
	Recognition       bool                    `json:"recognition"` // 认定 (三(一)4): voted on without scores
	Methods           []MeetingMethod         `json:"methods"`     // what each expert scores, with the weights
	Achievements      []committee.Achievement `json:"achievements"`
	AchievementPoints committee.Points        `json:"achievement_points"` // a reference beside 业绩评审, never in the combined score
	Status            string                  `json:"status"`             // scoring, voting, decided
	StatusName        string                  `json:"status_name"`
	Withdrawn         []committee.Conflict    `json:"withdrawn"` // conflicts of interest, declared or detected
	Sheet             committee.Sheet         `json:"sheet"`
	SheetHidden       bool                    `json:"sheet_hidden,omitempty"` // an expert sees the others' scores only once they have scored
	Voted             int                     `json:"voted"`                  // of Voters, while the ballot is open
	Voters            int                     `json:"voters"`                 // experts who may vote
	Outcome           *committee.Outcome      `json:"outcome,omitempty"`
	Decision          string                  `json:"decision,omitempty"` // once decided: passed, recognised, failed
	You               *ExpertPart             `json:"you,omitempty"`      // for an expert
}

// MeetingMethod is one review method of an applicant's group.
type MeetingMethod struct {
	Method    string           `json:"method"`
	Weight    int              `json:"weight"`
	PassScore committee.Points `json:"pass_score,omitempty"`
}

// ExpertPart is an expert's own part in one applicant's review.
type ExpertPart struct {
	Eligible  bool         `json:"eligible"`            // may score and vote
	Withdrawn string       `json:"withdrawn,omitempty"` // why not, when they withdrew
	Scores    []ScoreEntry `json:"scores"`              // as they entered them
	Voted     bool         `json:"voted"`
}

// ScoreEntry is one score: a method and its points (0-100, two decimals).
type ScoreEntry struct {
	Method string           `json:"method"`
	Points committee.Points `json:"points"`
}

func (s *Service) meetingView(ctx context.Context, st *sitting) (MeetingView, error) {
	rec, m := &st.rec, st.m
	orgs := map[int64]string{}
	org := func(id int64) (string, error) {
		if n, ok := orgs[id]; ok || id == 0 {
			return n, nil
		}
		o, err := s.store.Organisation(ctx, id)
		orgs[id] = o.Name
		return o.Name, err
	}
	committeeName, err := org(rec.CommitteeID)
	if err != nil {
		return MeetingView{}, err
	}
	v := MeetingView{
		MeetingSummary: MeetingSummary{ID: rec.ID, CommitteeID: rec.CommitteeID, Committee: committeeName, HeldOn: rec.HeldOn,
			Place: rec.Place, Status: rec.Status, StatusName: meetingStatusNames[rec.Status]},
		RulesID: rec.RulesID, Rules: st.rules.Name, Version: rec.Version, Quorum: m.QuorumReason(),
		Members: []MeetingMember{}, Applicants: []MeetingApplicant{}, Seat: st.seat, ExpertID: st.expert,
	}
	for _, mb := range rec.Members {
		name, err := org(mb.EmployerID)
		if err != nil {
			return v, err
		}
		v.Members = append(v.Members, MeetingMember{ExpertID: mb.ExpertID, Name: mb.Name, Skilled: mb.Skilled, Employer: name, Present: mb.Present})
	}
	for _, ma := range rec.Applications {
		app := st.apps[ma.ApplicationID]
		employer, err := org(ma.EmployerID)
		if err != nil {
			return v, err
		}
		o, err := m.Outcome(app.ID)
		if err != nil {
			return v, err
		}
		g, _ := st.rules.Group(ma.Group)
		a := MeetingApplicant{ApplicationID: app.ID, Name: st.people[app.ID].Name, Employer: employer, Route: app.Route,
			Series: app.Series, Level: app.Level, Group: ma.Group, Recognition: ma.Recognition, Achievements: st.achs[app.ID],
			AchievementPoints: o.Sheet.Achievements, Status: applicantStatuses[o.Status], StatusName: o.Status.Name(),
			Withdrawn: []committee.Conflict{}, Sheet: o.Sheet, Decision: o.Decision}
		if a.Achievements == nil {
			a.Achievements = []committee.Achievement{}
		}
		if !ma.Recognition {
			for _, mr := range g.Methods {
				a.Methods = append(a.Methods, MeetingMethod{Method: mr.Method, Weight: mr.Weight, PassScore: mr.PassScore})
			}
		}
		if a.Methods == nil {
			a.Methods = []MeetingMethod{}
		}
		for _, c := range m.Conflicts() {
			if c.ApplicantID == app.ID {
				a.Withdrawn = append(a.Withdrawn, c)
			}
		}
		a.Voted, a.Voters = m.Progress(app.ID)
		if o.Status == committee.Decided {
			a.Outcome = &o
		}
		if st.seat == SeatExpert {
			you := &ExpertPart{Eligible: m.Eligible(st.expert, app.ID), Scores: []ScoreEntry{}}
			if c, ok := m.Conflict(st.expert, app.ID); ok {
				you.Withdrawn = c.Reason
			}
			for _, sc := range rec.Scores {
				if sc.ExpertID == st.expert && sc.ApplicationID == app.ID {
					you.Scores = append(you.Scores, ScoreEntry{Method: sc.Method, Points: sc.Points})
				}
			}
			you.Voted = voted(rec.Cast, app.ID, st.expert)
			a.You = you
			if o.Status != committee.Decided && (!you.Eligible || len(m.Unscored(st.expert, app.ID)) > 0) {
				a.Sheet, a.SheetHidden = hiddenSheet(o.Sheet), true
			}
		}
		v.Applicants = append(v.Applicants, a)
	}
	return v, nil
}

func voted(cast []committee.CastRow, applicant, expert int64) bool {
	for _, c := range cast {
		if c.Applicant == applicant && c.Expert == expert {
			return true
		}
	}
	return false
}

// hiddenSheet is a score sheet with the methods and weights but none of the others' scores:
// what an expert sees of an applicant before scoring them, so that no one scores towards
// the others' means.
func hiddenSheet(sh committee.Sheet) committee.Sheet {
	out := committee.Sheet{ApplicantID: sh.ApplicantID, Group: sh.Group, Methods: make([]committee.MethodScore, len(sh.Methods)), Achievements: sh.Achievements}
	for i, ms := range sh.Methods {
		out.Methods[i] = committee.MethodScore{Method: ms.Method, Weight: ms.Weight, PassScore: ms.PassScore}
	}
	return out
}
