package main

import (
	"context"
	"errors"
	"os"

	"guantong"
	"guantong/internal/document"
)

func init() {
	commands["check"] = command{summary: "测评：按方案判断可申报什么、何时可申报、为什么", run: runCheck}
}

// runCheck is `guantong check [--as-of YYYY-MM-DD] [FILE]`: the contract's document in (a
// file or standard input), the answer out; exit 2 with a line per problem for a malformed
// document.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "check", "[--as-of YYYY-MM-DD] [FILE]")
	var c common
	c.register(fs)
	asOf := fs.String("as-of", "", "评估日期 YYYY-MM-DD（覆盖文档中的 as_of；都没有则取北京时间今天）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError("check 只接受一个文件，收到 %d 个", fs.NArg())
	}
	var override guantong.Date
	if *asOf != "" {
		d, err := guantong.ParseDate(*asOf)
		if err != nil {
			return usageError("--as-of: %q 不是日期（YYYY-MM-DD）", *asOf)
		}
		override = d
	}
	set, err := c.set()
	if err != nil {
		return err
	}
	in := e.stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return usageError("无法打开 %s：%s", name, pathError(err))
		}
		defer f.Close()
		in = f
	}
	req, err := document.Read(in)
	if err != nil {
		if errors.As(err, new(guantong.FieldErrors)) {
			return usageError("%s", problemLines(err))
		}
		return err
	}
	if !override.IsZero() {
		req.AsOf = override
	}
	if req.AsOf.IsZero() {
		req.AsOf = guantong.Today(e.now())
	}
	return document.WriteAnswer(e.stdout, set.Check(req))
}
