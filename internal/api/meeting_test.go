package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// meeting is what the tests read of a review meeting.
type meeting struct {
	ID       int64
	Status   string
	Seat     string
	ExpertID int64 `json:"expert_id"`
	Quorum   guantong.Reason
	Members  []struct {
		ExpertID int64 `json:"expert_id"`
		Name     string
		Present  bool
	}
	Applicants []applicant
}

type applicant struct {
	ApplicationID int64 `json:"application_id"`
	Name          string
	Status        string
	Recognition   bool
	Withdrawn     []struct {
		ExpertID int64 `json:"expert_id"`
		Detected bool
	}
	Sheet struct {
		Complete bool
		Combined float64
		Methods  []struct {
			Method string
			Mean   float64
			Count  int
		}
	}
	SheetHidden   bool `json:"sheet_hidden"`
	Voted, Voters int
	Decision      string
	Outcome       *struct {
		Decision string
		Result   *struct{ Yes, No, Abstain, Base, Needed int }
		Reasons  []guantong.Reason
	}
	You *struct {
		Eligible  bool
		Withdrawn string
		Voted     bool
	}
}

func (m meeting) applicant(t *testing.T, id int64) applicant {
	t.Helper()
	for _, a := range m.Applicants {
		if a.ApplicationID == id {
			return a
		}
	}
	t.Fatalf("application %d is not before meeting %d", id, m.ID)
	return applicant{}
}

// expert is an expert's login and pool ID.
type expert struct {
	username string
	id       int64
}

// orgIDs returns the organisations' IDs by name.
func (w *world) orgIDs() map[string]int64 {
	var orgs struct{ Items []guantong.Organisation }
	w.call("admin", "GET", "/api/v1/organisations?limit=500", nil, 200, &orgs)
	id := map[string]int64{}
	for _, o := range orgs.Items {
		id[o.Name] = o.ID
	}
	return id
}

// experts adds n experts to the pool, the first skilled of them skilled experts, each with
// a login named prefix1, prefix2…
func (w *world) experts(prefix string, n, skilled int, employer int64) []expert {
	var out []expert
	for i := 1; i <= n; i++ {
		body := map[string]any{"name": fmt.Sprintf("%s专家%d", prefix, i), "employer_id": employer, "series": "工程",
			"title_level": "副高级", "username": fmt.Sprintf("%s%d", prefix, i), "password": service.DemoPassword(fmt.Sprintf("%s%d", prefix, i))}
		if i <= skilled {
			body["skilled"], body["skill_level"] = true, "高级技师"
		}
		var e struct{ ID int64 }
		w.call("admin", "POST", "/api/v1/experts", body, 201, &e)
		out = append(out, expert{fmt.Sprintf("%s%d", prefix, i), e.ID})
	}
	return out
}

// seat makes the experts the members of a committee.
func (w *world) seat(committeeID int64, experts []expert) {
	var members []map[string]any
	for _, e := range experts {
		members = append(members, map[string]any{"expert_id": e.id})
	}
	w.call("admin", "PUT", fmt.Sprintf("/api/v1/committees/%d/members", committeeID), map[string]any{"members": members}, 200, nil)
}

func (w *world) meeting(user string, id int64) meeting {
	w.t.Helper()
	var m meeting
	w.call(user, "GET", fmt.Sprintf("/api/v1/meetings/%d", id), nil, 200, &m)
	return m
}

// meetingAct posts to a meeting's path as a user.
func (w *world) meetingAct(user string, id int64, path string, body any, want int) meeting {
	w.t.Helper()
	method := "POST"
	if path == "attendance" {
		method = "PUT"
	}
	if body == nil {
		body = map[string]any{}
	}
	var m meeting
	var out any = &m
	if want != 200 {
		out = nil
	}
	w.call(user, method, fmt.Sprintf("/api/v1/meetings/%d/%s", id, path), body, want, out)
	return m
}

// vote casts an expert's secret vote.
func (w *world) vote(user string, meetingID, app int64, choice string, want int) service.Receipt {
	w.t.Helper()
	var r service.Receipt
	var out any = &r
	if want != 200 {
		out = nil
	}
	w.call(user, "POST", fmt.Sprintf("/api/v1/meetings/%d/applicants/%d/ballot", meetingID, app), map[string]string{"choice": choice}, want, out)
	return r
}

