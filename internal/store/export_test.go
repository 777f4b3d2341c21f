package store

import (
	"context"
	"database/sql"
)

// ExecForTest runs one statement in the write transaction, for tests that replay part of a
// migration.
func (tx *Tx) ExecForTest(ctx context.Context, query string) error {
	_, err := tx.tx.ExecContext(ctx, query)
	return err
}

// QueryRowForTest reads one row in the write transaction.
func (tx *Tx) QueryRowForTest(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, query, args...)
}
