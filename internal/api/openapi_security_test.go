package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"guantong/internal/api"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// operations lists the document's operations as "METHOD /path" with each one's object.
func operations(d *openAPI) map[string]map[string]any {
	ops := map[string]map[string]any{}
	for path, item := range d.paths {
		for m, op := range item.(map[string]any) {
			if slices.Contains([]string{"get", "put", "post", "delete", "patch"}, m) {
				ops[strings.ToUpper(m)+" "+path] = op.(map[string]any)
			}
		}
	}
	return ops
}

// TestOpenAPIOperations (issue 13 item 8): every operation has its own operationId and says
// whether it needs the bearer token: security [] for the public ones, [{}, bearer] where a
// token only changes the answer (the certificate lookup unmasks for those who may see it).
// What each says is then checked on the running API: without a token, an operation that
// requires one answers 401 and a public one never does.
func TestOpenAPIOperations(t *testing.T) {
	d := loadOpenAPI(t)
	info := d.root["info"].(map[string]any)
	if lic, _ := info["license"].(map[string]any); lic["name"] == nil || lic["name"] == "" {
		t.Errorf("info.license has no name: %v", info["license"])
	}
	servers, _ := json.Marshal(d.root["servers"])
	if !strings.Contains(string(servers), `"url":"/"`) || strings.Contains(string(servers), "127.0.0.1") {
		t.Errorf("servers %s, want the relative /", servers)
	}

	w := newWorld(t, storetest.SQLite(t))
	ids := map[string]string{}
	validID := regexp.MustCompile(`^[a-z][A-Za-z]*$`)
	for key, op := range operations(d) {
		id, _ := op["operationId"].(string)
		if !validID.MatchString(id) {
			t.Errorf("%s: operationId %q, want lowerCamelCase", key, id)
		} else if other, dup := ids[id]; dup {
			t.Errorf("%s and %s share operationId %q", key, other, id)
		}
		ids[id] = key
		sec, ok := op["security"].([]any)
		if !ok {
			t.Errorf("%s declares no security", key)
			continue
		}
		public, bearer := len(sec) == 0, false
		for _, s := range sec {
			if len(s.(map[string]any)) == 0 {
				public = true
			} else if _, ok := s.(map[string]any)["bearer"]; ok {
				bearer = true
			}
		}
		if !public && !bearer {
			t.Errorf("%s: security %v names neither [] nor bearer", key, sec)
			continue
		}
		method, path, _ := strings.Cut(key, " ")
		concrete := regexp.MustCompile(`\{[a-z]+\}`).ReplaceAllString(path, "1")
		concrete = strings.Replace(concrete, "/actions/1", "/actions/submit", 1)
		concrete = strings.Replace(concrete, "/certificates/1", "/certificates/HB-2026-GC-3-000001-A", 1)
		body := "{}"
		if key == "POST /api/v1/login" { // its 401 is for a wrong password: sign in for real
			b, _ := json.Marshal(map[string]string{"username": "zhangsan", "password": service.DemoPassword("zhangsan")})
			body = string(b)
		}
		req := httptest.NewRequest(method, w.srv.URL+concrete, strings.NewReader(body))
		req.RequestURI = ""
		req.Header.Set("Content-Type", "application/json")
		resp, err := w.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case public && resp.StatusCode == http.StatusUnauthorized:
			t.Errorf("%s is documented public but answers 401 without a token", key)
		case !public && resp.StatusCode != http.StatusUnauthorized:
			t.Errorf("%s is documented as needing the token but answers %d without one", key, resp.StatusCode)
		}
	}
}

// TestOpenAPIServers (issue 13 item 8): the served document names the public site given by
// serve --public-url, else the relative "/" it is written with.
func TestOpenAPIServers(t *testing.T) {
	for _, c := range []struct{ public, want string }{
		{"", "/"},
		{"https://zc.example.gov.cn/", "https://zc.example.gov.cn"},
	} {
		mux := http.NewServeMux()
		api.New(api.Config{PublicURL: c.public}).Routes(mux)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
		var doc struct {
			Servers []struct{ URL string } `json:"servers"`
			Paths   map[string]any         `json:"paths"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("public URL %q: %v", c.public, err)
		}
		if len(doc.Servers) != 1 || doc.Servers[0].URL != c.want {
			t.Errorf("public URL %q: servers %+v, want one with url %q", c.public, doc.Servers, c.want)
		}
		if len(doc.Paths) == 0 {
			t.Errorf("public URL %q: the served document lost its paths", c.public)
		}
	}
}
