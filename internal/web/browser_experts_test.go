package web

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserExperts: the admin adds a skilled expert to the pool, with their login, and
// seats them on the 工程 中级 committee.
func TestBrowserExperts(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	board := w.committee("河北省工程系列中级职称评审委员会")
	adm := person(t, w.ts.URL, "admin")
	click(t, adm, `nav.site-nav a[href="/admin/experts"]`)
	mustContain(t, "the expert pool", mainText(t, adm), "专家库", "添加专家", "王建国", "高技能人才", "expert1")
	do(t, adm,
		chromedp.SendKeys(chromedp.ID("name"), "李卫东"),
		chromedp.SetValue(chromedp.ID("employer_id"), strconv.FormatInt(w.org("石家庄市建筑业协会"), 10)),
		chromedp.SetValue(chromedp.ID("series"), "工程"),
		chromedp.SendKeys(chromedp.ID("specialty"), "焊接"),
		chromedp.SetValue(chromedp.ID("skill_level"), "高级技师"),
		chromedp.Click(chromedp.ID("skilled")),
		chromedp.SendKeys(chromedp.ID("username"), "liweidong"),
		chromedp.SendKeys(chromedp.ID("password"), "liweidong-2026"))
	click(t, adm, `#new-expert button[type="submit"]`)
	row := text(t, adm, `[...document.querySelectorAll("#experts tbody tr")].pop().innerText`)
	mustContain(t, "the new expert's row", row, "李卫东", "石家庄市建筑业协会", "工程", "焊接", "高级技师", "高技能人才", "liweidong", "在库")
	mustContain(t, "the pool", mainText(t, adm), "专家 李卫东 已添加")
	screenshot(t, adm, "experts", 1280)

	click(t, adm, `#committees a[href="`+board+`"]`)
	mustContain(t, "the committee", mainText(t, adm), "河北省工程系列中级职称评审委员会", "不少于 1 人", "现任成员", "刘秀英", "主任委员")
	do(t, adm, chromedp.Click(chromedp.ID("member-6")), chromedp.SetValue(chromedp.ID("role-6"), "vice_chair"))
	click(t, adm, `#members-form button[type="submit"]`)
	mustContain(t, "the saved committee", mainText(t, adm), "评委会组成已保存，共 6 人，其中高技能人才专家 3 人")
	members := text(t, adm, `document.getElementById("members").innerText`)
	mustContain(t, "the members", members, "李卫东", "石家庄市建筑业协会", "副主任委员")
	screenshot(t, adm, "committee-members", 1280)
}
