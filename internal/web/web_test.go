package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/document"
	"guantong/internal/job"
	"guantong/internal/plan"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// testNow is the clock of every test: 2026-12-31 noon in Shanghai, so that the self-check's
// default date is 2026-12-31 and its assessment years 2023-2025.
var testNow = time.Date(2026, 12, 31, 12, 0, 0, 0, guantong.Shanghai)

// newServer is the pages over a service over a fresh SQLite file holding the demo province,
// with a demo clock that starts at testNow. Logins last long enough for the clock to be
// moved by weeks, as under serve --demo.
func newServer(t testing.TB) *Server {
	t.Helper()
	return newServerOn(t, storetest.SQLite(t))
}

// newServerOn is newServer on the database dsn.
func newServerOn(t testing.TB, dsn string) *Server {
	t.Helper()
	s, _ := newServerStore(t, dsn)
	return s
}

// newServerStore is newServerOn with its store, for tests that run jobs beside the pages.
func newServerStore(t testing.TB, dsn string) (*Server, *store.Store) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st := storetest.Open(t, dsn)
	clock := service.NewClock(func() time.Time { return testNow })
	svc := service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()), Now: clock.Now,
		Logger: log, BcryptCost: bcrypt.MinCost, SessionTTL: 400 * 24 * time.Hour})
	accounts, err := svc.LoadDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return New(Config{Service: svc, DemoClock: clock, DemoAccounts: accounts, Logger: log}), st
}

