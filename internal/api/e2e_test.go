package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/certificate"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// The people of the scenarios, as their check documents describe them (docs/check.md).
var (
	// 张三: 钳工 技师 since 2021-06-30 and 工程 助理级 → 工程 中级 (三(一)2), and, as a title
	// holder, 高级技师 next (三(二)2).
	zhangsanDoc = json.RawMessage(`{
		"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30", "certificate_no": "S000012345"}],
		"titles": [{"series": "工程", "specialty": "机械", "level": "助理级", "obtained": "2019-12-01"}],
		"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}]}`)
	// 李四: 工程 中级 engineer at a self-evaluating enterprise, with a related diploma.
	lisiDoc = json.RawMessage(`{
		"titles": [{"series": "工程", "specialty": "机械", "level": "中级", "obtained": "2019-12-01"}],
		"education": [{"level": "本科", "major": "机械设计制造及其自动化", "related_codes": ["6-20-01-01"]}]}`)
	// 王五: 钳工 高级工 since 2020 → 工程 助理级.
	wangwuDoc = json.RawMessage(`{
		"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "高级工", "obtained": "2020-01-10"}],
		"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "合格"}, {"year": 2025, "result": "称职"}]}`)
)

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func TestEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		staff := addStaff(w)
		title := titleRoute(t, w, staff)
		skills := skillRoutes(t, w)
		rights(t, w, staff, title, skills)
		revocation(t, w, title)
	})
}

// staff are accounts the demo does not have: a rival of each role and a third applicant.
type staffIDs struct{ wangwu int64 }

func addStaff(w *world) staffIDs {
	id := w.orgIDs()
	mk := func(username, role string, org int64, person map[string]any) {
		body := map[string]any{"username": username, "password": service.DemoPassword(username), "name": username, "role": role}
		if org != 0 {
			body["org_id"] = org
		}
		if person != nil {
			body["person"] = person
		}
		w.call("admin", "POST", "/api/v1/users", body, 201, nil)
	}
	mk("office2", "office", id["河北省人力资源和社会保障厅职称改革办公室"], nil)
	mk("secretary2", "secretary", id["河北省工程系列副高级职称评审委员会"], nil)
	mk("secretary4", "secretary", id["河北省工程系列助理级职称评审委员会"], nil)
	mk("dept", "evaluator", id["河北省职业技能鉴定指导中心（焊工）"], nil)
	mk("wangwu", "applicant", 0, map[string]any{"name": "王五", "id_number": "130203199207083561", "phone": "13700001111", "employer_id": id["河北冀钢集团有限公司"]})
	// A staff role must belong to an organisation of its kind; an applicant needs a valid ID.
	w.call("admin", "POST", "/api/v1/users", map[string]any{"username": "bad", "password": "long-enough", "name": "x", "role": "office", "org_id": id["河北冀钢集团有限公司"]}, 400, nil)
	w.call("admin", "POST", "/api/v1/users", map[string]any{"username": "bad2", "password": "long-enough", "role": "applicant",
		"person": map[string]any{"name": "坏", "id_number": "130102199001011238", "employer_id": id["河北冀钢集团有限公司"]}}, 400, nil)
	w.call("hr", "POST", "/api/v1/users", map[string]any{"username": "bad3", "password": "long-enough", "role": "admin"}, 403, nil)
	var wangwu app
	w.call("wangwu", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "助理级", "person": wangwuDoc}, 201, &wangwu)
	return staffIDs{wangwu: wangwu.ID}
}

