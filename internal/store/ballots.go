package store

import (
	"context"
	"fmt"
	"time"

	"guantong"
	"guantong/internal/committee"
)

// The secret ballot (docs/committee.md §4): votes_cast records who has voted, with no choice;
// ballot_tallies holds per application only the counts, updated in place, with no expert, no
// time and no sequence. Nothing stored puts a choice next to anything that names a voter.

// StartVote marks an application's vote as started. With ballot set it opens the ballot: a
// tally row of zeros for voters eligible voters, the pass fraction taken of base. Without it
// (an applicant who missed a pass score) no ballot opens.
func (tx *Tx) StartVote(ctx context.Context, meetingID, applicationID int64, ballot bool, voters, base int) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE meeting_applications SET vote_started = TRUE
		WHERE meeting_id = $1 AND application_id = $2 AND NOT vote_started`, meetingID, applicationID)
	if err := stale(res, err, "表决", applicationID); err != nil {
		return err
	}
	if !ballot {
		return nil
	}
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO ballot_tallies (meeting_id, application_id, voters, base) VALUES ($1, $2, $3, $4)`,
		meetingID, applicationID, voters, base); err != nil {
		return fmt.Errorf("store: meeting %d open ballot %d: %w", meetingID, applicationID, err)
	}
	return nil
}

// CastVote records an expert's vote: a votes_cast row (a second one is refused by the key:
// EConflict) and one more in the count of the choice. A ballot closed meanwhile is
// EConflict, and nothing is written. When every voter has voted the ballot closes, and
// closed says so.
func (tx *Tx) CastVote(ctx context.Context, meetingID, applicationID, expertID int64, c committee.Choice) (closed bool, err error) {
	var yes, no, abstain int
	switch c {
	case committee.Yes:
		yes = 1
	case committee.No:
		no = 1
	case committee.Abstain:
		abstain = 1
	default:
		return false, guantong.Errorf(guantong.EInvalid, "表决须为同意、不同意或弃权")
	}
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO votes_cast (meeting_id, application_id, expert_id) VALUES ($1, $2, $3)`,
		meetingID, applicationID, expertID)
	if unique(err) {
		return false, guantong.Errorf(guantong.EConflict, "已对该申报人投过票，不能再投")
	}
	if err != nil {
		return false, fmt.Errorf("store: vote: %w", err)
	}
	res, err := tx.tx.ExecContext(ctx, `UPDATE ballot_tallies
		SET yes_count = yes_count + $3, no_count = no_count + $4, abstain_count = abstain_count + $5
		WHERE meeting_id = $1 AND application_id = $2 AND NOT closed`, meetingID, applicationID, yes, no, abstain)
	if err != nil {
		return false, fmt.Errorf("store: vote: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("store: vote: %w", err)
	} else if n == 0 {
		return false, guantong.Errorf(guantong.EConflict, "该申报人的表决已结束")
	}
	res, err = tx.tx.ExecContext(ctx, `UPDATE ballot_tallies SET closed = TRUE
		WHERE meeting_id = $1 AND application_id = $2 AND yes_count + no_count + abstain_count = voters`, meetingID, applicationID)
	if err != nil {
		return false, fmt.Errorf("store: vote: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: vote: %w", err)
	}
	return n == 1, nil
}

// CloseVote closes an application's ballot before every voter has voted.
func (tx *Tx) CloseVote(ctx context.Context, meetingID, applicationID int64) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE ballot_tallies SET closed = TRUE
		WHERE meeting_id = $1 AND application_id = $2 AND NOT closed`, meetingID, applicationID)
	return stale(res, err, "表决", applicationID)
}

// SetDecision records the decision the meeting computed for an application.
func (tx *Tx) SetDecision(ctx context.Context, meetingID, applicationID int64, decision string) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE meeting_applications SET decision = $1 WHERE meeting_id = $2 AND application_id = $3`,
		decision, meetingID, applicationID)
	return stale(res, err, "会议申报", applicationID)
}

// CloseMeeting ends a meeting. It rewrites every tally row of the meeting in this
// transaction: on PostgreSQL an UPDATE writes a new row version even when nothing changes,
// so that no tally row's xmin is left naming the last voter's transaction. Call Scrub after
// the commit.
func (tx *Tx) CloseMeeting(ctx context.Context, id int64, at time.Time) error {
	if _, err := tx.tx.ExecContext(ctx, `UPDATE ballot_tallies SET closed = TRUE WHERE meeting_id = $1`, id); err != nil {
		return fmt.Errorf("store: close meeting %d: %w", id, err)
	}
	return tx.SetMeetingStatus(ctx, id, MeetingClosed, at)
}

// Scrub removes, after a meeting has closed, what the database keeps of the tallies' earlier
// states: PostgreSQL's dead row versions (VACUUM, which cannot run in a transaction) and
// SQLite's write-ahead log (a TRUNCATE checkpoint; the writer runs with secure_delete, so
// freed pages are zeroed). Backups and WAL archives taken meanwhile are beyond its reach
// (docs/committee.md §4).
func (s *Store) Scrub(ctx context.Context) error {
	q := `PRAGMA wal_checkpoint(TRUNCATE)`
	if s.engine == Postgres {
		q = `VACUUM ballot_tallies`
	}
	if _, err := s.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store: scrub: %w", err)
	}
	return nil
}

// ballots reads a meeting's two ballot tables in key order.
func (r reader) ballots(ctx context.Context, meetingID int64) ([]committee.CastRow, []Tally, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT application_id, expert_id FROM votes_cast WHERE meeting_id = $1
		ORDER BY application_id, expert_id`, meetingID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: meeting %d votes cast: %w", meetingID, err)
	}
	cast, err := collect(rows, func(row scanner) (committee.CastRow, error) {
		var c committee.CastRow
		return c, row.Scan(&c.Applicant, &c.Expert)
	})
	if err != nil {
		return nil, nil, err
	}
	rows, err = r.q.QueryContext(ctx, `SELECT application_id, voters, base, yes_count, no_count, abstain_count, closed
		FROM ballot_tallies WHERE meeting_id = $1 ORDER BY application_id`, meetingID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: meeting %d tallies: %w", meetingID, err)
	}
	tallies, err := collect(rows, func(row scanner) (Tally, error) {
		var t Tally
		return t, row.Scan(&t.Applicant, &t.Voters, &t.Base, &t.Yes, &t.No, &t.Abstain, &t.Closed)
	})
	return cast, tallies, err
}
