package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/document"
	"guantong/internal/policy"
	"guantong/internal/store/storetest"
)

// POST /api/v1/check gives exactly the command line's answer: the same bytes for every
// example, and 400 with the same field paths for a malformed document.
func TestCheckIsTheCLIAnswer(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	engine := policy.New(policy.Default(), catalog.Default())
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		req, err := document.Decode(b)
		if err != nil {
			var body struct{ Errors guantong.FieldErrors }
			w.send("", mustRequest("POST", w.srv.URL+"/api/v1/check", string(b)), 400, &body)
			if fmt.Sprint(body.Errors) != fmt.Sprint(err) {
				t.Errorf("%s: API errors %v, CLI %v", f, body.Errors, err)
			}
			continue
		}
		if req.AsOf.IsZero() {
			req.AsOf = guantong.Today(start)
		}
		var cli bytes.Buffer
		document.WriteAnswer(&cli, engine.Check(req))
		got := w.send("", mustRequest("POST", w.srv.URL+"/api/v1/check", string(b)), 200, nil)
		if !bytes.Equal(got, cli.Bytes()) {
			t.Errorf("%s: API answer differs from the CLI's\nAPI: %s\nCLI: %s", f, got, cli.Bytes())
		}
	}
}

// 三(一)4: the green channel's recognition goes to the committee of the level it grants;
// 三(二)6: an access-type occupation goes to its department.
func TestRecognitionAndDepartment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		id := w.orgIDs()
		user := func(username, role string, org int64, person map[string]any) {
			body := map[string]any{"username": username, "password": username + "-demo-2026", "name": username, "role": role, "org_id": org, "person": person}
			if person == nil {
				delete(body, "person")
			} else {
				delete(body, "org_id")
			}
			w.call("admin", "POST", "/api/v1/users", body, 201, nil)
		}
		user("zhaoliu", "applicant", 0, map[string]any{"name": "赵六", "id_number": "130102198808081231", "employer_id": id["河北冀钢集团有限公司"]})
		user("fugao", "secretary", id["河北省工程系列副高级职称评审委员会"], nil)
		user("sport", "evaluator", id["河北省体育局"], nil)

		doc := json.RawMessage(`{"skills": [{"occupation_code": "6-20-01-01", "level": "技师", "obtained": "2024-06-30"}],
			"awards": [{"name": "全国技术能手", "year": 2025}],
			"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "合格"}, {"year": 2025, "result": "合格"}],
			"titles": [{"series": "体育", "level": "中级", "obtained": "2020-01-01"}]}`)
		var a app
		w.call("zhaoliu", "POST", "/api/v1/applications", map[string]any{"route": "title_recognition", "series": "工程", "level": "副高级", "person": doc}, 201, &a)
		rec := a.ID
		w.act("zhaoliu", rec, "submit", nil, 200)
		w.recommend("hr", rec)
		a = w.act("office", rec, "approve", nil, 200)
		until, _ := guantong.ParseDate(a.Notice.Until)
		w.days(guantong.Today(start).DaysUntil(until) + 1)
		a = w.act("office", rec, "send", nil, 200)
		w.act("secretary", rec, "recognise", nil, 403) // the 中级 committee
		w.act("fugao", rec, "recognise", nil, 403)     // decided by a meeting only

		// The 副高级 committee: at least 25 members, 3 of them skilled (its rules file).
		var m meeting
		w.call("fugao", "POST", "/api/v1/meetings", map[string]any{}, 409, nil) // no members yet
		experts := w.experts("fg", 25, 3, id["河北工业技师学院"])
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/committees/%d/members", id["河北省工程系列副高级职称评审委员会"]),
			map[string]any{"members": []map[string]any{{"expert_id": experts[0].id}}}, 400, nil)
		w.seat(id["河北省工程系列副高级职称评审委员会"], experts)
		w.call("fugao", "POST", "/api/v1/meetings", map[string]any{}, 201, &m)
		if len(m.Applicants) != 1 || !m.Applicants[0].Recognition {
			t.Fatalf("meeting %+v", m.Applicants)
		}
		// 认定 (三(一)4) is voted on without scores: 17 of 25 present, 12 yes of 17 passes.
		w.meetingAct("fugao", m.ID, "attendance", map[string]any{"present": ids(experts[:17])}, 200)
		w.meetingAct("fugao", m.ID, "open", nil, 200)
		w.meetingAct("fugao", m.ID, fmt.Sprintf("applicants/%d/start-vote", rec), nil, 200)
		w.vote(experts[20].username, m.ID, rec, "yes", 403) // absent
		for i, e := range experts[:17] {
			choice := "yes"
			if i >= 12 {
				choice = "abstain"
			}
			w.vote(e.username, m.ID, rec, choice, 200)
		}
		m = w.meetingAct("fugao", m.ID, "close", nil, 200)
		if o := m.applicant(t, rec).Outcome; o == nil || o.Decision != "recognised" || o.Result.Yes != 12 || o.Result.Needed != 12 {
			t.Fatalf("三(一)4 outcome %+v", o)
		}
		if a = w.get("zhaoliu", rec); a.Stage != "result_notice" {
			t.Fatalf("三(一)4 recognised: %s", a.Stage)
		}

		w.call("zhaoliu", "POST", "/api/v1/applications", map[string]any{"route": "skill_evaluation", "occupation_code": "4-13-04-03", "level": "技师", "person": doc}, 201, &a)
		a = w.act("zhaoliu", a.ID, "submit", nil, 200)
		if a.EvaluatorID != id["河北省体育局"] {
			t.Fatalf("三(二)6 routed to %d, want 河北省体育局 %d", a.EvaluatorID, id["河北省体育局"])
		}
		w.act("evaluator", a.ID, "record_practical", map[string]any{"passed": true}, 403)
		w.act("sport", a.ID, "record_theory", map[string]any{"passed": false}, 200)
		a = w.act("sport", a.ID, "record_practical", map[string]any{"passed": true}, 200)
		if a.Stage != "failed" {
			t.Errorf("theory failed: %s", a.Stage)
		}
	})
}
