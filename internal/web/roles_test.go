package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guantong/internal/ratelimit"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// world is a running site over the demo province, with the server behind it for the clock.
type world struct {
	t  *testing.T
	ts *httptest.Server
	s  *Server
}

func newWorld(t *testing.T) *world {
	t.Helper()
	return newWorldOn(t, storetest.SQLite(t))
}

// newWorldOn is newWorld on the database dsn.
func newWorldOn(t *testing.T, dsn string) *world {
	t.Helper()
	s := newServerOn(t, dsn)
	mux := http.NewServeMux()
	s.Routes(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return &world{t: t, ts: ts, s: s}
}

// client is one browser: its own cookies, signed in as one user or none.
type client struct {
	w    *world
	http *http.Client
	last string // the URL of the last page
}

// as returns a client signed in as the demo user, or a visitor for "".
func (w *world) as(username string) *client {
	w.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{w: w, http: &http.Client{Jar: jar}}
	if username != "" {
		status, body := c.post("/login", url.Values{"username": {username}, "password": {service.DemoPassword(username)}})
		if status != 200 || strings.Contains(body, "用户名或密码错误") {
			w.t.Fatalf("login %s: %d\n%.300s", username, status, body)
		}
	}
	return c
}

func (c *client) do(req *http.Request) (int, string) {
	c.w.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.w.t.Fatal(err)
	}
	c.last = resp.Request.URL.String()
	return resp.StatusCode, string(b)
}

func (c *client) get(path string) (int, string) {
	c.w.t.Helper()
	req, _ := http.NewRequest("GET", c.w.ts.URL+path, nil)
	return c.do(req)
}

// post submits a form as the page would (same origin) and follows the redirect.
func (c *client) post(path string, form url.Values) (int, string) {
	c.w.t.Helper()
	req, _ := http.NewRequest("POST", c.w.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.w.ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// postFile submits a multipart form with a file.
func (c *client) postFile(path string, form url.Values, name string, data []byte) (int, string) {
	c.w.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.w.ts.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.w.ts.URL)
	return c.do(req)
}

// titleForm is 张三's application for 工程 中级: 钳工 技师 since obtained, passing
// assessments for 2023-2025 (the clock says 2026-12-31).
func titleForm(obtained string) url.Values {
	return url.Values{
		"route": {"title_review"}, "series": {"工程"}, "specialty": {"机械工程"}, "title_level": {"中级"},
		"skills.0.occupation": {"钳工（6-20-01-01）"}, "skills.0.level": {"技师"}, "skills.0.obtained": {obtained},
		"assessments.0.year": {"2023"}, "assessments.0.result": {"合格"},
		"assessments.1.year": {"2024"}, "assessments.1.result": {"优秀"},
		"assessments.2.year": {"2025"}, "assessments.2.result": {"合格"},
	}
}

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

var versionIn = regexp.MustCompile(`name="version" value="(\d+)"`)

// version is the version the page's forms carry.
func version(t *testing.T, body string) string {
	t.Helper()
	m := versionIn.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no version on the page:\n%.500s", body)
	}
	return m[1]
}

func mustShow(t *testing.T, where, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", where, w)
		}
	}
}

// submitted creates 张三's application through the form, attaches a PDF and submits it;
// it returns the application's path.
func (w *world) submitted(zs *client) string {
	w.t.Helper()
	path := w.draft(zs)
	_, body := zs.get(path)
	status, body := zs.post(path+"/act", url.Values{"action": {"submit"}, "version": {version(w.t, body)}})
	if status != 200 || !strings.Contains(body, "待单位推荐") {
		w.t.Fatalf("submit: %d\n%s", status, body)
	}
	return path
}

