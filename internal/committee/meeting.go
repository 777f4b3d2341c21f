package committee

import (
	"fmt"
	"sort"

	"guantong"
)

// Applicant is one application before a meeting.
type Applicant struct {
	ID         int64 // the application
	Name       string
	EmployerID int64
	Group      string // the review group; SkilledGroup for skilled applicants (三(一)6)

	// Recognition marks a green-channel application (认定, 三(一)4). It is decided by the same
	// vote, without scores: 认定 rests on certificates and documents. A pass is recognised.
	Recognition bool

	Achievements []Achievement
}

// Conflict is a conflict of interest between an expert and an applicant, for which the
// expert withdraws (回避): declared by the expert or the secretary, or detected because both
// work for the same employer.
type Conflict struct {
	ExpertID    int64  `json:"expert_id"`
	ApplicantID int64  `json:"applicant_id"`
	Reason      string `json:"reason"`
	Detected    bool   `json:"detected"`
}

// Status is where an applicant stands in a meeting.
type Status int8

const (
	Scoring Status = iota // experts enter scores
	Voting                // the ballot is open
	Decided               // the ballot is closed, or the applicant missed a pass score
)

var statusNames = [...]string{"评分中", "表决中", "已决定"}

// Name returns the Chinese name of the status.
func (s Status) Name() string { return statusNames[s] }

// Meeting is one review meeting of a committee, from attendance to results. It is pure: the
// store rebuilds it from its rows (members, attendance, declared conflicts, scores, vote
// starts and the ballot tables; see RestoreBallots) and asks it whether the next action is
// allowed before writing it. Every method is deterministic.
//
// Order of business: Attend each expert present; Open, which checks the quorum and fixes the
// attendance; Declare conflicts, AddScore; StartVote per applicant; Vote; CloseVote where
// not every voter voted; Outcome per applicant; Close.
type Meeting struct {
	rules      *Rules
	members    []Member
	applicants []Applicant
	present    map[int64]bool
	opened     bool
	closed     bool
	declared   map[CastRow]Conflict // by (applicant, expert)
	scores     []Score
	started    map[int64]bool // applicants whose vote started (or who were decided on scores)
	box        BallotBox
}

