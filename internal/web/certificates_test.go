package web

import (
	"bytes"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong/internal/certificate"
)

// granted takes 张三's title application from draft to certificate through the forms, by the
// shortest path they allow (no objection), and returns its path and the certificate's number.
// The grant is dated 2027-02-09: the demo clock is moved 40 days past testNow on the way.
func (w *world) granted() (app, number string) {
	t := w.t
	t.Helper()
	app = w.submitted(w.as("zhangsan"))
	w.toCommittee(app)
	w.holdMeeting(w.as("secretary"), strings.TrimPrefix(app, "/applications/"))
	w.as("admin").post("/admin/clock", url.Values{"days": {"20"}})
	m := regexp.MustCompile(`id="certificate-no">([^<]+)<`).FindStringSubmatch(w.act(w.as("secretary"), app, "grant"))
	if m == nil {
		t.Fatal("no certificate number after the grant")
	}
	return app, m[1]
}

// toCommittee takes a submitted application to the committee: the employer recommends, the
// 职改办 approves, the demo clock moves 10 days past the notice (20 past testNow), the 职改办 sends it.
func (w *world) toCommittee(app string) {
	w.t.Helper()
	off := w.as("office")
	w.heldInternally(app)
	w.act(w.as("hr"), app, "recommend")
	w.act(off, app, "approve")
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}}) // 20 days past testNow with the employer's own 公示
	w.act(off, app, "send")
}

// heldInternally has the employer start its own 公示 of app (人社部令第40号) and moves the
// demo clock 10 days, past its end.
func (w *world) heldInternally(app string) {
	w.t.Helper()
	w.act(w.as("hr"), app, "publish_internal")
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}})
}

// act takes an action on the application's page as c, with the version it shows, and
// returns the page after it; anything but success fails the test.
func (w *world) act(c *client, app, action string) string {
	t := w.t
	t.Helper()
	_, body := c.get(app)
	status, body := c.post(app+"/act", url.Values{"action": {action}, "version": {version(t, body)}})
	if status != 200 || !strings.Contains(body, "已完成") {
		t.Fatalf("%s: %d\n%.500s", action, status, body)
	}
	return body
}

