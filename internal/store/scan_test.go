package store_test

import (
	"database/sql"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// rawExec runs a statement on its own connection, beneath the store, to plant a value the
// store itself would never write.
func rawExec(t *testing.T, dsn, query string, args ...any) {
	t.Helper()
	driver := "sqlite"
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// A stored value the store cannot read is an error naming the row and the column, not a
// silent zero: each read below would otherwise return a row with no date or no level.
func TestCorruptValuesAreErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		s := f.s
		var orgID, personID int64
		if err := s.DB().QueryRowContext(ctx, `SELECT employer_id, person_id FROM applications WHERE id = $1`, f.app).Scan(&orgID, &personID); err != nil {
			t.Fatal(err)
		}
		if err := s.Write(ctx, func(tx *store.Tx) error {
			return tx.InsertAchievement(ctx, &guantong.AchievementRecord{ApplicationID: f.app,
				Achievement: guantong.Achievement{Type: "技能竞赛", Title: "省赛一等奖", Date: date("2024-05-20")}})
		}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name, plant, column string
			id                  int64
			undo                string // puts the good value back, so that the next read starts clean
			read                func() error
		}{
			{"expert title level", `UPDATE experts SET title_level = '特级' WHERE id = $1`, "title_level", f.experts[0], `UPDATE experts SET title_level = '' WHERE id = $1`,
				func() error { _, err := s.Expert(ctx, f.experts[0]); return err }},
			{"expert skill level in the pool", `UPDATE experts SET skill_level = '九级' WHERE id = $1`, "skill_level", f.experts[1], `UPDATE experts SET skill_level = '技师' WHERE id = $1`,
				func() error { _, err := s.Experts(ctx); return err }},
			{"committee member's level", `UPDATE experts SET title_level = 'x' WHERE id = $1`, "title_level", f.experts[2], `UPDATE experts SET title_level = '中级' WHERE id = $1`,
				func() error { _, err := s.CommitteeMembers(ctx, f.meeting.CommitteeID); return err }},
			{"organisation level", `UPDATE organisations SET level = '超级' WHERE id = $1`, "level", f.meeting.CommitteeID, `UPDATE organisations SET level = '中级' WHERE id = $1`,
				func() error { _, err := s.Organisation(ctx, f.meeting.CommitteeID); return err }},
			{"applicant's bar", `UPDATE people SET barred_until = '2027-13-01' WHERE id = $1`, "barred_until", personID, `UPDATE people SET barred_until = '2027-12-01' WHERE id = $1`,
				func() error { _, err := s.Applicant(ctx, personID); return err }},
			{"meeting day", `UPDATE meetings SET held_on = '12/10/2026' WHERE id = $1`, "held_on", f.meeting.ID, `UPDATE meetings SET held_on = '2026-12-10' WHERE id = $1`,
				func() error { _, err := s.Meeting(ctx, f.meeting.ID); return err }},
			{"application certified on", `UPDATE applications SET certified_on = 'soon' WHERE id = $1`, "certified_on", f.app, `UPDATE applications SET certified_on = '2026-12-01' WHERE id = $1`,
				func() error { _, err := s.Application(ctx, f.app); return err }},
			{"application notice", `UPDATE applications SET certified_on = '', notice_from = '2026-02-30', notice_until = '2026-03-07' WHERE id = $1`, "notice_from", f.app, `UPDATE applications SET notice_from = '2026-02-28' WHERE id = $1`,
				func() error { _, err := s.Application(ctx, f.app); return err }},
			{"achievement date", `UPDATE achievements SET achieved_on = '2024-5-20' WHERE application_id = $1`, "achieved_on", f.app, `UPDATE achievements SET achieved_on = '2024-05-20' WHERE application_id = $1`,
				func() error { _, err := s.Achievements(ctx, f.app); return err }},
		}
		for _, tt := range tests {
			rawExec(t, dsn, tt.plant, tt.id)
			err := tt.read()
			if err == nil || !strings.Contains(err.Error(), "column "+tt.column) {
				t.Errorf("%s: got %v, want an error naming column %s", tt.name, err, tt.column)
			}
			if guantong.ErrorCode(err) != guantong.EInternal {
				t.Errorf("%s: code %s, want internal (logged, a 500)", tt.name, guantong.ErrorCode(err))
			}
			rawExec(t, dsn, tt.undo, tt.id)
			if err := tt.read(); err != nil {
				t.Errorf("%s: after putting it right: %v", tt.name, err)
			}
		}
	})
}

// Duplicates are found by the engine's error code (SQLite's constraint codes, PostgreSQL's
// 23505), and only they are EConflict: a broken foreign key is not a duplicate.
func TestDuplicatesByEngineCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, _, _, p := seed(t, s)
		write := func(fn func(tx *store.Tx) error) error { return s.Write(ctx, fn) }
		expertUser := guantong.User{Username: "expert1", Name: "专家甲", Role: guantong.RoleExpert, CreatedAt: t0}
		tests := []struct {
			name string
			do   func(tx *store.Tx) error
			code string
		}{
			{"organisations: kind and name unique", func(tx *store.Tx) error {
				return tx.InsertOrganisation(ctx, &guantong.Organisation{Kind: guantong.OrgEmployer, Name: emp.Name, CreatedAt: t0})
			}, guantong.EConflict},
			{"people: ID number unique", func(tx *store.Tx) error {
				return tx.InsertApplicant(ctx, &guantong.Applicant{Name: "李四", IDNumber: p.IDNumber, EmployerID: emp.ID, CreatedAt: t0})
			}, guantong.EConflict},
			{"users: username unique", func(tx *store.Tx) error {
				return tx.InsertUser(ctx, &guantong.User{Username: "hr1", Name: "王五", Role: guantong.RoleHR, OrgID: emp.ID, CreatedAt: t0}, "x")
			}, guantong.EConflict},
			{"experts: one expert per login", func(tx *store.Tx) error {
				return tx.InsertExpert(ctx, &guantong.Expert{Name: "专家乙", EmployerID: emp.ID, UserID: expertUser.ID, Active: true, CreatedAt: t0})
			}, guantong.EConflict},
			{"a missing employer is no duplicate", func(tx *store.Tx) error {
				return tx.InsertApplicant(ctx, &guantong.Applicant{Name: "赵六", IDNumber: "130102199001011253", EmployerID: 9999, CreatedAt: t0})
			}, guantong.EInternal},
		}
		if err := write(func(tx *store.Tx) error {
			if err := tx.InsertUser(ctx, &guantong.User{Username: "hr1", Name: "王五", Role: guantong.RoleHR, OrgID: emp.ID, CreatedAt: t0}, "x"); err != nil {
				return err
			}
			if err := tx.InsertUser(ctx, &expertUser, "x"); err != nil {
				return err
			}
			return tx.InsertExpert(ctx, &guantong.Expert{Name: "专家甲", EmployerID: emp.ID, UserID: expertUser.ID, Active: true, CreatedAt: t0})
		}); err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			err := write(tt.do)
			if got := guantong.ErrorCode(err); got != tt.code {
				t.Errorf("%s: %v (code %q), want %q", tt.name, err, got, tt.code)
			}
		}
	})
}
