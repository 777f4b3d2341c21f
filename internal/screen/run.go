// Package screen runs a stream of people through the policy engine: a workforce from the
// staff template, a population from `guantong population`. It reads, checks and hands back
// the results in input order with bounded memory, spreading the checks over a bounded pool
// of workers; it knows no HTTP and no SQL, so the command line, a page's job and the what-if
// runner share it.
package screen

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"guantong"
	"guantong/internal/workbook"
)

// Checker judges one person: a policy engine, or a set of dated policies where the one in
// force on the date decides (*policy.Engine, *policy.Set).
type Checker interface {
	Check(req guantong.Request) guantong.Answer
}

// Result is one person's outcome: the record as read and, when it has no problems, the
// answer under each checker given to Run (one for screening, two for what-if).
type Result struct {
	Record  workbook.Record
	Answers []guantong.Answer
}

// Options tune a run.
type Options struct {
	AsOf     guantong.Date // the date people are judged on, over a JSON document's own as_of
	Today    guantong.Date // the date for a document with no as_of when AsOf is zero
	Workers  int           // 0: one per core
	Progress func(people int)
}

// batchSize is how many people a worker takes at once: large enough that handing over is
// cheap, small enough that memory stays a few batches per worker.
const batchSize = 256

type batch struct {
	raws    []workbook.Raw
	results []Result
	done    chan struct{}
}

// Run reads every row of r, decodes and checks each under every checker, and calls emit for
// each result in input order. At most a few batches per worker are in memory at once. It
// stops at the first error of the reader or of emit, or when ctx is done.
func Run(ctx context.Context, r *workbook.Reader, checkers []Checker, opts Options, emit func(*Result) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *batch, workers)
	order := make(chan *batch, 2*workers) // batches in input order; its capacity bounds memory
	readErr := make(chan error, 1)

	var wg sync.WaitGroup
	// On an early return, the reader and the workers stop before the caller closes the file.
	defer wg.Wait()
	defer cancel()
	wg.Go(func() { // the reader: one goroutine, since a file is read in order
		defer close(work)
		defer close(order)
		readErr <- read(ctx, r, work, order)
	})
	for range workers {
		wg.Go(func() {
			for b := range work {
				b.results = make([]Result, len(b.raws))
				for i, raw := range b.raws {
					b.results[i] = check(r.Decode(raw), checkers, opts)
				}
				b.raws = nil
				close(b.done)
			}
		})
	}
	people := 0
	for b := range order {
		select {
		case <-b.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		for i := range b.results {
			if err := emit(&b.results[i]); err != nil {
				cancel()
				return err
			}
		}
		people += len(b.results)
		if opts.Progress != nil {
			opts.Progress(people)
		}
	}
	if err := <-readErr; err != nil {
		return err
	}
	return ctx.Err()
}

func read(ctx context.Context, r *workbook.Reader, work, order chan<- *batch) error {
	for {
		b := &batch{raws: make([]workbook.Raw, 0, batchSize), done: make(chan struct{})}
		var err error
		for len(b.raws) < batchSize {
			var raw workbook.Raw
			if raw, err = r.Next(); err != nil {
				break
			}
			b.raws = append(b.raws, raw)
		}
		if len(b.raws) > 0 {
			select { // order first: the consumer waits on batches in this order
			case order <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// check runs a record through every checker.
func check(rec workbook.Record, checkers []Checker, opts Options) Result {
	res := Result{Record: rec}
	if len(rec.Problems) > 0 {
		return res
	}
	req := guantong.Request{AsOf: opts.AsOf, Person: rec.Person}
	if req.AsOf.IsZero() {
		req.AsOf = rec.AsOf
	}
	if req.AsOf.IsZero() {
		req.AsOf = opts.Today
	}
	res.Answers = make([]guantong.Answer, len(checkers))
	for i, e := range checkers {
		res.Answers[i] = e.Check(req)
	}
	return res
}
