package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheckFourthWorkPeriod (三(一)2, 连续从事: gaps push the date back): on the
// self-check, the work fieldset's 再添加一项 shows the two hidden rows, then adds a fourth
// like the last, renumbered and empty; the fourth period closes the gap, and the answer says
// so.
func TestBrowserCheckFourthWorkPeriod(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
	do(t, ctx, fillWorker("2021-06-30"))

	add := chromedp.Click(chromedp.CSS(`#work .add-row`))
	do(t, ctx, add, add) // the rendered rows 2 and 3, hidden while empty
	if n := text(t, ctx, `String(document.querySelectorAll("#work [data-row]").length)`); n != "3" {
		t.Fatalf("after showing the hidden rows, %s work rows, want 3", n)
	}
	do(t, ctx, add) // a fourth, made by the script
	row := text(t, ctx, `(() => {
		const rows = document.querySelectorAll("#work [data-row]");
		const r = rows[rows.length - 1];
		return [rows.length, r.hidden, ...[...r.querySelectorAll("input")].map(i => i.id + " " + i.name + " [" + i.value + "]"),
			...[...r.querySelectorAll("label")].map(l => l.htmlFor), document.activeElement.id].join("|");
	})()`)
	if want := "4|false|work-3-from work.3.from []|work-3-to work.3.to []|work-3-from|work-3-to|work-3-from"; row != want {
		t.Errorf("the added row: %s, want %s", row, want)
	}
	screenshot(t, ctx, "check-work-rows", 1280)

	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("work-0-from"), "2021-06-30"),
		chromedp.SendKeys(chromedp.ID("work-0-to"), "2022-03-31"),
		chromedp.SendKeys(chromedp.ID("work-1-from"), "2022-10-01"),
		chromedp.SendKeys(chromedp.ID("work-1-to"), "2023-12-31"),
		chromedp.SendKeys(chromedp.ID("work-2-from"), "2024-01-01"),
		chromedp.SendKeys(chromedp.ID("work-3-from"), "2022-04-01"),
		chromedp.SendKeys(chromedp.ID("work-3-to"), "2022-09-30"))
	navigate(t, ctx, 200, submit)
	// Without the fourth period the gap of 183 days makes it 2024-12-30 (TestCheckWorkBeyondDefaultRows).
	mustContain(t, "the 工程 中级 card", optionText(t, ctx, "工程系列 中级职称"), "可以申报", "2024-06-30 起可申报")
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("work-3-from"))); err != nil || v != "2022-04-01" {
		t.Errorf("the fourth period's start comes back as %q (%v)", v, err)
	}
}
