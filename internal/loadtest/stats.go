package loadtest

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// stats collects the latency and status of every request under load, by kind.
type stats struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
}

type kindStats struct {
	times  []time.Duration
	status map[int]int // 0: no answer (the connection failed)
}

func newStats() *stats { return &stats{kinds: map[string]*kindStats{}} }

func (s *stats) reset() {
	s.mu.Lock()
	s.kinds = map[string]*kindStats{}
	s.mu.Unlock()
}

func (s *stats) add(kind string, status int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.kinds[kind]
	if k == nil {
		k = &kindStats{status: map[int]int{}}
		s.kinds[kind] = k
	}
	k.times = append(k.times, d)
	k.status[status]++
}

// Report is the outcome of a run.
type Report struct {
	Targets      []string
	Clients      int
	Elapsed      time.Duration
	Kinds        []Kind
	Acknowledged int // writes the servers acknowledged (2xx), read back afterwards
	Lost         int // of those, the ones not found as acknowledged

	// The setup, before the load: applicant accounts, the applications it took through
	// the employer's 公示 for HR to recommend, the days the clock was moved, its time.
	Applicants, Seeded, ClockDays int
	SetupTook                     time.Duration
}

// Kind is the figures of one kind of request.
type Kind struct {
	Name      string
	Requests  int
	PerSecond float64
	P50, P99  time.Duration
	Status    map[int]int // by HTTP status; 0 is no answer
}

func (s *stats) report(elapsed time.Duration) *Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := &Report{Elapsed: elapsed}
	for name, k := range s.kinds {
		ts := slices.Clone(k.times)
		slices.Sort(ts)
		rep.Kinds = append(rep.Kinds, Kind{Name: name, Requests: len(ts), PerSecond: float64(len(ts)) / elapsed.Seconds(),
			P50: ts[len(ts)*50/100], P99: ts[len(ts)*99/100], Status: k.status})
	}
	sort.Slice(rep.Kinds, func(i, j int) bool { return rep.Kinds[i].Name < rep.Kinds[j].Name })
	return rep
}

// ServerErrors is the number of 5xx answers and requests without an answer.
func (rep *Report) ServerErrors() int {
	n := 0
	for _, k := range rep.Kinds {
		for st, c := range k.Status {
			if st == 0 || st >= 500 {
				n += c
			}
		}
	}
	return n
}

// Write prints the report as a Markdown table, for docs/performance.md.
func (rep *Report) Write(w io.Writer) {
	total := 0
	fmt.Fprintf(w, "%d clients against %s for %.1f s\n\n", rep.Clients, strings.Join(rep.Targets, ", "), rep.Elapsed.Seconds())
	fmt.Fprintf(w, "Setup (%.1f s): %d applicants; %d applications through the employer's 公示, the clock moved %d days past its end\n\n",
		rep.SetupTook.Seconds(), rep.Applicants, rep.Seeded, rep.ClockDays)
	fmt.Fprintln(w, "| kind | requests | per second | p50 | p99 | answers |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---|")
	for _, k := range rep.Kinds {
		total += k.Requests
		var codes []int
		for st := range k.Status {
			codes = append(codes, st)
		}
		slices.Sort(codes)
		var parts []string
		for _, st := range codes {
			label := fmt.Sprint(st)
			if st == 0 {
				label = "no answer"
			}
			parts = append(parts, fmt.Sprintf("%s × %d", label, k.Status[st]))
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s |\n", k.Name, k.Requests, k.PerSecond, ms(k.P50), ms(k.P99), strings.Join(parts, ", "))
	}
	fmt.Fprintf(w, "| all | %d | %.0f | | | 5xx or no answer: %d |\n\n", total, float64(total)/rep.Elapsed.Seconds(), rep.ServerErrors())
	fmt.Fprintf(w, "Acknowledged writes read back: %d, lost: %d\n", rep.Acknowledged, rep.Lost)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// verify reads back every application with an acknowledged write, as the admin, and counts
// the writes (each acknowledged version, and each file) not found.
func (r *run) verify(ctx context.Context) (acknowledged, lost int) {
	type job struct {
		id int64
		k  *ack
	}
	jobs := make(chan job)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for j := range jobs {
				n := j.k.version + len(j.k.files) // a version stands for the writes that made it
				bad := r.lostWrites(ctx, j.id, j.k)
				mu.Lock()
				acknowledged, lost = acknowledged+n, lost+bad
				mu.Unlock()
			}
		})
	}
	for id, k := range r.acked {
		jobs <- job{id, k}
	}
	close(jobs)
	wg.Wait()
	return acknowledged, lost
}

// lostWrites compares one application with what was acknowledged of it.
func (r *run) lostWrites(ctx context.Context, id int64, k *ack) int {
	var a app
	if _, err := r.call(ctx, request{token: r.admin, method: "GET", path: fmt.Sprintf("/api/v1/applications/%d", id), out: &a}); err != nil {
		return k.version + len(k.files)
	}
	lost := 0
	if a.Version < k.version {
		lost += k.version - a.Version
	} else if a.Version == k.version && k.stage != "" && a.Stage != k.stage {
		lost++ // acknowledged at this version in another stage
	}
	var files []app // the files' IDs are all that is read
	if _, err := r.call(ctx, request{token: r.admin, method: "GET", path: fmt.Sprintf("/api/v1/applications/%d/files", id), out: &files}); err != nil {
		return lost + len(k.files)
	}
	for _, f := range k.files {
		if !slices.ContainsFunc(files, func(g app) bool { return g.ID == f }) {
			lost++
		}
	}
	return lost
}
