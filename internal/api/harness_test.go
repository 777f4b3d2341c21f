package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"

	"guantong/internal/api"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// start is Monday 30 November 2026, 09:00 in Beijing: the day every scenario begins.
var start = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

// world is a running API over the demo province, with a clock the test moves.
type world struct {
	t     *testing.T
	srv   *httptest.Server
	clock *service.Clock
	svc   *service.Service
	st    *store.Store
	doc   *openAPI
	toks  map[string]string
}

func newWorld(t *testing.T, dsn string) *world {
	t.Helper()
	st := storetest.Open(t, dsn)
	clock := service.NewClock(func() time.Time { return start })
	svc := service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: clock.Now, BcryptCost: bcrypt.MinCost})
	if _, err := svc.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	api.New(api.Config{Service: svc, DemoClock: clock}).Routes(mux)
	w := &world{t: t, srv: httptest.NewServer(mux), clock: clock, svc: svc, st: st, doc: loadOpenAPI(t), toks: map[string]string{}}
	t.Cleanup(w.srv.Close)
	return w
}

// days moves the clock forward; sessions expire on the way, so everyone signs in again.
func (w *world) days(n int) {
	w.clock.Advance(time.Duration(n) * 24 * time.Hour)
	clear(w.toks)
}

// as returns the bearer token of a user, signing in with the demo password on first use;
// "" is the public.
func (w *world) as(username string) string {
	if username == "" {
		return ""
	}
	if tok, ok := w.toks[username]; ok {
		return tok
	}
	var s struct{ Token string }
	w.call("", "POST", "/api/v1/login", map[string]string{"username": username, "password": service.DemoPassword(username)}, 200, &s)
	w.toks[username] = s.Token
	return s.Token
}

// call sends a JSON request as a user and checks the status; out, when not nil, receives
// the JSON answer. Every answer is checked against the OpenAPI document.
func (w *world) call(user, method, path string, body any, want int, out any) []byte {
	w.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			w.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, w.srv.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	return w.send(w.as(user), req, want, out)
}

// send sends a request with a bearer token ("" for none), checks the status and the answer.
func (w *world) send(token string, req *http.Request, want int, out any) []byte {
	w.t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := w.srv.Client().Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		w.t.Fatalf("%s %s: status %d, want %d\n%s", req.Method, req.URL.Path, resp.StatusCode, want, b)
	}
	w.doc.check(w.t, req.Method, req.URL.Path, resp, b)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			w.t.Fatalf("%s %s: %v\n%s", req.Method, req.URL.Path, err, b)
		}
	}
	return b
}

// upload attaches a file as multipart/form-data.
func (w *world) upload(user string, appID int64, name string, data []byte, want int, out any) {
	w.t.Helper()
	w.send(w.as(user), w.uploadRequest(fmt.Sprintf("/api/v1/applications/%d/files", appID), name, data), want, out)
}

// uploadTo posts a file as multipart/form-data, field "file", to path.
func (w *world) uploadTo(user, path, name string, data []byte, want int, out any) {
	w.t.Helper()
	w.send(w.as(user), w.uploadRequest(path, name, data), want, out)
}

// uploadRaw is upload returning the answer's body.
func (w *world) uploadRaw(user string, appID int64, name string, data []byte, want int) string {
	w.t.Helper()
	return string(w.send(w.as(user), w.uploadRequest(fmt.Sprintf("/api/v1/applications/%d/files", appID), name, data), want, nil))
}

func (w *world) uploadRequest(path, name string, data []byte) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", w.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// app is what the tests read of an application.
type app struct {
	ID           int64
	Kind         string
	Stage        string
	Version      int
	OfficeID     int64  `json:"office_id"`
	CommitteeID  int64  `json:"committee_id"`
	EvaluatorID  int64  `json:"evaluator_id"`
	ReviewGroup  string `json:"review_group"`
	ExemptTheory bool   `json:"exempt_theory"`
	Certificate  string `json:"certificate_no"`
	Notice       *struct{ From, Until string }
	ResultNotice *struct{ From, Until string } `json:"result_notice"`
	Internal     *struct{ From, Until string } `json:"internal_notice"`
	Actions      []string
	Applicant    struct {
		Name     string
		IDNumber string `json:"id_number"`
	}
}

func (w *world) get(user string, id int64) app {
	w.t.Helper()
	var a app
	w.call(user, "GET", fmt.Sprintf("/api/v1/applications/%d", id), nil, 200, &a)
	return a
}