// titleRoute takes 张三 from draft to a granted 工程 中级 title (三(一)5-6), with a return by
// the employer, a return by the 职改办, a dismissed objection, and 王五's upheld objection.
func titleRoute(t *testing.T, w *world, staff staffIDs) int64 {
	cal := calendar.Default()
	today := guantong.Today(start)

	var a app
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
	if a.Stage != "draft" || a.Version != 1 {
		t.Fatalf("draft: %+v", a)
	}
	id := a.ID
	// Evidence: PDF, JPEG or PNG by content; an HTML page named .pdf is refused.
	var f guantong.File
	w.upload("zhangsan", id, "技师证书.pdf", pdf, 201, &f)
	if f.Type != guantong.TypePDF || f.Size != int64(len(pdf)) || len(f.SHA256) != 64 {
		t.Errorf("file %+v", f)
	}
	w.upload("zhangsan", id, "evil.pdf", []byte("<html><script>alert(1)</script></html>"), 400, nil)
	w.upload("hr", id, "x.pdf", pdf, 403, nil)

	// The upload advanced the version: a submission on the old one is refused, and changes nothing.
	w.call("zhangsan", "POST", fmt.Sprintf("/api/v1/applications/%d/actions/submit", id), map[string]any{"version": 1}, 409, nil)
	w.call("zhangsan", "POST", fmt.Sprintf("/api/v1/applications/%d/actions/submit", id), map[string]any{}, 400, nil)
	a = w.act("zhangsan", id, "submit", nil, 200)
	if a.Stage != "submitted" || a.OfficeID == 0 {
		t.Fatalf("三(一)5 submitted: %+v", a)
	}

	// 三(一)5 the employer returns it; the applicant mends and resubmits.
	w.act("hr2", id, "recommend", nil, 403)
	w.act("hr", id, "return", nil, 400) // a return says why
	a = w.act("hr", id, "return", map[string]any{"note": "请补充近三年业绩材料"}, 200)
	if a.Stage != "returned" {
		t.Fatalf("returned: %s", a.Stage)
	}
	w.call("zhangsan", "PUT", fmt.Sprintf("/api/v1/applications/%d", id), map[string]any{"version": a.Version,
		"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 200, &a)
	w.upload("zhangsan", id, "业绩.png", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...), 201, nil)
	w.act("zhangsan", id, "submit", nil, 200)
	// 王五's application, below, is held in the employer's own 公示 with this one.
	w.act("wangwu", staff.wangwu, "submit", nil, 200)
	w.act("hr", staff.wangwu, "publish_internal", nil, 200)
	w.recommend("hr", id)

	// 三(一)5 the 职改办 returns it to the employer, who recommends again.
	w.act("office2", id, "approve", nil, 403) // the 职改办 of another region
	a = w.act("office", id, "return", map[string]any{"note": "单位推荐意见未盖章"}, 200)
	if a.Stage != "submitted" {
		t.Fatalf("三(一)5 职改办 returns to employer: %s", a.Stage)
	}
	w.act("hr", id, "recommend", nil, 200) // its own 公示 was held before

	// 三(一)5 qualification approved: a notice of 5 full working days after today.
	a = w.act("office", id, "approve", nil, 200)
	today = guantong.Today(w.clock.Now()) // the employer's own 公示 moved the clock
	until := cal.AddWorkdays(today.AddDays(1), 5)
	if a.Stage != "notice" || a.Notice == nil || a.Notice.From != today.String() || a.Notice.Until != until.String() {
		t.Fatalf("notice: %+v, want until %s", a.Notice, until)
	}

	// The public sees the notice as published: no ID number and no phone, not even masked.
	body := string(w.call("", "GET", "/api/v1/notices", nil, 200, nil))
	var page struct {
		Items []struct {
			Key   string
			Count int
		}
		Total int
	}
	docs := string(w.call("", "GET", "/api/v1/notice-documents", nil, 200, &page))
	list := page.Items
	if len(list) != 1 || page.Total != 1 || list[0].Count != 1 || strings.Contains(docs, `"rows"`) {
		t.Fatalf("the notice documents: one, counted, without rows: %s", docs)
	}
	w.call("", "GET", "/api/v1/notice-documents?cursor=x", nil, 400, nil)
	docs += string(w.call("", "GET", "/api/v1/notice-documents/"+list[0].Key, nil, 200, nil))
	if !strings.Contains(docs, `"name": "张三"`) {
		t.Errorf("the notice document by key lists no 张三: %s", docs)
	}
	w.call("", "GET", "/api/v1/notice-documents/"+list[0].Key+"0", nil, 404, nil)
	for _, secret := range []string{"130102", "1237", "13812345678", "5678"} {
		if strings.Contains(body, secret) || strings.Contains(docs, secret) {
			t.Errorf("the public notices show %q:\n%s\n%s", secret, body, docs)
		}
	}
	if !strings.Contains(docs, `"office": "石家庄市职称改革领导小组办公室"`) || !strings.Contains(docs, `"workdays": 5`) {
		t.Errorf("the notice document: %s", docs)
	}

	// An objection is lodged; the notice cannot close while it is open, nor before it ends.
	var o struct {
		ID      int64
		Receipt string
	}
	w.call("", "POST", fmt.Sprintf("/api/v1/notices/%d/objections", id), map[string]any{"name": "匿名职工", "contact": "13900000000", "text": "业绩材料疑似夸大"}, 201, &o)
	var st struct{ Status, Note string }
	w.call("", "GET", "/api/v1/objections/"+o.Receipt, nil, 200, &st)
	if st.Status != "open" {
		t.Errorf("the objection by its receipt: %+v", st)
	}
	w.call("", "GET", "/api/v1/objections/0000-0000-0000-0000", nil, 404, nil)
	// The 职改办 sees the full ID number by asking; the applicant's record keeps the view.
	var full struct {
		IDNumber string `json:"id_number"`
	}
	w.call("office", "POST", fmt.Sprintf("/api/v1/applications/%d/id-number", id), nil, 200, &full)
	w.call("lisi", "POST", fmt.Sprintf("/api/v1/applications/%d/id-number", id), nil, 403, nil)
	if full.IDNumber != "130102199001011237" {
		t.Errorf("the full ID number: %q", full.IDNumber)
	}
	w.call("", "POST", fmt.Sprintf("/api/v1/notices/%d/objections", id), map[string]any{"name": "", "contact": "", "text": ""}, 400, nil)
	w.call("zhangsan", "GET", fmt.Sprintf("/api/v1/applications/%d/objections", id), nil, 403, nil)
	var objs []guantong.Objection
	w.call("office", "GET", fmt.Sprintf("/api/v1/applications/%d/objections", id), nil, 200, &objs)
	if len(objs) != 1 || objs[0].Contact != "13900000000" || objs[0].Status != "open" {
		t.Errorf("objections %+v", objs)
	}
	w.act("office", id, "send", nil, 409) // the notice runs
	w.act("secretary", id, "dismiss", map[string]any{"objection_id": o.ID, "note": "x"}, 403)
	w.act("office", id, "dismiss", map[string]any{"objection_id": o.ID, "note": "经核实，业绩材料属实"}, 200)
	w.call("", "GET", "/api/v1/objections/"+strings.ToLower(o.Receipt), nil, 200, &st)
	if st.Status != "dismissed" || st.Note != "经核实，业绩材料属实" {
		t.Errorf("the dismissed objection by its receipt: %+v", st)
	}

	// 王五: an objection upheld, the application refused.
	wid := staff.wangwu
	w.act("hr", wid, "recommend", nil, 200)
	w.act("office", wid, "approve", nil, 200)
	w.call("", "POST", fmt.Sprintf("/api/v1/notices/%d/objections", wid), map[string]any{"name": "李某", "contact": "lim@example.com", "text": "申报人2024年未在岗"}, 201, &o)
	a = w.act("office", wid, "uphold", map[string]any{"objection_id": o.ID, "note": "经查属实，不予通过"}, 200)
	if a.Stage != "rejected" {
		t.Fatalf("三(一)5 upheld objection: %s", a.Stage)
	}
	w.call("", "POST", fmt.Sprintf("/api/v1/notices/%d/objections", wid), map[string]any{"name": "x", "contact": "y", "text": "z"}, 404, nil)

	// The notice ends: sent to the committee of the series and level, skilled applicants in their own group.
	w.days(today.DaysUntil(until))
	w.act("office", id, "send", nil, 409) // the last day of the notice is still the notice
	w.days(1)
	w.call("", "POST", fmt.Sprintf("/api/v1/notices/%d/objections", id), map[string]any{"name": "迟到", "contact": "x", "text": "y"}, 409, nil)
	a = w.act("office", id, "send", nil, 200)
	if a.Stage != "committee" || a.CommitteeID == 0 || a.ReviewGroup != "高技能人才组" {
		t.Fatalf("三(一)6 sent: %+v", a)
	}

	// 三(一)6 the committee's meeting passes it (its vote, never a hand-typed decision); its
	// result notice runs 5 working days; then the grant.
	w.act("secretary2", id, "pass", nil, 403) // another committee
	w.act("secretary", id, "pass", nil, 403)  // decided by a meeting only
	passByMeeting(t, w, id)
	a = w.get("zhangsan", id)
	if a.Stage != "result_notice" || a.ResultNotice == nil {
		t.Fatalf("result notice: %+v", a)
	}
	w.act("secretary", id, "grant", nil, 409)
	resultUntil, _ := guantong.ParseDate(a.ResultNotice.Until)
	w.days(guantong.Today(w.clock.Now()).DaysUntil(resultUntil) + 1)
	a = w.act("secretary", id, "grant", nil, 200)
	want := certificate.Number(guantong.Today(w.clock.Now()).Year(), "工程", guantong.Title3, 1)
	if a.Stage != "granted" || a.Certificate != want {
		t.Fatalf("granted: %s %q, want %q", a.Stage, a.Certificate, want)
	}

	// The history is the audit log's rows for the application, in order.
	var events []guantong.Event
	w.call("zhangsan", "GET", fmt.Sprintf("/api/v1/applications/%d/events", id), nil, 200, &events)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "create attach submit return edit attach submit publish_internal recommend return recommend approve object view_id_number dismiss send pass grant" {
		t.Errorf("events: %s", got)
	}
	// Anyone verifies it by number, the name and ID number masked; a name given must match.
	var cs guantong.CertificateStatus
	w.call("", "GET", "/api/v1/certificates/"+want+"?name=张三", nil, 200, &cs)
	if cs.Status != "valid" || cs.IDNumber != "130102********1237" || cs.Name != "张*" || cs.Issuer == "" {
		t.Errorf("certificate %+v", cs)
	}
	w.call("", "GET", "/api/v1/certificates/"+want+"?name=李四", nil, 404, nil)
	w.call("", "GET", "/api/v1/certificates/"+want, nil, 200, nil)
	return id
}

type skillIDs struct{ lisi, zhangsan int64 }

// skillRoutes takes two skill evaluations to a registered certificate: 李四 evaluated by his
// own employer (三(二)4, theory exempt by 三(二)3) and 张三 by a social training evaluation
// organisation (三(二)5); 李四's 焊工 is refused with the engine's reasons.
func skillRoutes(t *testing.T, w *world) skillIDs {
	var a app
	w.call("lisi", "POST", "/api/v1/applications", map[string]any{"route": "skill_evaluation", "occupation_code": "6-20-01-01", "level": "技师", "person": lisiDoc}, 201, &a)
	lisi := a.ID
	a = w.act("lisi", lisi, "submit", nil, 200)
	if a.Stage != "assessing" || !a.ExemptTheory || a.EvaluatorID == 0 {
		t.Fatalf("三(二)4 routed to the employer: %+v", a)
	}
	w.act("evaluator", lisi, "record_practical", map[string]any{"passed": true}, 403) // not routed to it
	w.act("hr", lisi, "record_practical", map[string]any{"passed": true}, 403)        // another employer
	w.act("hr2", lisi, "record_theory", map[string]any{"passed": true}, 409)          // exempt
	a = w.act("hr2", lisi, "record_practical", map[string]any{"passed": true, "score": 92}, 200)
	if a.Stage != "passed" {
		t.Fatalf("passed: %s", a.Stage)
	}
	a = w.act("hr2", lisi, "issue", nil, 200)
	if !strings.HasPrefix(a.Certificate, "JZZP-") {
		t.Errorf("self-evaluation certificate %q", a.Certificate)
	}
	var cs guantong.CertificateStatus
	var refused struct{ Error struct{ Message string } }
	w.call("", "GET", "/api/v1/certificates/"+a.Certificate+"?name=李四", nil, 404, &refused) // not yet registered (上网)
	if !strings.Contains(refused.Error.Message, "尚未上网登记") {
		t.Errorf("before registration: %+v", refused)
	}
	w.call("lisi", "GET", "/api/v1/certificates/"+a.Certificate, nil, 200, &cs) // the holder reads it in full
	if cs.Status != "issued" || cs.Name != "李四" {
		t.Errorf("the holder before registration: %+v", cs)
	}
	w.act("hr2", lisi, "register", nil, 403)
	a = w.act("admin", lisi, "register", nil, 200)
	if a.Stage != "registered" {
		t.Fatalf("registered: %s", a.Stage)
	}
	w.call("", "GET", "/api/v1/certificates/"+a.Certificate+"?name=李四", nil, 200, &cs)
	if cs.Status != "valid" || cs.RegisteredOn.IsZero() {
		t.Errorf("after registration: %+v", cs)
	}

	// 三(二)2: a year of work after the title is not complete (contract v2; 焊工 itself, outside
	// the table, is reachable on the reverse route): refused with the reasons.
	var weld app
	recent := json.RawMessage(`{"titles": [{"series": "工程", "specialty": "机械", "level": "中级", "obtained": "2026-06-01"}]}`)
	w.call("lisi", "POST", "/api/v1/applications", map[string]any{"route": "skill_evaluation", "occupation_code": "6-18-02-04", "level": "技师", "person": recent}, 201, &weld)
	var refusal struct {
		Error   struct{ Code string }
		Reasons []guantong.Reason
	}
	w.call("lisi", "POST", fmt.Sprintf("/api/v1/applications/%d/actions/submit", weld.ID), map[string]any{"version": weld.Version}, 422, &refusal)
	if refusal.Error.Code != "ineligible" || len(refusal.Reasons) == 0 {
		t.Errorf("refusal %+v", refusal)
	}
	if got := w.get("lisi", weld.ID); got.Stage != "draft" || got.Version != weld.Version {
		t.Errorf("a refused submission changed the draft: %+v", got)
	}

	// 三(二)5: 张三 to the social training evaluation organisation: theory and practical.
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "skill_evaluation", "occupation_code": "6-20-01-01", "level": "高级技师", "person": zhangsanDoc}, 201, &a)
	zs := a.ID
	a = w.act("zhangsan", zs, "submit", nil, 200)
	if a.Stage != "assessing" || a.ExemptTheory {
		t.Fatalf("三(二)5 routed: %+v", a)
	}
	w.act("evaluator", zs, "record_practical", map[string]any{"passed": true, "score": 88}, 200)
	w.act("evaluator", zs, "record_theory", map[string]any{}, 400)
	a = w.act("evaluator", zs, "record_theory", map[string]any{"passed": true, "score": 76.5}, 200)
	if a.Stage != "passed" {
		t.Fatalf("passed: %s", a.Stage)
	}
	a = w.act("evaluator", zs, "issue", nil, 200)
	if !strings.HasPrefix(a.Certificate, "S1300001-") {
		t.Errorf("certificate %q", a.Certificate)
	}
	w.act("admin", zs, "register", nil, 200)
	return skillIDs{lisi: lisi, zhangsan: zs}
}

