package job_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"guantong"
	"guantong/data"
	"guantong/internal/catalog"
	"guantong/internal/job"
	"guantong/internal/policy"
	"guantong/internal/population"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/whatif"
)

var t0 = time.Date(2026, 12, 31, 4, 0, 0, 0, time.UTC)

// owners numbers the owners queue makes, one per job.
var owners int

// queue stores a simulation of n seeded people with the built-in policy as its draft.
func queue(tb testing.TB, st *store.Store, n int) store.Job {
	tb.Helper()
	var people bytes.Buffer
	if err := population.New(1, guantong.Date{}, catalog.Default()).Write(context.Background(), &people, n, nil); err != nil {
		tb.Fatal(err)
	}
	draft, err := data.Policies.ReadFile("policy/" + policy.DefaultID + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	owners++
	u := guantong.User{Username: "admin" + strconv.Itoa(owners), Name: "管理员", Role: guantong.RoleAdmin, CreatedAt: t0}
	j := store.Job{Kind: job.KindSimulate, InputName: "people.jsonl", Params: string(draft), AsOf: guantong.MakeDate(2026, 12, 31), CreatedAt: t0}
	err = st.Write(context.Background(), func(tx *store.Tx) error {
		if err := tx.InsertUser(context.Background(), &u, "x"); err != nil {
			return err
		}
		j.OwnerID = u.ID
		return tx.InsertJob(context.Background(), &j, people.Bytes())
	})
	if err != nil {
		tb.Fatal(err)
	}
	return j
}

func runner(st *store.Store, policies func([]byte) (*policy.Set, *policy.Set, error)) *job.Runner {
	return &job.Runner{Store: st, Checker: policy.DefaultSet(), Policies: policies, Now: func() time.Time { return t0 },
		Log: slog.New(slog.DiscardHandler)}
}

// sameTwice compares the built-in policies with themselves.
func sameTwice([]byte) (*policy.Set, *policy.Set, error) {
	return policy.DefaultSet(), policy.DefaultSet(), nil
}

// A simulation of a draft identical to the policy in force finds nobody changed and stores
// its figures and workbook; a server without the simulation's policies fails the job with
// why, in Chinese, instead of leaving it queued.
func TestSimulationJob(t *testing.T) {
	st := storetest.Open(t, storetest.SQLite(t))
	j := queue(t, st, 300)
	if ran, err := runner(st, sameTwice).RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce: %v %v", ran, err)
	}
	got, _ := st.Job(context.Background(), j.ID)
	b, err := st.JobFigures(context.Background(), j.ID)
	var f whatif.Figures
	if err == nil {
		err = json.Unmarshal(b, &f)
	}
	if got.Status != store.JobDone || !got.HasResult || got.Done != 300 || err != nil || f.Read != 300 || f.Changed != 0 || len(f.Charts) != 4 {
		t.Errorf("the same policy twice: %+v, figures %+v %v", got, f, err)
	}

	j = queue(t, st, 10)
	if ran, err := runner(st, nil).RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce: %v %v", ran, err)
	}
	if got, _ := st.Job(context.Background(), j.ID); got.Status != store.JobFailed || got.Message != "模拟未完成：本服务器未配置政策模拟" {
		t.Errorf("no policies: %+v", got)
	}
}

// BenchmarkSimulationJob runs a whole simulation job as a server's worker does: the input
// read from the database to a file, every person judged twice, the workbook and figures
// stored, with 三(一)2's two-year draft. It reports people/s and the most the Go heap held
// during the job (not the queued input, written before); GUANTONG_BENCH_PEOPLE sets the
// population (default 20,000; docs/performance.md).
func BenchmarkSimulationJob(b *testing.B) {
	n := 20000
	if s := os.Getenv("GUANTONG_BENCH_PEOPLE"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	st := storetest.Open(b, storetest.SQLite(b))
	raw, err := data.Policies.ReadFile("policy/" + policy.DefaultID + ".json")
	if err != nil {
		b.Fatal(err)
	}
	// 三(一)2 with 2 years instead of 3: changes to count and to write on 变化明细.
	p, err := policy.Load(bytes.NewReader(bytes.Replace(raw, []byte(`{"skill": "技师", "title": "中级", "years": 3}`),
		[]byte(`{"skill": "技师", "title": "中级", "years": 2}`), 1)))
	if err != nil {
		b.Fatal(err)
	}
	draft := policy.SetOf(policy.New(p, catalog.Default()))
	twoYears := func([]byte) (*policy.Set, *policy.Set, error) { return policy.DefaultSet(), draft, nil }
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		j := queue(b, st, n)
		runtime.GC()
		debug.FreeOSMemory()
		b.StartTimer()
		peak = max(peak, peakHeap(func() {
			if ran, err := runner(st, twoYears).RunOnce(context.Background()); !ran || err != nil {
				b.Fatalf("RunOnce: %v %v", ran, err)
			}
		}))
		if got, _ := st.Job(context.Background(), j.ID); got.Status != store.JobDone {
			b.Fatalf("the job: %+v", got)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "people/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// peakHeap runs f and returns the most memory the Go heap held while it ran (sampled every
// 20 ms; the queued input and the population written for it are freed before).
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64()+sample[1].Value.Uint64())
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			read()
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	<-stopped
	read()
	return peak
}
