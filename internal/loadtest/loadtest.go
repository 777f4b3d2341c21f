// Package loadtest is a province's peak in one process: the last day of a call for
// applications, with applicants drafting (each what it may apply for and has not applied
// for yet), abandoning some drafts and uploading and submitting the rest, HR starting the
// employer's own 公示 and recommending what has been through it, the 职改办 working its
// queue, and the public checking eligibility and verifying certificates, from a few hundred
// concurrent clients against one or more app servers of `serve --demo`
// (docs/performance.md). Before the load its setup takes a few applications of each
// applicant through the employer's 公示 and moves the demo clock past its end, so that HR
// has applications to recommend. It is bounded in time and in requests, and it refuses any
// target that is not on loopback: it is a tool for one's own machine, never for someone
// else's site.
//
// Every write the servers acknowledge is remembered, and read back when the load is over:
// an application that is not there, a version lower than acknowledged, a stage other than
// the one acknowledged at that version or a file missing is a lost write.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"guantong"
)

// Bounds of a run, whatever is asked.
const (
	MaxClients  = 2000
	MaxDuration = 10 * time.Minute
	MaxRequests = 2_000_000
)

// Config is one run.
type Config struct {
	Targets  []string      // base addresses of app servers, http://127.0.0.1:8080; requests go round them
	Clients  int           // concurrent clients
	Duration time.Duration // how long the load lasts
	Requests int64         // at most this many requests under load (0: MaxRequests)
	Accounts int           // applicant accounts the run creates as admin, beside the demo's 张三
}

// CheckTarget accepts a base address only when its host is loopback (127.0.0.0/8, ::1 or
// localhost) and it is http(s) with no path beyond "/".
func CheckTarget(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("目标 %q 不是 http(s):// 地址", s)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("目标 %q 不在本机回环地址上：压力测试只对 127.0.0.1、::1 或 localhost 运行", s)
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
		return "", fmt.Errorf("目标 %q 只能是服务的根地址，如 http://127.0.0.1:8080", s)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host, "/"), nil
}

// check validates and bounds cfg.
func (cfg *Config) check() error {
	if len(cfg.Targets) == 0 {
		return errors.New("至少需要一个目标（--target）")
	}
	for i, t := range cfg.Targets {
		base, err := CheckTarget(t)
		if err != nil {
			return err
		}
		cfg.Targets[i] = base
	}
	switch {
	case cfg.Clients < 4 || cfg.Clients > MaxClients:
		return fmt.Errorf("并发客户数须在 4 到 %d 之间（收到 %d）", MaxClients, cfg.Clients)
	case cfg.Duration <= 0 || cfg.Duration > MaxDuration:
		return fmt.Errorf("持续时间须大于 0、不超过 %v（收到 %v）", MaxDuration, cfg.Duration)
	case cfg.Requests < 0 || cfg.Requests > MaxRequests:
		return fmt.Errorf("请求数上限须在 0 到 %d 之间（收到 %d）", MaxRequests, cfg.Requests)
	case cfg.Accounts < 0 || cfg.Accounts > 1000:
		return fmt.Errorf("申报人账号数须在 0 到 1000 之间（收到 %d）", cfg.Accounts)
	}
	if cfg.Requests == 0 {
		cfg.Requests = MaxRequests
	}
	return nil
}

// Run sets up the accounts, runs the load for cfg.Duration (or until cfg.Requests), then
// reads back every acknowledged write. Errors of the servers are in the report, not err:
// err is for a run that could not start.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	tr := &http.Transport{MaxIdleConns: cfg.Clients * 2, MaxIdleConnsPerHost: cfg.Clients, IdleConnTimeout: time.Minute}
	defer tr.CloseIdleConnections()
	r := &run{cfg: cfg, http: &http.Client{Transport: tr, Timeout: time.Minute}, stats: newStats(), acked: map[int64]*ack{}}
	setupStart := time.Now()
	if err := r.setup(ctx); err != nil {
		return nil, fmt.Errorf("准备账号与待推荐的申报：%w", err)
	}
	setupTook := time.Since(setupStart)
	r.stats.reset() // the setup's requests are not the load
	// No request starts after the load is over, but those on their way finish: cancelling
	// them would only make the servers log clients that went away.
	var cancel context.CancelFunc
	r.over, cancel = context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range cfg.Clients {
		role, k := seat(i)
		wg.Go(func() { r.client(ctx, i, role, desk{k, seats(role, cfg.Clients)}) })
	}
	wg.Wait()
	rep := r.stats.report(time.Since(start))
	rep.Clients, rep.Targets = cfg.Clients, cfg.Targets
	rep.Applicants, rep.Seeded, rep.ClockDays, rep.SetupTook = len(r.applicants), int(r.seeded.Load()), r.clockDays, setupTook
	rep.Acknowledged, rep.Lost = r.verify(ctx)
	return rep, nil
}

// run is the state of one run.
type run struct {
	cfg   Config
	http  *http.Client
	stats *stats
	sent  atomic.Int64    // requests under load, against cfg.Requests
	over  context.Context // done when the load is over

	admin, hr, office string        // tokens
	applicants        []*applicant  // the applicant accounts
	person            []byte        // the draft's person (check document), eligible for every option
	today             guantong.Date // the servers' day once the clock was moved past the seeds' 公示
	seeded            atomic.Int64  // applications the setup took through the employer's 公示
	clockDays         int           // how far it moved the clock

	mu    sync.Mutex
	acked map[int64]*ack // by application
}

// ack is what the servers acknowledged of one application.
type ack struct {
	version int
	stage   string
	files   []int64
}

// roles, in order of the clients: of every ten, five applicants, one HR, one 职改办 and
// three of the public.
var roles = [10]string{"applicant", "public", "applicant", "hr", "applicant", "public", "office", "applicant", "public", "applicant"}

// seat is the role of client i and its number among the clients of that role.
func seat(i int) (role string, k int) {
	role = roles[i%len(roles)]
	for j, r := range roles {
		if r == role {
			if j < i%len(roles) {
				k++
			}
			k += i / len(roles)
		}
	}
	return role, k
}

// seats is how many of n clients have the role.
func seats(role string, n int) int {
	c := 0
	for i := range n {
		if roles[i%len(roles)] == role {
			c++
		}
	}
	return c
}
