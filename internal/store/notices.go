package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"guantong"
)

// NoticeContact returns where a 职改办 takes objections to its notices; an office that has
// set none has the zero contact.
func (r reader) NoticeContact(ctx context.Context, officeID int64) (guantong.NoticeContact, error) {
	var c guantong.NoticeContact
	err := r.q.QueryRowContext(ctx, `SELECT phone, address, email FROM notice_contacts WHERE office_id = $1`, officeID).
		Scan(&c.Phone, &c.Address, &c.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("store: notice contact of %d: %w", officeID, err)
	}
	return c, nil
}

// SetNoticeContact writes a 职改办's objection contact, replacing the one it had.
func (tx *Tx) SetNoticeContact(ctx context.Context, officeID int64, c guantong.NoticeContact) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO notice_contacts (office_id, phone, address, email) VALUES ($1, $2, $3, $4)
		ON CONFLICT (office_id) DO UPDATE SET phone = excluded.phone, address = excluded.address, email = excluded.email`,
		officeID, c.Phone, c.Address, c.Email)
	if err != nil {
		return fmt.Errorf("store: set notice contact of %d: %w", officeID, err)
	}
	return nil
}
