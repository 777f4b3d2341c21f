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

// NoticeBatch is what a 职改办 put under one notice on one day: one 公示 as published.
type NoticeBatch struct {
	OfficeID    int64
	Stage       guantong.Stage // StageNotice or StageResultNotice
	From, Until guantong.Date
	Count       int
}

// noticeFrom and noticeUntil are the period of the notice an application is under.
const (
	noticeFrom  = `CASE WHEN a.stage = 'result_notice' THEN a.result_from ELSE a.notice_from END`
	noticeUntil = `CASE WHEN a.stage = 'result_notice' THEN a.result_until ELSE a.notice_until END`
)

// NoticeBatches returns the notices running, newest first, each with how many applications
// it holds, read from the index applications_notice_batches alone (migration 0014), not
// from the applications' rows.
func (r reader) NoticeBatches(ctx context.Context) ([]NoticeBatch, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT a.office_id, a.stage, `+noticeFrom+` AS f, MAX(`+noticeUntil+`), COUNT(*)
		FROM applications a WHERE a.stage IN ('notice', 'result_notice') AND a.office_id IS NOT NULL
		GROUP BY a.office_id, a.stage, f ORDER BY f DESC, a.office_id, a.stage`)
	if err != nil {
		return nil, fmt.Errorf("store: notice batches: %w", err)
	}
	return collect(rows, func(row scanner) (NoticeBatch, error) {
		var b NoticeBatch
		var stage, from, until string
		if err := row.Scan(&b.OfficeID, &stage, &from, &until, &b.Count); err != nil {
			return b, err
		}
		b.Stage = guantong.Stage(stage)
		var c stored
		b.From, b.Until = c.date("notice_from", from), c.date("notice_until", until)
		return b, c.err
	})
}

// NoticeBatchRows returns the applications of one notice as published, by application number.
func (r reader) NoticeBatchRows(ctx context.Context, officeID int64, stage guantong.Stage, from guantong.Date) ([]Listed, error) {
	return r.listed(ctx, fmt.Sprintf("notice %d-%s-%s", officeID, stage, from),
		` WHERE a.office_id = $1 AND a.stage = $2 AND `+noticeFrom+` = $3 ORDER BY a.id`, officeID, string(stage), from.String())
}
