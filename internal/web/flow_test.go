package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Whole paths through the forms, as a plain HTTP client (no JavaScript) drives them: a title
// from draft to certificate with a review meeting, the errors on the way, bulk recommendation,
// and a skill evaluation.

// TestTitleFlowPages walks a title application from draft to certificate through the
// forms, as the browser test does, and checks the statuses of the steps refused on the way.
func TestTitleFlowPages(t *testing.T) {
	w := newWorld(t)
	zs, hr, off, sec, adm, pub := w.as("zhangsan"), w.as("hr"), w.as("office"), w.as("secretary"), w.as("admin"), w.as("")
	app := w.submitted(zs)
	w.heldInternally(app)

	// The employer recommends in bulk, its own 公示 over.
	_, body := hr.get("/employer")
	v1 := regexp.MustCompile(`name="version-1" value="(\d+)"`).FindStringSubmatch(body)
	if v1 == nil {
		t.Fatalf("the employer page has no application 1 to recommend")
	}
	status, body := hr.post("/employer/bulk", url.Values{"id": {"1"}, "version-1": {v1[1]}, "action": {"recommend"}, "comment": {"同意推荐"}})
	if status != 200 {
		t.Fatalf("recommend: %d", status)
	}
	mustShow(t, "the bulk result", body, "「单位推荐」办理结果", "✓ 申报 1 张三", "现为「待资格审核」")

	// The 职改办 sees the engine's reasons beside the evidence, and approves.
	_, body = off.get("/office")
	mustShow(t, "the office queue", body, "待资格审核", "张三", "办理")
	_, body = off.get(app)
	mustShow(t, "the office's application page", body, "符合申报条件", "三(一)2", "技师证书.pdf", "资格审核通过并公示", "资格审核不通过")
	status, body = off.post(app+"/act", url.Values{"action": {"approve"}, "version": {version(t, body)}})
	mustShow(t, "after approval", body, "「资格审核通过并公示」已完成", "资格审核公示", "2027-01-10 至 2027-01-")
	if status != 200 {
		t.Fatalf("approve: %d", status)
	}
	v := version(t, body)

	// The public sees the notice as published, with no ID number and no phone, and objects.
	_, body = pub.get("/notices")
	mustShow(t, "the notices", body, "张三", "河北冀钢集团有限公司", "技师", "工程系列 机械工程专业 中级职称", "石家庄市职称改革领导小组办公室", "提交异议", "/notices/doc/")
	for _, secret := range []string{"130102", "1237", "13812345678", "5678"} {
		if strings.Contains(body, secret) {
			t.Errorf("the notices show %q", secret)
		}
	}
	status, body = pub.post("/notices/1/objections", url.Values{"name": {"李某"}, "contact": {"13900000000"}, "text": {""}})
	if status != 400 || !strings.Contains(body, "不能为空") {
		t.Errorf("an empty objection: %d", status)
	}
	status, body = pub.post("/notices/1/objections", url.Values{"name": {"李某"}, "contact": {"13900000000"}, "text": {"其技师证书取得时间存疑"}})
	if status != 200 {
		t.Fatalf("objection: %d", status)
	}
	mustShow(t, "after the objection", body, "异议已收到。回执号", "受理中，尚未处理", "其技师证书取得时间存疑")
	if strings.Contains(body, "13900000000") || strings.Contains(body, "编号 <strong>1</strong>") {
		t.Errorf("the receipt page shows the objector's contact or a guessable number")
	}

	// Sending before the notice ends is refused with the dates; the objection is open too.
	status, body = off.post(app+"/act", url.Values{"action": {"send"}, "version": {v}})
	if status != 409 {
		t.Errorf("send during the notice: %d", status)
	}
	mustShow(t, "send during the notice", body, "期满后方可进行下一步")
	// Dismissing needs a note, shown next to the objection's field.
	status, body = off.post(app+"/act", url.Values{"action": {"dismiss"}, "objection_id": {"1"}, "version": {v}})
	if status != 400 {
		t.Errorf("dismiss without a note: %d", status)
	}
	mustShow(t, "dismiss without a note", body, "「异议不成立」须说明理由", "其技师证书取得时间存疑", "李某")
	status, body = off.post(app+"/act", url.Values{"action": {"dismiss"}, "objection_id": {"1"}, "version": {v}, "note": {"经核实证书真实有效"}})
	if status != 200 {
		t.Fatalf("dismiss: %d", status)
	}
	mustShow(t, "after dismissal", body, "「异议不成立」已完成", "1 号异议：不成立", "经核实证书真实有效")

	// The clock moves; the notice is over; the committee passes; the result notice ends.
	status, body = adm.post("/admin/clock", url.Values{"days": {"10"}})
	mustShow(t, "the admin after the clock", body, "时钟已快进 10 天", "今天是 2027-01-20")
	if status != 200 {
		t.Fatalf("clock: %d", status)
	}
	_, body = off.get(app)
	_, body = off.post(app+"/act", url.Values{"action": {"send"}, "version": {version(t, body)}})
	mustShow(t, "after sending", body, "「提交评委会」已完成", "高技能人才组")
	_, body = sec.get("/committee")
	mustShow(t, "the committee queue", body, "待评审", "张三", "安排评审会议")
	meeting := w.holdMeeting(sec, "1")
	_, body = sec.get(app)
	mustShow(t, "after the meeting", body, "评审通过", "评审结果公示", "评审会议 1 表决结果", meeting[len("/meetings/"):])
	adm.post("/admin/clock", url.Values{"days": {"20"}})
	_, body = sec.get(app)
	_, body = sec.post(app+"/act", url.Values{"action": {"grant"}, "version": {version(t, body)}})
	mustShow(t, "after the grant", body, "「颁发职称证书」已完成", "已取得职称")
	m := regexp.MustCompile(`id="certificate-no">([^<]+)<`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], "-2027-GC-") {
		t.Fatalf("no certificate number on the page: %v", m)
	}
	number := m[1]

	// Anyone verifies it by number and name; a wrong name finds nothing; a typo is caught.
	status, body = pub.get("/verify?number=" + url.QueryEscape(number) + "&name=" + url.QueryEscape("张三"))
	if status != 200 {
		t.Errorf("verify: %d", status)
	}
	mustShow(t, "the verification", body, "查验结果", "有效", "河北省工程系列中级职称评审委员会", "工程系列 中级职称", "qr.png")
	status, body = pub.get("/verify?number=" + url.QueryEscape(number) + "&name=" + url.QueryEscape("李四"))
	if status != 404 || !strings.Contains(body, "未找到") {
		t.Errorf("verify with the wrong name: %d", status)
	}
	typo := number[:len(number)-2] + "-0"
	if number[len(number)-1] == '0' {
		typo = number[:len(number)-2] + "-1"
	}
	if status, _ = pub.get("/verify/" + url.PathEscape(typo)); status != 400 {
		t.Errorf("a number with a wrong check character: %d", status)
	}
	if status, body = pub.get("/verify/" + url.PathEscape(number)); status != 200 || !strings.Contains(body, "有效") {
		t.Errorf("the QR code's address: %d", status)
	}
	if status, body = pub.get("/verify/" + url.PathEscape(number) + "/qr.png"); status != 200 || !strings.HasPrefix(body, "\x89PNG") {
		t.Errorf("the QR code: %d", status)
	}

	// The applicant's timeline has every step.
	_, body = zs.get(app)
	mustShow(t, "the applicant's timeline", body, "新建草稿", "上传证明材料", "提交", "单位推荐", "同意推荐", "资格审核通过并公示",
		"收到异议", "异议不成立", "提交评委会", "评审通过", "颁发职称证书", "已取得职称")
}

