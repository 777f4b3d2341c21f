package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"guantong/internal/api"
	"guantong/internal/calendar"
	"guantong/internal/job"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/web"
)

func init() {
	commands["serve"] = command{summary: "运行网站与 JSON 接口（申报、审核、公示、评审、发证）", run: runServe}
}

// runServe is `guantong serve [--addr 127.0.0.1:8080] [--db guantong.db] [--demo]
// [--trust-proxy] [--public-url URL]`: it opens (and on first start creates and migrates) the
// database, and serves the API and the pages on one mux until interrupted. GUANTONG_ADDR,
// GUANTONG_DB, GUANTONG_TRUST_PROXY and GUANTONG_PUBLIC_URL give the defaults of the flags, so
// that a PostgreSQL password need not appear on a command line.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[--addr 127.0.0.1:8080] [--db guantong.db | --db postgres://…] [--demo] [--trust-proxy] [--public-url https://…]")
	var c common
	c.register(fs)
	addr := fs.String("addr", envOr("GUANTONG_ADDR", "127.0.0.1:8080"), "监听地址（环境变量 GUANTONG_ADDR）")
	dsn := fs.String("db", envOr("GUANTONG_DB", "guantong.db"), "SQLite 文件，或 postgres://… （环境变量 GUANTONG_DB）")
	demo := fs.Bool("demo", false, "载入演示省份（各类单位与每个角色一个账号），并允许管理员调快时钟")
	volume := fs.Int("applications", 0, "与 --demo 同用：首次启动时再生成一个有 N 份申报的全省（见 guantong demo）")
	publicFlag := fs.String("public-url", envOr("GUANTONG_PUBLIC_URL", ""), "公众访问本站的地址，如 https://zc.example.gov.cn：打印的证书及其二维码中的查验地址以此为准（默认：每个请求所用的地址；环境变量 GUANTONG_PUBLIC_URL）")
	proxy := fs.Bool("trust-proxy", envOr("GUANTONG_TRUST_PROXY", "") != "", "由反向代理终结 TLS 并设置 X-Forwarded-Proto/For：会话 Cookie 标记 Secure，登录限速按真实客户端地址（环境变量 GUANTONG_TRUST_PROXY）")
	smtpAddr := fs.String("smtp-addr", envOr("GUANTONG_SMTP_ADDR", ""), "发送站内信邮件副本的 SMTP 服务器 host:port（默认不发邮件；环境变量 GUANTONG_SMTP_ADDR）")
	smtpFrom := fs.String("smtp-from", envOr("GUANTONG_SMTP_FROM", ""), "邮件发件人地址（环境变量 GUANTONG_SMTP_FROM）")
	smtpUser := fs.String("smtp-user", envOr("GUANTONG_SMTP_USER", ""), "SMTP 用户名（密码取自环境变量 GUANTONG_SMTP_PASSWORD）")
	statsAge := fs.Duration("stats-max-age", 2*time.Minute, "统计页的数字最多隔多久重新统计一次（在后台进行；0 表示每次请求都重新统计）")
	var anchor anchoring
	anchor.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *smtpAddr != "" && *smtpFrom == "" {
		return usageError("--smtp-addr 须同时给出 --smtp-from（发件人地址）")
	}
	if fs.NArg() > 0 {
		return usageError("serve 不接受参数：%v", fs.Args())
	}
	if *volume < 0 || (*volume > 0 && !*demo) {
		return usageError("--applications 须为正整数，且与 --demo 同用")
	}
	public, err := publicURL(*publicFlag)
	if err != nil {
		return err
	}
	policies, err := c.set()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()

	cfg := service.Config{Store: st, Policies: policies, Calendar: calendar.Default(), Now: e.now, Logger: log, Email: *smtpAddr != "",
		StatsMaxAge: *statsAge}
	var clock *service.Clock
	if *demo {
		// The admin may move the demo clock forward by weeks to end notices; logins last long
		// enough not to expire on the way.
		clock = service.NewClock(e.now)
		cfg.Now, cfg.SessionTTL = clock.Now, 400*24*time.Hour
	}
	svc := service.New(cfg)
	var accounts []service.DemoAccount
	if *demo {
		accounts, err = svc.LoadDemo(ctx)
		if err != nil {
			return err
		}
		if *volume > 0 {
			if err := generateOnce(ctx, e, st, svc.Engine().Catalog(), *volume); err != nil {
				return err
			}
		}
		fmt.Fprintln(e.stdout, "演示账号（用户名 / 密码 / 角色 / 单位）：")
		for _, a := range accounts {
			fmt.Fprintf(e.stdout, "  %-10s %-20s %-10s %s\n", a.Username, a.Password, a.Role, a.Organisation)
		}
	}
	go svc.WarmStats(ctx) // the dashboards counted before the first asks (statscache.go)
	stopAnchoring, err := anchor.start(ctx, st, e.now, log)
	if err != nil {
		return err
	}
	defer stopAnchoring()

	mux := http.NewServeMux()
	api.New(api.Config{Service: svc, Logger: log, DemoClock: clock, PublicURL: public, TrustProxy: *proxy}).Routes(mux)
	web.New(web.Config{Service: svc, Logger: log, DemoClock: clock, DemoAccounts: accounts, TrustProxy: *proxy, PublicURL: public}).Routes(mux)
	// Batch screenings and simulations queued on the pages run here, one at a time
	// (internal/job); with several app servers, each takes the next queued job. It stops
	// before the store closes.
	runner := &job.Runner{Store: st, Checker: svc, Policies: svc.SimulationPolicies, Now: svc.Now, Log: log} // svc.Check: the policies in force, uploaded ones included
	jobs, stopJobs := context.WithCancel(ctx)
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); runner.Loop(jobs, 2*time.Second) }()
	defer func() { stopJobs(); <-jobsDone }()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	fmt.Fprintf(e.stdout, "guantong 在 http://%s 运行（数据库：%s；接口文档：/api/v1/openapi.json）\n", ln.Addr(), st.Engine())
	if *demo {
		fmt.Fprintf(e.stdout, "在浏览器中打开 http://%s/login ，用上面的演示账号登录\n", ln.Addr())
	}
	if *smtpAddr != "" {
		// The outbox is delivered after each commit by a goroutine of this server; other
		// servers on the same database run their own and claim different rows.
		mailer := svc.Mailer(service.SMTP{Addr: *smtpAddr, From: *smtpFrom, User: *smtpUser,
			Password: os.Getenv("GUANTONG_SMTP_PASSWORD"), PublicURL: public})
		mailCtx, stopMail := context.WithCancel(ctx)
		defer stopMail()
		go mailer.Run(mailCtx)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// publicURL checks the address of --public-url: it is printed on certificates, in their QR
// codes, so a mistake would be on paper for good. Empty is allowed (the address of each
// request); otherwise an absolute http(s) address, with a path if the site lives under one,
// and no query or fragment, which the verification address would carry after the number.
// It is returned without its trailing slash.
func publicURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", usageError("--public-url %q 不是完整的网址：须以 http:// 或 https:// 开头并包含域名，如 https://zc.example.gov.cn", s)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#") {
		return "", usageError("--public-url %q 不能带查询参数（?）或片段（#）：证书上的查验地址是它加上 /verify/证书编号", s)
	}
	return strings.TrimRight(s, "/"), nil
}

// envOr returns the environment variable name, or def when it is unset or empty.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
