package main

import (
	"context"
	"os"

	"guantong"
	"guantong/internal/population"
	"guantong/internal/workbook"
)

func init() {
	commands["population"] = command{summary: "生成模拟人群（每行一份测评文档），供批量测评、政策模拟和基准测试使用", run: runPopulation}
}

// runPopulation is `guantong population --n N --seed S [-o FILE] [--until YYYY-MM-DD]`.
func runPopulation(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "population", "--n N --seed S [-o people.jsonl] [--until YYYY-MM-DD]")
	var c common
	c.register(fs)
	n := fs.Int("n", 1000, "人数")
	seed := fs.Uint64("seed", 1, "随机种子：同一种子生成同样的人")
	out := fs.String("o", "-", "输出文件：.jsonl（每行一份测评文档；- 为标准输出），或 .xlsx、.csv（员工信息表）")
	until := fs.String("until", population.DefaultRef.String(), "证书、职称、工作和奖项的日期均不晚于此日")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("population 不接受文件参数：%v", fs.Args())
	}
	if *n < 0 {
		return usageError("--n 应为非负整数")
	}
	ref, err := guantong.ParseDate(*until)
	if err != nil {
		return usageError("--until: %q 不是日期（YYYY-MM-DD）", *until)
	}
	cat, err := c.catalog()
	if err != nil {
		return err
	}
	bar := newBar(e, int64(*n), "生成", false)
	g := population.New(*seed, ref, cat)
	if format, err := workbook.FormatOf(*out); err == nil && format != workbook.JSONL {
		return writeStaff(ctx, g, *out, *n, func(done int) { bar.Set(done) })
	}
	w := e.stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return usageError("无法创建 %s：%s", *out, pathError(err))
		}
		defer f.Close()
		w = f
	}
	if err := g.Write(ctx, w, *n, func(done int) { bar.Set(done) }); err != nil {
		return err
	}
	bar.Finish()
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		return f.Close()
	}
	return nil
}

// writeStaff writes people as rows of the staff template, for trying the screening of an
// employer's sheet.
func writeStaff(ctx context.Context, g *population.Generator, path string, n int, progress func(int)) error {
	w, err := workbook.Create(path)
	if err != nil {
		return usageError("%s", err)
	}
	t, err := w.Table(workbook.StaffSheet, workbook.StaffHeaders())
	if err != nil {
		w.Abort()
		return err
	}
	cells := make([]any, len(workbook.StaffHeaders()))
	for i := range n {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				w.Abort()
				return err
			}
			progress(i)
		}
		p := g.Person(i)
		for j, c := range workbook.StaffRow(p.Region, "", p.Person) {
			cells[j] = c
		}
		if err := t.Row(cells...); err != nil {
			w.Abort()
			return err
		}
	}
	progress(n)
	return w.Close()
}
