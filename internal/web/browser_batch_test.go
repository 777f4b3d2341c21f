package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Issue 10: the 职改办 approves 20 applications at once in Chromium: 全选 ticks the 20 of the
// section, one press approves them, and the page lists each as done (三(一)5).
func TestBrowserOfficeApprovesTwenty(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	w.recommended(20)
	off := person(t, w.ts.URL, "office")
	navigate(t, off, 200, chromedp.Navigate(w.ts.URL+"/office"))
	mustContain(t, "the 职改办's queue", mainText(t, off), "待资格审核 20", "通过所选并公示")
	do(t, off, chromedp.Click(chromedp.CSS(`#batch-review [data-select-all]`)))
	if n := text(t, off, `String(document.querySelectorAll("#batch-review input.pick:checked").length)`); n != "20" {
		t.Fatalf("全选 ticked %s applications, want 20", n)
	}
	screenshot(t, off, "office-batch", 1280)
	click(t, off, `#batch-review button[value="approve"]`)
	got := mainText(t, off)
	mustContain(t, "the answer", got, "「资格审核通过并公示」办理结果：20 项已办理", "资格审核公示 20", "没有待审核的申报。")
	if n := strings.Count(got, "✓ 申报"); n != 20 {
		t.Errorf("%d applications listed as done, want 20", n)
	}
	screenshot(t, off, "office-batch-done", 1280)
	screenshot(t, off, "office-batch-done-390", 390)
}
