package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
)

// TestAccountPages (issue 10 items 4-6 on the pages): the duplicate application refused with
// a link to the first; the employer's HR resets its employee's password and the one-time
// password opens nothing but the change; messages in the header and on their page; an
// organisation's region chosen from the list.
func TestAccountPages(t *testing.T) {
	w := newWorld(t)
	zs, hr, admin := w.as("zhangsan"), w.as("hr"), w.as("admin")

	first := w.draft(zs)
	status, body := zs.postFile("/applications/new", titleForm("2021-06-30"), "", nil)
	if status != http.StatusConflict || !strings.Contains(body, "不能重复申报") || !strings.Contains(body, `href="`+first+`"`) {
		t.Fatalf("a second application of the same level: %d\n%.2000s", status, body)
	}

	// Submitting tells HR: the header counts it, the page lists it, reading it clears it.
	_, body = zs.get(first)
	if status, body = zs.post(first+"/act", url.Values{"action": {"submit"}, "version": {version(t, body)}}); status != 200 {
		t.Fatalf("submit: %d", status)
	}
	_, body = hr.get("/employer")
	mustShow(t, "HR's header", body, `id="unread"`, `aria-label="1 条未读"`)
	_, body = hr.get("/notifications")
	mustShow(t, "HR's messages", body, "待您办理", "全部标为已读")
	if _, body = hr.post("/notifications/read", nil); strings.Contains(body, `aria-label="1 条未读"`) || !strings.Contains(body, "暂无消息") && !strings.Contains(body, "未读 0") {
		t.Errorf("after all read:\n%.1500s", body)
	}

	// HR's list of its staff's accounts; the reset shows the one-time password once.
	_, body = hr.get("/employer/accounts")
	m := regexp.MustCompile(`href="(/accounts/\d+)"><code>zhangsan</code>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("HR's accounts lack zhangsan:\n%.2000s", body)
	}
	if status, _ := hr.get("/accounts/1"); status != http.StatusForbidden { // the admin's account
		t.Errorf("HR opened the admin's account: %d", status)
	}
	status, body = hr.post(m[1]+"/reset", nil)
	pw := regexp.MustCompile(`id="one-time-password">(\w+)<`).FindStringSubmatch(body)
	if status != 200 || pw == nil {
		t.Fatalf("reset: %d\n%.2000s", status, body)
	}
	once := w.as("")
	if status, body = once.post("/login", url.Values{"username": {"zhangsan"}, "password": {pw[1]}}); !strings.HasSuffix(once.last, "/password") || !strings.Contains(body, "一次性密码登录") {
		t.Fatalf("a one-time sign-in lands on %s (%d)", once.last, status)
	}
	if _, _ = once.get("/my"); !strings.HasSuffix(once.last, "/password") {
		t.Errorf("a one-time session reached %s", once.last)
	}
	status, body = once.post("/password", url.Values{"current": {pw[1]}, "password": {"zhangsan-new-1"}, "confirm": {"zhangsan-new-2"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "两次输入的新密码不一致") {
		t.Errorf("a confirmation that differs: %d", status)
	}
	if _, _ = once.post("/password", url.Values{"current": {pw[1]}, "password": {"zhangsan-new-1"}, "confirm": {"zhangsan-new-1"}}); !strings.HasSuffix(once.last, "/my") {
		t.Errorf("after the change: %s", once.last)
	}

	// The admin edits an organisation; the region is a select of the fixed list.
	_, body = admin.get("/admin/organisations")
	mustShow(t, "the organisations page", body, `<select id="region" name="region"`, "<option>雄安新区</option>", "<option>省直</option>")
	id := w.org("河北冀钢集团有限公司")
	path := "/admin/organisations/" + strconv.FormatInt(id, 10)
	_, body = admin.get(path)
	mustShow(t, "the edit form", body, `action="`+path+`"`, "<option selected>石家庄市</option>")
	form := url.Values{"name": {"河北冀钢集团有限公司"}, "region": {"火星"}, "employer_kind": {"企业"}}
	if status, body = admin.post(path, form); status != http.StatusBadRequest || !strings.Contains(body, "须从石家庄市") {
		t.Errorf("a region outside the list: %d", status)
	}
	form.Set("region", "唐山市")
	if _, body = admin.post(path, form); !strings.Contains(body, "已保存") {
		t.Errorf("save: %.1500s", body)
	}
	_, body = admin.get(path)
	mustShow(t, "the saved organisation", body, "<option selected>唐山市</option>")
}

// colleague creates an applicant account at 张三's employer, with the demo password of its
// username, and signs in as them.
func (w *world) colleague(username, idNumber string) *client {
	w.t.Helper()
	ctx := context.Background()
	sess, err := w.s.svc.Login(ctx, "admin", service.DemoPassword("admin"))
	if err != nil {
		w.t.Fatal(err)
	}
	_, err = w.s.svc.CreateUser(ctx, &sess.User, service.NewUser{Username: username, Password: service.DemoPassword(username),
		Role: guantong.RoleApplicant, Person: &guantong.Applicant{Name: "工友", IDNumber: idNumber, EmployerID: w.org("河北冀钢集团有限公司")}})
	if err != nil {
		w.t.Fatal(err)
	}
	return w.as(username)
}
