package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"guantong/internal/stats/statstest"
	"guantong/internal/store/storetest"
)

// fitsPhone checks that the page open in ctx is no wider than a 390 px phone's screen, and
// goes back to the desktop width.
func fitsPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	overflow := text(t, ctx, `String(document.documentElement.scrollWidth)`)
	do(t, ctx, chromedp.EmulateViewport(1280, 900))
	if overflow != "390" {
		t.Errorf("at 390 px the page is %s px wide", overflow)
	}
}

// The 统计 dashboard in the browser, at desktop and phone widths (screenshots/stats.png,
// stats-390.png): every chart is drawn with its table, nothing is wider than a phone's
// screen, and the page prints without its navigation; and the policy versions page.
func TestBrowserStats(t *testing.T) {
	dsn := storetest.SQLite(t)
	w := newWorldOn(t, dsn)
	statstest.Seed(t, storetest.Open(t, dsn), 900, "")
	ctx := person(t, w.ts.URL, "admin")
	navigate(t, ctx, 200, chromedp.Navigate(w.ts.URL+"/stats"))
	got := text(t, ctx, `(() => {
		const svgs = [...document.querySelectorAll("svg.chart")];
		const drawn = svgs.filter(s => s.getBoundingClientRect().width > 200 && s.querySelector("title")).length;
		return svgs.length + " " + drawn + " " + document.querySelectorAll("table.figures").length;
	})()`)
	if got != "12 12 12" {
		t.Errorf("charts, drawn, tables: %s, want 12 12 12", got)
	}
	mustContain(t, "the dashboard", mainText(t, ctx), "统计 · 全省", "高技能人才组与其他申报人", "中位数（天）", "唐山市", "下载 Excel")
	axeCheck(t, ctx, "the admin's dashboard")
	screenshot(t, ctx, "stats", 1280)
	screenshot(t, ctx, "stats-390", 390)
	fitsPhone(t, ctx)
	navigate(t, ctx, 200, chromedp.Navigate(w.ts.URL+"/stats?region="+"%E5%94%90%E5%B1%B1%E5%B8%82"))
	mustContain(t, "a region", mainText(t, ctx), "统计 · 唐山市")
	navigate(t, ctx, 200, chromedp.Navigate(w.ts.URL+"/admin/policies"))
	mustContain(t, "policy versions", mainText(t, ctx), "政策版本", "hebei-2021", "现行", "上传新政策")
	axeCheck(t, ctx, "the policy versions")
	screenshot(t, ctx, "policies-390", 390)
	navigate(t, ctx, 200, chromedp.Navigate(w.ts.URL+"/admin/policies/hebei-2021"))
	mustContain(t, "a policy beside itself", mainText(t, ctx), "政策对照", "逐条对照", "三(一)2")
	axeCheck(t, ctx, "a policy beside the one in force")
}
