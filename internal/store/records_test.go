package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// Users and their sessions: a username finds the user and the hash; a session is found
// until it expires, then removed with the expired ones; a logout removes it at once.
func TestUsersAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, _, _, p := seed(t, s)
		hr := guantong.User{Username: "hr", Name: "王芳", Role: guantong.RoleHR, OrgID: emp.ID, CreatedAt: t0}
		zs := guantong.User{Username: "zhangsan", Name: "张三", Role: guantong.RoleApplicant, PersonID: p.ID, CreatedAt: t0}
		err := s.Write(ctx, func(tx *store.Tx) error {
			for _, u := range []*guantong.User{&hr, &zs} {
				if err := tx.InsertUser(ctx, u, "hash-of-"+u.Username); err != nil {
					return err
				}
			}
			if err := tx.InsertSession(ctx, "short", hr.ID, t0, t0.Add(time.Hour)); err != nil {
				return err
			}
			return tx.InsertSession(ctx, "long", zs.ID, t0, t0.Add(12*time.Hour))
		})
		if err != nil {
			t.Fatal(err)
		}
		u, hash, err := s.UserByUsername(ctx, "hr")
		if err != nil || u != hr || hash != "hash-of-hr" {
			t.Errorf("by username: %+v %q %v", u, hash, err)
		}
		if _, _, err := s.UserByUsername(ctx, "nobody"); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("an unknown username: %v", err)
		}
		if us, err := s.Users(ctx); err != nil || len(us) != 2 || us[0] != hr || us[1] != zs {
			t.Errorf("users: %+v %v", us, err)
		}
		if u, exp, err := s.SessionUser(ctx, "long", t0); err != nil || u != zs || !exp.Equal(t0.Add(12*time.Hour)) {
			t.Errorf("session: %+v %v %v", u, exp, err)
		}
		later := t0.Add(2 * time.Hour)
		if _, _, err := s.SessionUser(ctx, "short", later); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("an expired session: %v", err)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.DeleteExpiredSessions(ctx, later) }); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM sessions`); n != 1 {
			t.Errorf("%d sessions after removing the expired, want 1", n)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, "long") }); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionUser(ctx, "long", t0); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("after logout: %v", err)
		}
	})
}

func count(t *testing.T, s *store.Store, query string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRowContext(ctx, query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A person changes with a version check (五: a fraud bar is written this way); organisations
// are found by kind, a 职改办 by region and a committee by series and level.
func TestPeopleAndOrganisations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, off, com, p := seed(t, s)
		barred := p
		barred.BarredUntil, barred.BarReason = date("2029-12-01"), "证书造假"
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.UpdateApplicant(ctx, &barred, 1) }); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Applicant(ctx, p.ID); err != nil || got.Version != 2 || got.BarredUntil != date("2029-12-01") || got.BarReason != "证书造假" {
			t.Errorf("after the bar: %+v %v", got, err)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.UpdateApplicant(ctx, &barred, 1) }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a stale change to a person: %v", err)
		}
		if _, err := s.Applicant(ctx, 999); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("a missing person: %v", err)
		}
		for _, c := range []struct {
			kind string
			want []int64
		}{{guantong.OrgEmployer, []int64{emp.ID}}, {guantong.OrgCommittee, []int64{com.ID}}, {"", []int64{emp.ID, off.ID, com.ID}}} {
			os, err := s.Organisations(ctx, c.kind)
			var ids []int64
			for _, o := range os {
				ids = append(ids, o.ID)
			}
			if err != nil || len(ids) != len(c.want) || (len(ids) > 0 && ids[0] != c.want[0]) {
				t.Errorf("organisations of kind %q: %v %v", c.kind, ids, err)
			}
		}
		if o, err := s.OfficeFor(ctx, "石家庄市"); err != nil || o.ID != off.ID {
			t.Errorf("office for 石家庄市: %+v %v", o, err)
		}
		if _, err := s.OfficeFor(ctx, "唐山市"); guantong.ErrorCode(err) != guantong.ENotFound || !strings.Contains(err.Error(), "唐山市") {
			t.Errorf("office for 唐山市: %v", err)
		}
		if o, err := s.CommitteeFor(ctx, "工程", guantong.Title3); err != nil || o.ID != com.ID || o.Level != guantong.Title3 {
			t.Errorf("committee: %+v %v", o, err)
		}
		if _, err := s.CommitteeFor(ctx, "工程", guantong.Title1); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("no 正高级 committee: %v", err)
		}
		if engine, want := s.Engine(), map[bool]string{true: store.Postgres, false: store.SQLite}[store.IsPostgres(dsn)]; engine != want {
			t.Errorf("engine %s, want %s", engine, want)
		}
		if err := s.Ping(ctx); err != nil {
			t.Errorf("ping: %v", err)
		}
	})
}

// Objections are listed in order and decided once: a second decision on the same objection
// is EConflict, so that two reviewers cannot both decide it.
func TestObjectionsDecidedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		s := f.s
		var first, second guantong.Objection
		err := s.Write(ctx, func(tx *store.Tx) error {
			for i, o := range []*guantong.Objection{&first, &second} {
				*o = guantong.Objection{ApplicationID: f.app, Notice: guantong.StageNotice, Name: "群众", Contact: "x",
					Text: []string{"一", "二"}[i], Status: guantong.ObjectionOpen, LodgedAt: t0}
				if err := tx.InsertObjection(ctx, o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		decided := first
		decided.Status, decided.Note, decided.DecidedBy, decided.DecidedAt = guantong.ObjectionDismissed, "不属实", "office", t0.Add(time.Hour)
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.DecideObjection(ctx, &decided) }); err != nil {
			t.Fatal(err)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.DecideObjection(ctx, &decided) }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("decided twice: %v", err)
		}
		os, err := s.Objections(ctx, f.app)
		if err != nil || len(os) != 2 || os[0] != decided || os[1] != second {
			t.Errorf("objections:\n%+v\nwant\n%+v\n%+v\n%v", os, decided, second, err)
		}
	})
}

// The pool: an expert changes, leaves and returns; their committees are listed; a login finds
// its expert; during a running meeting the expert holds a seat for the applicant, withdrawn
// once they declare a conflict.
func TestExpertRecordsAndSeats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		s := f.s
		login := guantong.User{Username: "expert9", Name: "专家九", Role: guantong.RoleExpert, CreatedAt: t0}
		var e guantong.Expert
		err := s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.LockCommittees(ctx); err != nil {
				return err
			}
			if err := tx.InsertUser(ctx, &login, "x"); err != nil {
				return err
			}
			var err error
			if e, err = tx.Expert(ctx, f.experts[1]); err != nil {
				return err
			}
			e.Specialty, e.Title, e.Skill, e.Skilled = "焊接", guantong.Title2, guantong.Skill1, true
			if err := tx.UpdateExpert(ctx, e); err != nil {
				return err
			}
			return tx.SetExpertActive(ctx, e.ID, false)
		})
		if err != nil {
			t.Fatal(err)
		}
		e.Active = false
		if got, err := s.Expert(ctx, e.ID); err != nil || got != e {
			t.Errorf("after the change:\n%+v\nwant\n%+v\n%v", got, e, err)
		}
		err = s.Write(ctx, func(tx *store.Tx) error { return tx.UpdateExpert(ctx, guantong.Expert{ID: 999, Name: "x"}) })
		if guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a missing expert updated: %v", err)
		}
		if ids, err := s.ExpertCommittees(ctx, e.ID); err != nil || len(ids) != 1 || ids[0] != f.meeting.CommitteeID {
			t.Errorf("committees: %v %v", ids, err)
		}
		if _, err := s.ExpertByUser(ctx, login.ID); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("a login of no expert: %v", err)
		}
		if _, err := s.DB().ExecContext(ctx, "SELECT 1"); err != nil { // the read pool answers
			t.Fatal(err)
		}
		linkLogin(t, dsn, f.experts[2], login.ID)
		if got, err := s.ExpertByUser(ctx, login.ID); err != nil || got.ID != f.experts[2] {
			t.Errorf("by login: %+v %v", got, err)
		}
		seats, err := s.ReviewSeats(ctx, login.ID, f.app)
		if err != nil || len(seats) != 1 || seats[0].MeetingID != f.meeting.ID || seats[0].Withdrawn {
			t.Errorf("seats: %+v %v", seats, err)
		}
		err = s.Write(ctx, func(tx *store.Tx) error {
			if err := tx.LockCommittee(ctx, f.meeting.CommitteeID); err != nil {
				return err
			}
			if err := tx.SetDecision(ctx, f.meeting.ID, f.app, guantong.DecisionPassed); err != nil {
				return err
			}
			return tx.InsertConflict(ctx, f.meeting.ID, store.DeclaredConflict{ApplicationID: f.app, ExpertID: f.experts[2],
				Reason: "亲属", DeclaredBy: "expert9", DeclaredAt: t0})
		})
		if err != nil {
			t.Fatal(err)
		}
		if seats, err := s.ReviewSeats(ctx, login.ID, f.app); err != nil || len(seats) != 1 || !seats[0].Withdrawn {
			t.Errorf("seats after the declaration: %+v %v", seats, err)
		}
		rec, err := s.MeetingRecord(ctx, f.meeting.ID)
		if err != nil || rec.Applications[0].Decision != guantong.DecisionPassed {
			t.Errorf("decision: %+v %v", rec.Applications, err)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error { return tx.LockCommittee(ctx, 999) }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("locking no committee: %v", err)
		}
	})
}

// linkLogin gives an expert a login beneath the store, as the service does when it creates
// an expert with one.
func linkLogin(t *testing.T, dsn string, expertID, userID int64) {
	rawExec(t, dsn, `UPDATE experts SET user_id = $1 WHERE id = $2`, userID, expertID)
}

// An achievement is taken back once; a certificate is found by its number without hyphens;
// the audit log returns a subject's events in order.
func TestAchievementsCertificatesEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		s := f.s
		var a guantong.AchievementRecord
		err := s.Write(ctx, func(tx *store.Tx) error {
			a = guantong.AchievementRecord{ApplicationID: f.app, Achievement: guantong.Achievement{Type: "技能竞赛获奖", Title: "省赛"}}
			if err := tx.InsertAchievement(ctx, &a); err != nil {
				return err
			}
			app, err := tx.Application(ctx, f.app)
			if err != nil {
				return err
			}
			app.Certificate = "HB-2026-GC-3-000001-X"
			if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
				return err
			}
			for _, action := range []string{"create", "submit"} {
				if _, err := tx.Audit(ctx, t0, "zhangsan", action, "application/1", []byte(`{}`)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		del := func() error {
			return s.Write(ctx, func(tx *store.Tx) error { return tx.DeleteAchievement(ctx, f.app, a.ID) })
		}
		if err := del(); err != nil {
			t.Fatal(err)
		}
		if err := del(); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("deleted twice: %v", err)
		}
		if as, err := s.Achievements(ctx, f.app); err != nil || len(as) != 0 {
			t.Errorf("achievements left: %+v %v", as, err)
		}
		if app, err := s.ApplicationByCompactCertificate(ctx, "HB2026GC3000001X"); err != nil || app.ID != f.app {
			t.Errorf("by compact number: %v", err)
		}
		if _, err := s.ApplicationByCompactCertificate(ctx, "HB2026GC3000002X"); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("an unknown compact number: %v", err)
		}
		es, err := s.Events(ctx, "application/1")
		if err != nil || len(es) != 2 || es[0].Action != "create" || es[1].Action != "submit" {
			t.Errorf("events: %+v %v", es, err)
		}
	})
}

// A PostgreSQL address that cannot be reached is refused with its password hidden.
func TestOpenHidesThePassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second) // a bound on the attempt, not an assertion
	defer cancel()
	_, err := store.Open(ctx, "postgres://guantong:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=5")
	if err == nil {
		t.Fatal("opened a database on port 1")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("the error shows the password: %v", err)
	}
}
