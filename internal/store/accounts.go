package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guantong"
)

// User returns one account.
func (r reader) User(ctx context.Context, id int64) (guantong.User, error) {
	u, err := scanUser(r.q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if err != nil {
		return u, notFound(err, "用户", id)
	}
	return u, nil
}

// UserPasswordHash returns the password hash of an account.
func (r reader) UserPasswordHash(ctx context.Context, id int64) (string, error) {
	var hash string
	err := r.q.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, id).Scan(&hash)
	if err != nil {
		return "", notFound(err, "用户", id)
	}
	return hash, nil
}

// UpdateUser writes an account's name, phone, e-mail, role, organisation and whether it is
// disabled.
func (tx *Tx) UpdateUser(ctx context.Context, u *guantong.User) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE users SET name = $1, phone = $2, email = $3, role = $4, org_id = $5,
		disabled = $6 WHERE id = $7`, u.Name, u.Phone, u.Email, u.Role, nullID(u.OrgID), u.Disabled, u.ID)
	return changed(res, err, "用户", u.ID)
}

// DeleteUserSessions ends every session of an account, except the one of keep (a token
// hash, or "" for none): a disabled account, or a password changed elsewhere.
func (tx *Tx) DeleteUserSessions(ctx context.Context, id int64, keep string) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, id, keep)
	if err != nil {
		return fmt.Errorf("store: end sessions of user %d: %w", id, err)
	}
	return nil
}

// UpdateOrganisation writes an organisation's name, region, kind-specific fields and
// certificate prefix; its kind does not change. A name taken by another of its kind is
// EConflict.
func (tx *Tx) UpdateOrganisation(ctx context.Context, o *guantong.Organisation) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE organisations SET name = $1, region = $2, employer_kind = $3,
		self_evaluation = $4, series = $5, level = $6, occupations = $7, cert_prefix = $8 WHERE id = $9`,
		o.Name, o.Region, o.EmployerKind, o.SelfEvaluation, o.Series, o.Level.String(),
		strings.Join(o.Occupations, " "), o.CertPrefix, o.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "已有名为「%s」的%s", o.Name, guantong.OrgKindName(o.Kind))
	}
	return changed(res, err, "单位", o.ID)
}

// OpenApplication returns the ID of the person's open application for the same route,
// series, occupation and level as a, other than a itself, or 0 when there is none. Open is
// every stage but the ends (withdrawn, rejected, failed, revoked, granted, registered), as
// migration 0010's unique index has it; that index stops two transactions that both find
// none.
func (r reader) OpenApplication(ctx context.Context, a *guantong.Application) (int64, error) {
	var id int64
	err := r.q.QueryRowContext(ctx, `SELECT COALESCE(MIN(id), 0) FROM applications
		WHERE person_id = $1 AND route = $2 AND series = $3 AND occupation_code = $4 AND level = $5 AND id <> $6
		AND stage NOT IN ('withdrawn', 'rejected', 'failed', 'revoked', 'granted', 'registered')`,
		a.PersonID, a.Route, a.Series, a.OccupationCode, a.Level.String(), a.ID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: open application of person %d: %w", a.PersonID, err)
	}
	return id, nil
}

// changed is stale for updates without a version: no row changed means none with that ID.
func changed(res sql.Result, err error, what string, id int64) error {
	n, err := affected(res, err, what, id)
	if err == nil && n == 0 {
		return guantong.Errorf(guantong.ENotFound, "%s %d 不存在", what, id)
	}
	return err
}
