package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

var methods = []string{"get", "put", "post", "delete", "patch"}

// The document lists exactly the registered routes, and each documented operation reaches
// its own handler on the mux (not the catch-all). The answers themselves are checked
// against the document's schemas by every call of the end-to-end tests.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	a := New(Config{})
	registered := map[string]bool{}
	for _, r := range a.routes() {
		key := r.method + " " + r.path
		registered[key] = true
		if _, ok := doc.Paths[r.path][strings.ToLower(r.method)]; !ok {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	for path, item := range doc.Paths {
		for m := range item {
			if !slices.Contains(methods, m) {
				continue // parameters, summary…
			}
			key := strings.ToUpper(m) + " " + path
			if !registered[key] {
				t.Errorf("openapi.json documents %s, which is not registered", key)
				continue
			}
			concrete := path
			for strings.Contains(concrete, "{") {
				i, j := strings.Index(concrete, "{"), strings.Index(concrete, "}")
				concrete = concrete[:i] + "1" + concrete[j+1:]
			}
			if strings.HasSuffix(path, "{action}") {
				concrete = strings.TrimSuffix(concrete, "1") + "submit"
			}
			_, pattern := mux.Handler(httptest.NewRequest(strings.ToUpper(m), concrete, nil))
			if pattern != key {
				t.Errorf("%s %s reaches %q, want %q", strings.ToUpper(m), concrete, pattern, key)
			}
		}
	}
}
