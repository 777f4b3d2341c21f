package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// Issue 13.2: text that PostgreSQL cannot store (a NUL, bytes that are not UTF-8) and
// direction controls are refused where they enter, 400 naming the field, on both engines,
// before anyone signs in; before, PostgreSQL answered 500 and SQLite stored them.
func TestTextRefusedAtTheBoundary(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		var a app
		w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
		for _, tt := range []struct {
			rule, user, method, path, body, field string
		}{
			{"a login's username with NUL", "", "POST", "/api/v1/login", `{"username":"off\u0000ice","password":"x"}`, "username"},
			{"a login's username that is not UTF-8", "", "POST", "/api/v1/login", "{\"username\":\"off\xffice\",\"password\":\"x\"}", "username"},
			{"an objection's name with NUL", "", "POST", "/api/v1/notices/1/objections", `{"name":"\u0000","contact":"1","text":"x"}`, "name"},
			{"an objection's text that is not UTF-8", "", "POST", "/api/v1/notices/1/objections", "{\"name\":\"某\",\"contact\":\"1\",\"text\":\"\xc3\x28\"}", "text"},
			{"an organisation's name with a direction override", "admin", "POST", "/api/v1/organisations", `{"kind":"employer","name":"某\u202e司公","region":"石家庄市","employer_kind":"enterprise"}`, "name"},
			{"an organisation's name with NUL", "admin", "POST", "/api/v1/organisations", `{"kind":"employer","name":"某\u0000公司","region":"石家庄市","employer_kind":"enterprise"}`, "name"},
			{"a user's name that is not UTF-8", "admin", "POST", "/api/v1/users", "{\"username\":\"u1\",\"password\":\"long-enough\",\"name\":\"\xfe\",\"role\":\"admin\"}", "name"},
			{"an applicant's name, nested, with NUL", "admin", "POST", "/api/v1/users", `{"username":"u2","password":"long-enough","role":"applicant","person":{"name":"王\u0000五","id_number":"130203199207083561","employer_id":1}}`, "person.name"},
			{"an achievement's title with NUL", "zhangsan", "POST", fmt.Sprintf("/api/v1/applications/%d/achievements", a.ID), `{"type":"行业标准","title":"规范\u0000"}`, "title"},
			{"a draft's certificate, in a list, with an isolate", "zhangsan", "PUT", fmt.Sprintf("/api/v1/applications/%d", a.ID), `{"version":1,"route":"title_review","series":"工程","level":"中级","person":{"skills":[{"occupation":"钳工\u2066"}]}}`, "person.skills[0].occupation"},
			{"a query parameter with NUL", "admin", "GET", "/api/v1/organisations?kind=%00", "", "kind"},
			{"a query parameter that is not UTF-8", "admin", "GET", "/api/v1/applications?stage=%FF", "", "stage"},
		} {
			req, _ := http.NewRequest(tt.method, w.srv.URL+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			body := string(w.send(w.as(tt.user), req, http.StatusBadRequest, nil))
			if !strings.Contains(body, `"field": "`+tt.field+`"`) {
				t.Errorf("%s: the answer does not name %s:\n%s", tt.rule, tt.field, body)
			}
		}
		// A password may hold a direction control: it is never shown.
		w.call("", "POST", "/api/v1/login", map[string]string{"username": "office", "password": "pass\u202eword"}, 401, nil)

		// A file's name: a NUL says so; direction controls are dropped from the stored name.
		body := w.uploadRaw("zhangsan", a.ID, "a\x00.pdf", pdf, http.StatusBadRequest)
		if !strings.Contains(body, "文件名") {
			t.Errorf("a file name with NUL: %s", body)
		}
		var f struct{ Name string }
		w.upload("zhangsan", a.ID, "\u202efdp.exe", pdf, http.StatusCreated, &f)
		if f.Name != "fdp.pdf" {
			t.Errorf("a file name with U+202E is stored as %q, want fdp.pdf", f.Name)
		}
	})
}
