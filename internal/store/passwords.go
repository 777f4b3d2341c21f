package store

import (
	"context"
	"fmt"
)

// SetPassword replaces the password hash of user id and ends every session of that user, so
// that a password reset after a leak also shuts out whoever signed in with the old one.
func (tx *Tx) SetPassword(ctx context.Context, id int64, passwordHash string) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, passwordHash, id)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("store: set password of user %d: %d rows, %v", id, n, err)
	}
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
		return fmt.Errorf("store: end sessions of user %d: %w", id, err)
	}
	return nil
}
