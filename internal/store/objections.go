package store

import (
	"context"
	"fmt"

	"guantong"
)

const objectionColumns = `id, application_id, notice, name, contact, text, status, note, lodged_at, decided_by, decided_at`

func scanObjection(row scanner) (guantong.Objection, error) {
	var o guantong.Objection
	var notice string
	var lodged, decided int64
	err := row.Scan(&o.ID, &o.ApplicationID, &notice, &o.Name, &o.Contact, &o.Text, &o.Status, &o.Note, &lodged, &o.DecidedBy, &decided)
	o.Notice = guantong.Stage(notice)
	o.LodgedAt, o.DecidedAt = fromMS(lodged), fromMS(decided)
	return o, err
}

// InsertObjection stores a new objection and sets its ID.
func (tx *Tx) InsertObjection(ctx context.Context, o *guantong.Objection) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO objections (application_id, notice, name, contact, text, status, note, lodged_at, decided_by, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		o.ApplicationID, string(o.Notice), o.Name, o.Contact, o.Text, o.Status, o.Note, ms(o.LodgedAt), o.DecidedBy, ms(o.DecidedAt)).Scan(&o.ID)
	if err != nil {
		return fmt.Errorf("store: insert objection: %w", err)
	}
	return nil
}

// DecideObjection records the decision on an open objection; one decided meanwhile is
// EConflict.
func (tx *Tx) DecideObjection(ctx context.Context, o *guantong.Objection) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE objections SET status = $1, note = $2, decided_by = $3, decided_at = $4
		WHERE id = $5 AND status = $6`, o.Status, o.Note, o.DecidedBy, ms(o.DecidedAt), o.ID, guantong.ObjectionOpen)
	return stale(res, err, "异议", o.ID)
}

// Objections returns the objections lodged against an application, oldest first.
func (r reader) Objections(ctx context.Context, applicationID int64) ([]guantong.Objection, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+objectionColumns+` FROM objections WHERE application_id = $1 ORDER BY id`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("store: objections of %d: %w", applicationID, err)
	}
	return collect(rows, scanObjection)
}
