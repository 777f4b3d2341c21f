package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// Issue 13.4: facts that cannot be true are refused, and the messages say what is wrong.
func TestImpossibleFactsAndClearMessages(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	user := func(username, id string, want int) string {
		t.Helper()
		return string(w.call("admin", "POST", "/api/v1/users", map[string]any{"username": username, "password": "long-enough", "role": "applicant",
			"person": map[string]any{"name": "王五", "id_number": id, "employer_id": 1}}, want, nil))
	}
	if body := user("born2099", "130102209901011239", 400); !strings.Contains(body, "person.id_number") || !strings.Contains(body, "晚于今天") {
		t.Errorf("a birth date in 2099: %s", body)
	}
	if body := user("born1899", "130102189912311231", 400); !strings.Contains(body, "早于 1900 年") {
		t.Errorf("a birth date in 1899: %s", body)
	}
	if body := user("short", "１３０１０２１９９０", 400); !strings.Contains(body, "（10 位）") {
		t.Errorf("a short full-width number is counted in characters: %s", body)
	}
	// A full-width number is made half-width before it is checked and stored: 张三's number
	// typed in full width is his, already taken.
	if body := user("zhangsan2", "１３０１０２１９９００１０１１２３７", 409); !strings.Contains(body, "conflict") {
		t.Errorf("张三's number in full width: %s", body)
	}
	user("wangwu", "１３０２０３１９９２０７０８３５６１", 201)

	var a app
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
	req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/v1/applications/%d", w.srv.URL, a.ID),
		strings.NewReader(`{"version": 1.5, "route": "title_review", "series": "工程", "level": "中级"}`))
	req.Header.Set("Content-Type", "application/json")
	if body := string(w.send(w.as("zhangsan"), req, 400, nil)); !strings.Contains(body, `"field": "version"`) || !strings.Contains(body, "应为整数") {
		t.Errorf("version 1.5: %s", body)
	}
}