func ids(es []expert) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.id
	}
	return out
}

// toCommittee takes a title application from draft to the committee: submitted, recommended
// by hr, approved by the 职改办, its notice over, sent.
func (w *world) toCommittee(t *testing.T, applicantUser, hr string, doc any, level string) int64 {
	t.Helper()
	var a app
	w.call(applicantUser, "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": level, "person": doc}, 201, &a)
	w.act(applicantUser, a.ID, "submit", nil, 200)
	w.recommend(hr, a.ID)
	a = w.act("office", a.ID, "approve", nil, 200)
	until, _ := guantong.ParseDate(a.Notice.Until)
	w.days(guantong.Today(w.clock.Now()).DaysUntil(until) + 1)
	if a = w.act("office", a.ID, "send", nil, 200); a.Stage != "committee" {
		t.Fatalf("sent: %s", a.Stage)
	}
	return a.ID
}

// TestCommitteeMeeting runs a meeting of the 工程 中级 committee of fifteen over HTTP, on both
// engines (职称评审管理暂行规定: two thirds present; two thirds of the votes to pass; secret
// ballot; 回避): the quorum missing is refused and then met; an expert at 张三's employer can
// neither score nor vote on him; scores combine by the weights; a second vote is refused;
// 周七 passes with exactly two thirds (10 of 15), 张三 fails on a 7-7 tie; closing the meeting
// moves 周七 to the result notice and 张三 to failed; 周七's certificate is then granted,
// verified valid by anyone (number typed in any case, with or without hyphens), exported
// for registration, revoked, and verified as revoked.
func TestCommitteeMeeting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		org := w.orgIDs()
		com := org["河北省工程系列中级职称评审委员会"]

		// 周七 works at an employer no expert works at; he applies like 张三.
		var emp guantong.Organisation
		w.call("admin", "POST", "/api/v1/organisations", map[string]any{"kind": "employer", "name": "河北冀东机械有限公司", "region": "石家庄市",
			"employer_kind": "企业"}, 201, &emp)
		w.call("admin", "POST", "/api/v1/users", map[string]any{"username": "hr3", "password": service.DemoPassword("hr3"), "name": "冀东人事",
			"role": "hr", "org_id": emp.ID}, 201, nil)
		w.call("admin", "POST", "/api/v1/users", map[string]any{"username": "zhouqi", "password": service.DemoPassword("zhouqi"), "role": "applicant",
			"person": map[string]any{"name": "周七", "id_number": "130102199103151230", "phone": "13600001111", "employer_id": emp.ID}}, 201, nil)

		// Fifteen members: four demo experts (王建国 works at 张三's employer) and eleven more.
		var pool []struct {
			ID     int64
			Name   string
			UserID int64 `json:"user_id"`
		}
		w.call("admin", "GET", "/api/v1/experts?sort=oldest&limit=500", nil, 200, &struct{ Items any }{&pool})
		members := []expert{{"expert1", pool[0].ID}, {"expert2", pool[1].ID}, {"expert4", pool[3].ID}, {"expert5", pool[4].ID}}
		members = append(members, w.experts("ex", 11, 1, org["河北工业技师学院"])...)
		w.seat(com, members)
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/committees/%d/members", com), map[string]any{"members": []map[string]any{{"expert_id": 999}}}, 400, nil)

		zs := w.toCommittee(t, "zhangsan", "hr", zhangsanDoc, "中级")
		zq := w.toCommittee(t, "zhouqi", "hr3", zhangsanDoc, "中级")

		// The committee's decision is not typed in.
		w.act("secretary", zq, "pass", nil, 403)
		w.act("secretary", zs, "fail", map[string]any{"note": "x"}, 403)
		if a := w.get("secretary", zq); strings.Contains(strings.Join(a.Actions, " "), "pass") {
			t.Errorf("the secretary is offered %v", a.Actions)
		}

		var m meeting
		w.call("zhangsan", "POST", "/api/v1/meetings", map[string]any{}, 403, nil)
		w.call("secretary", "POST", "/api/v1/meetings", map[string]any{"held_on": "2026-12-28", "place": "省人社厅第一会议室"}, 201, &m)
		if m.Status != "attendance" || len(m.Applicants) != 2 || len(m.Members) != 15 || m.Seat != "secretary" {
			t.Fatalf("meeting %+v", m)
		}
		w.call("secretary", "POST", "/api/v1/meetings", map[string]any{}, 409, nil) // both are already before a meeting
		mid := m.ID
		w.call("office", "GET", fmt.Sprintf("/api/v1/meetings/%d", mid), nil, 403, nil)
		w.call("ex11", "GET", fmt.Sprintf("/api/v1/meetings/%d", mid), nil, 200, nil)
		w.call("expert3", "GET", fmt.Sprintf("/api/v1/meetings/%d", mid), nil, 403, nil) // not a member any more

		// Quorum: nine of fifteen is not two thirds; the meeting cannot open, nor anyone score.
		w.meetingAct("secretary", mid, "attendance", map[string]any{"present": ids(members[:9])}, 200)
		w.meetingAct("ex1", mid, "scores", map[string]any{"application_id": zq, "scores": []map[string]any{{"method": "业绩评审", "points": 80}}}, 409)
		var refusal struct{ Error struct{ Message string } }
		w.call("secretary", "POST", fmt.Sprintf("/api/v1/meetings/%d/open", mid), map[string]any{}, 409, &refusal)
		if !strings.Contains(refusal.Error.Message, "出席 9 人") || !strings.Contains(refusal.Error.Message, "至少 10 人") {
			t.Errorf("quorum refusal: %s", refusal.Error.Message)
		}
		w.meetingAct("expert1", mid, "attendance", map[string]any{"present": ids(members)}, 403)
		m = w.meetingAct("secretary", mid, "attendance", map[string]any{"present": ids(members)}, 200)
		if !m.Quorum.Met {
			t.Errorf("quorum with 15: %+v", m.Quorum)
		}
		m = w.meetingAct("secretary", mid, "open", nil, 200)
		if m.Status != "open" {
			t.Fatalf("open: %s", m.Status)
		}
		w.meetingAct("secretary", mid, "attendance", map[string]any{"present": ids(members[:12])}, 409) // fixed once open

		// 回避: 王建国 works at 张三's employer: detected; he may not score or vote on 张三.
		a := w.meeting("secretary", mid).applicant(t, zs)
		if len(a.Withdrawn) != 1 || a.Withdrawn[0].ExpertID != members[0].id || !a.Withdrawn[0].Detected || a.Voters != 14 {
			t.Errorf("张三's withdrawn %+v, voters %d", a.Withdrawn, a.Voters)
		}
		if you := w.meeting("expert1", mid).applicant(t, zs).You; you == nil || you.Eligible || you.Withdrawn != "与申报人同一单位" {
			t.Errorf("王建国's part in 张三's review: %+v", you)
		}
		scores := func(perf, skill, interview float64) []map[string]any {
			return []map[string]any{{"method": "业绩评审", "points": perf}, {"method": "技能操作考核", "points": skill}, {"method": "面试答辩", "points": interview}}
		}
		w.meetingAct("expert1", mid, "scores", map[string]any{"application_id": zs, "scores": scores(90, 90, 90)}, 403)
		w.meetingAct("secretary", mid, "scores", map[string]any{"application_id": zs, "scores": scores(90, 90, 90)}, 403) // experts score

		// Scores combine by the weights of the 高技能人才组: 业绩评审 40%, 技能操作考核 40%, 面试答辩 20%.
		w.meetingAct("expert2", mid, "scores", map[string]any{"application_id": zq, "scores": scores(80, 90, 70)}, 200)
		w.meetingAct("expert4", mid, "scores", map[string]any{"application_id": zq, "scores": scores(85, 80, 75)}, 200)
		w.meetingAct("expert4", mid, "scores", map[string]any{"application_id": zq, "scores": scores(85, 80, 75)[:1]}, 409) // once, unless replaced
		w.meetingAct("expert4", mid, "scores", map[string]any{"application_id": zq, "scores": []map[string]any{{"method": "业绩评审", "points": 101}}}, 400)
		w.meetingAct("expert2", mid, "scores", map[string]any{"application_id": zs, "scores": scores(70, 70, 70)}, 200)
		w.vote("expert2", mid, zq, "yes", 409) // no ballot before the vote starts
		a = w.meeting("secretary", mid).applicant(t, zq)
		if !a.Sheet.Complete || a.Sheet.Combined != 81.5 || a.Sheet.Methods[0].Mean != 82.5 || a.Sheet.Methods[1].Mean != 85 || a.Sheet.Methods[2].Mean != 72.5 {
			t.Errorf("周七's sheet: %+v, want 82.50×40%% + 85.00×40%% + 72.50×20%% = 81.50", a.Sheet)
		}

		// Experts score before they vote, and see the others' scores only once they have scored.
		if a := w.meeting("expert5", mid).applicant(t, zq); !a.SheetHidden || a.Sheet.Methods[0].Count != 0 {
			t.Errorf("expert5 sees the sheet before scoring: %+v", a.Sheet)
		}
		for _, e := range members {
			if e.username != "expert2" && e.username != "expert4" {
				w.meetingAct(e.username, mid, "scores", map[string]any{"application_id": zq, "scores": scores(80, 80, 80)}, 200)
			}
			if e.username != "expert1" && e.username != "expert2" {
				w.meetingAct(e.username, mid, "scores", map[string]any{"application_id": zs, "scores": scores(80, 80, 80)}, 200)
			}
		}
		if a := w.meeting("expert5", mid).applicant(t, zq); a.SheetHidden || a.Sheet.Methods[0].Count != 15 {
			t.Errorf("expert5 does not see the sheet after scoring: %+v", a.Sheet)
		}

		// 周七: fifteen vote; ten yes is exactly two thirds, which passes. A second vote is refused.
		a = w.meetingAct("secretary", mid, "applicants/"+fmt.Sprint(zq)+"/start-vote", nil, 200).applicant(t, zq)
		if a.Status != "voting" || a.Voters != 15 {
			t.Fatalf("周七's vote: %+v", a)
		}
		w.meetingAct("expert2", mid, "scores", map[string]any{"application_id": zq, "scores": scores(60, 60, 60), "replace": true}, 409) // frozen
		for i, e := range members {
			choice := "yes"
			if i >= 10 {
				choice = "no"
			}
			r := w.vote(e.username, mid, zq, choice, 200)
			if r.Voted != i+1 || r.Voters != 15 || r.Closed != (i == 14) || r.Message != "已投票" {
				t.Errorf("receipt %d: %+v", i, r)
			}
			if i == 0 {
				w.vote(e.username, mid, zq, "no", 409)
				a = w.meeting("secretary", mid).applicant(t, zq)
				if a.Voted != 1 || a.Outcome != nil {
					t.Errorf("while the ballot is open the secretary sees %d voted and outcome %+v", a.Voted, a.Outcome)
				}
			}
		}
		a = w.meeting("secretary", mid).applicant(t, zq)
		if a.Status != "decided" || a.Outcome == nil || a.Outcome.Decision != "passed" || a.Outcome.Result == nil ||
			a.Outcome.Result.Yes != 10 || a.Outcome.Result.No != 5 || a.Outcome.Result.Base != 15 || a.Outcome.Result.Needed != 10 {
			t.Fatalf("周七's outcome %+v", a.Outcome)
		}

		// 张三: fourteen may vote (王建国 withdrew); seven yes and seven no is below two thirds.
		w.meetingAct("secretary", mid, "applicants/"+fmt.Sprint(zs)+"/start-vote", nil, 200)
		w.vote("expert1", mid, zs, "yes", 403)
		for i, e := range members[1:] {
			choice := "yes"
			if i >= 7 {
				choice = "no"
			}
			w.vote(e.username, mid, zs, choice, 200)
		}
		a = w.meeting("expert2", mid).applicant(t, zs)
		if a.Outcome == nil || a.Outcome.Decision != "failed" || a.Outcome.Result.Yes != 7 || a.Outcome.Result.No != 7 || a.Outcome.Result.Needed != 10 {
			t.Fatalf("张三's outcome %+v", a.Outcome)
		}
		if a.You == nil || !a.You.Voted {
			t.Errorf("expert2's part: %+v", a.You)
		}

		// Closing the meeting takes the computed decisions through the workflow.
		m = w.meetingAct("secretary", mid, "close", nil, 200)
		if m.Status != "closed" {
			t.Fatalf("closed: %s", m.Status)
		}
		w.vote("ex11", mid, zs, "yes", 409)
		if got := w.get("zhouqi", zq); got.Stage != "result_notice" || got.ResultNotice == nil {
			t.Fatalf("周七 after the meeting: %+v", got)
		}
		if got := w.get("zhangsan", zs); got.Stage != "failed" {
			t.Fatalf("张三 after the meeting: %s", got.Stage)
		}
		var events []guantong.Event
		w.call("zhouqi", "GET", fmt.Sprintf("/api/v1/applications/%d/events", zq), nil, 200, &events)
		if last := events[len(events)-1]; last.Action != "pass" || !strings.Contains(string(last.Payload), `"meeting_id":`) {
			t.Errorf("the pass event: %s %s", last.Action, last.Payload)
		}

		// The grant numbers the certificate with its check character; anyone verifies it.
		a2 := w.get("zhouqi", zq)
		until, _ := guantong.ParseDate(a2.ResultNotice.Until)
		w.days(guantong.Today(w.clock.Now()).DaysUntil(until) + 1)
		granted := w.act("secretary", zq, "grant", nil, 200)
		year := guantong.Today(w.clock.Now()).Year()
		if want := certificate.Number(year, "工程", guantong.Title3, 1); granted.Certificate != want {
			t.Fatalf("certificate %q, want %q", granted.Certificate, want)
		}
		number := granted.Certificate
		var cs struct {
			guantong.CertificateStatus
			StatusName string `json:"status_name"`
			VerifyURL  string `json:"verify_url"`
			QRCode     string `json:"qr_code"`
		}
		for _, typed := range []string{number, strings.ToLower(number), strings.ReplaceAll(number, "-", "－"), strings.ReplaceAll(strings.ToLower(number), "-", "")} {
			w.call("", "GET", "/api/v1/certificates/"+typed, nil, 200, &cs)
			if cs.Status != "valid" || cs.StatusName != "有效" || cs.Name != "周*" || cs.IDNumber != "130102********1230" ||
				cs.Series != "工程" || cs.Level.String() != "中级" || cs.IssuedOn.IsZero() || !strings.HasSuffix(cs.VerifyURL, "/verify/"+number) {
				t.Errorf("verified as %q: %+v", typed, cs)
			}
		}
		w.pdfOf("zhouqi", number, 200)
		w.pdfOf("zhangsan", number, 403)
		w.call("zhouqi", "GET", "/api/v1/certificates/"+number, nil, 200, &cs)
		if cs.Name != "周七" || cs.IDNumber != "130102199103151230" {
			t.Errorf("the holder sees %s %s", cs.Name, cs.IDNumber)
		}
		typo := []byte(number)
		typo[len(typo)-3]++ // one digit of the sequence mistyped
		w.call("", "GET", "/api/v1/certificates/"+string(typo), nil, 400, nil)
		w.call("", "GET", "/api/v1/certificates/"+strings.ReplaceAll(string(typo), "-", ""), nil, 400, nil)
		w.call("", "GET", "/api/v1/certificates/"+certificate.Number(year, "工程", guantong.Title3, 2), nil, 404, nil)
		w.call("", "GET", "/api/v1/certificates/"+number+"?name=张三", nil, 404, nil)
		w.call("", "GET", "/api/v1/certificates/"+number+"?name=周七", nil, 200, nil)

		resp := w.raw("", "GET", cs.QRCode+"?size=200")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(resp.body, []byte("\x89PNG")) {
			t.Errorf("QR code: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}

		// Registration: the admin's and the 职改办's exports hold the grant; others may not export.
		from, to := guantong.Today(w.clock.Now()).AddDays(-1), guantong.Today(w.clock.Now())
		q := fmt.Sprintf("/api/v1/registrations?from=%s&to=%s", from, to)
		csv := w.raw("office", "GET", q+"&format=csv")
		if csv.StatusCode != 200 || !strings.HasPrefix(string(csv.body), "\uFEFF证书编号,姓名,身份证号") ||
			!strings.Contains(string(csv.body), number+",周七,130102199103151230,工程,中级,,工程师,河北冀东机械有限公司,河北省工程系列中级职称评审委员会") {
			t.Errorf("CSV %d:\n%s", csv.StatusCode, csv.body)
		}
		xl := w.raw("admin", "GET", q)
		f, err := excelize.OpenReader(bytes.NewReader(xl.body))
		if err != nil {
			t.Fatalf("Excel %d: %v", xl.StatusCode, err)
		}
		rows, _ := f.GetRows(certificate.SheetName)
		if len(rows) != 2 || rows[1][0] != number || rows[1][2] != "130102199103151230" || rows[1][10] != "有效" {
			t.Errorf("Excel rows %v", rows)
		}
		if r := w.raw("hr", "GET", q); r.StatusCode != 403 {
			t.Errorf("HR exported: %d", r.StatusCode)
		}
		if r := w.raw("admin", "GET", q+"&format=pdf"); r.StatusCode != 400 {
			t.Errorf("format pdf: %d", r.StatusCode)
		}

		// Revoked, and verified as revoked.
		w.act("admin", zq, "revoke", map[string]any{"note": "业绩材料系伪造"}, 200)
		w.call("", "GET", "/api/v1/certificates/"+number, nil, 200, &cs)
		if cs.Status != "revoked" || cs.StatusName != "已撤销" || cs.RevokedOn.IsZero() {
			t.Errorf("after revocation: %+v", cs)
		}
		if r := w.raw("admin", "GET", q+"&format=csv"); !strings.Contains(string(r.body), ",已撤销") {
			t.Errorf("the export does not mark the revocation:\n%s", r.body)
		}
	})
}

