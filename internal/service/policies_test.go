package service_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// Contract default 9 through the service: an application is judged by the policy in force on
// the day it is submitted, and its check record names that policy.
func TestApplicationJudgedByPolicyInForce(t *testing.T) {
	later, err := policy.Load(bytes.NewReader(strict2027(t))) // 技师 → 中级 after 10 years from 2027-01-01
	if err != nil {
		t.Fatal(err)
	}
	set, err := policy.NewSet([]*policy.Params{policy.Default(), later}, catalog.Default())
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		st := storetest.Open(t, dsn)
		clock := service.NewClock(func() time.Time { return t0 })
		svc := service.New(service.Config{Store: st, Policies: set, Calendar: calendar.Default(), Now: clock.Now, BcryptCost: bcrypt.MinCost})
		if _, err := svc.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
		f := &flow{t: t, s: svc, clock: clock, users: map[string]*guantong.User{}}
		zs := f.user("zhangsan")
		draft := service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc}

		// 2026-11-30: hebei-2021 is in force; 技师 since 2021-06-30 has its 3 years.
		v, err := svc.CreateApplication(ctx, zs, draft)
		if err != nil {
			t.Fatal(err)
		}
		v = f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		if v.Check == nil || v.Check.Policy != "hebei-2021" {
			t.Errorf("submitted on %s: check %+v, want policy hebei-2021", svc.Today(), v.Check)
		}
		f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Withdraw}, guantong.StageWithdrawn)

		// 2027-01-02: hebei-2027 is in force and asks 10 years.
		f.after(guantong.MakeDate(2027, 1, 1))
		if got := svc.Engine().Params().ID; got != "hebei-2027" {
			t.Errorf("engine in force on %s: %s", svc.Today(), got)
		}
		v, err = svc.CreateApplication(ctx, zs, draft)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Act(ctx, zs, v.ID, v.Version, workflow.Input{Action: workflow.Submit})
		var in *guantong.Ineligible
		if !errors.As(err, &in) || !strings.Contains(reasonTexts(in.Reasons), "满10年") {
			t.Errorf("submitted on %s under hebei-2027: %v, want refused for 10 years", svc.Today(), err)
		}
	})
}

func reasonTexts(rs []guantong.Reason) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// 三(二)6 through the service: a target's sub-item survives the request the service builds,
// so 社会体育指导员 (游泳) goes to the 体育部门, not to a social organisation.
func TestTargetItemRoutesToDepartment(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	lisi := f.user("lisi")
	doc := json.RawMessage(`{"titles": [{"series": "体育", "level": "中级", "obtained": "2019-12-01"}],
		"targets": [{"occupation_code": "4-13-04-01", "item": "游泳"}]}`)
	v, err := f.s.CreateApplication(ctx, lisi, service.Draft{Route: guantong.RouteSkillEvaluation, OccupationCode: "4-13-04-01", Level: "技师", Person: doc})
	if err != nil {
		t.Fatal(err)
	}
	v = f.act("lisi", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageAssessing)
	if v.Check == nil || v.Check.Option.Evaluator != guantong.EvaluatorDepartment {
		t.Fatalf("routed by %+v", v.Check)
	}
	org, err := f.s.Store().Organisation(ctx, v.EvaluatorID)
	if err != nil || org.Name != "河北省体育局" {
		t.Errorf("evaluator %+v %v, want 河北省体育局", org, err)
	}
}
