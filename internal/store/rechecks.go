package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"guantong"
)

const recheckColumns = `id, application_id, meeting_id, reason, stage, note, requested_by, requested_at, handled_by, handled_at`

func scanRecheck(row scanner) (guantong.Recheck, error) {
	var c guantong.Recheck
	var requested, handled int64
	err := row.Scan(&c.ID, &c.ApplicationID, &c.MeetingID, &c.Reason, &c.Stage, &c.Note, &c.RequestedBy, &requested, &c.HandledBy, &handled)
	c.RequestedAt = fromMS(requested)
	if handled != 0 {
		c.HandledAt = fromMS(handled)
	}
	return c, err
}

// InsertRecheck records a new 复查 and sets its ID.
func (tx *Tx) InsertRecheck(ctx context.Context, c *guantong.Recheck) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO rechecks (application_id, meeting_id, reason, stage, requested_by, requested_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.ApplicationID, c.MeetingID, c.Reason, c.Stage, c.RequestedBy, ms(c.RequestedAt)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("store: recheck of %d: %w", c.ApplicationID, err)
	}
	return nil
}

// UpdateRecheck writes a 复查's stage and the answer of its last step, if its stage is still
// from: a step taken meanwhile by someone else is EConflict.
func (tx *Tx) UpdateRecheck(ctx context.Context, c guantong.Recheck, from string) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE rechecks SET stage = $1, note = $2, handled_by = $3, handled_at = $4
		WHERE id = $5 AND stage = $6`, c.Stage, c.Note, c.HandledBy, ms(c.HandledAt), c.ID, from)
	if err != nil {
		return fmt.Errorf("store: recheck %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return guantong.Errorf(guantong.EConflict, "复查 %d 已被他人处理，请刷新后重试", c.ID)
	}
	return nil
}

// Recheck returns one 复查.
func (r reader) Recheck(ctx context.Context, id int64) (guantong.Recheck, error) {
	c, err := scanRecheck(r.q.QueryRowContext(ctx, `SELECT `+recheckColumns+` FROM rechecks WHERE id = $1`, id))
	if err != nil {
		return c, notFound(err, "复查", id)
	}
	return c, nil
}

// Rechecks returns the 复查 of an application, oldest first.
func (r reader) Rechecks(ctx context.Context, applicationID int64) ([]guantong.Recheck, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+recheckColumns+` FROM rechecks WHERE application_id = $1 ORDER BY id`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("store: rechecks of %d: %w", applicationID, err)
	}
	return collect(rows, scanRecheck)
}

// Decided returns the closed meeting that last decided an application, and when it closed;
// ENotFound when no meeting has.
func (r reader) Decided(ctx context.Context, applicationID int64) (meetingID int64, closedAt time.Time, err error) {
	var closed int64
	err = r.q.QueryRowContext(ctx, `SELECT m.id, m.closed_at FROM meeting_applications ma JOIN meetings m ON m.id = ma.meeting_id
		WHERE ma.application_id = $1 AND m.status = $2 AND ma.decision <> '' ORDER BY m.closed_at DESC, m.id DESC LIMIT 1`,
		applicationID, MeetingClosed).Scan(&meetingID, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, notFound(err, "评审会议结果，申报", applicationID)
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: meeting deciding %d: %w", applicationID, err)
	}
	return meetingID, fromMS(closed), nil
}
