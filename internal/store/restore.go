package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"guantong"
)

// Restore puts a backup written by Backup into the empty database dsn; the caller then opens
// it with Open, which migrates a backup of an older version, and verifies the audit chain.
// It never writes over data: an SQLite file must not exist yet, a PostgreSQL database (the
// schema of its search_path) must hold no guantong tables.
//
// SQLite: the backup is checked (integrity_check, a schema_migrations table) and copied
// into place under a temporary name, synced and renamed, so that a crash leaves no half
// file. PostgreSQL: pg_restore (on PATH) in one transaction, owners and grants left to the
// role of dsn, stopping at the first error.
func Restore(ctx context.Context, dsn, backup string) error {
	if _, err := os.Stat(backup); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if IsPostgres(dsn) {
		return restorePostgres(ctx, dsn, backup)
	}
	return restoreSQLite(ctx, dsn, backup)
}

func restoreSQLite(ctx context.Context, path, backup string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			return guantong.Errorf(guantong.EConflict, "%s 已存在：只能恢复到新文件，不会覆盖已有的数据库", p)
		}
	}
	db, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	var ok string
	var n int
	err = db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok)
	if err == nil && ok == "ok" {
		err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	}
	db.Close()
	if err != nil || ok != "ok" {
		return fmt.Errorf("store: restore: %s is not a guantong SQLite backup (%s): %v", backup, ok, err)
	}
	src, err := os.Open(backup)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".restore-*")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	defer os.Remove(tmp.Name()) // nothing left after the rename
	_, err = io.Copy(tmp, src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("store: restore to %s: %w", path, err)
	}
	return nil
}

func restorePostgres(ctx context.Context, dsn, backup string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store: restore: open %s: %w", redact(dsn), err)
	}
	var existing sql.NullString
	err = db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations')::text`).Scan(&existing)
	db.Close()
	if err != nil {
		return fmt.Errorf("store: restore: %s: %w", redact(dsn), err)
	}
	if existing.Valid {
		return guantong.Errorf(guantong.EConflict, "%s 中已有 guantong 的数据表：只能恢复到空数据库，不会覆盖已有数据", redact(dsn))
	}
	pgRestore, err := exec.LookPath("pg_restore")
	if err != nil {
		return fmt.Errorf("store: restore of PostgreSQL needs pg_restore on PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, pgRestore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
		"--dbname="+dsn, backup).CombinedOutput()
	if err != nil {
		return fmt.Errorf("store: pg_restore: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
