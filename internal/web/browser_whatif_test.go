package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"guantong/internal/store/storetest"
)

// The 政策模拟 page in Chromium (screenshots/whatif-*.png, whatif.pdf): the admin goes from
// 管理 to the page, uploads the 三(一)2 two-year draft and a seeded population, sees the job
// queued; after the worker has run it the page, reloaded, draws the four charts with their
// tables, shows the examples with their reasons, fits a 390 px phone, passes axe, and
// prints with the figures; an empty form is refused naming both fields.
func TestBrowserWhatif(t *testing.T) {
	newTab(t)
	w, st := newWorldStore(t, storetest.SQLite(t))
	ts := w.ts
	dir := t.TempDir()
	draft := filepath.Join(dir, "技师两年.json")
	if err := os.WriteFile(draft, []byte(twoYearDraft(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, people := seededPopulation(t, 1200, 7)

	ctx := person(t, ts.URL, "admin")
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/admin"))
	click(t, ctx, `a[href="/admin/whatif"]`)
	mustContain(t, "the 政策模拟 page", mainText(t, ctx), "政策模拟", "新的模拟", "还没有政策模拟")
	do(t, ctx, chromedp.SetUploadFiles(chromedp.ID("draft_file"), []string{draft}),
		chromedp.SetUploadFiles(chromedp.ID("population"), []string{people}),
		chromedp.SetValue(chromedp.ID("as_of"), "2026-12-31"))
	click(t, ctx, `form[action="/admin/whatif"] button[type="submit"]`)
	mustContain(t, "the queued job", mainText(t, ctx), "people.jsonl", "排队中", "自动刷新")
	screenshot(t, ctx, "whatif-queued", 1280)

	runJob(t, w, st)
	navigate(t, ctx, 200, chromedp.Reload())
	mustContain(t, "the finished job", mainText(t, ctx), "已完成", "已测评 1200 人", "草案 hebei-2027 对比现行 hebei-2021",
		"新增可申报的人", "按系列的变化（人次）", "按途径的变化（人次）", "举例：两种政策下的理由", "三(一)2", "下载模拟结果")
	got := text(t, ctx, `(() => {
		const svgs = [...document.querySelectorAll("svg.chart")];
		const drawn = svgs.filter(s => s.getBoundingClientRect().width > 200 && s.querySelectorAll("rect[data-value]").length > 0).length;
		return svgs.length + " " + drawn + " " + document.querySelectorAll("table.figures").length;
	})()`)
	if got != "4 4 4" {
		t.Errorf("charts, drawn with bars, tables: %s, want 4 4 4", got)
	}
	axeCheck(t, ctx, "the finished simulation")
	screenshot(t, ctx, "whatif-done", 1280)
	screenshot(t, ctx, "whatif-done-390", 390)
	fitsPhone(t, ctx)
	pdf := printPDF(t, ctx, "whatif")
	// Nothing chosen: both problems named at their fields, the form accessible.
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/admin/whatif"))
	navigate(t, ctx, 400, chromedp.Click(chromedp.CSS(`form[action="/admin/whatif"] button[type="submit"]`)))
	mustContain(t, "the refused form", mainText(t, ctx), "请选择草案", "请选择人群文件")
	axeCheck(t, ctx, "the refused 政策模拟 form")
	screenshot(t, ctx, "whatif-refused-390", 390)
	for _, want := range []string{"草案hebei-2027对比现行hebei-2021", "新增可申报的人", "按系列的变化", "已测评1200人"} {
		if !strings.Contains(strings.Join(strings.Fields(pdf), ""), want) {
			t.Errorf("the printed page lacks %q", want)
		}
	}
}
