package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guantong"
)

const notificationColumns = `id, user_id, application_id, text, link, created_at, read_at, email_status`

func scanNotification(row scanner) (guantong.Notification, error) {
	var n guantong.Notification
	var app sql.NullInt64
	var created, read int64
	var status string
	err := row.Scan(&n.ID, &n.UserID, &app, &n.Text, &n.Link, &created, &read, &status)
	n.ApplicationID, n.CreatedAt, n.Read, n.Emailed = idOf(app), fromMS(created), read != 0, status == EmailSent
	return n, err
}

// States of a notification's e-mail copy.
const (
	EmailPending = "pending"
	EmailSent    = "sent"
	EmailFailed  = "failed" // given up after the last attempt
)

// InsertNotification stores an in-site message in the transaction of the change it reports
// and sets its ID. With emailTo it is also put in the outbox, pending.
func (tx *Tx) InsertNotification(ctx context.Context, n *guantong.Notification, emailTo string) error {
	status := ""
	if emailTo != "" {
		status = EmailPending
	}
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO notifications (user_id, application_id, text, link, created_at, email_to, email_status)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		n.UserID, nullID(n.ApplicationID), n.Text, n.Link, ms(n.CreatedAt), emailTo, status).Scan(&n.ID)
	if err != nil {
		return fmt.Errorf("store: insert notification: %w", err)
	}
	return nil
}

// UnreadCount counts a user's unread messages, for the header.
func (r reader) UnreadCount(ctx context.Context, userID int64) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at = 0`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unread of user %d: %w", userID, err)
	}
	return n, nil
}

// MarkRead marks one of a user's messages read (id 0: all of them) and returns how many
// changed; another user's message is ENotFound.
func (tx *Tx) MarkRead(ctx context.Context, userID, id int64, at time.Time) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at = 0 AND (id = $3 OR $3 = 0)`,
		ms(at), userID, id)
	if err != nil {
		return 0, fmt.Errorf("store: mark read: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: mark read: %w", err)
	}
	if n == 0 && id != 0 {
		var owner int64
		if err := tx.tx.QueryRowContext(ctx, `SELECT user_id FROM notifications WHERE id = $1`, id).Scan(&owner); err != nil || owner != userID {
			return 0, guantong.Errorf(guantong.ENotFound, "消息 %d 不存在", id)
		}
	}
	return n, nil
}

// Outgoing is an e-mail claimed from the outbox.
type Outgoing struct {
	ID       int64
	To       string
	Text     string
	Link     string
	Attempts int
}

// ClaimEmails takes up to limit pending e-mails due at now for lease: each is claimed by a
// conditional UPDATE that only one sender wins, so that app servers sharing a PostgreSQL
// database do not send the same message at the same time. A sender that dies leaves its
// claim to lapse, and the message is sent again after lease.
func (s *Store) ClaimEmails(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Outgoing, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM notifications WHERE email_status = $1 AND next_attempt_at <= $2
		AND claimed_until <= $2 ORDER BY id LIMIT $3`, EmailPending, ms(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	ids, err := collect(rows, func(row scanner) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
	if err != nil {
		return nil, err
	}
	var out []Outgoing
	for _, id := range ids {
		var o Outgoing
		err := s.write.QueryRowContext(ctx, `UPDATE notifications SET claimed_until = $1, attempts = attempts + 1
			WHERE id = $2 AND email_status = $3 AND claimed_until <= $4 RETURNING id, email_to, text, link, attempts`,
			ms(now.Add(lease)), id, EmailPending, ms(now)).Scan(&o.ID, &o.To, &o.Text, &o.Link, &o.Attempts)
		if err == sql.ErrNoRows {
			continue // another sender won it
		}
		if err != nil {
			return out, fmt.Errorf("store: claim e-mail %d: %w", id, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// EmailDone records the end of an attempt: sent, or failed with the error. A failure is
// tried again at retryAt, unless retryAt is zero (no attempts left).
func (s *Store) EmailDone(ctx context.Context, id int64, sendErr error, retryAt time.Time) error {
	status, msg, next := EmailSent, "", int64(0)
	if sendErr != nil {
		status, msg, next = EmailPending, sendErr.Error(), ms(retryAt)
		if retryAt.IsZero() {
			status = EmailFailed
		}
	}
	_, err := s.write.ExecContext(ctx, `UPDATE notifications SET email_status = $1, last_error = $2, next_attempt_at = $3,
		claimed_until = 0 WHERE id = $4`, status, msg, next, id)
	if err != nil {
		return fmt.Errorf("store: e-mail %d done: %w", id, err)
	}
	return nil
}

// EmailStatus returns the state of a notification's e-mail copy and its attempts, for tests
// and the admin.
func (r reader) EmailStatus(ctx context.Context, id int64) (status string, attempts int, err error) {
	err = r.q.QueryRowContext(ctx, `SELECT email_status, attempts FROM notifications WHERE id = $1`, id).Scan(&status, &attempts)
	if err != nil {
		return "", 0, notFound(err, "消息", id)
	}
	return status, attempts, nil
}

// UsersActingFor returns the enabled accounts of a role in an organisation (the 职改办's
// reviewers, a committee's secretaries…), or of the role in any organisation when orgID is 0
// (the admins).
func (r reader) UsersActingFor(ctx context.Context, role string, orgID int64) ([]guantong.User, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE role = $1 AND ($2 = 0 OR org_id = $2) AND disabled = FALSE ORDER BY id`, role, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: users of %s %d: %w", role, orgID, err)
	}
	return collect(rows, scanUser)
}

// UsersOfPerson returns the enabled accounts of a person.
func (r reader) UsersOfPerson(ctx context.Context, personID int64) ([]guantong.User, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE person_id = $1 AND disabled = FALSE ORDER BY id`, personID)
	if err != nil {
		return nil, fmt.Errorf("store: users of person %d: %w", personID, err)
	}
	return collect(rows, scanUser)
}