// rights tries each role on another's data.
func rights(t *testing.T, w *world, staff staffIDs, title int64, skills skillIDs) {
	for _, c := range []struct {
		user string
		id   int64
		want int
	}{
		{"", title, 401},
		{"zhangsan", title, 200},
		{"lisi", title, 403},
		{"wangwu", title, 403},
		{"hr", title, 200},
		{"hr2", title, 403},
		{"office", title, 200},
		{"office2", title, 403},
		{"secretary", title, 200},
		{"secretary2", title, 403},
		{"evaluator", title, 403},
		{"dept", title, 403},
		{"admin", title, 200},
		{"hr2", skills.lisi, 200}, // evaluates its own staff
		{"hr", skills.lisi, 403},
		{"evaluator", skills.lisi, 403},
		{"office", skills.lisi, 403},
		{"secretary", skills.lisi, 403},
		{"zhangsan", skills.lisi, 403},
		{"evaluator", skills.zhangsan, 200},
		{"hr2", skills.zhangsan, 403},
		{"dept", skills.zhangsan, 403},
		{"secretary4", staff.wangwu, 403}, // rejected before it reached a committee
	} {
		for _, p := range []string{"", "/events", "/files"} {
			w.call(c.user, "GET", fmt.Sprintf("/api/v1/applications/%d%s", c.id, p), nil, c.want, nil)
		}
	}
	// Lists hold only what each may see.
	for user, want := range map[string]int{"zhangsan": 2, "lisi": 2, "wangwu": 1, "hr": 3, "hr2": 1, "office": 2, "office2": 0,
		"secretary": 1, "secretary2": 0, "evaluator": 1, "dept": 0, "admin": 5} {
		var list struct {
			Items []app `json:"items"`
			Total int   `json:"total"`
		}
		w.call(user, "GET", "/api/v1/applications", nil, 200, &list)
		if len(list.Items) != want || list.Total != want {
			t.Errorf("%s lists %d applications of %d, want %d", user, len(list.Items), list.Total, want)
		}
	}
	w.call("", "GET", "/api/v1/applications", nil, 401, nil)
	w.call("zhangsan", "GET", "/api/v1/users", nil, 403, nil)
	w.call("zhangsan", "POST", "/api/v1/organisations", map[string]any{"kind": "employer", "name": "x"}, 403, nil)
	w.call("zhangsan", "POST", "/api/v1/demo/clock", map[string]any{"days": 1}, 403, nil)
	w.call("hr", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级"}, 403, nil)

	// A file is served only as an attachment of its stored type.
	var files []guantong.File
	w.call("office", "GET", fmt.Sprintf("/api/v1/applications/%d/files", title), nil, 200, &files)
	req := mustRequest("GET", fmt.Sprintf("%s/api/v1/applications/%d/files/%d", w.srv.URL, title, files[0].ID))
	req.Header.Set("Authorization", "Bearer "+w.as("office"))
	resp, err := w.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != guantong.TypePDF || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download: %d %v", resp.StatusCode, resp.Header)
	}
	w.call("lisi", "GET", fmt.Sprintf("/api/v1/applications/%d/files/%d", title, files[0].ID), nil, 403, nil)
	w.call("office", "GET", fmt.Sprintf("/api/v1/applications/%d/files/%d", skills.lisi, files[0].ID), nil, 403, nil)
}

