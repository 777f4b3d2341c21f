package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"guantong"
	"guantong/internal/screen"
	"guantong/internal/workbook"
)

func init() {
	commands["screen"] = command{summary: "批量测评：按员工信息表（Excel、CSV 或 JSON Lines）逐人测评，输出结果表和汇总", run: runScreen}
}

// shownProblems is how many bad rows the terminal lists; the result file has all of them.
const shownProblems = 20

// runScreen is `guantong screen [--as-of D] [-o result.xlsx] FILE`.
func runScreen(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "screen", "[--as-of YYYY-MM-DD] [-o result.xlsx|.csv|.jsonl] [--workers N] staff.xlsx|.csv|.jsonl")
	var c common
	c.register(fs)
	asOf := fs.String("as-of", "", "评估日期 YYYY-MM-DD（默认：文档中的 as_of，都没有则取北京时间今天）")
	out := fs.String("o", "", "结果文件（.xlsx、.csv 或 .jsonl；默认：输入文件名加“-测评结果.xlsx”）")
	workers := fs.Int("workers", 0, "并行测评的协程数（默认：CPU 核数）")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("screen 需要一个输入文件（.xlsx、.csv 或 .jsonl），收到 %d 个", len(pos))
	}
	in := pos[0]
	if *out == "" {
		*out = strings.TrimSuffix(in, filepath.Ext(in)) + "-测评结果.xlsx"
	}
	opts, err := runOptions(e, *asOf, *workers)
	if err != nil {
		return err
	}
	set, err := c.set()
	if err != nil {
		return err
	}
	r, err := openInput(in)
	if err != nil {
		return err
	}
	defer r.Close()
	o, err := screen.Create(*out)
	if err != nil {
		return usageError("%s", err)
	}
	sum := screen.NewSummary()
	var shown []string
	var finish func()
	opts.Progress, finish = progressOf(e, r, "测评")
	err = screen.Run(ctx, r, []screen.Checker{set}, opts, func(res *screen.Result) error {
		sum.Add(res)
		for _, p := range res.Record.Problems {
			if len(shown) < shownProblems {
				shown = append(shown, p.String())
			}
		}
		return o.Write(res)
	})
	if err != nil {
		o.Abort()
		return err
	}
	finish()
	if err := o.Close(sum); err != nil {
		return err
	}
	sum.WriteText(e.stderr)
	if len(shown) > 0 {
		fmt.Fprintf(e.stderr, "有误的行（前 %d 条；全部见结果文件）：\n  %s\n", len(shown), strings.Join(shown, "\n  "))
	}
	fmt.Fprintf(e.stderr, "结果已写入 %s\n", *out)
	return nil
}

// runOptions reads the date and worker flags shared by screen and simulate.
func runOptions(e *env, asOf string, workers int) (screen.Options, error) {
	opts := screen.Options{Workers: workers, Today: guantong.Today(e.now())}
	if asOf != "" {
		d, err := guantong.ParseDate(asOf)
		if err != nil {
			return opts, usageError("--as-of: %q 不是日期（YYYY-MM-DD）", asOf)
		}
		opts.AsOf = d
	}
	if workers < 0 {
		return opts, usageError("--workers 应为非负整数")
	}
	return opts, nil
}

// openInput opens a file of people; a bad header or a missing file is a usage error.
func openInput(name string) (*workbook.Reader, error) {
	r, err := workbook.Open(name)
	if err == nil {
		return r, nil
	}
	var ps workbook.Problems
	var ge *guantong.Error
	switch {
	case errors.As(err, &ps):
		return nil, usageError("%s：\n%s", name, ps.Error())
	case errors.As(err, &ge):
		return nil, usageError("%s", ge.Message)
	case errors.Is(err, os.ErrNotExist) || errors.As(err, new(*os.PathError)):
		return nil, usageError("无法打开 %s：%s", name, pathError(err))
	}
	return nil, err
}

// progressOf returns a progress callback drawing a bar on stderr: by bytes read when the
// file's size is known (CSV, JSON lines), else by people; and the call that ends it.
func progressOf(e *env, r *workbook.Reader, what string) (func(int), func()) {
	if r.Size() > 0 {
		bar := newBar(e, r.Size(), what, true)
		return func(int) { bar.Set64(r.Done()) }, func() { bar.Finish() }
	}
	bar := newBar(e, -1, what, false)
	return func(people int) { bar.Set(people) }, func() { bar.Finish() }
}
