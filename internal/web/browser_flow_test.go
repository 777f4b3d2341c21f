package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"guantong/internal/service"
)

// The title application from draft to certificate in Chromium, five roles and the public
// each in their own browser profile (their own cookies), over the real handler with a
// service over an SQLite file, the demo province and the demo clock.

// person opens a browser profile of its own and, for a username, signs in on the login page.
func person(t *testing.T, base, username string) context.Context {
	t.Helper()
	newTab(t) // skips, or fails under CI, without a browser
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	if username == "" {
		return ctx
	}
	navigate(t, ctx, 200, chromedp.Navigate(base+"/login"))
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), service.DemoPassword(username)))
	navigate(t, ctx, 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	return ctx
}

// main returns what the page shows in its main part.
func mainText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return text(t, ctx, `document.querySelector("main").innerText`)
}

// click presses a button or link that loads a page, and checks the status.
func click(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	navigate(t, ctx, 200, chromedp.Click(chromedp.CSS(css)))
}

func TestBrowserTitleFlow(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL
	pdfPath := filepath.Join(t.TempDir(), "技师证书.pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	// 张三 signs in, writes a title application, attaches his certificate and submits.
	zs := person(t, base, "zhangsan")
	mustContain(t, "张三's first page", mainText(t, zs), "我的申报", "您还没有申报")
	screenshot(t, zs, "my", 1280)
	click(t, zs, `.actions a[href="/applications/new"]`)
	do(t, zs,
		chromedp.Click(chromedp.ID("route-title_review")),
		chromedp.SetValue(chromedp.ID("series"), "工程"),
		chromedp.SetValue(chromedp.ID("title_level"), "中级"),
		chromedp.SendKeys(chromedp.ID("skills-0-occupation"), "钳工（6-20-01-01）"),
		chromedp.SetValue(chromedp.ID("skills-0-level"), "技师"),
		chromedp.SendKeys(chromedp.ID("skills-0-obtained"), "2021-06-30"),
		chromedp.SetValue(chromedp.ID("assessments-0-result"), "合格"),
		chromedp.SetValue(chromedp.ID("assessments-1-result"), "优秀"),
		chromedp.SetValue(chromedp.ID("assessments-2-result"), "合格"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{pdfPath}),
	)
	screenshot(t, zs, "apply", 1280)
	screenshot(t, zs, "apply-390", 390)
	click(t, zs, "#save")
	mustContain(t, "the saved draft", mainText(t, zs), "草稿已保存", "申报 1 · 工程系列 中级职称", "草稿", "技师证书.pdf", "尚未提交")
	click(t, zs, `button[name="action"][value="submit"]`)
	page := mainText(t, zs)
	mustContain(t, "the submitted application", page, "「提交」已完成", "待单位推荐", "符合申报条件", "三(一)2", "草稿 → 待单位推荐")
	screenshot(t, zs, "application-applicant", 1280)
	screenshot(t, zs, "application-applicant-390", 390)

	// The employer holds its own 公示 (人社部令第40号); once it is over, ticks it and recommends it.
	hr := person(t, base, "hr")
	mustContain(t, "the employer's page", mainText(t, hr), "待单位推荐", "张三", "工程系列 中级职称")
	do(t, hr, chromedp.Click(chromedp.ID("pick-1")))
	click(t, hr, `button[name="action"][value="publish_internal"]`)
	mustContain(t, "the internal notice started", mainText(t, hr), "「单位内部公示」办理结果", "✓ 申报 1 张三")
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}})
	navigate(t, hr, 200, chromedp.Navigate(base+"/employer"))
	do(t, hr, chromedp.Click(chromedp.ID("pick-1")), chromedp.SendKeys(chromedp.ID("comment"), "同意推荐"))
	screenshot(t, hr, "employer", 1280)
	click(t, hr, `button[name="action"][value="recommend"]`)
	mustContain(t, "the employer's result", mainText(t, hr), "「单位推荐」办理结果", "✓ 申报 1 张三", "现为「待资格审核」")

	// The 职改办 reviews the engine's reasons beside the evidence and publishes the notice.
	off := person(t, base, "office")
	mustContain(t, "the office's queue", mainText(t, off), "待资格审核", "张三", "办理")
	screenshot(t, off, "office", 1280)
	click(t, off, `#review a[href="/applications/1"]`)
	mustContain(t, "the office's application page", mainText(t, off), "符合申报条件", "2024-06-30 起可申报", "技师证书.pdf", "资格审核通过并公示", "同意推荐")
	screenshot(t, off, "application-office", 1280)
	click(t, off, `button[name="action"][value="approve"]`)
	mustContain(t, "the notice", mainText(t, off), "「资格审核通过并公示」已完成", "资格审核公示", "2027-01-10 至 2027-01-15")

	// A member of the public objects on the notice page, which shows no ID number and no phone.
	pub := person(t, base, "")
	navigate(t, pub, 200, chromedp.Navigate(base+"/notices"))
	mustContain(t, "the notices", mainText(t, pub), "张三 · 工程系列 中级职称", "河北冀钢集团有限公司", "技师", "2027-01-10 至 2027-01-15")
	for _, secret := range []string{"130102", "1237", "13812345678", "5678"} {
		if strings.Contains(mainText(t, pub), secret) {
			t.Errorf("the notice shows %q", secret)
		}
	}
	do(t, pub, chromedp.Click(chromedp.CSS(`#notice-1 summary`)),
		chromedp.SendKeys(chromedp.ID("name-1"), "李某"),
		chromedp.SendKeys(chromedp.ID("contact-1"), "13900000000"),
		chromedp.SendKeys(chromedp.ID("text-1"), "其技师证书的取得时间存疑，请核实。"))
	screenshot(t, pub, "notices", 1280)
	screenshot(t, pub, "notices-390", 390)
	click(t, pub, `#notice-1 form button[type="submit"]`)
	mustContain(t, "after the objection", mainText(t, pub), "异议已收到。回执号", "受理中，尚未处理")

	// The 职改办 dismisses it.
	navigate(t, off, 200, chromedp.Navigate(base+"/applications/1"))
	mustContain(t, "the objection on the office's page", mainText(t, off), "1 号异议", "待处理", "其技师证书的取得时间存疑", "李某")
	do(t, off, chromedp.SendKeys(chromedp.ID("note-1"), "经核实，技师证书真实有效。"))
	screenshot(t, off, "objection", 1280)
	click(t, off, `#objection-1 button[value="dismiss"]`)
	mustContain(t, "after dismissal", mainText(t, off), "「异议不成立」已完成", "1 号异议：不成立", "经核实，技师证书真实有效。")

	// The admin moves the demo clock past the notice; the 职改办 sends it to the committee.
	adm := person(t, base, "admin")
	mustContain(t, "the admin's page", mainText(t, adm), "演示：时钟快进", "今天是 2027-01-10", "hebei-2021")
	do(t, adm, chromedp.SetValue(chromedp.ID("days"), "10"))
	screenshot(t, adm, "admin", 1280)
	click(t, adm, `form[action="/admin/clock"] button`)
	mustContain(t, "the clock", mainText(t, adm), "时钟已快进 10 天", "今天是 2027-01-20")
	navigate(t, off, 200, chromedp.Navigate(base+"/applications/1"))
	click(t, off, `button[name="action"][value="send"]`)
	mustContain(t, "sent", mainText(t, off), "「提交评委会」已完成", "评委会评审", "高技能人才组")

	// The committee's secretary holds a review meeting; four experts score, then vote, each
	// vote confirmed before it is cast.
	sec := person(t, base, "secretary")
	mustContain(t, "the committee's page", mainText(t, sec), "待评审", "张三", "安排评审会议")
	screenshot(t, sec, "committee", 1280)
	click(t, sec, `#new-meeting button[type="submit"]`)
	mustContain(t, "the new meeting", mainText(t, sec), "签到中", "王建国", "刘秀英", "赵志刚")
	do(t, sec, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('input[name="present"]').forEach((c, i) => { if (i < 6 && !c.checked) c.click(); })`))
	click(t, sec, `#attendance button[type="submit"]`)
	click(t, sec, "#open-meeting")
	mustContain(t, "the open meeting", mainText(t, sec), "会议已开始", "评审中", "达到", "王建国（与申报人同一单位）")

	liu := person(t, base, "expert2")
	click(t, liu, `a[href="/meetings/1"]`)
	mustContain(t, "before scoring", mainText(t, liu), "其他专家的评分在您评完各项后显示")
	scorers := []context.Context{liu, person(t, base, "expert3"), person(t, base, "expert4"), person(t, base, "expert5")}
	for i, ctx := range scorers {
		navigate(t, ctx, 200, chromedp.Navigate(base+"/meetings/1"))
		do(t, ctx,
			chromedp.SendKeys(chromedp.ID("score-1-业绩评审"), "85"),
			chromedp.SendKeys(chromedp.ID("score-1-技能操作考核"), "90.5"),
			chromedp.SendKeys(chromedp.ID("score-1-面试答辩"), "80"))
		if i == 0 {
			screenshot(t, ctx, "meeting-expert", 1280)
		}
		click(t, ctx, `#scores-1 button[type="submit"]`)
		mustContain(t, "the scores", mainText(t, ctx), "评分已保存", "86.20")
	}

	navigate(t, sec, 200, chromedp.Navigate(base+"/meetings/1"))
	click(t, sec, `#app-1 form[action$="/start"] button`)
	mustContain(t, "the ballot", mainText(t, sec), "投票已开始", "投票进度：0 / 5")
	for i, ctx := range scorers {
		navigate(t, ctx, 200, chromedp.Navigate(base+"/meetings/1"))
		click(t, ctx, `#app-1 button[value="yes"]`)
		mustContain(t, "the confirmation", mainText(t, ctx), "您对 张三 的选择：同意", "确认投票")
		if i == 0 {
			screenshot(t, ctx, "vote-confirm", 1280)
		}
		click(t, ctx, "#confirm-vote-1")
		mustContain(t, "a vote", mainText(t, ctx), "已投票")
	}
	navigate(t, sec, 200, chromedp.Navigate(base+"/meetings/1"))
	click(t, sec, `#app-1 form[action$="/close-vote"] button`)
	click(t, sec, "#close-meeting")
	mustContain(t, "the closed meeting", mainText(t, sec), "会议已结束，评审结果已生效", "评审通过", "同意 4")
	screenshot(t, sec, "meeting", 1280)

	// The result notice ends; the secretary grants the title.
	navigate(t, adm, 200, chromedp.Navigate(base+"/admin"))
	do(t, adm, chromedp.SetValue(chromedp.ID("days"), "20"))
	click(t, adm, `form[action="/admin/clock"] button`)
	navigate(t, sec, 200, chromedp.Navigate(base+"/applications/1"))
	mustContain(t, "the result notice", mainText(t, sec), "评审结果公示", "颁发职称证书")
	click(t, sec, `button[name="action"][value="grant"]`)
	number := text(t, sec, `document.getElementById("certificate-no").innerText`)
	mustContain(t, "the grant", mainText(t, sec), "「颁发职称证书」已完成", "已取得职称", number)
	screenshot(t, sec, "application-granted", 1280)

	// 张三's timeline shows every step.
	navigate(t, zs, 200, chromedp.Navigate(base+"/applications/1"))
	mustContain(t, "张三's timeline", mainText(t, zs), "新建草稿", "上传证明材料", "提交", "单位推荐", "资格审核通过并公示", "收到异议",
		"异议不成立", "提交评委会", "评审会议 1 表决结果", "颁发职称证书", number)
	screenshot(t, zs, "timeline", 1280)

	// Anyone verifies the certificate by number and name.
	navigate(t, pub, 200, chromedp.Navigate(base+"/verify"))
	do(t, pub, chromedp.SendKeys(chromedp.ID("number"), number), chromedp.SendKeys(chromedp.ID("holder"), "张三"))
	click(t, pub, `form[action="/verify"] button`)
	result := text(t, pub, `document.getElementById("verify-result").innerText`)
	mustContain(t, "the verification", result, "查验结果：有效", number, "工程系列 中级职称", "河北省工程系列中级职称评审委员会")
	if w := text(t, pub, `String(document.querySelector("#verify-result img.qr").naturalWidth)`); w == "0" {
		t.Errorf("the QR code did not load")
	}
	screenshot(t, pub, "verify", 1280)
	screenshot(t, pub, "verify-390", 390)
}

// TestBrowserForbidden: another role's page says so in Chinese, with a way back.
func TestBrowserForbidden(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	zs := person(t, w.ts.URL, "zhangsan")
	navigate(t, zs, http.StatusForbidden, chromedp.Navigate(w.ts.URL+"/office"))
	mustContain(t, "the 403 page", mainText(t, zs), "无权访问", "职改办审核人", "返回我的工作台")
	screenshot(t, zs, "403", 1280)
	pub := person(t, w.ts.URL, "")
	navigate(t, pub, 200, chromedp.Navigate(w.ts.URL+"/login"))
	screenshot(t, pub, "login", 1280)
	screenshot(t, pub, "login-390", 390)
}
