package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

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

// noticeFrom and noticeUntil are the period of the notice an application is under; the
// index applications_notice_batches (migration 0014) is on noticeUntil, written the same.
const (
	noticeFrom  = `CASE WHEN a.stage = 'result_notice' THEN a.result_from ELSE a.notice_from END`
	noticeUntil = `CASE WHEN a.stage = 'result_notice' THEN a.result_until ELSE a.notice_until END`
)

// NoticeBatches returns one page of the notices running on day today (those whose period
// has not ended), newest first, each with how many applications it holds, and how many
// such notices there are. The page starts after the notice cursor names (NoticeBatch.Cursor;
// "" for the first). Only the applications under a running notice are read, by the index
// on the notice's end (migration 0014): a province has thousands under notice, and a notice
// stays in its stage, ended, until its 职改办 takes the next step.
func (r reader) NoticeBatches(ctx context.Context, today guantong.Date, after string, limit int) ([]NoticeBatch, int, error) {
	running := ` FROM applications a WHERE a.stage IN ('notice', 'result_notice') AND ` + noticeUntil + ` >= $1`
	var total int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT DISTINCT a.office_id, a.stage, `+noticeFrom+` AS f`+running+`) AS b`,
		today.String()).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("store: count notice batches: %w", err)
	}
	args := []any{today.String()}
	having := ""
	if after != "" {
		c, err := parseBatchCursor(after)
		if err != nil {
			return nil, 0, err
		}
		having = ` HAVING (` + noticeFrom + `, a.office_id, a.stage) < ($2, $3, $4)`
		args = append(args, c.From.String(), c.OfficeID, string(c.Stage))
	}
	rows, err := r.q.QueryContext(ctx, `SELECT a.office_id, a.stage, `+noticeFrom+`, MAX(`+noticeUntil+`), COUNT(*)`+running+
		` GROUP BY a.office_id, a.stage, `+noticeFrom+having+` ORDER BY 3 DESC, 1 DESC, 2 DESC LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: notice batches: %w", err)
	}
	out, err := collect(rows, func(row scanner) (NoticeBatch, error) {
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
	return out, total, err
}

// Cursor is where a page of notices that starts after b begins.
func (b NoticeBatch) Cursor() string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s.%d.%s", b.From, b.OfficeID, b.Stage))
}

// parseBatchCursor reads NoticeBatch.Cursor; anything else is EInvalid.
func parseBatchCursor(s string) (NoticeBatch, error) {
	bad := guantong.FieldErrors{{Field: "cursor", Message: "翻页位置无效，请从第一页重新开始"}}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(raw), ".")
	if err != nil || len(parts) != 3 {
		return NoticeBatch{}, bad
	}
	var b NoticeBatch
	b.From, err = guantong.ParseDate(parts[0])
	if err != nil {
		return b, bad
	}
	if b.OfficeID, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return b, bad
	}
	b.Stage = guantong.Stage(parts[2])
	if b.Stage != guantong.StageNotice && b.Stage != guantong.StageResultNotice {
		return b, bad
	}
	return b, nil
}

// NoticeBatchRows returns the applications of one notice as published, by application number.
func (r reader) NoticeBatchRows(ctx context.Context, officeID int64, stage guantong.Stage, from guantong.Date) ([]Listed, error) {
	return r.listed(ctx, fmt.Sprintf("notice %d-%s-%s", officeID, stage, from),
		` WHERE a.office_id = $1 AND a.stage = $2 AND `+noticeFrom+` = $3 ORDER BY a.id`, officeID, string(stage), from.String())
}
