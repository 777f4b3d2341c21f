package main

import (
	"context"
	"fmt"
	"os"

	"guantong/internal/audit"
	"guantong/internal/store"
)

func init() {
	commands["audit"] = command{summary: "核验审计日志的哈希链：audit verify 找出被修改、插入或删除的记录", run: runAudit}
}

// runAudit is `guantong audit verify [--db guantong.db]`: it walks the hash-chained log and
// exits 0 when it is whole, printing the head to keep outside the database; otherwise it
// names the first row edited, inserted or deleted and exits 1.
func runAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError("用法：guantong audit verify [--db guantong.db]")
	}
	fs := newFlagSet(e, "audit verify", "[--db guantong.db]")
	dsn := fs.String("db", envOr("GUANTONG_DB", "guantong.db"), "SQLite 文件，或 postgres://… （环境变量 GUANTONG_DB）")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	st, err := openExisting(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := audit.Verify(ctx, st.DB())
	if err != nil {
		return err
	}
	if r.Problem != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("审计日志不完整：%s（%s，第 %d 条；共 %d 条，链头第 %d 条）",
			r.Problem.Message, r.Problem.Kind, r.Problem.Seq, r.Rows, r.HeadSeq)}
	}
	fmt.Fprintf(e.stdout, "审计日志完整：%d 条记录\n链头：第 %d 条 %s\n（请将链头另行留存，日后可证明日志未被整体改写）\n", r.Rows, r.HeadSeq, r.HeadHash)
	return nil
}

// openExisting opens a database that must already exist: a command that reads it should
// not create an empty one by a typo.
func openExisting(ctx context.Context, dsn string) (*store.Store, error) {
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, usageError("无法打开数据库 %s：%s", dsn, pathError(err))
		}
	}
	return store.Open(ctx, dsn)
}
