package service_test

import (
	"strings"
	"testing"
	"time"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// 复查, as its own case: 张三, failed by a meeting, asks for it with a reason, once while one is
// open, and only within the regulation's period; the committee's secretary takes it up and
// concludes with an answer; each step is on the application's record.
func TestRecheck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newMeetingWorld(t, dsn, false)
		zs := w.apps[0]
		m := w.opened()
		if _, err := w.s.RequestRecheck(ctx, w.user("zhangsan"), zs, "评分有误"); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("复查 before any result: %v", err)
		}
		if _, err := w.s.EnterScores(ctx, w.user("expert2"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("55", "90", "90")}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.CloseMeeting(ctx, w.user("secretary"), m.ID); err != nil {
			t.Fatal(err)
		}

		zhang := w.user("zhangsan")
		if _, err := w.s.RequestRecheck(ctx, zhang, zs, " "); !isFieldError(err, "reason") {
			t.Errorf("复查 without a reason: %v", err)
		}
		if _, err := w.s.RequestRecheck(ctx, w.user("lisi"), zs, "x"); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("复查 of another's result: %v", err)
		}
		c, err := w.s.RequestRecheck(ctx, zhang, zs, "业绩评审评分与所附材料不符")
		if err != nil || c.Stage != committee.RecheckRequested || c.MeetingID != m.ID {
			t.Fatalf("复查: %+v %v", c, err)
		}
		if _, err := w.s.RequestRecheck(ctx, zhang, zs, "再次申请"); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a second 复查 while one is open: %v", err)
		}
		if _, err := w.s.HandleRecheck(ctx, zhang, c.ID, committee.RecheckAccepted, ""); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("the applicant handling their own 复查: %v", err)
		}
		if _, err := w.s.HandleRecheck(ctx, w.user("secretary"), c.ID, committee.RecheckMaintained, "x"); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("concluded before being accepted: %v", err)
		}
		if c, err = w.s.HandleRecheck(ctx, w.user("secretary"), c.ID, committee.RecheckAccepted, ""); err != nil || c.Stage != committee.RecheckAccepted {
			t.Fatalf("accepted: %+v %v", c, err)
		}
		if _, err := w.s.HandleRecheck(ctx, w.user("secretary"), c.ID, committee.RecheckMaintained, ""); !isFieldError(err, "note") {
			t.Errorf("concluded without an answer: %v", err)
		}
		c, err = w.s.HandleRecheck(ctx, w.user("secretary"), c.ID, committee.RecheckMaintained, "经核对评分表与材料，评分无误，维持原评审结果")
		if err != nil || c.Stage != committee.RecheckMaintained || c.HandledBy == "" {
			t.Fatalf("maintained: %+v %v", c, err)
		}
		list, err := w.s.Rechecks(ctx, zhang, zs)
		if err != nil || len(list) != 1 || list[0].Note == "" {
			t.Errorf("the applicant's 复查: %+v %v", list, err)
		}
		events, _ := w.s.Store().Events(ctx, "application/1")
		var actions []string
		for _, e := range events {
			if strings.HasPrefix(e.Action, "recheck_") {
				actions = append(actions, e.Action)
			}
		}
		if strings.Join(actions, " ") != "recheck_request recheck_accepted recheck_maintained" {
			t.Errorf("the record: %v", actions)
		}

		// A new request, after the period: refused with its last day.
		clock := service.NewClock(func() time.Time { return t0 })
		later := service.New(service.Config{Store: w.s.Store(), Engine: w.s.Engine(), Now: clock.Now, BcryptCost: 4})
		clock.Advance(time.Duration(committee.BuiltinRegulation().RecheckDays+1) * 24 * time.Hour)
		if _, err := later.RequestRecheck(ctx, zhang, zs, "期满后申请"); guantong.ErrorCode(err) != guantong.EConflict || !strings.Contains(err.Error(), "届满") {
			t.Errorf("复查 after the period: %v", err)
		}
	})
}

// isFieldError reports whether err is a field error at field.
func isFieldError(err error, field string) bool {
	es, ok := err.(guantong.FieldErrors)
	return ok && len(es) > 0 && es[0].Field == field
}
