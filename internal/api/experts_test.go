package api_test

import (
	"fmt"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// TestExpertEdit: the admin changes an expert (a new employer; a wrong edit is 400 and
// changes nothing), unmarks a skilled expert while the committee keeps enough of them and
// is refused once it would not, cannot take a committee member out of the pool (409, the
// committee named), takes out one who sits nowhere (who then cannot be seated) and takes
// them back; on both engines.
func TestExpertEdit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		org := w.orgIDs()
		com := org["河北省工程系列中级职称评审委员会"]
		type expertJSON struct {
			ID         int64
			Name       string
			EmployerID int64  `json:"employer_id"`
			SkillLevel string `json:"skill_level"`
			Skilled    bool
			UserID     int64 `json:"user_id"`
			Active     bool
		}
		pool := func() map[string]expertJSON {
			var es []expertJSON
			w.call("admin", "GET", "/api/v1/experts?limit=500", nil, 200, &struct{ Items any }{&es})
			out := map[string]expertJSON{}
			for _, e := range es {
				out[e.Name] = e
			}
			return out
		}
		wang := pool()["王建国"]

		// 王建国 moves to 石家庄市建筑业协会 and is no longer a skilled expert: 周明 still is.
		var e expertJSON
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/experts/%d", wang.ID), map[string]any{"name": "王建国", "employer_id": org["石家庄市建筑业协会"],
			"series": "工程", "specialty": "机械制造", "skill_level": "高级技师", "title_level": "副高级"}, 200, &e)
		if e.EmployerID != org["石家庄市建筑业协会"] || e.Skilled || e.SkillLevel != "高级技师" || e.UserID != wang.UserID || !e.Active {
			t.Errorf("王建国 after the edit: %+v", e)
		}
		before := pool()
		var bad struct {
			Errors []struct{ Field, Message string }
		}
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/experts/%d", wang.ID), map[string]any{"name": "", "employer_id": com, "skilled": true, "title_level": "九级"}, 400, &bad)
		fields := map[string]bool{}
		for _, fe := range bad.Errors {
			fields[fe.Field] = true
		}
		for _, f := range []string{"name", "employer_id", "skilled", "title_level"} {
			if !fields[f] {
				t.Errorf("a wrong edit: no message for %s in %+v", f, bad.Errors)
			}
		}
		if after := pool(); after["王建国"] != before["王建国"] {
			t.Errorf("a wrong edit wrote %+v", after["王建国"])
		}
		// 周明 is now the committee's only skilled expert, of the one its rules ask.
		zhou := before["周明"]
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/experts/%d", zhou.ID), map[string]any{"name": "周明", "employer_id": zhou.EmployerID, "skill_level": "技师", "title_level": "副高级"}, 400, &bad)
		if len(bad.Errors) != 1 || bad.Errors[0].Field != "skilled" || !strings.Contains(bad.Errors[0].Message, "河北省工程系列中级职称评审委员会") ||
			!strings.Contains(bad.Errors[0].Message, "高技能人才专家 0 人，少于 1 人") {
			t.Errorf("unmarking the last skilled member: %+v", bad.Errors)
		}
		w.call("admin", "PUT", "/api/v1/experts/999", map[string]any{"name": "无", "employer_id": zhou.EmployerID}, 404, nil)
		w.call("secretary", "PUT", fmt.Sprintf("/api/v1/experts/%d", zhou.ID), map[string]any{"name": "周明", "employer_id": zhou.EmployerID}, 403, nil)
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/experts/%d", zhou.ID), map[string]any{"name": "周明", "employer_id": zhou.EmployerID, "username": "x"}, 400, nil)

		// A member stays in the pool; one who sits nowhere leaves it, and comes back.
		var refusal struct {
			Error struct{ Code, Message string }
		}
		w.call("admin", "POST", fmt.Sprintf("/api/v1/experts/%d/deactivate", zhou.ID), nil, 409, &refusal)
		if !strings.Contains(refusal.Error.Message, "周明是河北省工程系列中级职称评审委员会的成员") {
			t.Errorf("taking out a member: %+v", refusal)
		}
		extra := w.experts("ex", 1, 1, org["河北工业技师学院"])[0]
		w.call("admin", "POST", fmt.Sprintf("/api/v1/experts/%d/deactivate", extra.id), nil, 200, &e)
		if e.Active {
			t.Errorf("taken out, still active: %+v", e)
		}
		w.call("admin", "POST", fmt.Sprintf("/api/v1/experts/%d/deactivate", extra.id), nil, 200, &e) // again: nothing changes
		var members []map[string]any
		for _, m := range pool() {
			if m.Active {
				members = append(members, map[string]any{"expert_id": m.ID})
			}
		}
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/committees/%d/members", com), map[string]any{"members": append(members, map[string]any{"expert_id": extra.id})}, 400, nil)
		w.call("secretary", "POST", fmt.Sprintf("/api/v1/experts/%d/activate", extra.id), nil, 403, nil)
		w.call("admin", "POST", "/api/v1/experts/999/activate", nil, 404, nil)
		w.call("admin", "POST", fmt.Sprintf("/api/v1/experts/%d/activate", extra.id), nil, 200, &e)
		if !e.Active {
			t.Errorf("taken back, not active: %+v", e)
		}
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/committees/%d/members", com), map[string]any{"members": append(members, map[string]any{"expert_id": extra.id})}, 200, nil)
	})
}
