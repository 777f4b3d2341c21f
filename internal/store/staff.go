package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"guantong"
)

// ApplicantByIDNumber returns the person with an ID number, or ENotFound.
func (r reader) ApplicantByIDNumber(ctx context.Context, idNumber string) (guantong.Applicant, error) {
	p, err := scanPerson(r.q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id_number = $1`, idNumber))
	if err != nil {
		return p, notFound(err, "证件号码", guantong.MaskID(idNumber))
	}
	return p, nil
}

// UserOfPerson returns the account of a person, and false when they have none.
func (r reader) UserOfPerson(ctx context.Context, personID int64) (guantong.User, bool, error) {
	u, err := scanUser(r.q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE person_id = $1 ORDER BY id LIMIT 1`, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return u, false, nil
	}
	if err != nil {
		return u, false, fmt.Errorf("store: user of person %d: %w", personID, err)
	}
	return u, true, nil
}

// UsernameTaken reports whether an account has the username. The staff import asks before
// inserting, because on PostgreSQL a refused INSERT ends the whole transaction.
func (r reader) UsernameTaken(ctx context.Context, username string) (bool, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = $1`, username).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: username %s: %w", username, err)
	}
	return n > 0, nil
}
