package service_test

import (
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// An expert reads an application, its evidence and history only while a meeting they sit in
// reviews it and only when not withdrawn from it (三(一)6; 回避), on both engines.
func TestExpertReadsUnderReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newMeetingWorld(t, dsn, false)
		app := w.apps[0]
		refused := func(who, why string) {
			t.Helper()
			_, err := w.s.Application(ctx, w.user(who), app)
			if guantong.ErrorCode(err) != guantong.EForbidden || !strings.Contains(err.Error(), why) {
				t.Errorf("%s reads application %d: %v, want 403 %q", who, app, err, why)
			}
		}
		refused("expert2", "不在您参加的评审会议中")

		m := w.opened()
		for _, who := range []string{"expert2", "expert3"} {
			if _, err := w.s.Application(ctx, w.user(who), app); err != nil {
				t.Errorf("%s, a member of meeting %d: %v", who, m.ID, err)
			}
			if _, err := w.s.Events(ctx, w.user(who), app); err != nil {
				t.Errorf("%s reads the history: %v", who, err)
			}
		}
		refused("expert1", "您已回避") // same employer as 张三: detected
		if _, err := w.s.DeclareConflict(ctx, w.user("expert3"), m.ID, service.ConflictInput{ApplicationID: app, Reason: "曾为申报人的师傅"}); err != nil {
			t.Fatal(err)
		}
		refused("expert3", "您已回避") // declared
		if _, err := w.s.Applications(ctx, w.user("expert2"), service.ListFilter{}); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("an expert lists applications: %v", err)
		}
	})
}
