package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"guantong"
	"guantong/internal/committee"
)

// Meeting statuses.
const (
	MeetingAttendance = "attendance" // set up; the secretary takes attendance
	MeetingOpen       = "open"       // opened with a quorum: scoring and voting
	MeetingClosed     = "closed"     // every applicant decided, the outcomes applied
	MeetingCancelled  = "cancelled"  // called off before it opened
)

// Meeting is one review meeting of a committee, as the meetings table holds it.
type Meeting struct {
	ID          int64
	CommitteeID int64
	RulesID     string
	RulesJSON   string // the rules as used (committee.Rules.MarshalJSON)
	HeldOn      guantong.Date
	Place       string
	Status      string
	OpenedAt    time.Time
	ClosedAt    time.Time
	Version     int
	CreatedAt   time.Time
}

// MeetingMember is an expert as the meeting was set up: membership changes later, the
// employer too, and conflicts are judged on the employer as of the meeting.
type MeetingMember struct {
	ExpertID   int64
	Name       string // from the expert pool
	Skilled    bool   // from the expert pool
	UserID     int64  // from the expert pool: the expert's login
	EmployerID int64
	Present    bool
}

// MeetingApplication is an application before a meeting.
type MeetingApplication struct {
	ApplicationID int64
	Group         string // the review group (三(一)6)
	Recognition   bool   // 认定 (三(一)4)
	EmployerID    int64  // as of the meeting
	VoteStarted   bool
	Decision      string // written when the meeting closes
}

// DeclaredConflict is a conflict of interest declared by an expert or the secretary.
// Same-employer conflicts are not stored: they follow from the employer columns.
type DeclaredConflict struct {
	ApplicationID int64
	ExpertID      int64
	Reason        string
	DeclaredBy    string
	DeclaredAt    time.Time
}

// Score is one expert's score of one application in one method.
type Score struct {
	ApplicationID int64
	ExpertID      int64
	Method        string
	Points        committee.Points
	EnteredAt     time.Time
}

// Tally is a row of ballot_tallies: the counts, and the voters and base fixed when the vote
// started.
type Tally struct {
	committee.TallyRow
	Voters int
	Base   int
}

// MeetingRecord is everything stored about a meeting, from which the service rebuilds a
// committee.Meeting (docs/committee.md §5).
type MeetingRecord struct {
	Meeting
	Members      []MeetingMember
	Applications []MeetingApplication
	Conflicts    []DeclaredConflict
	Scores       []Score
	Cast         []committee.CastRow
	Tallies      []Tally
}

const meetingColumns = `id, committee_id, rules_id, rules_json, held_on, place, status, opened_at, closed_at, version, created_at`

func scanMeeting(row scanner) (Meeting, error) {
	var m Meeting
	var held string
	var opened, closed, created int64
	err := row.Scan(&m.ID, &m.CommitteeID, &m.RulesID, &m.RulesJSON, &held, &m.Place, &m.Status, &opened, &closed, &m.Version, &created)
	var c stored
	m.HeldOn = c.date("held_on", held)
	m.OpenedAt, m.ClosedAt, m.CreatedAt = fromMS(opened), fromMS(closed), fromMS(created)
	return m, c.scanned(err, "meeting", m.ID)
}

// InsertMeeting stores a new meeting with its members and applications and sets its ID and
// version.
func (tx *Tx) InsertMeeting(ctx context.Context, m *Meeting, members []MeetingMember, apps []MeetingApplication) error {
	m.Version, m.Status = 1, MeetingAttendance
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO meetings (committee_id, rules_id, rules_json, held_on, place, status, version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		m.CommitteeID, m.RulesID, m.RulesJSON, m.HeldOn.String(), m.Place, m.Status, m.Version, ms(m.CreatedAt)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: insert meeting: %w", err)
	}
	for _, mb := range members {
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO meeting_members (meeting_id, expert_id, employer_id, present) VALUES ($1, $2, $3, $4)`,
			m.ID, mb.ExpertID, mb.EmployerID, mb.Present); err != nil {
			return fmt.Errorf("store: meeting %d member %d: %w", m.ID, mb.ExpertID, err)
		}
	}
	for _, a := range apps {
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO meeting_applications (meeting_id, application_id, review_group, recognition, employer_id)
			VALUES ($1, $2, $3, $4, $5)`, m.ID, a.ApplicationID, a.Group, a.Recognition, a.EmployerID); err != nil {
			return fmt.Errorf("store: meeting %d application %d: %w", m.ID, a.ApplicationID, err)
		}
	}
	return nil
}