// NewMeeting sets up a meeting of a committee with its rules and members, for applicants. It
// refuses duplicate experts or applicants and an applicant whose group the rules lack.
func NewMeeting(rules *Rules, members []Member, applicants []Applicant) (*Meeting, error) {
	var es guantong.FieldErrors
	if rules == nil {
		return nil, guantong.Errorf(guantong.EInvalid, "评委会没有评审规则")
	}
	if len(members) == 0 {
		es.Add("members", "评委会没有专家")
	}
	seen := map[int64]bool{}
	for i, mb := range members {
		if seen[mb.ExpertID] {
			es.Add(fmt.Sprintf("members[%d]", i), "专家 %s 重复", mb.Name)
		}
		seen[mb.ExpertID] = true
	}
	seen = map[int64]bool{}
	for i, a := range applicants {
		at := fmt.Sprintf("applicants[%d]", i)
		if seen[a.ID] {
			es.Add(at, "申报人 %s 重复", a.Name)
		}
		seen[a.ID] = true
		if _, ok := rules.Group(a.Group); !ok {
			es.Add(at+".group", "评委会规则 %s 没有分组 %q", rules.ID, a.Group)
		}
		for k, ach := range a.Achievements {
			CheckAchievement(ach, &es, fmt.Sprintf("%s.achievements[%d]", at, k))
		}
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return &Meeting{
		rules:      rules,
		members:    append([]Member(nil), members...),
		applicants: append([]Applicant(nil), applicants...),
		present:    map[int64]bool{},
		declared:   map[CastRow]Conflict{},
		started:    map[int64]bool{},
	}, nil
}

// Rules returns the rules the meeting reviews by.
func (m *Meeting) Rules() *Rules { return m.rules }

func (m *Meeting) member(expert int64) (*Member, bool) {
	for i := range m.members {
		if m.members[i].ExpertID == expert {
			return &m.members[i], true
		}
	}
	return nil, false
}

func (m *Meeting) applicant(id int64) (*Applicant, error) {
	for i := range m.applicants {
		if m.applicants[i].ID == id {
			return &m.applicants[i], nil
		}
	}
	return nil, guantong.Errorf(guantong.ENotFound, "申报人 %d 不在本次会议", id)
}

func (m *Meeting) sitting() error {
	switch {
	case m.closed:
		return guantong.Errorf(guantong.EConflict, "会议已结束")
	case !m.opened:
		return guantong.Errorf(guantong.EConflict, "会议尚未开始：先签到，确认出席人数达到法定人数后开会")
	}
	return nil
}

// Attend marks an expert present. Attendance is taken before the meeting opens.
func (m *Meeting) Attend(expert int64) error { return m.setPresent(expert, true) }

// Leave marks an expert absent again, before the meeting opens.
func (m *Meeting) Leave(expert int64) error { return m.setPresent(expert, false) }

func (m *Meeting) setPresent(expert int64, present bool) error {
	if m.opened || m.closed {
		return guantong.Errorf(guantong.EConflict, "会议已开始，签到已截止")
	}
	if _, ok := m.member(expert); !ok {
		return guantong.Errorf(guantong.ENotFound, "专家 %d 不是本评委会成员", expert)
	}
	if present {
		m.present[expert] = true
	} else {
		delete(m.present, expert)
	}
	return nil
}

// Present returns how many experts are present.
func (m *Meeting) Present() int { return len(m.present) }

// IsPresent reports whether an expert is present.
func (m *Meeting) IsPresent(expert int64) bool { return m.present[expert] }

// Quorate reports whether the experts present make the quorum of the committee.
func (m *Meeting) Quorate() bool { return Quorum(len(m.members), len(m.present), m.rules.Quorum) }

// QuorumReason says whether the meeting has its quorum, citing the rule.
func (m *Meeting) QuorumReason() guantong.Reason {
	n, q := len(m.members), m.rules.Quorum
	ok := m.Quorate()
	verdict := "达到"
	if !ok {
		verdict = "不足"
	}
	return guantong.Reason{Clause: ClauseRules, Met: ok,
		Text: fmt.Sprintf("出席 %d 人，%s评委会 %d 人的 %s（至少 %d 人）", len(m.present), verdict, n, q, q.Needed(n))}
}

// Open opens the meeting: attendance is then fixed, and scoring and voting may begin. It is
// refused for a committee below its rules' MinMembers and without a quorum. An expert who leaves afterwards simply casts no vote, which
// counts as not yes; experts absent at the opening may not vote later (no proxy or late
// votes).
func (m *Meeting) Open() error {
	if m.opened || m.closed {
		return guantong.Errorf(guantong.EConflict, "会议已开始")
	}
	if len(m.members) < m.rules.MinMembers {
		return guantong.Errorf(guantong.EConflict, "不能开会：%s", m.rules.TooFew(len(m.members)))
	}
	if !m.Quorate() {
		return guantong.Errorf(guantong.EConflict, "不能开会：%s", m.QuorumReason().Text)
	}
	m.opened = true
	return nil
}

// Declare records a declared conflict of interest; the expert withdraws from the applicant.
// It is refused once the applicant's vote has started, when the set of voters is fixed.
func (m *Meeting) Declare(c Conflict) error {
	if m.closed {
		return guantong.Errorf(guantong.EConflict, "会议已结束")
	}
	if _, ok := m.member(c.ExpertID); !ok {
		return guantong.Errorf(guantong.ENotFound, "专家 %d 不是本评委会成员", c.ExpertID)
	}
	if _, err := m.applicant(c.ApplicantID); err != nil {
		return err
	}
	if m.started[c.ApplicantID] {
		return guantong.Errorf(guantong.EConflict, "该申报人的表决已开始，不能再申请回避")
	}
	if c.Reason == "" {
		c.Reason = "本人申请回避"
	}
	c.Detected = false
	m.declared[CastRow{c.ApplicantID, c.ExpertID}] = c
	return nil
}

// Conflict returns the conflict between an expert and an applicant, declared or detected
// (same employer), and whether there is one. A declaration wins over detection.
func (m *Meeting) Conflict(expert, applicant int64) (Conflict, bool) {
	if c, ok := m.declared[CastRow{applicant, expert}]; ok {
		return c, true
	}
	mb, ok := m.member(expert)
	if !ok {
		return Conflict{}, false
	}
	a, err := m.applicant(applicant)
	if err != nil {
		return Conflict{}, false
	}
	if mb.EmployerID != 0 && mb.EmployerID == a.EmployerID {
		return Conflict{ExpertID: expert, ApplicantID: applicant, Reason: "与申报人同一单位", Detected: true}, true
	}
	return Conflict{}, false
}

// Conflicts returns every conflict of the meeting, declared and detected, by applicant and
// expert.
func (m *Meeting) Conflicts() []Conflict {
	var cs []Conflict
	for _, a := range m.applicants {
		for _, mb := range m.members {
			if c, ok := m.Conflict(mb.ExpertID, a.ID); ok {
				cs = append(cs, c)
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].ApplicantID != cs[j].ApplicantID {
			return cs[i].ApplicantID < cs[j].ApplicantID
		}
		return cs[i].ExpertID < cs[j].ExpertID
	})
	return cs
}

// Eligible reports whether an expert may score and vote on an applicant: a member, present,
// and without a conflict with the applicant.
func (m *Meeting) Eligible(expert, applicant int64) bool {
	return m.eligibility(expert, applicant) == nil
}

func (m *Meeting) eligibility(expert, applicant int64) error {
	mb, ok := m.member(expert)
	if !ok {
		return guantong.Errorf(guantong.EForbidden, "专家 %d 不是本评委会成员", expert)
	}
	if !m.present[expert] {
		return guantong.Errorf(guantong.EForbidden, "%s未出席本次会议，不能评分或表决", mb.Name)
	}
	if c, ok := m.Conflict(expert, applicant); ok {
		return guantong.Errorf(guantong.EForbidden, "%s已回避该申报人（%s），不能评分或表决", mb.Name, c.Reason)
	}
	return nil
}

// Voters returns the experts who may vote on an applicant, in member order.
func (m *Meeting) Voters(applicant int64) []int64 {
	var ids []int64
	for _, mb := range m.members {
		if m.Eligible(mb.ExpertID, applicant) {
			ids = append(ids, mb.ExpertID)
		}
	}
	return ids
}

// base returns the number of experts the pass fraction is taken of (Rules.PassBase).
func (m *Meeting) base(applicant int64) int {
	if m.rules.PassBase == BasePresent {
		return len(m.present)
	}
	return len(m.Voters(applicant))
}

// AddScore records an expert's score. It is refused outside the sitting, for a method the
// applicant's group does not use, for points outside 0-100, for an expert who may not
// score the applicant, once the applicant's vote has started, and for a second score of the
// same expert, applicant and method unless replace is set.
func (m *Meeting) AddScore(s Score, replace bool) error {
	if err := m.sitting(); err != nil {
		return err
	}
	a, err := m.applicant(s.ApplicantID)
	if err != nil {
		return err
	}
	if m.started[a.ID] {
		return guantong.Errorf(guantong.EConflict, "该申报人已进入表决，评分不能再改")
	}
	g, _ := m.rules.Group(a.Group)
	if _, ok := g.Method(s.Method); !ok {
		return guantong.Errorf(guantong.EInvalid, "%s不采用「%s」", g.Name, s.Method)
	}
	if !s.Points.Valid() {
		return guantong.Errorf(guantong.EInvalid, "分数 %s 须在 0 至 100 之间", s.Points)
	}
	if err := m.eligibility(s.ExpertID, a.ID); err != nil {
		return err
	}
	for i, old := range m.scores {
		if old.ExpertID == s.ExpertID && old.ApplicantID == s.ApplicantID && old.Method == s.Method {
			if !replace {
				return guantong.Errorf(guantong.EConflict, "已评过「%s」，如需修改请选择替换", s.Method)
			}
			m.scores[i] = s
			return nil
		}
	}
	m.scores = append(m.scores, s)
	return nil
}

// Sheet returns the score sheet of an applicant.
func (m *Meeting) Sheet(applicant int64) (Sheet, error) {
	a, err := m.applicant(applicant)
	if err != nil {
		return Sheet{}, err
	}
	return m.sheet(a), nil
}
