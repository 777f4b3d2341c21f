package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAchievements: 张三 records a skill contribution with its evidence on his draft
// (三(一)3); once his application is before a meeting, an expert of it reads his
// contributions on the meeting page and opens his materials from there.
func TestBrowserAchievements(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL
	app := w.draft(w.as("zhangsan"))

	zs := person(t, base, "zhangsan")
	navigate(t, zs, 200, chromedp.Navigate(base+app))
	do(t, zs,
		chromedp.SetValue(chromedp.ID("ach-type"), "技能竞赛获奖"),
		chromedp.SendKeys(chromedp.ID("ach-title"), "河北省职工职业技能大赛钳工项目第二名"),
		chromedp.SendKeys(chromedp.ID("ach-date"), "2024-05-20"),
		chromedp.SendKeys(chromedp.ID("ach-level"), "省级"),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("ach-file"); s.selectedIndex = 1; })()`))
	screenshot(t, zs, "achievement-form", 1280)
	click(t, zs, `#achievement-form button[type="submit"]`)
	list := text(t, zs, `document.getElementById("achievements").innerText`)
	mustContain(t, "the achievements", list, "技能竞赛获奖", "河北省职工职业技能大赛钳工项目第二名 · 省级 · 2024-05-20", "技师证书.pdf")
	mustContain(t, "the message", mainText(t, zs), "业绩成果已添加")
	click(t, zs, `button[name="action"][value="submit"]`)
	mustContain(t, "submitted", mainText(t, zs), "待单位推荐", "河北省职工职业技能大赛钳工项目第二名")

	w.toCommittee(app)
	sec := w.as("secretary")
	if status, body := sec.post("/meetings", url.Values{"application_id": {strings.TrimPrefix(app, "/applications/")}}); status != 200 {
		t.Fatalf("create meeting: %d\n%.300s", status, body)
	}

	liu := person(t, base, "expert2")
	click(t, liu, `a[href^="/meetings/"]`)
	mustContain(t, "the expert's meeting page", mainText(t, liu), "业绩成果 1 项", "河北省职工职业技能大赛钳工项目第二名", "查看申报材料")
	screenshot(t, liu, "meeting-achievements", 1280)
	click(t, liu, `a[id^="materials-"]`)
	mustContain(t, "the materials", mainText(t, liu), "张三", "符合申报条件", "技师证书.pdf", "河北省职工职业技能大赛钳工项目第二名", "单位推荐")
	screenshot(t, liu, "application-expert", 1280)
}