// Meeting returns one meeting row.
func (r reader) Meeting(ctx context.Context, id int64) (Meeting, error) {
	m, err := scanMeeting(r.q.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM meetings WHERE id = $1`, id))
	if err != nil {
		return m, notFound(err, "评审会议", id)
	}
	return m, nil
}

// MeetingFilter selects meetings: of a committee, or those an expert sits in; with neither,
// all.
type MeetingFilter struct {
	CommitteeID int64
	ExpertID    int64
}

// Meetings returns the meetings the filter selects, newest first.
func (r reader) Meetings(ctx context.Context, f MeetingFilter) ([]Meeting, error) {
	q, args := `SELECT `+meetingColumns+` FROM meetings`, []any{}
	switch {
	case f.CommitteeID != 0:
		q += ` WHERE committee_id = $1`
		args = append(args, f.CommitteeID)
	case f.ExpertID != 0:
		q += ` WHERE id IN (SELECT meeting_id FROM meeting_members WHERE expert_id = $1)`
		args = append(args, f.ExpertID)
	}
	rows, err := r.q.QueryContext(ctx, q+` ORDER BY held_on DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	return collect(rows, scanMeeting)
}

// LockMeeting advances a meeting's version and returns the row. Every change to a meeting
// starts with it: on PostgreSQL the row stays locked until the transaction ends, so that
// actions on one meeting run one after the other and each sees the last one's rows (on
// SQLite the write lock already does this).
func (tx *Tx) LockMeeting(ctx context.Context, id int64) (Meeting, error) {
	m, err := scanMeeting(tx.tx.QueryRowContext(ctx, `UPDATE meetings SET version = version + 1 WHERE id = $1
		RETURNING `+meetingColumns, id))
	if err != nil {
		return m, notFound(err, "评审会议", id)
	}
	return m, nil
}

// PendingMeeting returns the ID of a meeting not yet closed or cancelled that holds the
// application, or 0.
func (r reader) PendingMeeting(ctx context.Context, applicationID int64) (int64, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT m.id FROM meeting_applications a JOIN meetings m ON m.id = a.meeting_id
		WHERE a.application_id = $1 AND m.status IN ($2, $3) ORDER BY m.id`, applicationID, MeetingAttendance, MeetingOpen)
	if err != nil {
		return 0, fmt.Errorf("store: meetings of application %d: %w", applicationID, err)
	}
	ids, err := collect(rows, func(row scanner) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// LockCommittee serialises the setting up of meetings of a committee: two secretaries
// cannot put the same application before two meetings at once.
func (tx *Tx) LockCommittee(ctx context.Context, committeeID int64) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE organisations SET kind = kind WHERE id = $1 AND kind = $2`, committeeID, guantong.OrgCommittee)
	return stale(res, err, "评委会", committeeID)
}

// SetMeetingStatus moves a meeting to status; opening records the time it opened, closing
// and cancelling the time it ended.
func (tx *Tx) SetMeetingStatus(ctx context.Context, id int64, status string, at time.Time) error {
	col := "closed_at"
	if status == MeetingOpen {
		col = "opened_at"
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE meetings SET status = $1, `+col+` = $2 WHERE id = $3`, status, ms(at), id)
	return stale(res, err, "评审会议", id)
}

// SetPresent records an expert's attendance.
func (tx *Tx) SetPresent(ctx context.Context, meetingID, expertID int64, present bool) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE meeting_members SET present = $1 WHERE meeting_id = $2 AND expert_id = $3`,
		present, meetingID, expertID)
	return stale(res, err, "参会专家", expertID)
}

// InsertConflict records a declared conflict of interest.
func (tx *Tx) InsertConflict(ctx context.Context, meetingID int64, c DeclaredConflict) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO conflicts (meeting_id, application_id, expert_id, reason, declared_by, declared_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (meeting_id, application_id, expert_id) DO UPDATE SET reason = $4, declared_by = $5, declared_at = $6`,
		meetingID, c.ApplicationID, c.ExpertID, c.Reason, c.DeclaredBy, ms(c.DeclaredAt))
	if err != nil {
		return fmt.Errorf("store: meeting %d conflict: %w", meetingID, err)
	}
	return nil
}

// PutScore stores a score, replacing the expert's earlier score of the same application and
// method.
func (tx *Tx) PutScore(ctx context.Context, meetingID int64, s Score) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO scores (meeting_id, application_id, expert_id, method, points, entered_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (meeting_id, application_id, expert_id, method) DO UPDATE SET points = $5, entered_at = $6`,
		meetingID, s.ApplicationID, s.ExpertID, s.Method, int64(s.Points), ms(s.EnteredAt))
	if err != nil {
		return fmt.Errorf("store: meeting %d score: %w", meetingID, err)
	}
	return nil
}

