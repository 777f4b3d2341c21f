package main

import (
	"context"
	"fmt"
)

func init() {
	commands["backup"] = command{summary: "在线备份数据库到 FILE（运行中也可，得到一致的副本）", run: runBackup}
}

// runBackup is `guantong backup [--db guantong.db] FILE`: a consistent copy of the live
// database, taken while the server goes on (SQLite: VACUUM INTO; PostgreSQL: pg_dump).
func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "backup", "[--db guantong.db] FILE")
	dsn := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("用法：guantong backup [--db guantong.db] FILE")
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已备份到 %s\n", fs.Arg(0))
	return nil
}
