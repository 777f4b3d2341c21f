package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// draft saves a title application of 张三's with his technician certificate and returns its
// path, not submitted.
func (w *world) draft(zs *client) string {
	w.t.Helper()
	status, body := zs.postFile("/applications/new", titleForm("2021-06-30"), "技师证书.pdf", pdf)
	if status != 200 || !strings.Contains(body, "草稿已保存") {
		w.t.Fatalf("new application: %d\n%s", status, body)
	}
	path := strings.TrimPrefix(zs.last, w.ts.URL)
	return path[:strings.Index(path, "?")]
}

// TestAchievementPages: the applicant records skill contributions (三(一)3) as structured
// evidence while the application is theirs to change, with mistakes shown at their fields,
// and takes one back; after submission neither is possible, and no one else may do either.
func TestAchievementPages(t *testing.T) {
	w := newWorld(t)
	zs, ls := w.as("zhangsan"), w.as("lisi")
	app := w.draft(zs)
	_, body := zs.get(app)
	mustShow(t, "the draft", body, "业绩成果", "尚未填写业绩成果", "添加业绩成果", "<option>技能竞赛获奖</option>", "传技带徒", "技师证书.pdf")
	file := regexp.MustCompile(`<option value="(\d+)">技师证书.pdf</option>`).FindStringSubmatch(body)
	if file == nil {
		t.Fatal("the evidence is not offered for the achievement")
	}

	// Mistakes: no title; a date that is not one; each at its field, what was typed kept.
	status, body := zs.post(app+"/achievements", url.Values{"type": {"技能竞赛获奖"}, "title": {" "}})
	if status != 400 {
		t.Errorf("no title: %d", status)
	}
	mustShow(t, "no title", body, `id="ach-title"`, "不能为空", "<option selected>技能竞赛获奖</option>")
	status, body = zs.post(app+"/achievements", url.Values{"type": {"技能竞赛获奖"}, "title": {"省职工技能大赛钳工二等奖"}, "date": {"2024-13-01"}})
	if status != 400 {
		t.Errorf("a bad date: %d", status)
	}
	mustShow(t, "a bad date", body, "日期须写成 YYYY-MM-DD", `value="2024-13-01"`, `value="省职工技能大赛钳工二等奖"`)
	status, body = zs.post(app+"/achievements", url.Values{"type": {"不存在的类型"}, "title": {"x"}})
	if status != 400 || !strings.Contains(body, "不是成果类型") {
		t.Errorf("an unknown type: %d", status)
	}
	_, body = zs.get(app)
	mustShow(t, "nothing written by the mistakes", body, "尚未填写业绩成果")

	// Two achievements, one with its evidence; then one taken back.
	add := url.Values{"type": {"技能竞赛获奖"}, "title": {"省职工技能大赛钳工二等奖"}, "date": {"2024-05-20"}, "level": {"省级"},
		"role": {"独立完成"}, "file_id": {file[1]}}
	status, body = zs.post(app+"/achievements", add)
	if status != 200 {
		t.Fatalf("add: %d\n%.500s", status, body)
	}
	mustShow(t, "after adding", body, "业绩成果已添加", "技能竞赛获奖：省职工技能大赛钳工二等奖", "省职工技能大赛钳工二等奖 · 省级 · 独立完成 · 2024-05-20", `href="`+app+`/files/`+file[1]+`"`)
	_, body = zs.post(app+"/achievements", url.Values{"type": {"传技带徒"}, "title": {"带徒 5 名，3 人取得高级工"}})
	ids := regexp.MustCompile(`id="achievement-(\d+)"`).FindAllStringSubmatch(body, -1)
	if len(ids) != 2 {
		t.Fatalf("%d achievements listed, want 2", len(ids))
	}
	if status, _ = ls.post(app+"/achievements", add); status != 403 {
		t.Errorf("another applicant adds: %d", status)
	}
	if status, _ = ls.post(app+"/achievements/"+ids[1][1]+"/delete", nil); status != 403 {
		t.Errorf("another applicant deletes: %d", status)
	}
	_, body = zs.post(app+"/achievements/"+ids[1][1]+"/delete", nil)
	mustShow(t, "after deleting", body, "业绩成果已删除", "省职工技能大赛钳工二等奖", "删除业绩成果")
	if strings.Contains(body, `id="achievement-`+ids[1][1]+`"`) {
		t.Error("the deleted achievement is still listed")
	}
	if status, _ = zs.post(app+"/achievements/"+ids[1][1]+"/delete", nil); status != 404 {
		t.Errorf("deleting it again: %d", status)
	}

	// Submitted: the list stays, the form and the delete buttons go, and both are refused.
	_, body = zs.get(app)
	zs.post(app+"/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	_, body = zs.get(app)
	mustShow(t, "the submitted application", body, "待单位推荐", "省职工技能大赛钳工二等奖")
	if strings.Contains(body, `id="achievement-form"`) || strings.Contains(body, `/delete"`) {
		t.Error("a submitted application still offers to change its achievements")
	}
	if status, body = zs.post(app+"/achievements", add); status != 409 || !strings.Contains(body, "不能修改") {
		t.Errorf("adding after submission: %d", status)
	}
	if status, _ = zs.post(app+"/achievements/"+ids[0][1]+"/delete", nil); status != 409 {
		t.Errorf("deleting after submission: %d", status)
	}
}

// TestExpertReadsMaterials: an expert reads an applicant's materials while a meeting they sit
// in reviews it (三(一)6), not before, not after it is called off, and never once withdrawn.
func TestExpertReadsMaterials(t *testing.T) {
	w := newWorld(t)
	zs, sec := w.as("zhangsan"), w.as("secretary")
	liu, wang := w.as("expert2"), w.as("expert1") // 王建国 works at 张三's employer
	app := w.draft(zs)
	zs.post(app+"/achievements", url.Values{"type": {"操作法"}, "title": {"王氏精密刮研操作法"}, "level": {"企业级"}})
	_, body := zs.get(app)
	zs.post(app+"/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	w.toCommittee(app)
	file := regexp.MustCompile(`href="(/applications/\d+/files/\d+)"`).FindStringSubmatch(body)
	if file == nil {
		t.Fatal("no evidence on the applicant's page")
	}

	status, body := liu.get(app)
	if status != 403 || !strings.Contains(body, "不在您参加的评审会议中") {
		t.Errorf("an expert before any meeting: %d", status)
	}

	status, body = sec.post("/meetings", url.Values{"application_id": {strings.TrimPrefix(app, "/applications/")}})
	if status != 200 {
		t.Fatalf("create meeting: %d", status)
	}
	meeting := strings.TrimPrefix(sec.last, w.ts.URL)
	_, body = liu.get(meeting)
	mustShow(t, "the expert's meeting page", body, "业绩成果 1 项", "操作法", "王氏精密刮研操作法 · 企业级", `href="`+app+`"`, "查看申报材料")
	status, body = liu.get(app)
	if status != 200 {
		t.Fatalf("the expert opens the application: %d", status)
	}
	mustShow(t, "the application as an expert sees it", body, "张三", "工程系列 中级职称", "符合申报条件", "技师证书.pdf", "王氏精密刮研操作法", "单位推荐")
	if strings.Contains(body, `name="action"`) || strings.Contains(body, `id="achievement-form"`) {
		t.Error("the expert is offered an action on the application")
	}
	if status, body = liu.get(file[1]); status != 200 || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("the expert downloads the evidence: %d", status)
	}

	_, body = wang.get(meeting)
	if strings.Contains(body, "查看申报材料") {
		t.Error("the withdrawn expert is offered the materials")
	}
	for _, path := range []string{app, file[1]} {
		if status, body = wang.get(path); status != 403 || !strings.Contains(body, "您已回避") {
			t.Errorf("the withdrawn expert reads %s: %d", path, status)
		}
	}

	sec.post(meeting+"/cancel", nil)
	if status, _ = liu.get(app); status != 403 {
		t.Errorf("an expert after the meeting was called off: %d", status)
	}
}