// MeetingRecord returns everything stored about a meeting, each list in key order.
func (r reader) MeetingRecord(ctx context.Context, id int64) (MeetingRecord, error) {
	var rec MeetingRecord
	var err error
	if rec.Meeting, err = r.Meeting(ctx, id); err != nil {
		return rec, err
	}
	wrap := func(what string, err error) error { return fmt.Errorf("store: meeting %d %s: %w", id, what, err) }
	rows, err := r.q.QueryContext(ctx, `SELECT m.expert_id, e.name, e.skilled, e.user_id, m.employer_id, m.present
		FROM meeting_members m JOIN experts e ON e.id = m.expert_id WHERE m.meeting_id = $1 ORDER BY m.expert_id`, id)
	if err != nil {
		return rec, wrap("members", err)
	}
	if rec.Members, err = collect(rows, func(row scanner) (MeetingMember, error) {
		var mb MeetingMember
		var user sql.NullInt64
		err := row.Scan(&mb.ExpertID, &mb.Name, &mb.Skilled, &user, &mb.EmployerID, &mb.Present)
		mb.UserID = idOf(user)
		return mb, err
	}); err != nil {
		return rec, err
	}
	rows, err = r.q.QueryContext(ctx, `SELECT application_id, review_group, recognition, employer_id, vote_started, decision
		FROM meeting_applications WHERE meeting_id = $1 ORDER BY application_id`, id)
	if err != nil {
		return rec, wrap("applications", err)
	}
	if rec.Applications, err = collect(rows, func(row scanner) (MeetingApplication, error) {
		var a MeetingApplication
		return a, row.Scan(&a.ApplicationID, &a.Group, &a.Recognition, &a.EmployerID, &a.VoteStarted, &a.Decision)
	}); err != nil {
		return rec, err
	}
	rows, err = r.q.QueryContext(ctx, `SELECT application_id, expert_id, reason, declared_by, declared_at
		FROM conflicts WHERE meeting_id = $1 ORDER BY application_id, expert_id`, id)
	if err != nil {
		return rec, wrap("conflicts", err)
	}
	if rec.Conflicts, err = collect(rows, func(row scanner) (DeclaredConflict, error) {
		var c DeclaredConflict
		var at int64
		err := row.Scan(&c.ApplicationID, &c.ExpertID, &c.Reason, &c.DeclaredBy, &at)
		c.DeclaredAt = fromMS(at)
		return c, err
	}); err != nil {
		return rec, err
	}
	rows, err = r.q.QueryContext(ctx, `SELECT application_id, expert_id, method, points, entered_at
		FROM scores WHERE meeting_id = $1 ORDER BY application_id, expert_id, method`, id)
	if err != nil {
		return rec, wrap("scores", err)
	}
	if rec.Scores, err = collect(rows, func(row scanner) (Score, error) {
		var s Score
		var points, at int64
		err := row.Scan(&s.ApplicationID, &s.ExpertID, &s.Method, &points, &at)
		s.Points, s.EnteredAt = committee.Points(points), fromMS(at)
		return s, err
	}); err != nil {
		return rec, err
	}
	if rec.Cast, rec.Tallies, err = r.ballots(ctx, id); err != nil {
		return rec, err
	}
	return rec, nil
}

// placeholders returns "$from, $from+1, …" for n values.
func placeholders(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ps, ", ")
}

// ReviewSeat is a seat an expert holds for one applicant in a meeting still running (being
// set up or open): whether they are withdrawn from that applicant, by a declared conflict or
// because they worked for the same employer when the meeting was set up.
type ReviewSeat struct {
	MeetingID int64
	Withdrawn bool
}

// ReviewSeats returns the seats of the expert who signs in as userID for an application, in
// meetings not closed or cancelled, by meeting.
func (r reader) ReviewSeats(ctx context.Context, userID, applicationID int64) ([]ReviewSeat, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT m.id, (mm.employer_id = ma.employer_id OR EXISTS (
			SELECT 1 FROM conflicts c WHERE c.meeting_id = m.id AND c.application_id = ma.application_id AND c.expert_id = mm.expert_id))
		FROM meetings m
		JOIN meeting_applications ma ON ma.meeting_id = m.id
		JOIN meeting_members mm ON mm.meeting_id = m.id
		JOIN experts e ON e.id = mm.expert_id
		WHERE e.user_id = $1 AND ma.application_id = $2 AND m.status IN ($3, $4) ORDER BY m.id`,
		userID, applicationID, MeetingAttendance, MeetingOpen)
	if err != nil {
		return nil, fmt.Errorf("store: review seats of user %d on application %d: %w", userID, applicationID, err)
	}
	return collect(rows, func(row scanner) (ReviewSeat, error) {
		var s ReviewSeat
		return s, row.Scan(&s.MeetingID, &s.Withdrawn)
	})
}
