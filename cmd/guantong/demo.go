package main

import (
	"context"
	"fmt"
	"time"

	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/province"
	"guantong/internal/service"
	"guantong/internal/store"
)

func init() {
	commands["demo"] = command{summary: "生成一个全省规模的演示数据库：各市职改办、数百家各类单位、N 份申报", run: runDemo}
}

// runDemo is `guantong demo --applications N [--seed S] [--db DSN]`: it loads the demo of
// serve --demo (its accounts included) and adds a province of N applications to it.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", "--applications N [--seed S] [--db guantong.db | --db postgres://…]")
	var c common
	c.register(fs)
	dsn := fs.String("db", envOr("GUANTONG_DB", "guantong.db"), "SQLite 文件，或 postgres://… （环境变量 GUANTONG_DB）")
	n := fs.Int("applications", 0, "生成的申报份数（每份一位申报人）")
	seed := fs.Uint64("seed", 1, "随机种子：同一种子生成同一个省份")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("demo 不接受参数：%v", fs.Args())
	}
	if *n < 1 {
		return usageError("--applications 须为正整数")
	}
	policies, err := c.set()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(service.Config{Store: st, Policies: policies, Calendar: calendar.Default(), Now: e.now})
	accounts, err := svc.LoadDemo(ctx)
	if err != nil {
		return err
	}
	if err := generate(ctx, e, st, svc.Engine().Catalog(), *n, *seed); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "演示账号（用户名 / 密码 / 角色 / 单位）：")
	for _, a := range accounts {
		fmt.Fprintf(e.stdout, "  %-10s %-20s %-10s %s\n", a.Username, a.Password, a.Role, a.Organisation)
	}
	return nil
}

// generateOnce generates a province of n applications unless the database has one already
// (serve --demo --applications N, started again).
func generateOnce(ctx context.Context, e *env, st *store.Store, cat *catalog.Catalog, n int) error {
	done, err := st.Events(ctx, "province")
	if err != nil || len(done) > 0 {
		return err
	}
	return generate(ctx, e, st, cat, n, 1)
}

// generate adds a province of n applications to st, reporting its progress.
func generate(ctx context.Context, e *env, st *store.Store, cat *catalog.Catalog, n int, seed uint64) error {
	last := time.Now()
	stats, err := province.Generate(ctx, st, province.Options{Applications: n, Seed: seed, Now: e.now(), Catalog: cat,
		Progress: func(done int) {
			if time.Since(last) > 5*time.Second || done == n {
				fmt.Fprintf(e.stderr, "已生成 %d / %d 份申报\n", done, n)
				last = time.Now()
			}
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %d 家单位中的 %d 位申报人、%d 份申报（%s，种子 %d），用时 %s\n",
		stats.Organisations, stats.People, stats.Applications, st.Engine(), seed, stats.Took.Round(time.Millisecond))
	return nil
}
