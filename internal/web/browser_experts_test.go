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
	row := text(t, adm, `document.querySelector("#experts tbody tr").innerText`) // newest first
	mustContain(t, "the new expert's row", row, "李卫东", "石家庄市建筑业协会", "工程", "焊接", "高级技师", "高技能人才", "liweidong", "在库")
	mustContain(t, "the pool", mainText(t, adm), "专家 李卫东 已添加")
	screenshot(t, adm, "experts", 1280)

	click(t, adm, `#committees a[href="`+board+`"]`)
	mustContain(t, "the committee", mainText(t, adm), "河北省工程系列中级职称评审委员会", "不少于 9 人", "不少于 1 人", "现任成员", "刘秀英", "主任委员")
	do(t, adm, chromedp.Click(chromedp.ID("member-10")), chromedp.SetValue(chromedp.ID("role-10"), "vice_chair"))
	click(t, adm, `#members-form button[type="submit"]`)
	mustContain(t, "the saved committee", mainText(t, adm), "评委会组成已保存，共 10 人，其中高技能人才专家 3 人")
	members := text(t, adm, `document.getElementById("members").innerText`)
	mustContain(t, "the members", members, "李卫东", "石家庄市建筑业协会", "副主任委员")
	screenshot(t, adm, "committee-members", 1280)

	// 李卫东 sits on the committee now: 停用 is refused, the committee named. He moves to
	// another employer; 赵志刚 is taken out of the committee, then out of the pool.
	navigate(t, adm, 200, chromedp.Navigate(w.ts.URL+"/admin/experts"))
	navigate(t, adm, 409, chromedp.Click(chromedp.CSS(`#expert-10 form[action="/admin/experts/10/deactivate"] button`)))
	mustContain(t, "the refusal", text(t, adm, `document.getElementById("problem").innerText`), "李卫东是河北省工程系列中级职称评审委员会的成员，不能停用")
	click(t, adm, `#expert-10 a[href="/admin/experts/10"]`)
	mustContain(t, "the edit page", mainText(t, adm), "修改专家：李卫东", "liweidong", "河北省工程系列中级职称评审委员会")
	do(t, adm, chromedp.SetValue(chromedp.ID("employer_id"), strconv.FormatInt(w.org("河北工业技师学院"), 10)))
	screenshot(t, adm, "expert-edit", 1280)
	click(t, adm, `#edit-expert button[type="submit"]`)
	mustContain(t, "the pool after the edit", mainText(t, adm), "专家 李卫东 的信息已保存")
	mustContain(t, "李卫东's row", text(t, adm, `document.getElementById("expert-10").innerText`), "河北工业技师学院")

	click(t, adm, `#committees a[href="`+board+`"]`)
	do(t, adm, chromedp.Click(chromedp.ID("member-3")))
	click(t, adm, `#members-form button[type="submit"]`)
	navigate(t, adm, 200, chromedp.Navigate(w.ts.URL+"/admin/experts"))
	click(t, adm, `#expert-3 form[action="/admin/experts/3/deactivate"] button`)
	mustContain(t, "赵志刚 taken out", mainText(t, adm), "专家 赵志刚 已停用")
	mustContain(t, "赵志刚's row", text(t, adm, `document.getElementById("expert-3").innerText`), "已停用", "启用")
	screenshot(t, adm, "experts-inactive", 1280)
}