// holdMeeting holds a review meeting of the 工程 中级 committee on one application, as the
// secretary and the experts do on the meeting's page: six of the nine members present (the
// quorum is two thirds; five is refused), 王建国 withdrawn (he works at 张三's employer);
// 刘秀英 scores and only then sees the sheet, three more score; 吴海燕, who has not scored,
// cannot vote; each vote is confirmed before it is cast; four yes of five eligible pass
// once the secretary ends the ballot and the meeting. It returns the meeting's path.
func (w *world) holdMeeting(sec *client, app string) string {
	t := w.t
	t.Helper()
	status, body := sec.post("/meetings", url.Values{"application_id": {app}, "place": {"第三会议室"}})
	if status != 200 {
		t.Fatalf("create meeting: %d\n%s", status, body)
	}
	meeting := strings.TrimPrefix(sec.last, w.ts.URL)
	mustShow(t, "the new meeting", body, "签到中", "王建国", "刘秀英", "开始会议")
	ids := regexp.MustCompile(`name="present" value="(\d+)"`).FindAllStringSubmatch(body, -1)
	if len(ids) != 9 {
		t.Fatalf("the meeting has %d members, want the demo's 9", len(ids))
	}
	present := url.Values{}
	for _, m := range ids[:5] {
		present.Add("present", m[1])
	}
	sec.post(meeting+"/attendance", present)
	if status, body = sec.post(meeting+"/open", nil); status != 409 {
		t.Errorf("opening with 5 of 9 present: %d", status)
	}
	mustShow(t, "opening without a quorum", body, "不足")
	present.Add("present", ids[5][1])
	sec.post(meeting+"/attendance", present)
	status, body = sec.post(meeting+"/open", nil)
	mustShow(t, "the open meeting", body, "会议已开始", "开始投票", "同一单位")
	if status != 200 {
		t.Fatalf("open: %d", status)
	}

	liu, zhao, wang := w.as("expert2"), w.as("expert3"), w.as("expert1")
	_, body = wang.get(meeting)
	mustShow(t, "the withdrawn expert's page", body, "您已回避")
	_, body = liu.get(meeting)
	mustShow(t, "the expert's page", body, "保存评分", "业绩评审", "技能操作考核", "面试答辩", "其他专家的评分在您评完各项后显示")
	scores := url.Values{"application_id": {app}, "method": {"业绩评审", "技能操作考核", "面试答辩"},
		"score.业绩评审": {"85"}, "score.技能操作考核": {"101"}, "score.面试答辩": {"80"}}
	if status, body = liu.post(meeting+"/scores", scores); status != 400 {
		t.Errorf("a score of 101: %d", status)
	}
	mustShow(t, "a score of 101", body, "超过 100 分")
	scores.Set("score.技能操作考核", "90.5")
	_, body = liu.post(meeting+"/scores", scores)
	mustShow(t, "after scoring", body, "评分已保存", `value="90.50"`, "86.20")
	_, body = zhao.get(meeting)
	if strings.Contains(body, "86.20") {
		t.Errorf("赵志刚 sees 刘秀英's scores before scoring")
	}
	sun, zhou, wu := w.as("expert4"), w.as("expert5"), w.as("expert6")
	for _, c := range []*client{zhao, sun, zhou} {
		if status, body = c.post(meeting+"/scores", scores); status != 200 {
			t.Fatalf("scores: %d\n%s", status, body)
		}
	}
	_, body = sec.post(meeting+"/start", url.Values{"application_id": {app}})
	mustShow(t, "the ballot", body, "投票已开始", "86.20", "结束投票", "0 / 5")

	// A vote is confirmed before it is cast, without JavaScript.
	status, body = liu.post(meeting+"/vote", url.Values{"application_id": {app}, "choice": {"yes"}})
	mustShow(t, "the confirmation", body, "您对 张三 的选择", "同意", "确认投票", "返回重新选择")
	if status != 200 || strings.Contains(body, "您已投票") {
		t.Errorf("the first click cast the vote: %d", status)
	}
	vote := url.Values{"application_id": {app}, "choice": {"yes"}, "confirm": {"1"}}
	_, body = liu.post(meeting+"/vote", vote)
	mustShow(t, "after voting", body, "您已投票")
	if status, _ := liu.post(meeting+"/vote", vote); status != 409 {
		t.Errorf("a second vote: %d", status)
	}
	if status, body = wu.post(meeting+"/vote", vote); status != 409 {
		t.Errorf("a vote without scores: %d", status)
	}
	mustShow(t, "a vote without scores", body, "请先评分再投票")
	for _, c := range []*client{zhao, sun, zhou} {
		c.post(meeting+"/vote", vote)
	}
	sec.post(meeting+"/close-vote", url.Values{"application_id": {app}})
	status, body = sec.post(meeting+"/close", nil)
	if status != 200 {
		t.Fatalf("close: %d\n%s", status, body)
	}
	mustShow(t, "the closed meeting", body, "会议已结束，评审结果已生效", "评审通过", "同意 4")
	return meeting
}

