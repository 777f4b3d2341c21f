package main

import (
	"context"
	"fmt"

	"guantong/internal/audit"
	"guantong/internal/store"
)

func init() {
	commands["restore"] = command{summary: "把 guantong backup 的备份恢复到一个空数据库，然后核验审计日志", run: runRestore}
}

// runRestore is `guantong restore [--db guantong.db] FILE`: the backup FILE goes into the
// empty database of --db (a new SQLite file, or an empty PostgreSQL database), which is
// then migrated to this version and its audit chain verified; exit 1 if the chain is not
// whole. It refuses to write over a database that holds data.
func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "restore", "[--db guantong.db] FILE")
	dsn := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError("用法：guantong restore [--db guantong.db] FILE")
	}
	if err := store.Restore(ctx, *dsn, fs.Arg(0)); err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("恢复失败：%v", err)}
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
	r, err := audit.Verify(ctx, st.DB())
	if err != nil {
		return err
	}
	if r.Problem != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("已恢复到 %s，但审计日志不完整：%s（%s，第 %d 条）", fs.Arg(0), r.Problem.Message, r.Problem.Kind, r.Problem.Seq)}
	}
	fmt.Fprintf(e.stdout, "已从 %s 恢复（%s，数据库第 %d 版）；审计日志完整：%d 条，链头第 %d 条 %s\n",
		fs.Arg(0), st.Engine(), v, r.Rows, r.HeadSeq, r.HeadHash)
	return nil
}
