package web

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"guantong/internal/store/storetest"
)

// HR screens a staff sheet in Chromium: uploads it on 批量测评, sees the job queued, and after
// the worker has run it, the page (reloaded) shows the summary and the download.
func TestBrowserScreening(t *testing.T) {
	newTab(t)
	w, st := newWorldStore(t, storetest.SQLite(t))
	ts := w.ts
	sheet := filepath.Join(t.TempDir(), "本单位职工.csv")
	if err := os.WriteFile(sheet, []byte(staffCSV), 0o644); err != nil {
		t.Fatal(err)
	}

	hr := person(t, ts.URL, "hr")
	click(t, hr, `nav a[href="/screen"]`)
	mustContain(t, "the 批量测评 page", mainText(t, hr), "新的批量测评", "员工信息表模板", "还没有批量测评")
	do(t, hr, chromedp.SetUploadFiles(chromedp.ID("file"), []string{sheet}))
	click(t, hr, `form[action="/screen"] button[type="submit"]`)
	mustContain(t, "the queued job", mainText(t, hr), "本单位职工.csv", "排队中", "自动刷新")
	screenshot(t, hr, "screening-queued", 1280)

	runJob(t, w, st)
	navigate(t, hr, 200, chromedp.Reload())
	mustContain(t, "the finished job", mainText(t, hr), "已完成", "已测评 3 人", "读取人数：3", "现可申报（至少一项）：2", "下载测评结果")
	screenshot(t, hr, "screening-done", 1280)
	screenshot(t, hr, "screening-done-phone", 390)
}
