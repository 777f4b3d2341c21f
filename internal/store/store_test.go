package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

var ctx = context.Background()

var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func date(s string) guantong.Date {
	d, err := guantong.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// seed stores an employer, an office, a committee and a person.
func seed(t *testing.T, s *store.Store) (emp, off, com guantong.Organisation, p guantong.Applicant) {
	t.Helper()
	err := s.Write(ctx, func(tx *store.Tx) error {
		emp = guantong.Organisation{Kind: guantong.OrgEmployer, Name: "某钢铁公司", Region: "石家庄市", EmployerKind: guantong.KindEnterprise, CreatedAt: t0}
		off = guantong.Organisation{Kind: guantong.OrgOffice, Name: "石家庄市职改办", Region: "石家庄市", CreatedAt: t0}
		com = guantong.Organisation{Kind: guantong.OrgCommittee, Name: "工程系列中级评委会", Series: "工程", Level: guantong.Title3, CreatedAt: t0}
		for _, o := range []*guantong.Organisation{&emp, &off, &com} {
			if err := tx.InsertOrganisation(ctx, o); err != nil {
				return err
			}
		}
		p = guantong.Applicant{Name: "张三", IDNumber: "130102199001011237", Phone: "13812345678", EmployerID: emp.ID, CreatedAt: t0}
		return tx.InsertApplicant(ctx, &p)
	})
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestOpenMigratesOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		s.Close()
		s = storetest.Open(t, dsn) // a second start finds the migrations applied
		files, _ := filepath.Glob("migrations/" + s.Engine() + "/*.sql")
		last, _ := strconv.Atoi(filepath.Base(files[len(files)-1])[:4])
		if v, err := s.Version(ctx); err != nil || v != last || last < 4 {
			t.Errorf("version %d, %v; the last migration is %d", v, err, last)
		}
	})
}

func TestApplicationRoundTripAndVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, off, com, p := seed(t, s)
		score := 88.5
		a := guantong.Application{
			Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID, OfficeID: off.ID,
			CommitteeID: com.ID, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, OccupationCode: "6-20-01-01",
			Stage: guantong.StageNotice, Document: json.RawMessage(`{"skills":[]}`),
			Check:        &guantong.CheckRecord{AsOf: date("2026-11-30"), Policy: "hebei-2021", Option: guantong.Option{Route: guantong.RouteTitleReview, Level: guantong.Level{Title: guantong.Title3}, Eligible: true, Reasons: []guantong.Reason{{Clause: "三(一)2", Met: true, Text: "满3年"}}}, Warnings: []string{}},
			ReviewGroup:  "高技能人才组",
			Theory:       &guantong.Result{Passed: true, Score: &score, On: date("2026-11-29")},
			Notice:       &guantong.Period{From: date("2026-11-30"), Until: date("2026-12-07")},
			Certificate:  "冀职称-2026-GC-000001",
			CertifiedOn:  date("2026-12-20"),
			RevokeReason: "",
			CreatedAt:    t0, UpdatedAt: t0,
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.InsertApplication(ctx, &a) }); err != nil {
			t.Fatal(err)
		}
		got, err := s.Application(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.StageName = a.Stage.Name()
		if !reflect.DeepEqual(got, a) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, a)
		}

		// A stale version changes nothing and is EConflict.
		changed := got
		changed.Stage = guantong.StageCommittee
		err = s.Write(ctx, func(tx *store.Tx) error { return tx.UpdateApplication(ctx, &changed, 7) })
		if guantong.ErrorCode(err) != guantong.EConflict {
			t.Fatalf("stale update: %v", err)
		}
		if again, _ := s.Application(ctx, a.ID); again.Stage != guantong.StageNotice || again.Version != 1 {
			t.Errorf("stale update wrote: %s v%d", again.Stage, again.Version)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.UpdateApplication(ctx, &changed, 1) }); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Application(ctx, a.ID); again.Stage != guantong.StageCommittee || again.Version != 2 {
			t.Errorf("after update: %s v%d", again.Stage, again.Version)
		}
		if _, err := s.Application(ctx, 999); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("missing application: %v", err)
		}
		if c, err := s.ApplicationByCertificate(ctx, "冀职称-2026-GC-000001"); err != nil || c.ID != a.ID {
			t.Errorf("by certificate: %v", err)
		}
		list, err := s.Applications(ctx, store.Filter{OfficeID: off.ID, Stages: []guantong.Stage{guantong.StageCommittee}})
		if err != nil || len(list) != 1 {
			t.Errorf("filter: %d, %v", len(list), err)
		}
		list, _ = s.Applications(ctx, store.Filter{OfficeID: off.ID + 100})
		if len(list) != 0 {
			t.Errorf("filter on another office: %d", len(list))
		}
	})
}

