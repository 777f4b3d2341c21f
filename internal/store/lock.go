package store

import (
	"context"
	"fmt"
	"hash/fnv"
)

// lockSpace is the first key of every advisory lock the store takes on PostgreSQL, so that
// guantong's locks do not meet another program's on the same server.
const lockSpace = 727274

// Lock holds the lock called name until the transaction ends, so that app servers sharing
// one PostgreSQL database take turns at something no row protects: migrating an empty
// database, seeding the demo, counting a username's failed logins before any is stored. On
// SQLite every write transaction already holds the database's one write lock (BEGIN
// IMMEDIATE), so Lock does nothing there.
//
// Take several locks in one order everywhere (sorted by name) so that two transactions
// never wait for each other.
func (tx *Tx) Lock(ctx context.Context, name string) error {
	if tx.engine != Postgres {
		return nil
	}
	space, key := LockKey(name)
	if _, err := tx.tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, space, key); err != nil {
		return fmt.Errorf("store: lock %s: %w", name, err)
	}
	return nil
}

// LockKey returns the two keys of PostgreSQL's advisory lock that Lock takes for name, for a
// test or a tool that must take turns with the app servers.
func LockKey(name string) (space, key int32) {
	h := fnv.New32a()
	h.Write([]byte(name))
	return lockSpace, int32(h.Sum32())
}