// act takes a step with the application's current version.
// recommend has hr start the employer's own 公示 of id (人社部令第40号), moves the clock past
// its end and recommends.
func (w *world) recommend(hr string, id int64) app {
	w.t.Helper()
	a := w.act(hr, id, "publish_internal", nil, 200)
	if a.Internal == nil {
		w.t.Fatalf("no internal notice on %d", id)
	}
	until, _ := guantong.ParseDate(a.Internal.Until)
	w.days(guantong.Today(w.clock.Now()).DaysUntil(until) + 1)
	return w.act(hr, id, "recommend", nil, 200)
}

func (w *world) act(user string, id int64, action string, body map[string]any, want int) app {
	w.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["version"]; !ok {
		body["version"] = w.get("admin", id).Version
	}
	var a app
	var out any = &a
	if want != 200 {
		out = nil
	}
	w.call(user, "POST", fmt.Sprintf("/api/v1/applications/%d/actions/%s", id, action), body, want, out)
	return a
}

// openAPI is the document, read as generic JSON, for checking answers against it.
type openAPI struct {
	root  map[string]any
	paths map[string]any
}

func loadOpenAPI(t *testing.T) *openAPI {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var d openAPI
	if err := json.Unmarshal(b, &d.root); err != nil {
		t.Fatal(err)
	}
	d.paths = d.root["paths"].(map[string]any)
	return &d
}

// template finds the documented path a concrete path matches.
func (d *openAPI) template(path string) (string, bool) {
	segs := strings.Split(path, "/")
	for tmpl := range d.paths {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		ok := true
		for i := range ts {
			if ts[i] != segs[i] && !strings.HasPrefix(ts[i], "{") {
				ok = false
				break
			}
		}
		if ok {
			return tmpl, true
		}
	}
	return "", false
}

func (d *openAPI) resolve(v any) map[string]any {
	m, _ := v.(map[string]any)
	for m != nil {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var cur any = d.root
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[p]
		}
		m, _ = cur.(map[string]any)
	}
	return m
}

// check fails the test unless the status is documented for the operation and a JSON body
// fits the documented schema.
func (d *openAPI) check(t *testing.T, method, path string, resp *http.Response, body []byte) {
	t.Helper()
	tmpl, ok := d.template(path)
	if !ok {
		if resp.StatusCode == 404 {
			return // the catch-all for unknown endpoints
		}
		t.Fatalf("%s %s: path not in openapi.json", method, path)
	}
	op := d.resolve(d.resolve(d.paths[tmpl])[strings.ToLower(method)])
	if op == nil {
		t.Fatalf("%s %s: operation not in openapi.json", method, tmpl)
	}
	r := d.resolve(d.resolve(op["responses"])[fmt.Sprint(resp.StatusCode)])
	if r == nil {
		t.Fatalf("%s %s: status %d not documented", method, tmpl, resp.StatusCode)
	}
	content := d.resolve(r["content"])
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || content == nil {
		return
	}
	media := d.resolve(content["application/json"])
	if media == nil {
		t.Fatalf("%s %s %d: JSON answer, but none documented", method, tmpl, resp.StatusCode)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s %s: %v", method, tmpl, err)
	}
	if err := d.validate(media["schema"], v, "$"); err != nil {
		t.Fatalf("%s %s %d: answer does not fit openapi.json: %v\n%s", method, tmpl, resp.StatusCode, err, body)
	}
}

// validate checks the parts of JSON Schema the document uses: $ref, allOf, type, enum,
// required, properties, items.
func (d *openAPI) validate(schema any, v any, at string) error {
	s := d.resolve(schema)
	if s == nil {
		return nil
	}
	for _, sub := range asList(s["allOf"]) {
		if err := d.validate(sub, v, at); err != nil {
			return err
		}
	}
	if types := asList(s["type"]); len(types) > 0 || s["type"] != nil {
		if len(types) == 0 {
			types = []any{s["type"]}
		}
		if !slices.ContainsFunc(types, func(ty any) bool { return jsonIs(ty.(string), v) }) {
			return fmt.Errorf("%s: %v is not %v", at, v, types)
		}
	}
	if enum := asList(s["enum"]); len(enum) > 0 && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v not in %v", at, v, enum)
	}
	if obj, ok := v.(map[string]any); ok {
		for _, r := range asList(s["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Errorf("%s: required %q missing", at, r)
			}
		}
		props := d.resolve(s["properties"])
		for k, pv := range obj {
			if ps, ok := props[k]; ok {
				if err := d.validate(ps, pv, at+"."+k); err != nil {
					return err
				}
			}
		}
	}
	if arr, ok := v.([]any); ok {
		for i, item := range arr {
			if err := d.validate(s["items"], item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func asList(v any) []any { l, _ := v.([]any); return l }

func jsonIs(ty string, v any) bool {
	switch ty {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return false
}

// mustRequest builds a request with an optional body.
func mustRequest(method, url string, body ...string) *http.Request {
	var rd io.Reader
	if len(body) > 0 {
		rd = strings.NewReader(body[0])
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}