// TestActionErrors: the engine's refusal with its clauses (422), a stale version (409), a
// note missing (400), and the evidence served as an attachment.
func TestActionErrors(t *testing.T) {
	w := newWorld(t)
	zs, hr := w.as("zhangsan"), w.as("hr")

	// A 技师 since 2025-01-10 may not apply for 中级 until 2028-01-10.
	_, body := zs.postFile("/applications/new", titleForm("2025-01-10"), "", nil)
	status, body := zs.post("/applications/1/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	if status != 422 {
		t.Errorf("an ineligible submission: %d", status)
	}
	mustShow(t, "the refusal", body, "尚不符合", "✗", `href="/plan/%E4%B8%89%28%E4%B8%80%292"`, "2028-01-10")

	// A mistake in the form comes back next to its field, nothing saved.
	form := titleForm("2021-02-30")
	status, body = zs.postFile("/applications/new", form, "", nil)
	if status != 422 || !strings.Contains(body, "不是真实存在的日期") {
		t.Errorf("a wrong date: %d", status)
	}
	// A file that is not a PDF, JPEG or PNG is refused by its content.
	status, body = zs.postFile("/applications/1/files", nil, "x.pdf", []byte("MZ not a pdf at all"))
	if status != 400 || !strings.Contains(body, "只接受 PDF、JPEG、PNG 文件") {
		t.Errorf("an executable as evidence: %d", status)
	}

	// Edit the draft to an eligible date, then submit.
	_, body = zs.get("/applications/1/edit")
	mustShow(t, "the edit form", body, `value="2025-01-10"`, "钳工（6-20-01-01）", `value="2023"`)
	f := titleForm("2021-06-30")
	f.Set("version", version(t, body))
	status, body = zs.postFile("/applications/1/edit", f, "证书.pdf", pdf)
	if status != 200 || !strings.Contains(body, "修改已保存") {
		t.Fatalf("edit: %d", status)
	}
	zs.post("/applications/1/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	w.heldInternally("/applications/1")
	_, body = hr.get("/applications/1")
	stale := version(t, body)

	// The evidence downloads as an attachment, never inline.
	resp, err := zs.http.Get(w.ts.URL + "/applications/1/files/1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download: %v", resp.Header)
	}

	// Returning needs a reason, shown next to the comment.
	status, body = hr.post("/employer/bulk", url.Values{"id": {"1"}, "version-1": {stale}, "action": {"return"}})
	if status != 422 || !strings.Contains(body, "「退回」须说明理由") {
		t.Errorf("return without a reason: %d", status)
	}
	// Two HR officers at once: the second, on a stale page, is told and shown the state.
	hr.post("/applications/1/act", url.Values{"action": {"recommend"}, "version": {stale}})
	status, body = w.as("hr").post("/applications/1/act", url.Values{"action": {"return"}, "version": {stale}, "note": {"材料不全"}})
	if status != 409 {
		t.Errorf("a stale action: %d", status)
	}
	mustShow(t, "the stale action", body, "该申报已被他人处理，请刷新后重试", "待资格审核")
	// In bulk, each is reported.
	status, body = hr.post("/employer/bulk", url.Values{"id": {"1"}, "version-1": {stale}, "action": {"recommend"}})
	if status != 200 {
		t.Errorf("a stale bulk: %d", status)
	}
	mustShow(t, "the stale bulk", body, "✗ 申报 1 张三", "未办理：该申报已被他人处理，请刷新后重试")
}

