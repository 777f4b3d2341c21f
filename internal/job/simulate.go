package job

import (
	"context"
	"encoding/json"
	"errors"

	"guantong"
	"guantong/internal/policy"
	"guantong/internal/screen"
	"guantong/internal/store"
	"guantong/internal/whatif"
	"guantong/internal/workbook"
)

// KindSimulate is a what-if simulation: a population in (people.jsonl or the staff
// template), the draft policy file as the job's params; the workbook `guantong simulate`
// writes out, and the figures the page draws stored beside it.
const KindSimulate = "simulate"

// simulate runs a simulation job: every person judged by the policies in force and by the
// draft, streamed (only the counts and a few examples are kept, whatever the population).
func (r *Runner) simulate(ctx context.Context, j store.Job) (out outcome, err error) {
	if r.Policies == nil {
		return out, errors.New("本服务器未配置政策模拟")
	}
	base, draft, err := r.Policies([]byte(j.Params))
	if err != nil {
		return out, err
	}
	err = r.withInput(ctx, j, &out, func(rd *workbook.Reader, path string, opts screen.Options) error {
		rep, err := whatif.NewReport(path)
		if err != nil {
			return err
		}
		if err := screen.Run(ctx, rd, []screen.Checker{base, draft}, opts, rep.Add); err != nil {
			rep.Abort()
			return err
		}
		if err := rep.Close(); err != nil {
			return err
		}
		if rep.AsOf.IsZero() { // nobody read: the figures still name the date asked for
			rep.AsOf = j.AsOf
		}
		f := rep.Figures(name(base, rep.AsOf), name(draft, rep.AsOf))
		out.done, out.summary = rep.Read, f.Scope
		out.figures, err = json.Marshal(f)
		return err
	})
	return out, err
}

// name is the id of a set's policy in force on a date.
func name(s *policy.Set, asOf guantong.Date) string { return s.For(asOf).Params().ID }
