package store

import (
	"context"
	"fmt"
	"strings"

	"guantong"
)

// OpenCurrent opens an existing database without migrating it, for the commands that only
// read it or append to its audit log (backup, audit verify and checkpoint, user passwd): a
// newer binary run by hand must not upgrade a database that older app servers still use.
// It refuses a database that lacks a migration of this binary, or has one it does not know,
// saying which program to run.
func OpenCurrent(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, err
	}
	ms, err := loadMigrations(s.engine)
	if err != nil {
		s.Close()
		return nil, err
	}
	applied, err := s.applied(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	var missing []string
	for _, m := range ms {
		if !applied[m.version] {
			missing = append(missing, m.name)
		}
		delete(applied, m.version)
	}
	switch {
	case len(missing) > 0:
		s.Close()
		return nil, guantong.Errorf(guantong.EConflict, "数据库缺少本程序的迁移 %s：请先运行 guantong migrate（或用与数据库同版本的程序）", strings.Join(missing, "、"))
	case len(applied) > 0:
		s.Close()
		return nil, guantong.Errorf(guantong.EConflict, "数据库有本程序不认识的迁移（比本程序新）：请用新版本的程序")
	}
	return s, nil
}

// applied returns the versions in schema_migrations; none when the table is missing (an
// empty database).
func (s *Store) applied(ctx context.Context) (map[int]bool, error) {
	out := map[int]bool{}
	var exists int
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	if s.engine == Postgres {
		q = `SELECT COUNT(*) FROM (SELECT to_regclass('schema_migrations') AS t) r WHERE t IS NOT NULL`
	}
	if err := s.read.QueryRowContext(ctx, q).Scan(&exists); err != nil || exists == 0 {
		return out, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("store: schema_migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out[v] = true
	}
	return out, rows.Err()
}
