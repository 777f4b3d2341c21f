package service_test

import (
	"sync"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// An expert taken out of the pool while the admin, elsewhere, seats them on a committee: one
// of the two wins, and never does an inactive expert end up a member (SetExpertActive and
// SetCommitteeMembers lock the committees' rows).
func TestExpertLeavesWhileSeated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := open(t, dsn)
		if _, err := s.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
		admin := &guantong.User{Username: "admin", Role: guantong.RoleAdmin}
		com, err := s.Store().CommitteeFor(ctx, "工程", guantong.Title3)
		if err != nil {
			t.Fatal(err)
		}
		demo, err := s.CommitteeMembers(ctx, admin, com.ID)
		if err != nil {
			t.Fatal(err)
		}
		var five []service.MemberInput
		for _, m := range demo {
			five = append(five, service.MemberInput{ExpertID: m.ID, Role: m.Role})
		}
		x, err := s.CreateExpert(ctx, admin, service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "李工", EmployerID: demo[0].EmployerID, TitleLevel: "副高级"}})
		if err != nil {
			t.Fatal(err)
		}
		six := append(five[:len(five):len(five)], service.MemberInput{ExpertID: x.ID})
		for round := range 20 {
			var wg sync.WaitGroup
			var seatErr, leaveErr error
			wg.Go(func() { _, seatErr = s.SetCommitteeMembers(ctx, admin, com.ID, six) })
			wg.Go(func() { _, leaveErr = s.SetExpertActive(ctx, admin, x.ID, false) })
			wg.Wait()
			if (seatErr == nil) == (leaveErr == nil) {
				t.Fatalf("round %d: seating %v, taking out %v: one of the two must win", round, seatErr, leaveErr)
			}
			if leaveErr != nil && guantong.ErrorCode(leaveErr) != guantong.EConflict {
				t.Fatalf("round %d: taking out: %v", round, leaveErr)
			}
			e, err := s.Expert(ctx, admin, x.ID)
			if err != nil {
				t.Fatal(err)
			}
			members, err := s.CommitteeMembers(ctx, admin, com.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range members {
				if !m.Active {
					t.Fatalf("round %d: %s (%d) is a member and inactive", round, m.Name, m.ID)
				}
			}
			if _, err := s.SetCommitteeMembers(ctx, admin, com.ID, five); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetExpertActive(ctx, admin, x.ID, true); err != nil || e.Active == (leaveErr == nil) {
				t.Fatalf("round %d: %+v, %v", round, e, err)
			}
		}
	})
}
