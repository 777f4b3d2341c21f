package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// recommended puts n title applications for 工程 中级 in 待资格审核 before the 职改办 of
// 石家庄, each of its own worker at 张三's employer, through the service.
func (w *world) recommended(n int) {
	w.t.Helper()
	ctx, svc := context.Background(), w.s.svc
	users, err := svc.Users(ctx, asAdmin)
	if err != nil {
		w.t.Fatal(err)
	}
	var hr guantong.User
	for _, u := range users {
		if u.Username == "hr" {
			hr = u
		}
	}
	doc := json.RawMessage(`{"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"}],
		"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}]}`)
	var held []service.View
	for i := range n {
		u, err := svc.CreateUser(ctx, asAdmin, service.NewUser{Username: fmt.Sprintf("worker%02d", i), Password: "worker-password-1", Role: guantong.RoleApplicant,
			Person: &guantong.Applicant{Name: fmt.Sprintf("职工%02d", i), IDNumber: idNumber(fmt.Sprintf("13010219900101%03d", i)), EmployerID: hr.OrgID}})
		if err != nil {
			w.t.Fatal(err)
		}
		v, err := svc.CreateApplication(ctx, &u, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: doc})
		if err == nil {
			v, err = svc.Act(ctx, &u, v.ID, v.Version, workflow.Input{Action: workflow.Submit})
		}
		if err == nil { // 人社部令第40号: the employer's own 公示 first
			v, err = svc.Act(ctx, &hr, v.ID, v.Version, workflow.Input{Action: workflow.PublishInternal})
		}
		if err != nil {
			w.t.Fatal(err)
		}
		held = append(held, v)
	}
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}})
	for _, v := range held {
		if _, err := svc.Act(ctx, &hr, v.ID, v.Version, workflow.Input{Action: workflow.Recommend}); err != nil {
			w.t.Fatal(err)
		}
	}
}

// idNumber completes 17 digits with their check character.
func idNumber(first17 string) string {
	for _, c := range "0123456789X" {
		if id := first17 + string(c); guantong.IDNumberProblem(id) == "" {
			return id
		}
	}
	panic("no check character for " + first17)
}

var pickIn = regexp.MustCompile(`name="version-(\d+)" value="(\d+)"`)

// picks is the batch form of a page's section: every application it may tick, with the
// version shown.
func picks(t *testing.T, body, section string) url.Values {
	t.Helper()
	i := strings.Index(body, `id="batch-`+section+`"`)
	if i < 0 {
		t.Fatalf("no batch form in section %s", section)
	}
	form := url.Values{"section": {section}}
	for _, m := range pickIn.FindAllStringSubmatch(body[i:i+strings.Index(body[i:], "</form>")], -1) {
		form.Add("id", m[1])
		form.Set("version-"+m[1], m[2])
	}
	return form
}

