package store

import (
	"context"
	"fmt"
	"time"
)

// Failed logins (internal/ratelimit decides with them): one row per key of an attempt,
// written before its password is checked, so that attempts in flight are counted too.

// LoginFailure is one attempt counted against a key: a failure, or pending while its
// password is being checked.
type LoginFailure struct {
	At      time.Time
	Pending bool
}

// LoginFailures returns the failures of key after since, oldest first. Take Lock(key)
// first, so that no other attempt counts the same key until this one is written.
func (tx *Tx) LoginFailures(ctx context.Context, key string, since time.Time) ([]LoginFailure, error) {
	rows, err := tx.tx.QueryContext(ctx, `SELECT at, pending FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at`, key, ms(since))
	if err != nil {
		return nil, fmt.Errorf("store: login failures: %w", err)
	}
	defer rows.Close()
	var out []LoginFailure
	for rows.Next() {
		var at int64
		var f LoginFailure
		if err := rows.Scan(&at, &f.Pending); err != nil {
			return nil, fmt.Errorf("store: login failures: %w", err)
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddLoginFailure records a pending failure of key for the attempt.
func (tx *Tx) AddLoginFailure(ctx context.Context, attempt, key string, at time.Time) error {
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO login_failures (attempt, key, at, pending) VALUES ($1, $2, $3, TRUE)`,
		attempt, key, ms(at)); err != nil {
		return fmt.Errorf("store: add login failure: %w", err)
	}
	return nil
}

// ConfirmLoginFailure records that the attempt's password was wrong.
func (s *Store) ConfirmLoginFailure(ctx context.Context, attempt string) error {
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, `UPDATE login_failures SET pending = FALSE WHERE attempt = $1`, attempt); err != nil {
			return fmt.Errorf("store: confirm login failure: %w", err)
		}
		return nil
	})
}

// ForgetLoginFailures deletes the rows of an attempt, every failure of the keys given, and
// every failure at or before expired.
func (s *Store) ForgetLoginFailures(ctx context.Context, attempt string, expired time.Time, keys ...string) error {
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM login_failures WHERE attempt = $1 OR at <= $2`, attempt, ms(expired)); err != nil {
			return fmt.Errorf("store: forget login failures: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.tx.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, k); err != nil {
				return fmt.Errorf("store: forget login failures: %w", err)
			}
		}
		return nil
	})
}
