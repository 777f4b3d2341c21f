package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guantong/internal/store/storetest"
)

// HR imports a staff sheet in Chromium (issue 10's browser test): the sheet with a bad row is
// refused with the row and column named; asked for the good rows only, the page shows the
// report and the new account's one-time password, which then signs in.
func TestBrowserStaffImport(t *testing.T) {
	newTab(t)
	s, _ := newServerStore(t, storetest.SQLite(t))
	mux := http.NewServeMux()
	s.Routes(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	sheet := filepath.Join(t.TempDir(), "本单位员工.csv")
	if err := os.WriteFile(sheet, []byte(staffImportCSV), 0o644); err != nil {
		t.Fatal(err)
	}

	hr := person(t, ts.URL, "hr")
	click(t, hr, `nav a[href="/staff"]`)
	mustContain(t, "the 员工导入 page", mainText(t, hr), "上传员工信息表", "员工信息表模板", "只导入无误的行")
	do(t, hr, chromedp.SetUploadFiles(chromedp.ID("file"), []string{sheet}))
	navigate(t, hr, 422, chromedp.Click(chromedp.CSS(`form[action="/staff"] button[type="submit"]`)))
	mustContain(t, "the refused sheet", mainText(t, hr), "全部未导入", "第3行 D列（手机号码）")

	do(t, hr, chromedp.SetUploadFiles(chromedp.ID("file"), []string{sheet}))
	do(t, hr, chromedp.Click(chromedp.CSS(`input[name="good_only"]`)))
	click(t, hr, `form[action="/staff"] button[type="submit"]`)
	mustContain(t, "the import's report", mainText(t, hr), "新建 1 人", "新账号 1 个", "1 行有误未导入", "第3行 D列（手机号码）",
		"新账号与一次性密码", "130102199003071233", "下载新账号与一次性密码")
	password := text(t, hr, `document.querySelector("#accounts tbody code").textContent`)
	if len(strings.TrimSpace(password)) != 12 {
		t.Fatalf("one-time password %q", password)
	}
	screenshot(t, hr, "staff-imported", 1280)
	if _, err := s.svc.Login(t.Context(), "130102199003071233", strings.TrimSpace(password)); err != nil {
		t.Errorf("the one-time password shown does not sign in: %v", err)
	}
}
