package store

import "context"

// ExecForTest runs one statement in the write transaction, for tests that replay part of a
// migration.
func (tx *Tx) ExecForTest(ctx context.Context, query string) error {
	_, err := tx.tx.ExecContext(ctx, query)
	return err
}