// revocation: a grant found fraudulent is revoked, and the person barred from applying for
// the policy's 3 years (五).
func revocation(t *testing.T, w *world, title int64) {
	w.act("secretary", title, "revoke", map[string]any{"note": "x"}, 403)
	w.act("admin", title, "revoke", nil, 400)
	a := w.act("admin", title, "revoke", map[string]any{"note": "技师证书系伪造"}, 200)
	if a.Stage != "revoked" {
		t.Fatalf("revoked: %s", a.Stage)
	}
	var cs guantong.CertificateStatus
	w.call("", "GET", "/api/v1/certificates/"+a.Certificate+"?name=张三", nil, 200, &cs)
	if cs.Status != "revoked" {
		t.Errorf("verification after revocation: %s", cs.Status)
	}
	var refusal struct{ Reasons []guantong.Reason }
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 422, &refusal)
	today := guantong.Today(w.clock.Now())
	if len(refusal.Reasons) != 1 || refusal.Reasons[0].Clause != "五" || !strings.Contains(refusal.Reasons[0].Text, today.AddYears(3).String()) {
		t.Errorf("bar: %+v", refusal.Reasons)
	}
	var me struct{ Person guantong.Applicant }
	w.call("zhangsan", "GET", "/api/v1/me", nil, 200, &me)
	if !me.Person.BarredUntil.Equal(today.AddYears(3)) {
		t.Errorf("barred until %s", me.Person.BarredUntil)
	}
}