// TestRolePages: each role's pages show what they must; another role's workspace is 403;
// a visitor is sent to the login page and back.
func TestRolePages(t *testing.T) {
	w := newWorld(t)
	w.submitted(w.as("zhangsan"))
	board, other := w.committee("河北省工程系列中级职称评审委员会"), w.committee("河北省工程系列副高级职称评审委员会")
	for _, tt := range []struct {
		user, path string
		status     int
		want       []string
	}{
		{"", "/office", 200, []string{"登录", `name="next" value="/office"`}},
		{"", "/applications/1", 200, []string{`name="next" value="/applications/1"`}},
		{"zhangsan", "/my", 200, []string{"我的申报", "新建申报", "张三", "河北冀钢集团有限公司", "工程系列 中级职称", "待单位推荐"}},
		{"zhangsan", "/applications/new", 200, []string{"申报类型", "申报职称评审", "保存草稿", "钳工（6-20-01-01）"}},
		{"zhangsan", "/me", 200, []string{"130102********1237", "河北冀钢集团有限公司"}},
		{"zhangsan", "/applications/1", 200, []string{"申报 1", "系统审查", "符合申报条件", "三(一)2", "技师证书.pdf", "办理记录", "新建草稿", "上传证明材料", "草稿 → 待单位推荐", "撤回"}},
		{"zhangsan", "/office", 403, []string{"无权访问", "职改办审核人"}},
		{"zhangsan", "/admin", 403, []string{"无权访问"}},
		{"zhangsan", "/employer", 403, []string{"无权访问"}},
		{"lisi", "/applications/1", 403, []string{"无权访问"}},
		{"hr", "/employer", 200, []string{"本单位申报", "河北冀钢集团有限公司", "待单位推荐", "推荐所选申报", "张三"}},
		{"hr", "/applications/1", 200, []string{"单位推荐", "退回", "意见"}},
		{"hr", "/committee", 403, []string{"无权访问"}},
		{"hr2", "/evaluator", 200, []string{"评价工作台", "自主评价", "河北冀装智能装备股份有限公司"}},
		{"office", "/office", 200, []string{"审核工作台", "石家庄市职称改革领导小组办公室", "待资格审核", "没有待审核的申报"}},
		{"office", "/applications/1", 200, []string{"申报 1", "系统审查"}},
		{"office", "/employer", 403, []string{"无权访问", "用人单位人事"}},
		{"secretary", "/committee", 200, []string{"评审工作台", "河北省工程系列中级职称评审委员会", "待评审"}},
		{"secretary", "/applications/1", 403, []string{"无权访问"}},
		{"secretary", "/evaluator", 403, []string{"无权访问"}},
		{"evaluator", "/evaluator", 200, []string{"评价工作台", "河北省机械行业职业技能等级认定中心", "评价中"}},
		{"evaluator", "/office", 403, []string{"无权访问"}},
		{"office", "/registrations", 200, []string{"职称登记", "石家庄市职称改革领导小组办公室", `value="2026-12-01"`, `value="2026-12-31"`, "该期间没有颁发职称证书"}},
		{"admin", "/registrations", 200, []string{"全省", "下载 Excel（推荐）", "下载 CSV"}},
		{"zhangsan", "/registrations", 403, []string{"无权访问", "职改办审核人或管理员"}},
		{"secretary", "/registrations.xlsx", 403, []string{"无权访问"}},
		{"", "/registrations", 200, []string{`name="next" value="/registrations"`}},
		{"zhangsan", "/certificates/HB-2026-GC-3-999999-H", 404, []string{"未找到该编号的证书"}},
		{"admin", "/admin", 200, []string{"管理", "演示：时钟快进", "hebei-2021", "资格审核公示", "工种对应表", "三(一)2"}},
		{"admin", "/admin/applications", 200, []string{"全部申报", "张三", "待单位推荐"}},
		{"admin", "/admin/users", 200, []string{"新建账号", "zhangsan", "省人社厅管理员", "评委会秘书"}},
		{"admin", "/admin/organisations", 200, []string{"添加单位", "河北省工程系列中级职称评审委员会", "职改办"}},
		{"admin", "/my", 403, []string{"无权访问", "申报人"}},
		{"admin", "/admin", 200, []string{`href="/admin/experts">专家库`, "评委会的组成"}},
		{"admin", "/admin/experts", 200, []string{"添加专家", "王建国", "河北冀钢集团有限公司", "高级技师", "高技能人才", "<code>expert1</code>", `href="` + board + `"`}},
		{"admin", "/admin/organisations", 200, []string{`href="` + board + `">评委会组成`}},
		{"admin", "/admin/experts", 200, []string{`href="/admin/experts/1">修改`, `action="/admin/experts/1/deactivate"`, ">停用<"}},
		{"admin", "/admin/experts/1", 200, []string{"修改专家：王建国", `value="王建国"`, "<code>expert1</code>", "在库", `selected>河北冀钢集团有限公司`,
			`<option selected>高级技师</option>`, `name="skilled" value="1" checked`, `href="` + board + `">河北省工程系列中级职称评审委员会`, "保存修改"}},
		{"admin", "/admin/experts/999", 404, []string{"未找到"}},
		{"admin", "/admin/experts/x", 404, []string{"页面不存在"}},
		{"secretary", "/admin/experts/1", 403, []string{"无权访问"}},
		{"admin", board, 200, []string{"河北省工程系列中级职称评审委员会", "按系列组建的评委会", "不少于 9 人", "副高级及以上", "高级技师及以上", "每届 3 年", "不少于 1 人", "刘秀英", "主任委员", "副主任委员", "其中高技能人才专家 <strong>2</strong> 人", "保存评委会组成"}},
		{"admin", other, 200, []string{"不少于 25 人", "不少于 3 人", "尚未选定成员"}},
		{"admin", "/admin/committees/1", 404, []string{"未找到"}},
		{"admin", "/admin/committees/x", 404, []string{"页面不存在"}},
		{"secretary", "/committee", 200, []string{"评委会成员", "其中高技能人才专家 <strong>2</strong> 人", "刘秀英", "主任委员", `href="` + board + `"`}},
		{"secretary", "/admin/experts", 200, []string{"专家库", "王建国", "高技能人才"}},
		{"secretary", board, 200, []string{"现任成员", "刘秀英"}},
		{"secretary", other, 403, []string{"无权访问", "本评委会秘书"}},
		{"zhangsan", "/admin/experts", 403, []string{"无权访问", "管理员或评委会秘书"}},
		{"office", "/admin/experts", 403, []string{"无权访问"}},
		{"office", board, 403, []string{"无权访问"}},
		{"expert1", board, 403, []string{"无权访问"}},
	} {
		status, body := w.as(tt.user).get(tt.path)
		if status != tt.status {
			t.Errorf("%s GET %s: status %d, want %d", tt.user, tt.path, status, tt.status)
		}
		mustShow(t, tt.user+" GET "+tt.path, body, tt.want...)
	}
}

