package main

import (
	"context"
	"fmt"
	"time"

	"guantong/internal/loadtest"
)

func init() {
	commands["load"] = command{summary: "压力测试：对本机运行的 serve --demo 施加一个省的申报高峰（只限回环地址）", run: runLoad}
}

// targets is a flag that may be given several times.
type targets []string

func (t *targets) String() string     { return fmt.Sprint(*t) }
func (t *targets) Set(s string) error { *t = append(*t, s); return nil }

// runLoad is `guantong load [--target http://127.0.0.1:8080]… [--clients 300] [--duration
// 30s] [--requests N] [--accounts 200]`: the load of internal/loadtest against app servers of
// `serve --demo` on this machine, its figures as a Markdown table. It exits 1 when any
// answer was a 5xx (or none came) or an acknowledged write was lost.
func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "load", "[--target http://127.0.0.1:8080]… [--clients 300] [--duration 30s] [--requests N] [--accounts 200]")
	var cfg loadtest.Config
	var ts targets
	fs.Var(&ts, "target", "app server to load, on loopback only (repeat for several: requests take turns)")
	fs.IntVar(&cfg.Clients, "clients", 300, fmt.Sprintf("concurrent clients (at most %d)", loadtest.MaxClients))
	fs.DurationVar(&cfg.Duration, "duration", 30*time.Second, fmt.Sprintf("how long the load lasts (at most %v)", loadtest.MaxDuration))
	fs.Int64Var(&cfg.Requests, "requests", 0, fmt.Sprintf("stop after this many requests (0: %d)", loadtest.MaxRequests))
	fs.IntVar(&cfg.Accounts, "accounts", 200, "applicant accounts to create before the load, beside the demo's 张三 (each applies for up to six titles at once)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("load 不接受参数：%v", fs.Args())
	}
	if cfg.Targets = ts; len(ts) == 0 {
		cfg.Targets = []string{"http://127.0.0.1:8080"}
	}
	rep, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return usageError("%v", err)
	}
	rep.Write(e.stdout)
	if n := rep.ServerErrors(); n > 0 || rep.Lost > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("压力测试发现问题：%d 个 5xx 或无应答，%d 个已确认的写入丢失", n, rep.Lost)}
	}
	return nil
}
