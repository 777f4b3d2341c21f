package service_test

import (
	"database/sql"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// 职称评审管理暂行规定 through the service: a committee below its minimum cannot be saved,
// nor can a meeting of it be set up or opened; a 中级 expert cannot sit on the 中级 committee;
// a member's term of office ends three years after their appointment.
func TestCommitteeByRegulation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newMeetingWorld(t, dsn, false)
		admin := w.user("admin")
		com, err := w.s.Store().CommitteeFor(ctx, "工程", guantong.Title3)
		if err != nil {
			t.Fatal(err)
		}
		demo, err := w.s.CommitteeMembers(ctx, admin, com.ID)
		if err != nil || len(demo) != 9 {
			t.Fatalf("the demo committee: %d members, %v", len(demo), err)
		}
		var nine []service.MemberInput
		for _, m := range demo {
			nine = append(nine, service.MemberInput{ExpertID: m.ID, Role: m.Role})
			if m.AppointedOn != guantong.Today(t0) {
				t.Errorf("%s appointed on %s", m.Name, m.AppointedOn)
			}
		}

		// Eight is below the nine a 中级 committee for a series must have.
		_, err = w.s.SetCommitteeMembers(ctx, admin, com.ID, nine[:8])
		if es, ok := err.(guantong.FieldErrors); !ok || !strings.Contains(es.Error(), "评委会专家 8 人，少于 9 人") {
			t.Errorf("eight members saved: %v", err)
		}

		// A 中级 expert in place of a member: refused, naming them.
		x, err := w.s.CreateExpert(ctx, admin, service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "钱中级", EmployerID: demo[1].EmployerID, TitleLevel: "中级"}})
		if err != nil {
			t.Fatal(err)
		}
		withX := append(append([]service.MemberInput(nil), nine[:8]...), service.MemberInput{ExpertID: x.ID})
		if _, err := w.s.SetCommitteeMembers(ctx, admin, com.ID, withX); err == nil || !strings.Contains(err.Error(), "钱中级 的职称为中级") {
			t.Errorf("a 中级 expert seated on the 中级 committee: %v", err)
		}
		if got, _ := w.s.CommitteeMembers(ctx, admin, com.ID); len(got) != 9 {
			t.Errorf("a refused membership changed the committee: %d members", len(got))
		}

		// Seated behind the service's back, eight members cannot hold a meeting.
		if err := w.s.Store().Write(ctx, func(tx *store.Tx) error {
			return tx.SetCommitteeMembers(ctx, com.ID, demo[:8])
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.CreateMeeting(ctx, w.user("secretary"), service.NewMeeting{}); guantong.ErrorCode(err) != guantong.EConflict || !strings.Contains(err.Error(), "少于 9 人") {
			t.Errorf("a meeting of eight set up: %v", err)
		}

		// Nine again, set up; one taken out of the meeting's members behind the service's back:
		// the meeting does not open.
		if _, err := w.s.SetCommitteeMembers(ctx, admin, com.ID, nine); err != nil {
			t.Fatal(err)
		}
		m, err := w.s.CreateMeeting(ctx, w.user("secretary"), service.NewMeeting{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rawDB(t, dsn).ExecContext(ctx, `DELETE FROM meeting_members WHERE meeting_id = $1 AND expert_id = $2`, m.ID, demo[8].ID); err != nil {
			t.Fatal(err)
		}
		var present []int64
		for _, mb := range demo[:8] {
			present = append(present, mb.ID)
		}
		if _, err := w.s.SetAttendance(ctx, w.user("secretary"), m.ID, present); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.OpenMeeting(ctx, w.user("secretary"), m.ID); guantong.ErrorCode(err) != guantong.EConflict || !strings.Contains(err.Error(), "少于 9 人") {
			t.Errorf("a meeting of eight opened: %v", err)
		}
		if _, err := w.s.CancelMeeting(ctx, w.user("secretary"), m.ID); err != nil {
			t.Fatal(err)
		}

		// Three years on, the terms are over: no meeting until the members are renewed (续聘).
		later := guantong.Today(t0).AddYears(3)
		if _, err := w.s.CreateMeeting(ctx, w.user("secretary"), service.NewMeeting{HeldOn: later}); err == nil || !strings.Contains(err.Error(), "任期已于") {
			t.Errorf("a meeting after the terms ended: %v", err)
		}
		if _, err := w.s.CreateMeeting(ctx, w.user("secretary"), service.NewMeeting{HeldOn: later.AddDays(-1)}); err != nil {
			t.Errorf("a meeting on the terms' last day: %v", err)
		}
	})
}

// rawDB opens the test's database for writes behind the service's back.
func rawDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, name := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	if store.IsPostgres(dsn) {
		driver, name = "pgx", dsn
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
