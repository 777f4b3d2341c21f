package web

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserCertificate: the holder opens the printable certificate from the application
// page and prints it on one A4 page without the site around it, and once revoked it says so;
// the 职改办 lists the period's grants for registration. The certificate is granted over HTTP first, the browser flow
// having walked that path already.
func TestBrowserCertificate(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL
	app, number := w.granted()

	zs := person(t, base, "zhangsan")
	navigate(t, zs, 200, chromedp.Navigate(base+app))
	click(t, zs, "#print-certificate")
	mustContain(t, "the certificate", mainText(t, zs), "职称证书", "张三", "男", "130102199001011237", "工程", "工程师", "中级",
		"河北省工程系列中级职称评审委员会", "批准文号", "河北省人力资源和社会保障厅", "2027-02-09", number, "有效", base+"/verify/"+number, "下载 PDF")
	if w := text(t, zs, `String(document.querySelector("#certificate .cert-qr img").naturalWidth)`); w == "0" {
		t.Errorf("the QR code did not load")
	}
	if hidden := text(t, zs, `String(document.querySelector("button[data-print]").hidden)`); hidden != "false" {
		t.Errorf("the 打印 button is hidden with JavaScript on")
	}
	screenshot(t, zs, "certificate", 1280)
	screenshot(t, zs, "certificate-390", 390)

	// Printed: the certificate alone, on one A4 page.
	if _, err := chromedp.Call(zs, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{"header.site-header", "nav.site-nav", "footer.site-footer", ".cert-tools", "button[data-print]"} {
		if d := text(t, zs, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); d != "none" {
			t.Errorf("printed, %s is displayed (%s)", sel, d)
		}
	}
	if d := text(t, zs, `getComputedStyle(document.getElementById("certificate")).display`); d == "none" {
		t.Errorf("printed, the certificate is hidden")
	}
	screenshot(t, zs, "certificate-print", 1280)
	yes := true
	pdf, err := chromedp.Call(zs, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf.Data, -1)); n != 1 {
		t.Errorf("the certificate prints on %d pages, want 1", n)
	}
	if err := os.WriteFile(filepath.Join(moduleRoot(t), "screenshots", "certificate.pdf"), pdf.Data, 0o644); err != nil {
		t.Fatal(err)
	}

	// Revoked, it says so across the printed certificate.
	adm := w.as("admin")
	_, body := adm.get(app)
	if status, _ := adm.post(app+"/act", url.Values{"action": {"revoke"}, "version": {version(t, body)}, "note": {"技师证书系伪造"}}); status != 200 {
		t.Fatalf("revoke: %d", status)
	}
	navigate(t, zs, 200, chromedp.Navigate(base+"/certificates/"+number))
	mustContain(t, "the revoked certificate", text(t, zs, `document.getElementById("revoked").innerText`), "已撤销", "2027-02-09")
	screenshot(t, zs, "certificate-revoked-print", 1280)

	// The 职改办 lists the year's grants.
	off := person(t, base, "office")
	click(t, off, `nav a[href="/registrations"]`)
	do(t, off, chromedp.SetValue(chromedp.ID("from"), "2027-01-01"), chromedp.SetValue(chromedp.ID("to"), "2027-12-31"))
	click(t, off, `#period button[type="submit"]`)
	mustContain(t, "the grants", text(t, off, `document.getElementById("grants").innerText`),
		"2027-01-01 至 2027-12-31", number, "张三", "130102199001011237", "河北冀钢集团有限公司", "2027-02-09", "已撤销", "下载 Excel（推荐）")
	screenshot(t, off, "registrations", 1280)
	screenshot(t, off, "registrations-390", 390)
}