// TestLogin: a wrong password, the rate limit, the cookie's attributes, logout.
func TestLogin(t *testing.T) {
	w := newWorld(t)
	c := w.as("")
	status, body := c.post("/login", url.Values{"username": {"office"}, "password": {"wrong-password"}})
	if status != 401 || !strings.Contains(body, "用户名或密码错误") {
		t.Errorf("wrong password: %d", status)
	}
	for range ratelimit.LoginFailures - 1 {
		c.post("/login", url.Values{"username": {"office"}, "password": {"wrong-password"}})
	}
	status, body = c.post("/login", url.Values{"username": {"office"}, "password": {service.DemoPassword("office")}})
	if status != 429 || !strings.Contains(body, "登录尝试过多，请 15 分钟后再试") {
		t.Errorf("after %d failures, the right password: %d", ratelimit.LoginFailures, status)
	}
	// From the same address, another username is refused too.
	if status, _ := c.post("/login", url.Values{"username": {"hr"}, "password": {service.DemoPassword("hr")}}); status != 429 {
		t.Errorf("another username from the same address: %d", status)
	}
	// The failures are kept in the database: what follows starts on a fresh one.
	w = newWorld(t)

	// The session cookie: HttpOnly, SameSite=Lax; a login leads to the role's page or next.
	req, _ := http.NewRequest("POST", w.ts.URL+"/login", strings.NewReader(url.Values{"username": {"office"},
		"password": {service.DemoPassword("office")}, "next": {"/applications/1"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ck := resp.Cookies()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/applications/1" || len(ck) != 1 ||
		!ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode || ck[0].Name != sessionCookie {
		t.Errorf("login: %d %q %+v", resp.StatusCode, resp.Header.Get("Location"), ck)
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/", `/\evil.example`} {
		if got := safeNext(next); got != "" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}

	// Logged out, the same cookie opens nothing.
	off := w.as("office")
	if status, _ := off.get("/office"); status != 200 {
		t.Fatalf("office: %d", status)
	}
	off.post("/logout", nil)
	status, body = off.get("/office")
	if status != 200 || !strings.Contains(body, `name="next" value="/office"`) {
		t.Errorf("after logout: %d", status)
	}

	// A login form posted from another site is refused.
	req, _ = http.NewRequest("POST", w.ts.URL+"/login", strings.NewReader("username=office&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 403 {
		t.Errorf("cross-site login: %v %v", resp, err)
	}
}

// TestRoleEscaping: names people type reach every page as text.
func TestRoleEscaping(t *testing.T) {
	w := newWorld(t)
	adm := w.as("admin")
	evil := `<script>alert("x")</script>`
	status, body := adm.post("/admin/users", url.Values{"username": {"evil"}, "password": {"evil-password-1"}, "role": {"applicant"},
		"person_name": {evil}, "id_number": {"11010519491231002X"}, "employer_id": {"1"}})
	if status != 200 || !strings.Contains(body, "账号 evil 已创建") {
		t.Fatalf("create user: %d\n%s", status, body)
	}
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("the users page does not escape the name")
	}
	c := w.as("")
	c.post("/login", url.Values{"username": {"evil"}, "password": {"evil-password-1"}})
	w.heldInternally(w.submitted(c))
	w.as("hr").post("/applications/1/act", url.Values{"action": {"recommend"}, "version": {"4"}})
	w.as("office").post("/applications/1/act", url.Values{"action": {"approve"}, "version": {"5"}})
	for _, page := range []struct {
		c    *client
		path string
	}{{c, "/my"}, {c, "/applications/1"}, {w.as("hr"), "/employer"}, {w.as("office"), "/office"}, {w.as(""), "/notices"}} {
		_, body := page.c.get(page.path)
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s shows the name unescaped", page.path)
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s does not show the name", page.path)
		}
	}
	// Field errors of the admin's forms come back next to their fields.
	status, body = adm.post("/admin/users", url.Values{"username": {"X"}, "password": {"short"}, "role": {"applicant"}, "id_number": {"123"}})
	if status != 400 {
		t.Errorf("a bad user: %d", status)
	}
	mustShow(t, "the bad user", body, "须为 3 到 32 个小写字母", "密码须至少 10 个字符", "不能为空")
}
