// Package job runs long work kept as rows of the jobs table: a batch screening uploaded on the
// 批量测评 page, or a what-if simulation started on the 政策模拟 page (simulate.go). Any app server's Runner claims a queued job, runs it through internal/screen,
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

	"guantong/internal/policy"
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
	Checker screen.Checker // the policies: the one in force on a job's as_of decides (serve gives the service)
	// Policies returns the two sets a simulation compares: the policies in force and the
	// draft alone (serve gives the service's SimulationPolicies); nil: simulations fail.
	Policies func(draft []byte) (base, proposed *policy.Set, err error)
	Now      func() time.Time
	Log      *slog.Logger
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
	var out outcome
	var runErr error
	failed := "测评未完成："
	switch j.Kind {
	case KindScreen:
		out, runErr = r.screen(ctx, j)
	case KindSimulate:
		failed = "模拟未完成："
		out, runErr = r.simulate(ctx, j)
	default:
		runErr = fmt.Errorf("不认识的任务类型 %q", j.Kind)
	}
	if ctx.Err() != nil {
		return true, ctx.Err() // stopped: the job stays running and is taken over once stale
	}
	if runErr != nil {
		out.result, out.figures, out.summary = nil, nil, failed+runErr.Error()
	}
	return true, r.Store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.FinishJob(ctx, j.ID, out.done, out.summary, out.result, r.Now()); err != nil {
			return err
		}
		if out.figures == nil {
			return nil
		}
		return tx.SetJobFigures(ctx, j.ID, out.figures)
	})
}

// outcome is what a job leaves: how many people it handled, its message, its result file
// and, for a simulation, its figures as JSON.
type outcome struct {
	done            int
	summary         string
	result, figures []byte
}

// workspace is a job's temporary folder with its input written to a file (the readers
// stream from files) and opened; the caller removes dir and closes rd.
func (r *Runner) workspace(ctx context.Context, j store.Job) (dir string, rd *workbook.Reader, err error) {
	input, err := r.Store.JobInput(ctx, j.ID)
	if err != nil {
		return "", nil, err
	}
	if dir, err = os.MkdirTemp("", "guantong-job-"); err != nil {
		return "", nil, err
	}
	in := filepath.Join(dir, "input"+filepath.Ext(j.InputName))
	if err := os.WriteFile(in, input, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if rd, err = workbook.Open(in); err != nil {
		os.RemoveAll(dir)
		var ps workbook.Problems
		if errors.As(err, &ps) {
			return "", nil, errors.New(ps.Error())
		}
		return "", nil, err
	}
	return dir, rd, nil
}

// options are the screening options of a job: its date, and its progress stored at most
// once every progressEvery, so that a reload or another server shows it.
func (r *Runner) options(ctx context.Context, j store.Job, done *int) screen.Options {
	last := r.Now()
	return screen.Options{AsOf: j.AsOf, Progress: func(n int) {
		*done = n
		if now := r.Now(); now.Sub(last) >= progressEvery {
			last = now
			if err := r.Store.JobProgress(ctx, j.ID, n, now); err != nil {
				r.Log.Warn("job progress", "job", j.ID, "err", err)
			}
		}
	}}
}

// withInput runs fn on the job's input, opened from a file in a temporary folder, with the
// path its result workbook goes to and the job's options; then reads the result back. The
// folder is removed after.
func (r *Runner) withInput(ctx context.Context, j store.Job, out *outcome, fn func(rd *workbook.Reader, result string, opts screen.Options) error) error {
	dir, rd, err := r.workspace(ctx, j)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	defer rd.Close()
	path := filepath.Join(dir, "result.xlsx")
	if err := fn(rd, path, r.options(ctx, j, &out.done)); err != nil {
		return err
	}
	out.result, err = os.ReadFile(path)
	return err
}

// screen runs a screening job: the result workbook back as bytes.
func (r *Runner) screen(ctx context.Context, j store.Job) (out outcome, err error) {
	err = r.withInput(ctx, j, &out, func(rd *workbook.Reader, path string, opts screen.Options) error {
		o, err := screen.Create(path)
		if err != nil {
			return err
		}
		sum := screen.NewSummary()
		err = screen.Run(ctx, rd, []screen.Checker{r.Checker}, opts, func(res *screen.Result) error {
			sum.Add(res)
			return o.Write(res)
		})
		if err != nil {
			o.Abort()
			return err
		}
		if err := o.Close(sum); err != nil {
			return err
		}
		out.done, out.summary = sum.Read, Summary(sum)
		return nil
	})
	return out, err
}

// Summary writes a screening's summary as the job's message: one "label：value" per line.
func Summary(s *screen.Summary) string {
	var b strings.Builder
	s.WriteText(&b)
	return b.String()
}
