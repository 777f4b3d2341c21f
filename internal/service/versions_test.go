package service_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/data"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// strict2027 is the built-in file as a new policy year from 2027-01-01 that asks 10 years of
// a 技师 for 中级.
func strict2027(t *testing.T) []byte {
	t.Helper()
	raw, err := data.Policies.ReadFile("policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(raw), `"id": "hebei-2021"`, `"id": "hebei-2027"`, 1)
	s = strings.Replace(s, `"effective_from": "2021-01-01"`, `"effective_from": "2027-01-01"`, 1)
	s = strings.Replace(s, `{"skill": "技师", "title": "中级", "years": 3}`, `{"skill": "技师", "title": "中级", "years": 10}`, 1)
	return []byte(s)
}

// An uploaded policy file with bad keys is refused, each problem naming its key; one whose
// date is not after today is refused at effective_from; nothing is stored.
func TestUploadPolicyRefusedNamingKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		admin := f.user("admin")
		good := string(strict2027(t))
		for _, c := range []struct {
			name, body string
			keys       []string
		}{
			{"years not positive (三(一)2)", strings.Replace(good, `"years": 10}`, `"years": 0}`, 1), []string{"forward[1].years"}},
			{"unknown key", strings.Replace(good, `"id": "hebei-2027"`, `"id": "hebei-2027", "colour": "red"`, 1), []string{"colour"}},
			{"effective date today or before (contract default 9)", strings.Replace(good, `"2027-01-01"`, `"2026-01-01"`, 1), []string{"effective_from"}},
			{"the built-in id again", strings.Replace(good, `"id": "hebei-2027"`, `"id": "hebei-2021"`, 1), []string{"id"}},
			{"empty file", "", []string{"file"}},
		} {
			_, err := f.s.SchedulePolicy(ctx, admin, []byte(c.body))
			var fes guantong.FieldErrors
			if !errors.As(err, &fes) {
				t.Errorf("%s: %v, want field errors", c.name, err)
				continue
			}
			for _, k := range c.keys {
				found := false
				for _, fe := range fes {
					found = found || strings.Contains(fe.Field, k)
				}
				if !found {
					t.Errorf("%s: %v does not name %s", c.name, fes, k)
				}
			}
		}
		if _, err := f.s.SchedulePolicy(ctx, f.user("office"), []byte(good)); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("a 职改办 scheduled a policy: %v", err)
		}
		vs, err := f.s.PolicyVersions(ctx, admin)
		if err != nil || len(vs) != 1 || vs[0].ID != "hebei-2021" || !vs[0].InForce {
			t.Errorf("after refusals: %+v, %v; want only hebei-2021 in force", vs, err)
		}
	})
}

// A scheduled policy decides the applications submitted from its date: before it the built-in
// policy judges (and the record says so), from it the uploaded one; a second app server on
// the same database sees the upload without a restart; the upload is audited.
func TestScheduledPolicyDecidesFromItsDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		admin := f.user("admin")
		other := service.New(service.Config{Store: f.s.Store(), Engine: policy.New(policy.Default(), catalog.Default()),
			Calendar: calendar.Default(), Now: f.clock.Now, BcryptCost: bcrypt.MinCost, PolicyRefresh: -1})
		if got := other.Policies().Engines(); len(got) != 1 {
			t.Fatalf("other server before: %d policies", len(got))
		}

		diff, err := f.s.PreviewPolicy(ctx, admin, strict2027(t))
		if err != nil {
			t.Fatal(err)
		}
		changed := map[string]bool{}
		for _, r := range diff.Clauses {
			changed[r.Key] = r.Changed
		}
		if !changed["三(一)2"] || changed["三(一)4"] {
			t.Errorf("diff by clause: %v, want 三(一)2 changed and 三(一)4 not", changed)
		}
		v, err := f.s.SchedulePolicy(ctx, admin, strict2027(t))
		if err != nil || v.ID != "hebei-2027" || !v.Scheduled {
			t.Fatalf("schedule: %+v %v", v, err)
		}
		if _, err := f.s.SchedulePolicy(ctx, admin, strict2027(t)); err == nil {
			t.Error("the same policy scheduled twice")
		}
		if got := other.Policies().Engines(); len(got) != 2 || got[1].Params().ID != "hebei-2027" {
			t.Errorf("other server did not reload: %d policies", len(got))
		}
		events, err := f.s.Store().Events(ctx, "policy/hebei-2027")
		if err != nil || len(events) != 1 || events[0].Action != "schedule_policy" {
			t.Errorf("audit: %+v %v", events, err)
		}

		zs := f.user("zhangsan")
		draft := service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc}
		v1, err := f.s.CreateApplication(ctx, zs, draft)
		if err != nil {
			t.Fatal(err)
		}
		v1 = f.act("zhangsan", v1.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		if v1.Check == nil || v1.Check.Policy != "hebei-2021" {
			t.Errorf("submitted on %s: %+v, want hebei-2021", f.s.Today(), v1.Check)
		}
		f.act("zhangsan", v1.ID, workflow.Input{Action: workflow.Withdraw}, guantong.StageWithdrawn)

		f.after(guantong.MakeDate(2026, 12, 31))
		for _, s := range []*service.Service{f.s, other} {
			if got := s.Engine().Params().ID; got != "hebei-2027" {
				t.Errorf("in force on %s: %s", s.Today(), got)
			}
		}
		v2, err := other.CreateApplication(ctx, zs, draft)
		if err != nil {
			t.Fatal(err)
		}
		_, err = other.Act(ctx, zs, v2.ID, v2.Version, workflow.Input{Action: workflow.Submit})
		var in *guantong.Ineligible
		if !errors.As(err, &in) || !strings.Contains(reasonTexts(in.Reasons), "满10年") {
			t.Errorf("submitted on %s under hebei-2027: %v, want refused for 10 years", other.Today(), err)
		}
		if err := f.s.WithdrawPolicy(ctx, admin, "hebei-2027"); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("withdrew a policy in force: %v", err)
		}
	})
}

// The days in each stage are recorded as an application leaves it.
func TestStageSpellsRecorded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		zs := f.user("zhangsan")
		v, err := f.s.CreateApplication(ctx, zs, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc})
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(3*24*time.Hour + time.Hour)
		f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		days, err := f.s.Store().StageDays(ctx, store.Scope{})
		if err != nil || len(days) != 1 || days[0].Key != "draft" || days[0].Key2 != "3" || days[0].N != 1 {
			t.Errorf("spells: %+v %v, want one of 3 days in draft", days, err)
		}
	})
}