// Two reviewers act on the same version at once: one wins, the other gets 409 and changes
// nothing; the audit log holds one row for the step.
func TestConcurrentActionsOneWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		var a app
		w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
		a = w.act("zhangsan", a.ID, "submit", nil, 200)
		w.as("hr")
		codes := make([]int, 6)
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				action, body := "recommend", `{"version":2}`
				if i%2 == 1 {
					action, body = "return", `{"version":2,"note":"并发退回"}`
				}
				req := mustRequest("POST", fmt.Sprintf("%s/api/v1/applications/%d/actions/%s", w.srv.URL, a.ID, action), body)
				req.Header.Set("Authorization", "Bearer "+w.toks["hr"])
				resp, err := w.srv.Client().Do(req)
				if err == nil {
					codes[i] = resp.StatusCode
					resp.Body.Close()
				}
			}()
		}
		wg.Wait()
		won := 0
		for _, c := range codes {
			switch c {
			case 200:
				won++
			case 409:
			default:
				t.Errorf("status %d", c)
			}
		}
		var events []guantong.Event
		w.call("zhangsan", "GET", fmt.Sprintf("/api/v1/applications/%d/events", a.ID), nil, 200, &events)
		if won != 1 || len(events) != 3 {
			t.Errorf("%d won, %d events (%v)", won, len(events), codes)
		}
	})
}