// Two writers holding the same version: exactly one wins, on either engine.
func TestConcurrentWritersOneWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, _, _, p := seed(t, s)
		a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
			Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageDraft, Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.InsertApplication(ctx, &a) }); err != nil {
			t.Fatal(err)
		}
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.Write(ctx, func(tx *store.Tx) error {
					b, err := tx.Application(ctx, a.ID)
					if err != nil {
						return err
					}
					b.Series = "工程"
					if err := tx.UpdateApplication(ctx, &b, 1); err != nil {
						return err
					}
					_, err = tx.Audit(ctx, t0, "test", "edit", "application/1", []byte(`{}`))
					return err
				})
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch guantong.ErrorCode(err) {
			case "":
				won++
			case guantong.EConflict:
			default:
				t.Errorf("writer: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d writers won", won)
		}
		r, err := audit.Verify(ctx, s.DB())
		if err != nil || r.Problem != nil || r.Rows != 1 {
			t.Errorf("audit after the race: %+v, %v", r, err)
		}
	})
}

func TestSessionsCountersFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, _, _, p := seed(t, s)
		u := guantong.User{Username: "zhangsan", Name: "张三", Role: guantong.RoleApplicant, PersonID: p.ID, CreatedAt: t0}
		err := s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertUser(ctx, &u, "hash"); err != nil {
				return err
			}
			return tx.InsertSession(ctx, "tok", u.ID, t0, t0.Add(time.Hour))
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _, err := s.SessionUser(ctx, "tok", t0.Add(time.Minute)); err != nil || got.ID != u.ID || got.PersonID != p.ID {
			t.Errorf("session: %+v %v", got, err)
		}
		if _, _, err := s.SessionUser(ctx, "tok", t0.Add(time.Hour)); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("expired session: %v", err)
		}
		dup := guantong.User{Username: "zhangsan", Role: guantong.RoleAdmin, CreatedAt: t0}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.InsertUser(ctx, &dup, "h") }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("duplicate username: %v", err)
		}
		var nums []int64
		for range 3 {
			s.Write(ctx, func(tx *store.Tx) error {
				n, err := tx.NextNumber(ctx, "冀职称-2026-GC")
				nums = append(nums, n)
				return err
			})
		}
		if !reflect.DeepEqual(nums, []int64{1, 2, 3}) {
			t.Errorf("counter %v", nums)
		}
		a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
			Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageDraft, Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
		data := []byte("%PDF-1.4 test")
		f1 := guantong.File{Name: "a.pdf", Type: guantong.TypePDF, Size: int64(len(data)), SHA256: "abc", UploadedBy: "zhangsan", UploadedAt: t0}
		err = s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertApplication(ctx, &a); err != nil {
				return err
			}
			f1.ApplicationID = a.ID
			f2 := f1
			f2.Name = "same.pdf"
			if err := tx.InsertFile(ctx, &f1, data); err != nil {
				return err
			}
			return tx.InsertFile(ctx, &f2, data) // same contents: stored once
		})
		if err != nil {
			t.Fatal(err)
		}
		files, _ := s.Files(ctx, a.ID)
		got, body, err := s.File(ctx, a.ID, f1.ID)
		if err != nil || len(files) != 2 || string(body) != string(data) || got.Name != "a.pdf" {
			t.Errorf("files %d, %q, %v", len(files), body, err)
		}
		if _, _, err := s.File(ctx, a.ID+1, f1.ID); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("a file through another application: %v", err)
		}
	})
}

func TestBackupIsConsistentAndOnline(t *testing.T) {
	dsn := storetest.SQLite(t)
	s := storetest.Open(t, dsn)
	seed(t, s)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // writers carry on during the backup
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			s.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Audit(ctx, t0, "test", "tick", "x", []byte(`{}`))
				return err
			})
		}
	}()
	time.Sleep(20 * time.Millisecond)
	path := filepath.Join(t.TempDir(), "copy.db")
	err := s.Backup(ctx, path)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Open(t, path)
	r, err := audit.Verify(ctx, c.DB())
	if err != nil || r.Problem != nil || r.Rows == 0 {
		t.Errorf("backup audit: %+v %v", r, err)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("backup over an existing file")
	}
}
