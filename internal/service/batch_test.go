package service_test

import (
	"fmt"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// stack puts n applications at stage, each of its own person at 张三's employer: the first
// taken there through the service (a title from zhangsan, or a skill from lisi, who is
// exempt from the theory exam), the others copies of it written to the store. It returns
// them as user sees them, oldest first.
func stack(f *flow, kind string, stage guantong.Stage, n int, user string) []service.View {
	f.t.Helper()
	s := f.s
	var first service.View
	if kind == guantong.KindTitle {
		v, err := s.CreateApplication(ctx, f.user("zhangsan"), service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc})
		if err != nil {
			f.t.Fatal(err)
		}
		f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		first = f.recommend(v.ID)
	} else {
		v, err := s.CreateApplication(ctx, f.user("lisi"), service.Draft{Route: guantong.RouteSkillEvaluation, OccupationCode: "6-20-01-01", Level: "技师", Person: lisiDoc})
		if err != nil {
			f.t.Fatal(err)
		}
		first = f.act("lisi", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageAssessing)
	}
	ids := []int64{first.ID}
	err := s.Store().Write(ctx, func(tx *store.Tx) error {
		if first.Stage != stage {
			app := first.Application
			app.Stage = stage
			if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
				return err
			}
		}
		for i := 1; i < n; i++ {
			p := guantong.Applicant{Name: fmt.Sprintf("职工%02d", i), IDNumber: fmt.Sprintf("13010219%010d", first.ID*1000+int64(i)), EmployerID: first.EmployerID}
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			app := first.Application
			app.PersonID, app.Stage = p.ID, stage
			if err := tx.InsertApplication(ctx, &app); err != nil {
				return err
			}
			ids = append(ids, app.ID)
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	out := make([]service.View, len(ids))
	for i, id := range ids {
		if out[i], err = s.Application(ctx, f.user(user), id); err != nil {
			f.t.Fatal(err)
		}
	}
	return out
}

func items(vs []service.View) []service.BatchItem {
	out := make([]service.BatchItem, len(vs))
	for i, v := range vs {
		out[i] = service.BatchItem{ID: v.ID, Version: v.Version}
	}
	return out
}

// Issue 10: a batch of 50 approvals by the 职改办 (三(一)5) with 3 stale versions and 2 at
// the wrong stage answers 45 done and 5 refused, each with its reason; each done item has its
// own audit row, and the refused are unchanged.
func TestBatchOf50(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		apps := stack(f, guantong.KindTitle, guantong.StageRecommended, 50, "office")
		// Someone else returns three after the page was read: their versions are stale.
		for _, v := range apps[10:13] {
			f.act("office", v.ID, workflow.Input{Action: workflow.Return, Note: "材料不全"}, guantong.StageSubmitted)
		}
		// Two were never recommended: read now, at the wrong stage.
		err := f.s.Store().Write(ctx, func(tx *store.Tx) error {
			for _, v := range apps[40:42] {
				app := v.Application
				app.Stage = guantong.StageSubmitted
				if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := 40; i < 42; i++ {
			apps[i], _ = f.s.Application(ctx, f.user("admin"), apps[i].ID)
		}

		b, err := f.s.Batch(ctx, f.user("office"), workflow.Approve, "", items(apps))
		if err != nil {
			t.Fatal(err)
		}
		if b.Done != 45 || b.Refused != 5 || len(b.Results) != 50 {
			t.Fatalf("done %d, refused %d, results %d; want 45, 5, 50", b.Done, b.Refused, len(b.Results))
		}
		for i, r := range b.Results {
			if r.ID != apps[i].ID || r.Name == "" || r.What != "工程系列中级职称" {
				t.Errorf("item %d: %+v", i, r)
			}
			now, _ := f.s.Application(ctx, f.user("admin"), r.ID)
			switch {
			case i >= 10 && i < 13:
				if r.Done || r.Code != guantong.EConflict || !strings.Contains(r.Message, "已被他人处理") || !strings.Contains(r.Message, "待单位推荐") {
					t.Errorf("stale item %d: %+v", i, r)
				}
				if now.Stage != guantong.StageSubmitted {
					t.Errorf("stale item %d became %s", i, now.Stage)
				}
			case i >= 40 && i < 42:
				if r.Done || r.Code != guantong.EConflict || r.Message != "申报处于「待单位推荐」阶段，不能「资格审核通过并公示」" {
					t.Errorf("wrong-stage item %d: %+v", i, r)
				}
				if now.Version != apps[i].Version {
					t.Errorf("wrong-stage item %d changed", i)
				}
			default:
				if !r.Done || r.Stage != guantong.StageNotice || now.Stage != guantong.StageNotice || now.Version != r.Version || now.Notice == nil {
					t.Errorf("item %d: %+v, now %s", i, r, now.Stage)
				}
			}
		}
		events, err := f.s.Events(ctx, f.user("admin"), apps[0].ID)
		if err != nil || events[len(events)-1].Action != string(workflow.Approve) {
			t.Errorf("no audit row for the approval: %+v %v", events, err)
		}
	})
}

// The batch itself is refused when it cannot be taken on any item; one comment returns many
// (三(一)5), and the secretary, evaluator and admin take their own steps in bulk.
func TestBatchRules(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	office := f.user("office")
	apps := stack(f, guantong.KindTitle, guantong.StageRecommended, 3, "office")
	for _, tt := range []struct {
		name   string
		action workflow.Action
		note   string
		items  []service.BatchItem
		field  string
	}{
		{"a decision by ballot is not batched (三(一)6)", workflow.Pass, "", items(apps), "action"},
		{"a return says why (三(一)5)", workflow.Return, " ", items(apps), "note"},
		{"nothing chosen", workflow.Approve, "", nil, "items"},
		{"too many", workflow.Approve, "", make([]service.BatchItem, service.MaxBatch+1), "items"},
	} {
		_, err := f.s.Batch(ctx, office, tt.action, tt.note, tt.items)
		fes, ok := err.(guantong.FieldErrors)
		if !ok || fes[0].Field != tt.field {
			t.Errorf("%s: %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
	dup := append(items(apps), items(apps[:1])...)
	b, err := f.s.Batch(ctx, office, workflow.Return, "业绩材料不全", dup)
	if err != nil || b.Done != 3 || b.Refused != 1 || !strings.Contains(b.Results[3].Message, "重复") {
		t.Fatalf("return three with a duplicate: %+v %v", b, err)
	}
	events, _ := f.s.Events(ctx, f.user("admin"), apps[2].ID)
	if last := events[len(events)-1]; last.Action != string(workflow.Return) || !strings.Contains(string(last.Payload), "业绩材料不全") {
		t.Errorf("the comment is not in the audit row: %+v", last)
	}
	fresh, _ := f.s.Application(ctx, f.user("hr"), apps[0].ID)
	if b, _ := f.s.Batch(ctx, f.user("hr"), workflow.Approve, "", items([]service.View{fresh})); b.Refused != 1 || b.Results[0].Code != guantong.EForbidden {
		t.Errorf("HR approved: %+v", b)
	}

	// The admin registers 上网 many certificates at once (三(二)4).
	issued := stack(f, guantong.KindSkill, guantong.StageIssued, 4, "admin")
	b, err = f.s.Batch(ctx, f.user("admin"), workflow.Register, "", items(issued))
	if err != nil || b.Done != 4 {
		t.Fatalf("register: %+v %v", b, err)
	}
}
