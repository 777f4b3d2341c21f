// Package job runs long work kept as rows of the jobs table: a batch screening uploaded on the
// 批量测评 page. Any app server's Runner claims a queued job, runs it through internal/screen,
// stores its progress as it goes (so that a reload, or another server, shows it) and its
// result at the end. A request never waits for the work: it only queues it.
package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"guantong/internal/screen"
	"guantong/internal/store"
	"guantong/internal/workbook"
)

// KindScreen is a batch screening: the staff template in, the result workbook out (the
// service queues it under the same name).
const KindScreen = "screen"

// Stale is how long a running job's progress may stand still before another worker takes it
// over (its server stopped).
const Stale = 10 * time.Minute

// progressEvery is how often a running job writes its progress.
const progressEvery = time.Second

// Runner claims and runs jobs.
type Runner struct {
	Store   *store.Store
	Checker screen.Checker // the policies: the one in force on a job's as_of decides
	Now     func() time.Time
	Log     *slog.Logger
}

// Loop runs jobs until ctx is done, looking for one every interval when idle.
func (r *Runner) Loop(ctx context.Context, interval time.Duration) {
	for {
		ran, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Error("job", "err", err)
		}
		if ran {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// RunOnce claims one job and runs it to its end; false when there was none. A job that fails
// is recorded as failed with why, in Chinese; the error returned is only the store's.
func (r *Runner) RunOnce(ctx context.Context) (bool, error) {
	j, ok, err := r.Store.ClaimJob(ctx, r.Now(), Stale)
	if err != nil || !ok {
		return false, err
	}
	done, summary, result, runErr := r.screen(ctx, j)
	if ctx.Err() != nil {
		return true, ctx.Err() // stopped: the job stays running and is taken over once stale
	}
	msg := summary
	if runErr != nil {
		result, msg = nil, "测评未完成："+runErr.Error()
	}
	return true, r.Store.Write(ctx, func(tx *store.Tx) error {
		return tx.FinishJob(ctx, j.ID, done, msg, result, r.Now())
	})
}

// screen runs a screening job: the input to a temporary file (the readers stream from
// files), the result workbook back as bytes.
func (r *Runner) screen(ctx context.Context, j store.Job) (done int, summary string, result []byte, err error) {
	if j.Kind != KindScreen {
		return 0, "", nil, fmt.Errorf("不认识的任务类型 %q", j.Kind)
	}
	input, err := r.Store.JobInput(ctx, j.ID)
	if err != nil {
		return 0, "", nil, err
	}
	dir, err := os.MkdirTemp("", "guantong-job-")
	if err != nil {
		return 0, "", nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+filepath.Ext(j.InputName))
	out := filepath.Join(dir, "result.xlsx")
	if err := os.WriteFile(in, input, 0o600); err != nil {
		return 0, "", nil, err
	}
	rd, err := workbook.Open(in)
	if err != nil {
		var ps workbook.Problems
		if errors.As(err, &ps) {
			return 0, "", nil, errors.New(ps.Error())
		}
		return 0, "", nil, err
	}
	defer rd.Close()
	o, err := screen.Create(out)
	if err != nil {
		return 0, "", nil, err
	}
	sum := screen.NewSummary()
	last := r.Now()
	opts := screen.Options{AsOf: j.AsOf, Progress: func(n int) {
		done = n
		if now := r.Now(); now.Sub(last) >= progressEvery {
			last = now
			if err := r.Store.JobProgress(ctx, j.ID, n, now); err != nil {
				r.Log.Warn("job progress", "job", j.ID, "err", err)
			}
		}
	}}
	err = screen.Run(ctx, rd, []screen.Checker{r.Checker}, opts, func(res *screen.Result) error {
		sum.Add(res)
		return o.Write(res)
	})
	if err != nil {
		o.Abort()
		return done, "", nil, err
	}
	if err := o.Close(sum); err != nil {
		return done, "", nil, err
	}
	result, err = os.ReadFile(out)
	return sum.Read, Summary(sum), result, err
}

// Summary writes a screening's summary as the job's message: one "label：value" per line.
func Summary(s *screen.Summary) string {
	var b strings.Builder
	s.WriteText(&b)
	return b.String()
}
