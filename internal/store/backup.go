package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Backup writes a consistent copy of the live database to path, without stopping writers.
// SQLite: VACUUM INTO, which reads one snapshot and writes a compact database file
// (path must not exist). PostgreSQL: pg_dump in its custom format (restore with
// pg_restore), which must be on PATH.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: backup: %w", err)
	}
	if s.engine == Postgres {
		pgDump, err := exec.LookPath("pg_dump")
		if err != nil {
			return fmt.Errorf("store: backup of PostgreSQL needs pg_dump on PATH: %w", err)
		}
		out, err := exec.CommandContext(ctx, pgDump, "--format=custom", "--file="+path, "--dbname="+s.dsn).CombinedOutput()
		if err != nil {
			return fmt.Errorf("store: pg_dump: %w: %s", err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	// VACUUM cannot run in a transaction and needs a connection that may write its output
	// file; the read-only pool refuses it, so it runs on the writer, which it holds only to
	// read: WAL readers see one snapshot while writers go on.
	if _, err := s.write.ExecContext(ctx, `VACUUM INTO '`+strings.ReplaceAll(path, "'", "''")+`'`); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}
