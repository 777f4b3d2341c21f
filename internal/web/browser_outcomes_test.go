package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheckFourOutcomes (contract version 2, status): a worker fills the self-check four
// times, as a 钳工 技师 whose 工程 中级 is eligible, comes on a date, needs the 2025 assessment,
// and is refused for a failed 2025; each time the card says so in words, each outcome in its
// own colour.
func TestBrowserCheckFourOutcomes(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	colours := map[string]string{}
	for _, tt := range []struct {
		status, obtained, result2025, outcome string
	}{
		{"eligible", "2021-06-30", "合格", "可以申报"},
		{"not_yet", "2025-01-10", "合格", "2028年1月10日起可申报"},
		{"needs_information", "2021-06-30", "", "还需补充：2025年度考核结果"},
		{"ineligible", "2021-06-30", "不合格", "不符合："},
	} {
		navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
		do(t, ctx, fillWorker(tt.obtained), chromedp.SetValue(chromedp.ID("assessments-2-result"), tt.result2025))
		navigate(t, ctx, 200, submit)
		mustContain(t, "the "+tt.status+" 工程 中级 card", optionText(t, ctx, "工程系列 中级职称"), tt.outcome)
		colours[tt.status] = text(t, ctx, `getComputedStyle([...document.querySelectorAll("article.option")].find(a => a.querySelector("h4").textContent === "工程系列 中级职称")).borderLeftColor`)
		screenshot(t, ctx, "check-"+tt.status, 1280)
	}
	if colours["eligible"] == colours["ineligible"] || colours["eligible"] == colours["not_yet"] || colours["eligible"] == colours["needs_information"] {
		t.Errorf("the outcomes share a colour: %v", colours)
	}
}
