package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"guantong"
)

const personColumns = `id, name, id_type, id_number, phone, employer_id, barred_until, bar_reason, version, created_at`

func scanPerson(row scanner) (guantong.Applicant, error) {
	var p guantong.Applicant
	var barred string
	var created int64
	err := row.Scan(&p.ID, &p.Name, &p.IDType, &p.IDNumber, &p.Phone, &p.EmployerID, &barred, &p.BarReason, &p.Version, &created)
	var c stored
	p.BarredUntil = c.date("barred_until", barred)
	p.CreatedAt = fromMS(created)
	return p, c.scanned(err, "applicant", p.ID)
}

// InsertApplicant stores a new person and sets their ID; an ID number already stored is
// EConflict.
func (tx *Tx) InsertApplicant(ctx context.Context, p *guantong.Applicant) error {
	p.Version = 1
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO people (name, id_type, id_number, phone, employer_id, barred_until, bar_reason, version, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		p.Name, p.IDType, p.IDNumber, p.Phone, p.EmployerID, p.BarredUntil.String(), p.BarReason, p.Version, ms(p.CreatedAt)).Scan(&p.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "证件号码 %s 已登记", guantong.MaskID(p.IDNumber))
	}
	if err != nil {
		return fmt.Errorf("store: insert person: %w", err)
	}
	return nil
}

// UpdateApplicant writes p if it is still at version old, and advances its version.
func (tx *Tx) UpdateApplicant(ctx context.Context, p *guantong.Applicant, old int) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE people SET name = $1, phone = $2, employer_id = $3, barred_until = $4,
		bar_reason = $5, id_type = $8, version = version + 1 WHERE id = $6 AND version = $7`,
		p.Name, p.Phone, p.EmployerID, p.BarredUntil.String(), p.BarReason, p.ID, old, p.IDType)
	if err := stale(res, err, "人员", p.ID); err != nil {
		return err
	}
	p.Version = old + 1
	return nil
}

// Applicant returns one person.
func (r reader) Applicant(ctx context.Context, id int64) (guantong.Applicant, error) {
	p, err := scanPerson(r.q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = $1`, id))
	if err != nil {
		return p, notFound(err, "人员", id)
	}
	return p, nil
}

const userColumns = `id, username, name, role, org_id, person_id, phone, email, disabled, must_change_password, created_at`

func scanUser(row scanner) (guantong.User, error) { return scanUserAnd(row) }

// scanUserAnd reads userColumns and then the columns of more.
func scanUserAnd(row scanner, more ...any) (guantong.User, error) {
	var u guantong.User
	var org, person sql.NullInt64
	var created int64
	err := row.Scan(append([]any{&u.ID, &u.Username, &u.Name, &u.Role, &org, &person, &u.Phone, &u.Email, &u.Disabled,
		&u.MustChangePassword, &created}, more...)...)
	u.OrgID, u.PersonID, u.CreatedAt = idOf(org), idOf(person), fromMS(created)
	return u, err
}

// InsertUser stores a new user with a password hash and sets the ID; a username taken is
// EConflict.
func (tx *Tx) InsertUser(ctx context.Context, u *guantong.User, passwordHash string) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO users (username, password_hash, name, role, org_id, person_id, phone, email,
		disabled, must_change_password, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		u.Username, passwordHash, u.Name, u.Role, nullID(u.OrgID), nullID(u.PersonID), u.Phone, u.Email, u.Disabled,
		u.MustChangePassword, ms(u.CreatedAt)).Scan(&u.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "用户名 %s 已被使用", u.Username)
	}
	if err != nil {
		return fmt.Errorf("store: insert user %s: %w", u.Username, err)
	}
	return nil
}

// UserByUsername returns a user and their password hash.
func (r reader) UserByUsername(ctx context.Context, username string) (guantong.User, string, error) {
	var hash string
	u, err := scanUserAnd(r.q.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE username = $1`, username), &hash)
	if err != nil {
		return u, "", notFound(err, "用户", username)
	}
	return u, hash, nil
}

// Users returns every user, by ID.
func (r reader) Users(ctx context.Context) ([]guantong.User, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return collect(rows, scanUser)
}

// InsertSession stores a session by the hash of its token.
func (tx *Tx) InsertSession(ctx context.Context, tokenHash string, userID int64, created, expires time.Time) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		tokenHash, userID, ms(created), ms(expires))
	if err != nil {
		return fmt.Errorf("store: insert session: %w", err)
	}
	return nil
}

// DeleteSession removes a session; removing one that is not there is no error.
func (tx *Tx) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions expired at now.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, ms(now))
	if err != nil {
		return fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return nil
}

// SessionUser returns the user of an unexpired session and when it expires; an unknown or
// expired token is EUnauthorized.
func (r reader) SessionUser(ctx context.Context, tokenHash string, now time.Time) (guantong.User, time.Time, error) {
	var expires int64
	u, err := scanUserAnd(r.q.QueryRowContext(ctx, `SELECT `+qualified("u", userColumns)+`, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE`, tokenHash, ms(now)), &expires)
	if err == sql.ErrNoRows {
		return u, time.Time{}, guantong.Errorf(guantong.EUnauthorized, "登录已失效，请重新登录")
	}
	if err != nil {
		return u, time.Time{}, fmt.Errorf("store: session: %w", err)
	}
	return u, fromMS(expires), nil
}

// stale turns an UPDATE … WHERE version = old that changed no row into EConflict.
func stale(res sql.Result, err error, what string, id int64) error {
	n, err := affected(res, err, what, id)
	if err == nil && n == 0 {
		return guantong.Errorf(guantong.EConflict, "%s %d 已被他人修改，请刷新后重试", what, id)
	}
	return err
}

// affected returns how many rows an UPDATE of what id changed.
func affected(res sql.Result, err error, what string, id int64) (int64, error) {
	if err != nil {
		return 0, fmt.Errorf("store: update %s %d: %w", what, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: update %s %d: %w", what, id, err)
	}
	return n, nil
}
