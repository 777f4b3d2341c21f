package store

import (
	"context"
	"fmt"
)

// SetPassword replaces the password hash of user id and ends every session of that user but
// keep (a session's token hash, or "" for none), so that a password reset after a leak also
// shuts out whoever signed in with the old one, while the one who changes their own password
// stays signed in. mustChange marks the password one-time: it must be changed at the next
// sign-in.
func (tx *Tx) SetPassword(ctx context.Context, id int64, passwordHash string, mustChange bool, keep string) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3`,
		passwordHash, mustChange, id)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("store: set password of user %d: %d rows, %v", id, n, err)
	}
	return tx.DeleteUserSessions(ctx, id, keep)
}