// TestCertificatePages: the printable certificate for those who may see it in full, the
// registration list and its downloads for the 职改办, and the verification address of a
// site given its public address.
func TestCertificatePages(t *testing.T) {
	w := newWorld(t)
	app, number := w.granted()
	zs, off := w.as("zhangsan"), w.as("office")

	// The holder finds the printable certificate on the application and on 我的申报.
	_, body := zs.get(app)
	mustShow(t, "the application page", body, `href="/certificates/`+number+`"`, "打印证书")
	_, body = zs.get("/my")
	mustShow(t, "我的申报", body, `href="/certificates/`+number+`"`)
	status, body := zs.get("/certificates/" + number)
	if status != 200 {
		t.Fatalf("the holder's certificate: %d", status)
	}
	mustShow(t, "the certificate", body, "职称证书", "张三", "男", "130102199001011237", "<dd>工程</dd>", "<dd>工程师</dd>", "<dd>中级</dd>",
		"河北省工程系列中级职称评审委员会", "批准文号", "河北省人力资源和社会保障厅", "2027-02-09", number, "有效", `src="/verify/`+number+`/qr.png"`,
		w.ts.URL+"/verify/"+number, "data-print", `href="/certificates/`+number+`/pdf"`)
	if strings.Contains(body, "已撤销") {
		t.Errorf("a valid certificate is marked revoked")
	}
	// The secretary of the committee that granted it, and the admin, may print it; another
	// applicant may not; a visitor is asked to sign in; a typo is a 400 page.
	for _, tt := range []struct {
		user   string
		status int
		want   string
	}{
		{"secretary", 200, "130102199001011237"},
		{"admin", 200, "130102199001011237"},
		{"lisi", 403, "只有持证人、发证机构和管理员可以查看证书全文"},
		{"", 200, `name="next" value="/certificates/` + number + `"`},
	} {
		status, body := w.as(tt.user).get("/certificates/" + number)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.user, status, tt.status, tt.want)
		}
		if tt.status != 200 && strings.Contains(body, "130102199001011237") {
			t.Errorf("%s sees the ID number", tt.user)
		}
	}
	typo := number[:len(number)-1] + "0"
	if strings.HasSuffix(number, "0") {
		typo = number[:len(number)-1] + "1"
	}
	if status, body := zs.get("/certificates/" + typo); status != 400 || !strings.Contains(body, "填写内容有误") {
		t.Errorf("a wrong check character: %d", status)
	}

	// The 职改办 lists this month's grants by default, and any period.
	status, body = off.get("/registrations")
	if status != 200 {
		t.Fatalf("registrations: %d", status)
	}
	mustShow(t, "this month's grants", body, `value="2027-02-01"`, `value="2027-02-09"`, number, "张三", "130102199001011237",
		"河北冀钢集团有限公司", "下载 Excel（推荐）", "18 位身份证号", `href="/registrations.xlsx?from=2027-02-01&amp;to=2027-02-09"`)
	_, body = off.get("/registrations?from=2027-01-01&to=2027-01-31")
	mustShow(t, "January", body, "该期间没有颁发职称证书")

	// Mistakes come back at their fields, for the page and for a download.
	for _, tt := range []struct{ query, field, want string }{
		{"from=2027-02-30&to=2027-03-01", "from", "不是真实存在的日期"},
		{"from=2027-03-01&to=2027-02-01", "to", "早于起始日期"},
		{"from=&to=2027-02-01", "from", "须给出起始日期"},
	} {
		for _, path := range []string{"/registrations?", "/registrations.xlsx?"} {
			status, body := off.get(path + tt.query)
			if status != 422 {
				t.Errorf("%s%s: %d, want 422", path, tt.query, status)
			}
			field := regexp.MustCompile(`(?s)<input id="` + tt.field + `".*?</div>`).FindString(body)
			mustShow(t, path+tt.query+" at "+tt.field, field, `aria-invalid="true"`, tt.want)
		}
	}

	// The Excel file keeps the 18-digit ID number as text.
	query := "?from=2027-01-01&to=2027-12-31"
	resp, data := download(t, off, "/registrations.xlsx"+query)
	if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("xlsx Content-Type %q", ct)
	}
	cd := resp.Header.Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment; ") || !strings.Contains(cd, `filename="registrations-2027-01-01-2027-12-31.xlsx"`) ||
		!strings.Contains(cd, "filename*=UTF-8''%E8%81%8C%E7%A7%B0%E7%99%BB%E8%AE%B0-2027-01-01-2027-12-31.xlsx") {
		t.Errorf("xlsx Content-Disposition %q", cd)
	}
	if _, params, err := mime.ParseMediaType(cd); err != nil || params["filename"] != "职称登记-2027-01-01-2027-12-31.xlsx" {
		t.Errorf("the file name read back: %q (%v)", params["filename"], err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(certificate.SheetName)
	if err != nil || len(rows) != 2 {
		t.Fatalf("the sheet has %d rows (%v), want the header and one grant", len(rows), err)
	}
	if got := rows[1]; got[0] != number || got[1] != "张三" || got[2] != "130102199001011237" || got[5] != "机械工程" || got[6] != "工程师" || got[9] != "2027-02-09" || got[10] != "有效" {
		t.Errorf("the grant's row: %q", got)
	}

	// The CSV starts with a byte order mark, then the Chinese header.
	resp, data = download(t, off, "/registrations.csv"+query)
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("csv Content-Type %q", ct)
	}
	if !strings.HasPrefix(string(data), "\uFEFF证书编号,姓名,身份证号,") || !strings.Contains(string(data), number+",张三,130102199001011237,") {
		t.Errorf("the CSV: %.200q", data)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="registrations-2027-01-01-2027-12-31.csv"`) {
		t.Errorf("csv Content-Disposition %q", cd)
	}

	// Revoked, the certificate says so across it, and the registration list marks it.
	adm := w.as("admin")
	_, body = adm.get(app)
	if status, body = adm.post(app+"/act", url.Values{"action": {"revoke"}, "version": {version(t, body)}, "note": {"技师证书系伪造"}}); status != 200 {
		t.Fatalf("revoke: %d\n%.300s", status, body)
	}
	_, body = zs.get("/certificates/" + number)
	mustShow(t, "the revoked certificate", body, `class="certificate is-revoked"`, `id="revoked">已撤销`, "已撤销（2027-02-09）")
	_, body = off.get("/registrations" + query)
	mustShow(t, "the revoked grant", body, `<tr class="revoked">`, `<span class="stage stage-revoked">已撤销</span>`)

	// A site given its public address prints that address and draws it in the QR code.
	const base = "https://zc.example.gov.cn"
	public := http.NewServeMux()
	New(Config{Service: w.s.svc, PublicURL: base + "/", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Routes(public)
	for _, tt := range []struct {
		mux  http.Handler
		base string
	}{{w.ts.Config.Handler, w.ts.URL}, {public, base}} {
		req := httptest.NewRequest("GET", w.ts.URL+"/verify/"+number+"/qr.png", nil)
		rec := httptest.NewRecorder()
		tt.mux.ServeHTTP(rec, req)
		want, err := certificate.QRCodePNG(certificate.VerifyURL(tt.base, number), 240)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("the QR code drawn for %s: %d, not the code of %s", tt.base, rec.Code, certificate.VerifyURL(tt.base, number))
		}
		req = httptest.NewRequest("GET", w.ts.URL+"/certificates/"+number, nil)
		for _, c := range zs.http.Jar.Cookies(req.URL) {
			req.AddCookie(c)
		}
		rec = httptest.NewRecorder()
		tt.mux.ServeHTTP(rec, req)
		mustShow(t, "the certificate printed for "+tt.base, rec.Body.String(), tt.base+"/verify/"+number)
	}
}

// download fetches a file as c and fails on a status other than 200.
func download(t *testing.T, c *client, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.http.Get(c.w.ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d\n%.300s", path, resp.StatusCode, data)
	}
	return resp, data
}