// Issue 10 on the pages: the 职改办 approves many at once, one of them already returned by a
// colleague (三(一)5); a return needs its one comment; the evaluator imports a results
// sheet, a bad one writing nothing, and 45 points is 不合格 (三(二)3).
func TestBatchPages(t *testing.T) {
	w := newWorld(t)
	w.recommended(5)
	off := w.as("office")
	_, page := off.get("/office")
	form := picks(t, page, "review")
	if len(form["id"]) != 5 || !strings.Contains(page, "通过所选并公示") {
		t.Fatalf("the 职改办 can tick %d applications, want 5", len(form["id"]))
	}
	status, body := off.post("/office/batch", url.Values{"action": {"return"}, "section": {"review"}, "comment": {" "}, "id": form["id"], "version-1": {form.Get("version-1")}})
	if status != 422 || !strings.Contains(body, `<p class="field-error" id="comment-review-error">「退回」须说明理由</p>`) {
		t.Errorf("a return without reasons: %d", status)
	}
	status, body = off.post("/office/batch", url.Values{"action": {"approve"}})
	if status != 422 || !strings.Contains(body, "请至少勾选一项申报") {
		t.Errorf("nothing ticked: %d", status)
	}
	first := form["id"][0]
	w.act(w.as("office"), "/applications/"+first, "approve") // a colleague, meanwhile
	form.Set("action", "approve")
	status, body = off.post("/office/batch", form)
	if status != 200 {
		t.Fatalf("batch: %d", status)
	}
	mustShow(t, "the batch's answer", body, "「资格审核通过并公示」办理结果：4 项已办理，1 项未办理",
		"✗ 申报 "+first+" ", "未办理：该申报已被他人处理，请刷新后重试（现为「资格审核公示」")
	if strings.Count(body, "现为「资格审核公示」") != 5 {
		t.Errorf("four approved and one approved before:\n%s", body)
	}

	// The evaluator's results sheet: 李四's application, routed to his self-evaluating employer.
	ctx, svc := context.Background(), w.s.svc
	users, _ := svc.Users(ctx, asAdmin)
	var lisi guantong.User
	for _, u := range users {
		if u.Username == "lisi" {
			lisi = u
		}
	}
	doc := json.RawMessage(`{"titles": [{"series": "工程", "specialty": "机械", "level": "中级", "obtained": "2019-12-01"}],
		"education": [{"level": "本科", "major": "机械设计制造及其自动化", "related_codes": ["6-20-01-01"]}]}`)
	v, err := svc.CreateApplication(ctx, &lisi, service.Draft{Route: guantong.RouteSkillEvaluation, OccupationCode: "6-20-01-01", Level: "技师", Person: doc})
	if err == nil {
		v, err = svc.Act(ctx, &lisi, v.ID, v.Version, workflow.Input{Action: workflow.Submit})
	}
	if err != nil {
		t.Fatal(err)
	}
	hr2 := w.as("hr2")
	app := "/applications/" + fmt.Sprint(v.ID)
	status, body = hr2.post(app+"/act", url.Values{"action": {"record_practical"}, "version": {fmt.Sprint(v.Version)}, "passed": {"yes"}, "score": {"45"}})
	if status != 400 || !strings.Contains(body, "操作技能考核成绩 45 分低于合格线 60 分，不能记为合格") {
		t.Errorf("45 points as 合格 on the application's page: %d", status)
	}
	_, body = hr2.get("/evaluator")
	mustShow(t, "the evaluator's page", body, "下载成绩录入表", "理论知识考试不低于 60 分")
	status, sheet := hr2.get("/evaluator/results.xlsx")
	if status != 200 {
		t.Fatalf("template: %d", status)
	}
	status, body = hr2.postFile("/evaluator/results", nil, "成绩.xlsx", sheetWith(t, []byte(sheet), map[string]any{"G2": "八十"}))
	if status != 422 {
		t.Errorf("a bad sheet: %d", status)
	}
	mustShow(t, "a bad sheet", body, "成绩表有误，全部未录入", "第 2 行「操作技能成绩」：须为 0 到 100 的分数或留空，而不是「八十」")
	status, body = hr2.postFile("/evaluator/results", nil, "", nil)
	if status != 422 || !strings.Contains(body, "请选择填好的成绩录入表") {
		t.Errorf("no file: %d", status)
	}
	status, body = hr2.postFile("/evaluator/results", nil, "成绩.xlsx", sheetWith(t, []byte(sheet), map[string]any{"G2": 45}))
	if status != 200 {
		t.Fatalf("import: %d", status)
	}
	mustShow(t, "the import", body, "成绩已录入：1 项成绩，1 项申报", "操作技能成绩 45 分，不合格，现为「未通过」")
}

// sheetWith fills the results sheet data: cells by reference (G2 = 45).
func sheetWith(t *testing.T, data []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range cells {
		f.SetCellValue(service.ResultsSheet, ref, v)
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
