package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"guantong/internal/store/storetest"
)

// One preamble serves every handler (api.go: serve, body): sign-in first, then the path's
// {id}, then the body decoded with every problem a field, then the version a change needs.
func TestHandlerPreamble(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	tests := []struct {
		name, user, method, path string
		body                     string
		want                     int
		field                    string // the field error expected with 400
	}{
		{"sign-in comes first, before the body", "", "PUT", "/api/v1/applications/1", `{`, 401, ""},
		{"a path id that is no number is 404", "admin", "PUT", "/api/v1/applications/x", `{}`, 404, ""},
		{"a body that is no JSON", "admin", "PUT", "/api/v1/experts/1", `{`, 400, "body"},
		{"an unknown field", "admin", "PUT", "/api/v1/experts/1", `{"nope": 1}`, 400, "nope"},
		{"a value of the wrong type", "admin", "POST", "/api/v1/meetings", `{"place": 3}`, 400, "place"},
		{"an empty body", "admin", "POST", "/api/v1/organisations", ``, 400, "body"},
		{"a draft's change needs its version", "zhangsan", "PUT", "/api/v1/applications/1", `{}`, 400, "version"},
		{"an action needs the version", "zhangsan", "POST", "/api/v1/applications/1/actions/submit", `{"note": "x"}`, 400, "version"},
		{"an unknown action is 404 whatever the body", "zhangsan", "POST", "/api/v1/applications/1/actions/fly", `{`, 404, ""},
		{"the public may object, but to a notice by number", "", "POST", "/api/v1/notices/x/objections", `{}`, 404, ""},
		{"a ballot's body is read after both path ids", "admin", "POST", "/api/v1/meetings/1/applicants/x/ballot", `{`, 404, ""},
		{"a removal without content answers 404 for a bad id", "zhangsan", "DELETE", "/api/v1/applications/1/achievements/0", ``, 404, ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, w.srv.URL+tt.path, bytes.NewReader([]byte(tt.body)))
		req.Header.Set("Content-Type", "application/json")
		if tok := w.as(tt.user); tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := w.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s: %s %s: status %d, want %d\n%s", tt.name, tt.method, tt.path, resp.StatusCode, tt.want, b)
			continue
		}
		if tt.field == "" {
			continue
		}
		var fes struct {
			Errors []struct{ Field, Message string }
		}
		if err := json.Unmarshal(b, &fes); err != nil || len(fes.Errors) != 1 || fes.Errors[0].Field != tt.field {
			t.Errorf("%s: %s, want one error on field %q", tt.name, b, tt.field)
		}
	}
}