// newWorldStore is a world over a server with its store, for tests that run jobs beside
// the pages (runJob).
func newWorldStore(t *testing.T, dsn string) (*world, *store.Store) {
	t.Helper()
	s, st := newServerStore(t, dsn)
	mux := http.NewServeMux()
	s.Routes(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return &world{t: t, ts: ts, s: s}, st
}

// runJob runs the next queued job as serve's worker does: the policies in force, and the
// service's sets for a simulation.
func runJob(t *testing.T, w *world, st *store.Store) {
	t.Helper()
	runner := &job.Runner{Store: st, Checker: w.s.svc, Policies: w.s.svc.SimulationPolicies, Now: w.s.svc.Now, Log: w.s.log}
	if ran, err := runner.RunOnce(context.Background()); !ran || err != nil {
		t.Fatalf("RunOnce: %v %v", ran, err)
	}
}

func newTestServer(t testing.TB) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	newServer(t).Routes(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// get fetches a page and returns its status and body.
func get(t *testing.T, ts *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// post submits a form as the page itself would: same origin.
func post(t *testing.T, ts *httptest.Server, path string, form url.Values) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestTemplates renders every template with sample data, so that a template that fails to
// execute fails here rather than in front of a user. A new template needs a sample.
func TestTemplates(t *testing.T) {
	s := newServer(t)
	eng := s.eng()
	req := guantong.Request{AsOf: guantong.MakeDate(2026, 12, 31), Person: guantong.Person{
		Name:        "张三",
		Skills:      []guantong.Skill{{OccupationCode: "6-20-01-01", Level: guantong.Skill2, Obtained: guantong.MakeDate(2025, 1, 10)}},
		Titles:      []guantong.Title{{Series: "工程", Level: guantong.Title3, Obtained: guantong.MakeDate(2019, 12, 1)}},
		Assessments: []guantong.Assessment{{Year: 2023, Result: "合格"}, {Year: 2024, Result: "基本合格"}},
		Awards:      []guantong.Award{{Name: "全国技术能手", Year: 2022}},
		Targets:     []guantong.Target{{OccupationCode: "6-20-01-01"}, {OccupationCode: "6-29-03-04"}},
	}}
	answer := s.answerView(req, eng.Check(req))
	broken := readCheckForm(url.Values{"as_of": {"2026-13-01"}, "skills.0.occupation": {"钳"}, "skills.0.level": {"九级"}}, 3)
	broken.request(s.resolveOccupation)
	many := url.Values{} // more work periods than the form takes, and a fourth certificate
	for i := range maxRows + 1 {
		many.Set(fmt.Sprintf("work.%d.from", i), "2020-01-01")
	}
	many.Set("skills.3.occupation", "<钳工>")
	tooMany := readCheckForm(many, 3)
	tooMany.request(s.resolveOccupation)
	all := plan.Clauses()
	samples := map[string][]any{
		"home":  {homePage{Policy: "hebei-2021", Title: "方案", Notices: 5}},
		"error": {errorPage{404, "页面不存在", "没有这一页"}},
		"check": {
			checkPage{Form: newCheckForm(guantong.MakeDate(2026, 12, 31), []int{2023, 2024, 2025}), Choices: s.choices()},
			checkPage{Form: broken, Choices: s.choices()},
			checkPage{Form: tooMany, Choices: s.choices()},
			checkPage{Form: newCheckForm(guantong.MakeDate(2026, 12, 31), []int{2023, 2024, 2025}), Answer: answer, Choices: s.choices()},
			checkPage{Form: newCheckForm(guantong.MakeDate(2026, 12, 31), []int{2023, 2024, 2025}), Answer: &answerView{AsOf: "2026-12-31"}, Choices: s.choices()},
		},
		"catalog": {
			catalogPage{Series: []seriesCount{{"工程", 3}}, Teacher: "技工院校教师", School: "技工院校"},
			catalogPage{Query: "钳工", Entries: s.catalog.Search("钳工"), Opens: []opening{{"钳工", "6-20-01-01", []string{"工程"}}}, Codes: 1, More: 3},
			catalogPage{Query: "工", Entries: s.catalog.Search("工")[:3], Codes: 300},
			catalogPage{Query: "无此职业"},
			catalogPage{Query: "焊工", Beyond: s.catalog.Beyond("焊工")},
		},
		"plan": {planPage{Title: plan.Title(), Preamble: plan.Preamble(), Policy: "hebei-2021", Clauses: []clauseView{s.clauseView(all[0]), s.clauseView(all[9])}}},
		"clause": {
			clausePage{Clause: s.clauseView(all[0])},
			clausePage{Clause: s.clauseView(all[9]), Parents: all[:2], Children: []clauseView{s.clauseView(all[10])}, Prev: &all[8], Next: &all[10]},
		},
	}
	for name, datas := range roleSamples(s) {
		samples[name] = datas
	}
	for name, datas := range accountSamples() {
		samples[name] = datas
	}
	for name := range s.pages {
		if _, ok := samples[name]; !ok {
			t.Errorf("template %s.html has no sample data in TestTemplates", name)
		}
	}
	viewer := &Viewer{Name: "李四", Role: "职改办", Links: []NavItem{{Key: "review", Label: "待审核", Href: "/review"}}}
	for name, datas := range samples {
		for i, data := range datas {
			for _, v := range []*Viewer{nil, viewer} {
				w := httptest.NewRecorder()
				r := httptest.NewRequest("GET", "/", nil)
				s.render(w, r, 200, name, page{Title: "标题", Nav: "check", Viewer: v, Data: data})
				if w.Code != 200 {
					t.Errorf("%s sample %d: status %d", name, i, w.Code)
				}
				if body := w.Body.String(); !strings.Contains(body, "</html>") || strings.Contains(body, "<no value>") {
					t.Errorf("%s sample %d: incomplete page or <no value>:\n%s", name, i, body)
				}
			}
		}
	}
}

// TestPages fetches each page and looks for what it must show.
func TestPages(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"贯通", "自助测评", "工种查询", "政策原文", "公示", "证书查验", "登录", `href="/check"`}},
		{"/check", 200, []string{`name="as_of" value="2026-12-31"`, `value="2023"`, `value="2025"`, "全国技术能手", "钳工（6-20-01-01）", "技工院校教师", `aria-current="page">自助测评`}},
		{"/catalog", 200, []string{"工程", "实验技术", "个职业"}},
		{"/catalog?q=" + url.QueryEscape("钳工"), 200, []string{"6-20-01-01", "<td data-label=\"职业\">钳工</td>", "工程"}},
		{"/catalog?q=6-20-01", 200, []string{"钳工", "轴承制造工"}},
		{"/catalog?q=qiangong", 200, []string{"<strong>钳工</strong>", "持高级工及以上证书可申报<em>工程</em>系列职称"}},
		{"/catalog?q=gong", 200, []string{"只显示前 200 行", "每个职业可申报的系列见下表"}},
		{"/catalog?q=" + url.QueryEscape("不存在的职业"), 200, []string{"没有与「不存在的职业」相符的职业"}},
		{"/catalog?q=" + url.QueryEscape("焊工"), 200, []string{"6-18-02-04</span> <strong>焊工</strong> 是国家职业分类中的职业，但不在内置对应表中（对应表缺页，"}},
		{"/catalog?q=" + url.QueryEscape("车工"), 200, []string{"6-18-01-01</span> <strong>车工</strong> 是国家职业分类中的职业"}},
		{"/plan", 200, []string{"三(一)2", "三(二)6", `id="c-三(一)4"`, "引擎检查：", "满3年", "焊工由人力资源社会保障"}},
		{"/plan/" + url.PathEscape("三(一)2"), 200, []string{"满3年", "引擎检查", "高技能人才参加职称评审", "三(一)1", "三(一)3"}},
		{"/plan/" + url.PathEscape("三(一)"), 200, []string{"高技能人才参加职称评审", "三(一)4", "绿色通道"}},
		{"/plan/" + url.PathEscape("五"), 200, []string{"组织保障", "突出工作业绩"}},
		{"/plan/" + url.PathEscape("六"), 404, []string{"条款不存在", "六"}},
		{"/nope", 404, []string{"页面不存在", "/nope", "返回首页"}},
		{"/static/nope.css", 404, []string{"页面不存在"}},
		{"/login", 200, []string{"用户名", "密码", "演示账号", "zhangsan-demo-2026"}},
		{"/notices", 200, []string{"目前没有正在公示的申报"}},
		{"/verify", 200, []string{"证书编号", "持证人姓名"}},
		{"/my", 200, []string{`name="next" value="/my"`, "登录"}},
	} {
		status, body := get(t, ts, tt.path)
		if status != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, status, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s: body lacks %q", tt.path, w)
			}
		}
	}
}

