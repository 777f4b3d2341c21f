package store

import (
	"context"
	"database/sql"
	"fmt"

	"guantong"
)

const objectionColumns = `id, application_id, notice, name, contact, text, status, note, lodged_at, decided_by, decided_at, receipt`

func scanObjection(row scanner) (guantong.Objection, error) {
	var o guantong.Objection
	var notice string
	var lodged, decided int64
	var receipt sql.NullString
	err := row.Scan(&o.ID, &o.ApplicationID, &notice, &o.Name, &o.Contact, &o.Text, &o.Status, &o.Note, &lodged, &o.DecidedBy, &decided, &receipt)
	o.Receipt = receipt.String
	o.Notice = guantong.Stage(notice)
	o.LodgedAt, o.DecidedAt = fromMS(lodged), fromMS(decided)
	return o, err
}

// InsertObjection stores a new objection and sets its ID; its receipt, when set, must be
// unique.
func (tx *Tx) InsertObjection(ctx context.Context, o *guantong.Objection) error {
	var receipt any
	if o.Receipt != "" {
		receipt = o.Receipt
	}
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO objections (application_id, notice, name, contact, text, status, note, lodged_at, decided_by, decided_at, receipt)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		o.ApplicationID, string(o.Notice), o.Name, o.Contact, o.Text, o.Status, o.Note, ms(o.LodgedAt), o.DecidedBy, ms(o.DecidedAt), receipt).Scan(&o.ID)
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

// ObjectionByReceipt returns the objection whose receipt is code.
func (r reader) ObjectionByReceipt(ctx context.Context, code string) (guantong.Objection, error) {
	o, err := scanObjection(r.q.QueryRowContext(ctx, `SELECT `+objectionColumns+` FROM objections WHERE receipt = $1`, code))
	if err != nil {
		return o, notFound(err, "异议回执", code)
	}
	return o, nil
}
