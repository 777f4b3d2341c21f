package api_test

import (
	"fmt"
	"testing"

	"guantong/internal/store/storetest"
)

// Achievements over the API: recorded and taken back by the applicant on a draft, refused to
// anyone else and once submitted; every answer checked against the OpenAPI document.
func TestAchievements(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	var a app
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
	path := fmt.Sprintf("/api/v1/applications/%d/achievements", a.ID)
	var ach struct{ ID int64 }
	w.call("zhangsan", "POST", path, map[string]any{"type": "行业标准", "title": "参与起草《钳工安全操作规范》", "level": "行业级"}, 201, &ach)
	w.call("zhangsan", "POST", path, map[string]any{"type": "行业标准", "title": ""}, 400, nil)
	w.call("lisi", "DELETE", fmt.Sprintf("%s/%d", path, ach.ID), nil, 403, nil)
	w.call("zhangsan", "DELETE", fmt.Sprintf("%s/%d", path, ach.ID), nil, 204, nil)
	w.call("zhangsan", "DELETE", fmt.Sprintf("%s/%d", path, ach.ID), nil, 404, nil)
	var list []map[string]any
	w.call("zhangsan", "GET", path, nil, 200, &list)
	if len(list) != 0 {
		t.Errorf("after taking it back: %d achievements", len(list))
	}
	w.call("zhangsan", "POST", path, map[string]any{"type": "操作法", "title": "精密刮研操作法"}, 201, &ach)
	var cur app
	w.call("zhangsan", "GET", fmt.Sprintf("/api/v1/applications/%d", a.ID), nil, 200, &cur)
	w.call("zhangsan", "POST", fmt.Sprintf("/api/v1/applications/%d/actions/submit", a.ID), map[string]any{"version": cur.Version}, 200, nil)
	w.call("zhangsan", "DELETE", fmt.Sprintf("%s/%d", path, ach.ID), nil, 409, nil)
}