// The public pages of the plan and the table show words, not code: no Go file or function
// names, no field paths, no English notes.
func TestPublicPagesShowNoCode(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/plan", "/plan/" + url.PathEscape("三(一)2"), "/plan/" + url.PathEscape("三(二)3"),
		"/catalog?q=" + url.QueryEscape("弹簧工"), "/catalog?q=6-2"} {
		_, body := get(t, ts, path)
		for _, bad := range []string{"internal/", ".go", "related_codes", "occupation_years", "code missing", "seed", "<code>"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s shows %q", path, bad)
			}
		}
	}
}

func TestStatic(t *testing.T) {
	ts := newTestServer(t)
	s := newServer(t)
	u := s.static.url("site.css")
	resp, err := http.Get(ts.URL + u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET %s: %d %q %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
	_, body := get(t, ts, "/")
	if !strings.Contains(body, u) {
		t.Errorf("home page does not link %s", u)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	resp, err := http.Get(ts.URL + "/check")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", h, got, want)
		}
	}
}

// TestEscaping: what people type is shown as text, never run.
func TestEscaping(t *testing.T) {
	ts := newTestServer(t)
	evil := `<script>alert("x")</script>`
	form := workerForm("2021-06-30")
	form.Set("name", evil)
	status, body := post(t, ts, "/check", form)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if strings.Contains(body, evil) || strings.Contains(body, "<script>alert") {
		t.Errorf("the name reached the page unescaped")
	}
	if !strings.Contains(body, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;的测评结果`) {
		t.Errorf("the escaped name is not shown in the result heading")
	}
	// Typed back into the form on a page with mistakes, and in the catalog search.
	form.Set("as_of", evil)
	_, body = post(t, ts, "/check", form)
	if strings.Contains(body, "<script>alert") {
		t.Errorf("a bad date reached the page unescaped")
	}
	_, body = get(t, ts, "/catalog?q="+url.QueryEscape(evil))
	if strings.Contains(body, "<script>alert") {
		t.Errorf("a catalog query reached the page unescaped")
	}
	_, body = get(t, ts, "/"+url.PathEscape(evil))
	if strings.Contains(body, "<script>alert") {
		t.Errorf("a 404 path reached the page unescaped")
	}
}

// TestCrossOrigin: a form posted from another site is refused; the same site's is not.
func TestCrossOrigin(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403},
		{"Origin only", map[string]string{"Origin": "https://evil.example"}, 403},
		{"same-origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL}, 200},
		{"no browser headers (curl)", nil, 200},
	} {
		req, err := http.NewRequest("POST", ts.URL+"/check", strings.NewReader(workerForm("2021-06-30").Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
		if tt.status == 403 && !strings.Contains(string(b), "请求被拒绝") {
			t.Errorf("%s: the refusal is not the Chinese page: %.200s", tt.name, b)
		}
	}
}

// TestCitedClausesExist: every clause the engine explains or cites in the examples' answers
// is a clause of the plan, so that every link of a result leads to a text.
func TestCitedClausesExist(t *testing.T) {
	for _, r := range policy.Explain(policy.Default()) {
		if _, ok := plan.Lookup(r.Clause); !ok {
			t.Errorf("policy.Explain cites %s, which is not a clause of the plan", r.Clause)
		}
	}
	s := newServer(t)
	files, err := filepath.Glob("../../examples/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	var cited []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		req, err := document.Decode(b)
		if err != nil {
			continue // malformed.json
		}
		if req.AsOf.IsZero() {
			req.AsOf = guantong.Today(testNow)
		}
		for _, o := range s.eng().Check(req).Options {
			for _, r := range o.Reasons {
				if _, ok := plan.Lookup(r.Clause); !ok {
					t.Errorf("%s: a reason cites %s, which is not a clause of the plan: %s", filepath.Base(f), r.Clause, r.Text)
				}
				if !slices.Contains(cited, r.Clause) {
					cited = append(cited, r.Clause)
				}
			}
		}
	}
	t.Logf("clauses cited by the examples: %v", cited)
}

func TestSetCookie(t *testing.T) {
	s := newServer(t)
	for _, tt := range []struct {
		name   string
		tls    bool
		header string
		proxy  bool
		secure bool
	}{
		{"plain http", false, "", false, false},
		{"behind TLS", true, "", false, true},
		{"proxy header, untrusted", false, "https", false, false},
		{"proxy header, trusted", false, "https", true, true},
	} {
		s.proxy = tt.proxy
		r := httptest.NewRequest("GET", "/", nil)
		if tt.tls {
			r = httptest.NewRequest("GET", "https://example.org/", nil)
		}
		if tt.header != "" {
			r.Header.Set("X-Forwarded-Proto", tt.header)
		}
		w := httptest.NewRecorder()
		s.SetCookie(w, r, &http.Cookie{Name: "session", Value: "v"})
		c := w.Result().Cookies()[0]
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != tt.secure || c.Path != "/" {
			t.Errorf("%s: cookie %+v", tt.name, c)
		}
	}
}

func TestPanicIsA500Page(t *testing.T) {
	s := newServer(t)
	h := s.wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 500 || !strings.Contains(w.Body.String(), "服务器内部错误") {
		t.Errorf("status %d, body %.200s", w.Code, w.Body.String())
	}
}
