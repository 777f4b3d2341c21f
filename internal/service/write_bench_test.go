package service_test

import (
	"encoding/json"
	"testing"

	"guantong/internal/service"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// BenchmarkCreateDraft is one write of the peak (docs/performance.md) with nothing beside
// it: an applicant's draft on SQLite, checked, stored with its audit row and committed
// (synchronous=FULL). Under load the single writer runs these one after another.
func BenchmarkCreateDraft(b *testing.B) {
	s := open(b, storetest.SQLite(b))
	if _, err := s.LoadDemo(ctx); err != nil {
		b.Fatal(err)
	}
	u, _, err := s.Store().UserByUsername(ctx, "zhangsan")
	if err != nil {
		b.Fatal(err)
	}
	d := service.Draft{Route: "title_review", Series: "工程", Level: "中级", Person: json.RawMessage(`{
		"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"}],
		"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}]}`)}
	for b.Loop() {
		v, err := s.CreateApplication(ctx, &u, d)
		if err != nil {
			b.Fatal(err)
		}
		// One open application per route, series and level (issue 10 item 5): the draft is
		// withdrawn, untimed, so that the next is not a duplicate.
		b.StopTimer()
		if _, err := s.Act(ctx, &u, v.ID, v.Version, workflow.Input{Action: workflow.Withdraw}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
