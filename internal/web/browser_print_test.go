package web

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// printPDF prints the page open in ctx as the browser does (A4, the page's print CSS), writes
// screenshots/name.pdf, renders its first page to screenshots/name.png with pdftoppm, and
// returns the PDF's text as pdftotext reads it.
func printPDF(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	yes := true
	pdf, err := chromedp.Call(ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf.Data, -1)); n < 1 {
		t.Fatalf("%s: the PDF has no page", name)
	}
	return renderPDF(t, name, pdf.Data)
}

// renderPDF writes screenshots/name.pdf, renders its first page to screenshots/name.png with
// pdftoppm, and returns its text as pdftotext reads it.
func renderPDF(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "screenshots")
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tool := range []string{"pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (poppler-utils)", tool)
			}
			t.Skipf("%s is missing (poppler-utils): the PDF is written, not rendered", tool)
		}
	}
	png := filepath.Join(dir, name)
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v\n%s", name, err, out)
	}
	if fi, err := os.Stat(png + ".png"); err != nil || fi.Size() < 2000 {
		t.Errorf("%s.png was not rendered: %v", name, err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	return string(out)
}

// TestBrowserPrintDocuments (issue 12 items 3, 4 and 6): each printable document printed to
// PDF and its first page rendered: the employer's own 公示, the public notice (no ID number,
// no phone), the 评审表, the 推荐表, the meeting's record and the result notice. On the way an
// objector follows an objection by its receipt without signing in, and the 职改办's view of
// the full ID number goes on the record.
func TestBrowserPrintDocuments(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL
	app := w.submitted(w.as("zhangsan"))

	// The employer's own 公示, printed for the notice board.
	w.act(w.as("hr"), app, "publish_internal")
	hr := person(t, base, "hr")
	navigate(t, hr, 200, chromedp.Navigate(base+"/employer/notice"))
	mustContain(t, "the internal notice", mainText(t, hr), "职称申报人员单位内部公示", "张三", "工程系列 机械工程专业 中级职称", "2026-12-31 至 2027-01-08", "人社部令第40号")
	mustContain(t, "the internal notice printed", printPDF(t, hr, "print-internal-notice"), "张三")

	// Over, the employer recommends; the 职改办 approves into the public notice.
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}})
	w.act(w.as("hr"), app, "recommend")
	w.act(w.as("office"), app, "approve")
	pub := person(t, base, "")
	navigate(t, pub, 200, chromedp.Navigate(base+"/notices"))
	click(t, pub, `a[href^="/notices/doc/"]`)
	page := mainText(t, pub)
	mustContain(t, "the notice as published", page, "资格审核公示", "公示单位", "石家庄市职称改革领导小组办公室", "张三",
		"河北冀钢集团有限公司", "技师", "工程", "5 个工作日", "受理电话", "电子邮箱")
	printed := printPDF(t, pub, "print-notice")
	// The server's PDF of the same notice, with the certificate's embedded font.
	key := strings.TrimPrefix(text(t, pub, `document.getElementById("notice-pdf").getAttribute("href")`), "/notices/doc/")
	status, served := w.as("").get("/notices/doc/" + key)
	if status != 200 || !strings.HasPrefix(served, "%PDF-") {
		t.Fatalf("the notice's PDF: %d", status)
	}
	served = renderPDF(t, "notice-pdf", []byte(served))
	mustContain(t, "the notice's PDF", served, "资格审核公示", "张三", "河北冀钢集团有限公司", "机械工程", "受理电话")
	for _, secret := range []string{"130102", "1237", "13812345678", "5678"} {
		if strings.Contains(page, secret) || strings.Contains(printed, secret) || strings.Contains(served, secret) {
			t.Errorf("the public notice shows %q", secret)
		}
	}

	// An objection: its receipt, and its handling followed without signing in.
	navigate(t, pub, 200, chromedp.Navigate(base+"/notices"))
	do(t, pub, chromedp.Click(chromedp.CSS("details.object summary")),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), "王某"),
		chromedp.SendKeys(chromedp.CSS(`input[name="contact"]`), "wang@example.com"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="text"]`), "业绩材料与实际不符"))
	click(t, pub, `.objection-form button[type="submit"]`)
	receipt := text(t, pub, `document.getElementById("receipt").innerText`)
	if !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$`).MatchString(receipt) {
		t.Fatalf("receipt %q", receipt)
	}
	mustContain(t, "the receipt page", mainText(t, pub), "受理中，尚未处理", "业绩材料与实际不符")
	off := w.as("office")
	_, body := off.get(app)
	oid := regexp.MustCompile(`name="objection_id" value="(\d+)"`).FindStringSubmatch(body)
	if oid == nil {
		t.Fatal("the office's page has no objection to decide")
	}
	if status, _ := off.post(app+"/act", url.Values{"action": {"dismiss"}, "objection_id": {oid[1]}, "note": {"经核实，材料属实"}, "version": {version(t, body)}}); status != 200 {
		t.Fatalf("dismiss: %d", status)
	}
	navigate(t, pub, 200, chromedp.Navigate(base+"/objections?receipt="+strings.ToLower(receipt)))
	mustContain(t, "the receipt page after", text(t, pub, `document.getElementById("objection-status").innerText`), "异议不成立", "经核实，材料属实")
	screenshot(t, pub, "objection-receipt", 1280)

	// The 职改办 asks for the full ID number; the view is on the record.
	offc := person(t, base, "office")
	navigate(t, offc, 200, chromedp.Navigate(base+app))
	if got := text(t, offc, `document.getElementById("masked-id").innerText`); got != "130102********1237" {
		t.Errorf("the 职改办 sees %q before asking", got)
	}
	click(t, offc, "#reveal-id")
	if got := text(t, offc, `document.getElementById("full-id").innerText`); got != "130102199001011237" {
		t.Errorf("the full ID number: %q", got)
	}
	mustContain(t, "the history", mainText(t, offc), "查看完整证件号")

	// The 评审表 and the 推荐表.
	click(t, offc, "#print-review-form")
	mustContain(t, "the 评审表", mainText(t, offc), "职称评审表", "张三", "申报条件审查", "三(一)2")
	mustContain(t, "the 评审表 printed", printPDF(t, offc, "print-review-form"), "张三")
	navigate(t, offc, 200, chromedp.Navigate(base+app+"/recommend-form"))
	mustContain(t, "the 推荐表", mainText(t, offc), "职称申报单位推荐表", "河北冀钢集团有限公司", "单位推荐", "公示期满")
	printPDF(t, offc, "print-recommend-form")

	// The meeting's record and the result notice.
	w.as("admin").post("/admin/clock", url.Values{"days": {"20"}})
	w.act(off, app, "send")
	w.holdMeeting(w.as("secretary"), strings.TrimPrefix(app, "/applications/"))
	sec := person(t, base, "secretary")
	navigate(t, sec, 200, chromedp.Navigate(base+"/meetings/1"))
	click(t, sec, "#print-record")
	record := mainText(t, sec)
	mustContain(t, "the meeting's record", record, "评审会议记录", "出席", "综合分", "评审通过")
	printPDF(t, sec, "print-meeting-record")
	navigate(t, pub, 200, chromedp.Navigate(base+"/notices"))
	click(t, pub, `a[href^="/notices/doc/"]`)
	mustContain(t, "the result notice", mainText(t, pub), "评审结果公示", "张三", "评审通过")
	printPDF(t, pub, "print-result-notice")
}