// rawResponse is an answer read whole.
type rawResponse struct {
	*http.Response
	body []byte
}

// raw sends a request whose answer is not JSON, as a user, and returns it.
func (w *world) raw(user, method, path string) rawResponse {
	w.t.Helper()
	req := mustRequest(method, w.srv.URL+path)
	if tok := w.as(user); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := w.srv.Client().Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	w.doc.check(w.t, method, req.URL.Path, resp, buf.Bytes())
	return rawResponse{resp, buf.Bytes()}
}

// passByMeeting has the demo committee pass an application in a meeting of its five demo
// experts: all present, those without a conflict score and vote yes.
func passByMeeting(t *testing.T, w *world, id int64) {
	t.Helper()
	var m meeting
	w.call("secretary", "POST", "/api/v1/meetings", map[string]any{"application_ids": []int64{id}}, 201, &m)
	var present []int64
	for _, mb := range m.Members {
		present = append(present, mb.ExpertID)
	}
	w.meetingAct("secretary", m.ID, "attendance", map[string]any{"present": present}, 200)
	w.meetingAct("secretary", m.ID, "open", nil, 200)
	voters := []string{}
	for i := 1; i <= 9; i++ {
		user := fmt.Sprintf("expert%d", i)
		if a := w.meeting(user, m.ID).applicant(t, id); a.You.Eligible {
			voters = append(voters, user)
		}
	}
	for _, v := range voters { // experts score before they vote
		w.meetingAct(v, m.ID, "scores", map[string]any{"application_id": id, "scores": []map[string]any{
			{"method": "业绩评审", "points": 85}, {"method": "技能操作考核", "points": 88}, {"method": "面试答辩", "points": 80}}}, 200)
	}
	w.meetingAct("secretary", m.ID, fmt.Sprintf("applicants/%d/start-vote", id), nil, 200)
	for _, v := range voters {
		w.vote(v, m.ID, id, "yes", 200)
	}
	if m = w.meetingAct("secretary", m.ID, "close", nil, 200); m.Status != "closed" {
		t.Fatalf("meeting %d: %s", m.ID, m.Status)
	}
}