// TestBulkRecommend: several at once, one of them already handled by someone else.
func TestBulkRecommend(t *testing.T) {
	w := newWorld(t)
	zs, hr := w.as("zhangsan"), w.as("hr")
	// three people: one open application each per route, series and level; each held in the
	// employer's own 公示 (人社部令第40号) before it may be recommended
	for _, c := range []*client{zs, w.colleague("worker1", "130102198501011239"), w.colleague("worker2", "130102198602022340")} {
		w.act(hr, w.submitted(c), "publish_internal")
	}
	w.as("admin").post("/admin/clock", url.Values{"days": {"10"}})
	_, page := hr.get("/employer")
	versions := regexp.MustCompile(`name="version-(\d+)" value="(\d+)"`).FindAllStringSubmatch(page, -1)
	if len(versions) != 3 {
		t.Fatalf("the employer sees %d applications to recommend, want 3", len(versions))
	}
	form := url.Values{"action": {"recommend"}, "comment": {"同意"}}
	for _, m := range versions {
		form.Add("id", m[1])
		form.Set("version-"+m[1], m[2])
	}
	w.as("hr").post("/applications/2/act", url.Values{"action": {"return"}, "version": {form.Get("version-2")}, "note": {"请补充材料"}})
	status, body := hr.post("/employer/bulk", form)
	if status != 200 {
		t.Fatalf("bulk: %d", status)
	}
	mustShow(t, "the bulk result", body, "✓ 申报 3", "✓ 申报 1", "✗ 申报 2", "现为「退回修改」")
	if strings.Count(body, "现为「待资格审核」") != 2 {
		t.Errorf("two should be recommended:\n%s", body)
	}
}

