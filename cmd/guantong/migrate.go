package main

import (
	"context"
	"flag"
	"fmt"

	"guantong/internal/store"
)

func init() {
	commands["migrate"] = command{summary: "只执行数据库迁移（建表、升级）后退出；serve 启动时也会迁移", run: runMigrate}
}

// runMigrate is `guantong migrate [--db guantong.db]`: it brings the database to this
// version's schema and exits, so that an upgrade can migrate once before the app servers
// restart. Opening the store runs what is missing, each migration in its own transaction
// (PostgreSQL: under an advisory lock, so app servers starting meanwhile wait).
func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "migrate", "[--db guantong.db]")
	dsn := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("用法：guantong migrate [--db guantong.db]")
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "数据库（%s）已迁移到第 %d 版\n", st.Engine(), v)
	return nil
}

// dbFlag is the --db flag of the commands that open the database.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("GUANTONG_DB", "guantong.db"), "SQLite 文件，或 postgres://… （环境变量 GUANTONG_DB）")
}
