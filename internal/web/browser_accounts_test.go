package web

import (
	"testing"

	"github.com/chromedp/chromedp"

	"guantong/internal/service"
)

// Browser tests of issue 10: "a user changes a password" and "the header shows the unread
// count".

func TestBrowserChangePassword(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	zs := person(t, w.ts.URL, "zhangsan")
	navigate(t, zs, 200, chromedp.Navigate(w.ts.URL+"/me"))
	click(t, zs, `a[href="/password"]`)
	do(t, zs,
		chromedp.SendKeys(chromedp.ID("current"), service.DemoPassword("zhangsan")),
		chromedp.SendKeys(chromedp.ID("password"), "my-new-passphrase"),
		chromedp.SendKeys(chromedp.ID("confirm"), "my-new-passphrase"))
	click(t, zs, `form[action="/password"] button[type="submit"]`)
	mustContain(t, "after the change", mainText(t, zs), "密码已修改")
	click(t, zs, `form[action="/logout"] button`)

	// The old password no longer opens the account; the new one does.
	navigate(t, zs, 200, chromedp.Navigate(w.ts.URL+"/login"))
	do(t, zs, chromedp.SendKeys(chromedp.ID("username"), "zhangsan"), chromedp.SendKeys(chromedp.ID("password"), service.DemoPassword("zhangsan")))
	navigate(t, zs, 401, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	do(t, zs, chromedp.SetValue(chromedp.ID("username"), "zhangsan"), chromedp.SendKeys(chromedp.ID("password"), "my-new-passphrase"))
	click(t, zs, `form[action="/login"] button[type="submit"]`)
	if loc := text(t, zs, `location.pathname`); loc != "/my" {
		t.Errorf("signed in with the new password, at %s", loc)
	}
}

func TestBrowserUnreadCount(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	hr := person(t, w.ts.URL, "hr")
	if got := text(t, hr, `document.querySelector("#unread").innerText`); got != "消息" {
		t.Errorf("the header before anything happened: %q", got)
	}
	// 张三 submits (over plain HTTP): the employer's HR is the one to act next.
	zs := w.as("zhangsan")
	path := w.submitted(zs)
	navigate(t, hr, 200, chromedp.Navigate(w.ts.URL+"/employer"))
	if got := text(t, hr, `document.querySelector("#unread .badge").innerText`); got != "1" {
		t.Errorf("the header's unread count: %q, want 1", got)
	}
	click(t, hr, `#unread`)
	mustContain(t, "the messages page", mainText(t, hr), "待您办理", "未读 1")
	click(t, hr, `.messages li.unread button`)
	if loc := text(t, hr, `location.pathname`); loc != path {
		t.Errorf("the message opened %s, want %s", loc, path)
	}
	if n := text(t, hr, `String(document.querySelectorAll("#unread .badge").length)`); n != "0" {
		t.Errorf("the badge stays after reading: %s", n)
	}
	screenshot(t, hr, "unread-read", 1280)
}