// TestSkillFlowPages: 李四, a 工程 中级 engineer, applies for 钳工 技师; his employer
// evaluates its own staff (三(二)4) and his diploma exempts the theory exam (三(二)3); its HR
// records the practical assessment and issues the certificate; the department registers it.
func TestSkillFlowPages(t *testing.T) {
	w := newWorld(t)
	ls, hr2, adm := w.as("lisi"), w.as("hr2"), w.as("admin")
	status, body := ls.postFile("/applications/new", url.Values{
		"route": {"skill_evaluation"}, "occupation": {"钳工"}, "skill_level": {"技师"},
		"titles.0.series": {"工程"}, "titles.0.level": {"中级"}, "titles.0.obtained": {"2019-12-01"},
		"major": {"机械设计制造及其自动化"}, "related": {"6-20-01-01"},
	}, "", nil)
	if status != 200 {
		t.Fatalf("new: %d\n%s", status, body)
	}
	_, body = ls.post("/applications/1/act", url.Values{"action": {"submit"}, "version": {version(t, body)}})
	mustShow(t, "the submitted skill application", body, "「提交」已完成", "评价中", "钳工（6-20-01-01） 技师", "免考")

	_, body = hr2.get("/evaluator")
	mustShow(t, "the self-evaluating employer's queue", body, "评价中", "李四", "办理")
	_, body = hr2.get("/applications/1")
	mustShow(t, "the evaluator's application page", body, "录入操作技能考核成绩")
	if strings.Contains(body, "录入理论知识考试成绩") {
		t.Errorf("the theory exam is offered to an exempt applicant")
	}
	v := version(t, body)
	if status, body = hr2.post("/applications/1/act", url.Values{"action": {"record_practical"}, "version": {v}}); status != 400 {
		t.Errorf("a result without passed: %d", status)
	}
	mustShow(t, "a result without passed", body, "须填写是否合格")
	_, body = hr2.post("/applications/1/act", url.Values{"action": {"record_practical"}, "version": {v}, "passed": {"yes"}, "score": {"91"}})
	mustShow(t, "the result", body, "评价合格", "合格 91 分", "颁发职业技能证书")
	_, body = hr2.post("/applications/1/act", url.Values{"action": {"issue"}, "version": {version(t, body)}})
	mustShow(t, "the certificate", body, "已发证", "证书编号")

	_, body = adm.get("/admin/applications")
	mustShow(t, "the admin's list", body, "待上网登记", "李四")
	_, body = adm.get("/applications/1")
	_, body = adm.post("/applications/1/act", url.Values{"action": {"register"}, "version": {version(t, body)}})
	mustShow(t, "registered", body, "「证书上网」已完成", "已上网")
}
