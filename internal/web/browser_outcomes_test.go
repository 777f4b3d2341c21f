package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCheckFourOutcomes (contract version 2, status): the self-check's answer shows each
// of the four outcomes in a worker's words, each card in its own colour; the notes of
// not_applicable and who confirms a declared fact are on the page. The answer is
// fourOutcomes, so that every outcome is shown whatever the engine answers today;
// TestBrowserCheckNotYet walks a real not-yet answer.
func TestBrowserCheckFourOutcomes(t *testing.T) {
	ctx := newTab(t)
	ts := outcomesServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/outcomes"))
	colours := map[string]string{}
	for _, tt := range []struct{ status, card, outcome string }{
		{"eligible", "工程系列 中级职称", "可以申报"},
		{"not_yet", "实验技术系列 中级职称", "2027年6月30日起可申报"},
		{"needs_information", "工艺美术系列 中级职称", "还需补充：2025年度考核结果"},
		{"ineligible", "工程系列 副高级职称", "不符合：须取得高级技师证书"},
	} {
		mustContain(t, "the "+tt.status+" card", optionText(t, ctx, tt.card), tt.outcome)
		colours[tt.status] = text(t, ctx, `getComputedStyle([...document.querySelectorAll("article.option")].find(a => a.querySelector("h4").textContent === "`+tt.card+`")).borderLeftColor`)
	}
	if colours["eligible"] == colours["ineligible"] || colours["eligible"] == colours["not_yet"] {
		t.Errorf("the outcomes share a colour: %v", colours)
	}
	result := text(t, ctx, `document.getElementById("result").innerText`)
	mustContain(t, "the result", result, "需由职改办确认", "未持有职称，不能申请职业技能评价", "第1张证书的职业编码")
	screenshot(t, ctx, "check-outcomes", 1280)
	screenshot(t, ctx, "check-outcomes-390", 390)
}
