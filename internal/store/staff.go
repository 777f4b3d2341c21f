package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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

// Facts is what an employer's staff import registered about a person: the person part of a
// check document as internal/document encodes it (certificates, titles, assessments, work…;
// name, ID and employer are the records' own columns), when, and by which employer. Person
// is empty when nothing was registered.
type Facts struct {
	Person json.RawMessage
	At     time.Time
	OrgID  int64
}

// SetFacts registers what an employer's import says about a person, replacing what an
// earlier import said. The person's version is the caller's to advance (UpdateApplicant):
// facts are written beside a person's own change, in its transaction.
func (tx *Tx) SetFacts(ctx context.Context, personID int64, f Facts) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE people SET facts = $1, facts_at = $2, facts_org = $3 WHERE id = $4`,
		string(f.Person), ms(f.At), f.OrgID, personID)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			return guantong.Errorf(guantong.ENotFound, "人员 %d 不存在", personID)
		}
	}
	if err != nil {
		return fmt.Errorf("store: facts of person %d: %w", personID, err)
	}
	return nil
}

// Facts returns what an import registered about a person: an empty Facts when nothing was,
// ENotFound when there is no such person.
func (r reader) Facts(ctx context.Context, personID int64) (Facts, error) {
	var f Facts
	var doc string
	var at int64
	err := r.q.QueryRowContext(ctx, `SELECT facts, facts_at, facts_org FROM people WHERE id = $1`, personID).Scan(&doc, &at, &f.OrgID)
	if err != nil {
		return f, notFound(err, "人员", personID)
	}
	if doc != "" {
		f.Person = json.RawMessage(doc)
	}
	f.At = fromMS(at)
	return f, nil
}
