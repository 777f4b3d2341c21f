package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// A job is queued with its input, claimed by one worker only, shows its progress to any
// reader, is taken over when its worker stops moving, and ends with its result or why it
// failed; on both engines.
func TestJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := storetest.Open(t, dsn)
		u := guantong.User{Username: "hr1", Name: "王五", Role: guantong.RoleAdmin, CreatedAt: t0}
		a := store.Job{Kind: "screen", InputName: "员工.xlsx", AsOf: guantong.MakeDate(2026, 12, 31), CreatedAt: t0}
		b := a
		err := s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertUser(ctx, &u, "x"); err != nil {
				return err
			}
			a.OwnerID, b.OwnerID = u.ID, u.ID
			if err := tx.InsertJob(ctx, &a, []byte("input a")); err != nil {
				return err
			}
			return tx.InsertJob(ctx, &b, []byte("input b"))
		})
		if err != nil {
			t.Fatal(err)
		}

		got, ok, err := s.ClaimJob(ctx, t0.Add(time.Second), 10*time.Minute)
		if err != nil || !ok || got.ID != a.ID || got.Status != store.JobRunning {
			t.Fatalf("first claim: %+v %v %v, want job %d running", got, ok, err, a.ID)
		}
		got, ok, _ = s.ClaimJob(ctx, t0.Add(2*time.Second), 10*time.Minute)
		if !ok || got.ID != b.ID {
			t.Fatalf("second claim: %+v %v, want job %d (the first is taken)", got, ok, b.ID)
		}
		if _, ok, _ := s.ClaimJob(ctx, t0.Add(3*time.Second), 10*time.Minute); ok {
			t.Fatal("a third claim found a job: both are running")
		}
		if err := s.JobProgress(ctx, a.ID, 4096, t0.Add(20*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if j, _ := s.Job(ctx, a.ID); j.Done != 4096 || j.Status != store.JobRunning || !j.AsOf.Equal(a.AsOf) {
			t.Errorf("progress: %+v", j)
		}
		// b's worker stopped: 10 minutes later another worker takes it over, and a, still moving,
		// stays with its worker.
		got, ok, _ = s.ClaimJob(ctx, t0.Add(15*time.Minute), 10*time.Minute)
		if !ok || got.ID != b.ID || got.Done != 0 {
			t.Errorf("take-over: %+v %v, want job %d", got, ok, b.ID)
		}
		in, err := s.JobInput(ctx, b.ID)
		if err != nil || string(in) != "input b" {
			t.Errorf("input: %q %v", in, err)
		}

		err = s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.FinishJob(ctx, a.ID, 3, "读取人数：3", []byte("PK result"), t0.Add(21*time.Minute)); err != nil {
				return err
			}
			return tx.FinishJob(ctx, b.ID, 0, "测评未完成：缺少“姓名”列", nil, t0.Add(21*time.Minute))
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.JobResult(ctx, a.ID)
		if err != nil || !bytes.Equal(res, []byte("PK result")) {
			t.Errorf("result: %q %v", res, err)
		}
		if _, err := s.JobResult(ctx, b.ID); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("result of a failed job: %v", err)
		}
		jobs, err := s.JobsOf(ctx, u.ID, "screen", 10)
		if err != nil || len(jobs) != 2 || jobs[0].ID != b.ID || jobs[0].Status != store.JobFailed || !jobs[1].HasResult || jobs[1].Status != store.JobDone {
			t.Errorf("jobs of the owner, newest first: %+v %v", jobs, err)
		}

		// A simulation keeps its settings beside its input and its figures beside its
		// result; the screenings' list does not show it, everyone's list of its kind does.
		sim := store.Job{Kind: "simulate", OwnerID: u.ID, InputName: "people.jsonl", Params: `{"draft":"d"}`, AsOf: a.AsOf, CreatedAt: t0}
		err = s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertJob(ctx, &sim, []byte("{}")); err != nil {
				return err
			}
			if err := tx.FinishJob(ctx, sim.ID, 1, "", []byte("PK"), t0.Add(22*time.Minute)); err != nil {
				return err
			}
			return tx.SetJobFigures(ctx, sim.ID, []byte(`{"read":1}`))
		})
		if err != nil {
			t.Fatal(err)
		}
		if fig, err := s.JobFigures(ctx, sim.ID); err != nil || string(fig) != `{"read":1}` {
			t.Errorf("figures: %q %v", fig, err)
		}
		if fig, err := s.JobFigures(ctx, a.ID); err != nil || fig != nil {
			t.Errorf("figures of a screening: %q %v, want none", fig, err)
		}
		if jobs, _ := s.JobsOf(ctx, u.ID, "screen", 10); len(jobs) != 2 {
			t.Errorf("screenings: %d jobs, want 2 (not the simulation)", len(jobs))
		}
		if jobs, err := s.JobsOf(ctx, 0, "simulate", 10); err != nil || len(jobs) != 1 || jobs[0].Params != sim.Params {
			t.Errorf("everyone's simulations: %+v %v", jobs, err)
		}
	})
}
