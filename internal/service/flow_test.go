package service_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/certificate"
	"guantong/internal/committee"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// flow is the demo province on a clock the test moves, with its users by name.
type flow struct {
	t     *testing.T
	s     *service.Service
	clock *service.Clock
	users map[string]*guantong.User
}

func newFlow(t *testing.T, dsn string) *flow {
	t.Helper()
	st := storetest.Open(t, dsn)
	clock := service.NewClock(func() time.Time { return t0 })
	s := service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: clock.Now, BcryptCost: bcrypt.MinCost})
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	return &flow{t: t, s: s, clock: clock, users: map[string]*guantong.User{}}
}

func (f *flow) user(name string) *guantong.User {
	f.t.Helper()
	if u, ok := f.users[name]; ok {
		return u
	}
	u, _, err := f.s.Store().UserByUsername(ctx, name)
	if err != nil {
		f.t.Fatal(err)
	}
	f.users[name] = &u
	return &u
}

// act takes a step on the application's current version and wants the stage after it.
func (f *flow) act(user string, id int64, in workflow.Input, want guantong.Stage) service.View {
	f.t.Helper()
	v, err := f.s.Application(ctx, f.user("admin"), id)
	if err != nil {
		f.t.Fatal(err)
	}
	v, err = f.s.Act(ctx, f.user(user), id, v.Version, in)
	if err != nil {
		f.t.Fatalf("%s %s on %d: %v", user, in.Action, id, err)
	}
	if v.Stage != want {
		f.t.Fatalf("%s %s on %d: stage %s, want %s", user, in.Action, id, v.Stage, want)
	}
	return v
}

// refused tries a step and wants it refused with code, changing nothing.
func (f *flow) refused(user string, id int64, in workflow.Input, code string) {
	f.t.Helper()
	before, _ := f.s.Application(ctx, f.user("admin"), id)
	_, err := f.s.Act(ctx, f.user(user), id, before.Version, in)
	if guantong.ErrorCode(err) != code {
		f.t.Errorf("%s %s on %d: %v, want %s", user, in.Action, id, err, code)
	}
	if after, _ := f.s.Application(ctx, f.user("admin"), id); after.Version != before.Version {
		f.t.Errorf("%s %s on %d: a refused step changed the version", user, in.Action, id)
	}
}

// recommend has the employer hold its own 公示 of a submitted application (人社部令第40号),
// waits until it is over and recommends.
func (f *flow) recommend(id int64) service.View {
	f.t.Helper()
	v := f.act("hr", id, workflow.Input{Action: workflow.PublishInternal}, guantong.StageSubmitted)
	if v.InternalNotice == nil {
		f.t.Fatalf("no internal notice on %d", id)
	}
	f.after(v.InternalNotice.Until)
	return f.act("hr", id, workflow.Input{Action: workflow.Recommend}, guantong.StageRecommended)
}

// days moves the clock past a date.
func (f *flow) after(d guantong.Date) {
	for !f.s.Today().After(d) {
		f.clock.Advance(24 * time.Hour)
	}
}

var zhangsanDoc = json.RawMessage(`{
	"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30", "certificate_no": "S000012345"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}]}`)

var lisiDoc = json.RawMessage(`{
	"titles": [{"series": "工程", "specialty": "机械", "level": "中级", "obtained": "2019-12-01"}],
	"education": [{"level": "本科", "major": "机械设计制造及其自动化", "related_codes": ["6-20-01-01"]}]}`)

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// 三(一)5-6 through the service: a draft edited and returned, evidence and achievements, a
// notice with an objection, a meeting's vote, the result notice, the grant, and what the
// public and the department read of it afterwards.
func TestTitleFromDraftToRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s, zs := f.s, f.user("zhangsan")
		draft := service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Specialty: " 机械工程 ", Person: zhangsanDoc}
		v, err := s.CreateApplication(ctx, zs, draft)
		if err != nil || v.Stage != guantong.StageDraft || v.Applicant.Name != "张三" || v.Employer != "河北冀钢集团有限公司" {
			t.Fatalf("draft: %+v %v", v, err)
		}
		id := v.ID
		if _, err := s.CreateApplication(ctx, f.user("hr"), draft); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("HR created an application: %v", err)
		}
		if _, err := s.UpdateDraft(ctx, zs, id, v.Version+1, draft); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a stale draft saved: %v", err)
		}
		if v, err = s.UpdateDraft(ctx, zs, id, v.Version, draft); err != nil || v.Version != 2 {
			t.Fatalf("update: %+v %v", v, err)
		}

		// Evidence and achievements, each advancing the version; only the applicant adds them.
		file, err := s.AddFile(ctx, zs, id, "技师证书.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddFile(ctx, f.user("hr"), id, "x.pdf", pdf); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("HR attached evidence: %v", err)
		}
		if fs, err := s.Files(ctx, zs, id); err != nil || len(fs) != 1 {
			t.Errorf("files: %+v %v", fs, err)
		}
		if _, err := s.Files(ctx, f.user("hr"), id); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("the employer read a draft's files: %v", err)
		}
		if got, data, err := s.File(ctx, zs, id, file.ID); err != nil || got.Name != "技师证书.pdf" || !bytes.Equal(data, pdf) {
			t.Errorf("download: %+v %v", got, err)
		}
		if _, _, err := s.File(ctx, f.user("lisi"), id, file.ID); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("another applicant downloaded: %v", err)
		}
		ach := committee.Achievement{Type: committee.AchContest, Title: " 省技能大赛一等奖 ", Date: guantong.MakeDate(2024, 5, 20), FileID: file.ID}
		rec, err := s.AddAchievement(ctx, zs, id, ach)
		if err != nil || rec.Title != "省技能大赛一等奖" || rec.ApplicationID != id {
			t.Fatalf("achievement: %+v %v", rec, err)
		}
		if _, err := s.AddAchievement(ctx, zs, id, committee.Achievement{Type: "论文"}); err == nil || !strings.Contains(err.Error(), "type") {
			t.Errorf("a bad achievement: %v", err)
		}
		extra, _ := s.AddAchievement(ctx, zs, id, committee.Achievement{Type: committee.AchContest, Title: "市赛"})
		if err := s.RemoveAchievement(ctx, zs, id, extra.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveAchievement(ctx, zs, id, extra.ID); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("removed twice: %v", err)
		}
		if as, err := s.Achievements(ctx, zs, id); err != nil || len(as) != 1 || as[0].ID != rec.ID {
			t.Errorf("achievements: %+v %v", as, err)
		}

		// 三(一)5: submitted, returned by the employer with a reason, resubmitted, recommended,
		// approved by the 职改办 into a notice.
		f.act("zhangsan", id, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		f.refused("hr2", id, workflow.Input{Action: workflow.Recommend}, guantong.EForbidden)
		f.refused("hr", id, workflow.Input{Action: workflow.Return}, guantong.EInvalid)
		f.act("hr", id, workflow.Input{Action: workflow.Return, Note: "请补充业绩材料"}, guantong.StageReturned)
		f.act("zhangsan", id, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
		f.refused("hr", id, workflow.Input{Action: workflow.Recommend}, guantong.EConflict) // 40号令: its own 公示 first
		f.recommend(id)
		v = f.act("office", id, workflow.Input{Action: workflow.Approve}, guantong.StageNotice)
		if v.Notice == nil || v.Notice.From != s.Today() {
			t.Fatalf("notice %+v", v.Notice)
		}

		// The public reads the notice masked and objects; the 职改办 sees the objection in its
		// list and must decide it before the application goes on.
		page, err := s.NoticePage(ctx, service.ListQuery{})
		ns := page.Items
		if err != nil || len(ns) != 1 || ns[0].Current != "技师" || ns[0].Office == "" ||
			ns[0].Employer != "河北冀钢集团有限公司" || ns[0].Kind != "资格审核公示" || ns[0].Until != v.Notice.Until {
			t.Fatalf("notices: %+v %v", ns, err)
		}
		if _, err := s.LodgeObjection(ctx, nil, id, service.ObjectionInput{Name: " ", Text: strings.Repeat("长", 2001)}); err == nil ||
			!strings.Contains(err.Error(), "name") {
			t.Errorf("an empty objection: %v", err)
		}
		o, err := s.LodgeObjection(ctx, nil, id, service.ObjectionInput{Name: "匿名职工", Contact: "13900000000", Text: "业绩材料疑似夸大"})
		if err != nil || o.Notice != guantong.StageNotice {
			t.Fatalf("objection: %+v %v", o, err)
		}
		if _, err := s.Objections(ctx, zs, id); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("the applicant read objections: %v", err)
		}
		if os, err := s.Objections(ctx, f.user("office"), id); err != nil || len(os) != 1 || os[0].Contact != "13900000000" {
			t.Errorf("objections: %+v %v", os, err)
		}
		for user, want := range map[string]int{"office": 1, "zhangsan": 0, "hr": 0} {
			list, err := s.Applications(ctx, f.user(user), service.ListFilter{Stages: []guantong.Stage{guantong.StageNotice}})
			if err != nil || len(list) != 1 || list[0].OpenObjections != want {
				t.Errorf("%s's list: %d rows, %v", user, len(list), err)
			} else if list[0].Applicant.Name != "张三" || list[0].Employer != "河北冀钢集团有限公司" {
				t.Errorf("%s's list row: %+v", user, list[0])
			}
		}
		f.refused("office", id, workflow.Input{Action: workflow.Send}, guantong.EConflict) // the notice runs
		f.act("office", id, workflow.Input{Action: workflow.Dismiss, ObjectionID: o.ID, Note: "经核实属实"}, guantong.StageNotice)
		f.after(v.Notice.Until)
		if _, err := s.LodgeObjection(ctx, nil, id, service.ObjectionInput{Name: "迟到", Contact: "x", Text: "y"}); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("an objection after the notice: %v", err)
		}
		v = f.act("office", id, workflow.Input{Action: workflow.Send}, guantong.StageCommittee)
		if v.ReviewGroup != committee.SkilledGroup || v.CommitteeID == 0 {
			t.Fatalf("三(一)6 sent: %+v", v.Application)
		}

		// 三(一)6: decided by the meeting's vote, never by hand.
		f.refused("secretary", id, workflow.Input{Action: workflow.Pass}, guantong.EForbidden)
		passByMeeting(f, id)
		v, _ = s.Application(ctx, zs, id)
		if v.Stage != guantong.StageResultNotice || v.ResultNotice == nil {
			t.Fatalf("after the meeting: %s", v.Stage)
		}
		if p, _ := s.NoticePage(ctx, service.ListQuery{}); len(p.Items) != 1 || p.Items[0].Kind != "评审结果公示" || p.Items[0].Decision == "" {
			t.Fatalf("result notices: %+v", p.Items)
		}
		f.refused("secretary", id, workflow.Input{Action: workflow.Grant}, guantong.EConflict)
		f.after(v.ResultNotice.Until)
		v = f.act("secretary", id, workflow.Input{Action: workflow.Grant}, guantong.StageGranted)
		number := v.Certificate
		if number != certificate.Number(s.Today().Year(), "工程", guantong.Title3, 1) {
			t.Errorf("certificate %q", number)
		}
		certificates(t, f, id, number)
		history(t, f, id)
	})
}

// passByMeeting has the committee meet, one eligible expert score, and every eligible expert
// vote yes.
func passByMeeting(f *flow, id int64) {
	f.t.Helper()
	s, sec := f.s, f.user("secretary")
	m, err := s.CreateMeeting(ctx, sec, service.NewMeeting{Place: "第一会议室", ApplicationIDs: []int64{id}})
	if err != nil {
		f.t.Fatal(err)
	}
	var present []int64
	for _, mb := range m.Members {
		present = append(present, mb.ExpertID)
	}
	if _, err := s.SetAttendance(ctx, sec, m.ID, present); err != nil {
		f.t.Fatal(err)
	}
	if _, err := s.OpenMeeting(ctx, sec, m.ID); err != nil {
		f.t.Fatal(err)
	}
	var voters []string
	for _, e := range []string{"expert1", "expert2", "expert3", "expert4", "expert5", "expert6", "expert7", "expert8", "expert9"} {
		mv, err := s.Meeting(ctx, f.user(e), m.ID)
		if err != nil {
			f.t.Fatal(err)
		}
		if a := applicantOf(f.t, mv, id); a.You != nil && a.You.Eligible {
			voters = append(voters, e)
		}
	}
	if len(voters) != 8 { // 王建国 works at 张三's employer
		f.t.Fatalf("voters %v", voters)
	}
	for _, e := range voters { // experts score before they vote
		if _, err := s.EnterScores(ctx, f.user(e), m.ID, service.ScoreInput{ApplicationID: id, Scores: scoresOf("85", "88", "80")}); err != nil {
			f.t.Fatal(err)
		}
	}
	if _, err := s.StartVote(ctx, sec, m.ID, id); err != nil {
		f.t.Fatal(err)
	}
	for _, e := range voters {
		if _, err := s.CastBallot(ctx, f.user(e), m.ID, id, "yes"); err != nil {
			f.t.Fatal(err)
		}
	}
	if m, err = s.CloseMeeting(ctx, sec, m.ID); err != nil || m.Status != store.MeetingClosed {
		f.t.Fatalf("close: %s %v", m.Status, err)
	}
	if ms, err := s.Meetings(ctx, sec); err != nil || len(ms) != 1 || ms[0].Committee != "河北省工程系列中级职称评审委员会" || ms[0].StatusName != "已结束" {
		f.t.Errorf("meetings: %+v %v", ms, err)
	}
	if _, err := s.Meetings(ctx, f.user("zhangsan")); guantong.ErrorCode(err) != guantong.EForbidden {
		f.t.Errorf("an applicant listed meetings: %v", err)
	}
}

// certificates: anyone verifies a granted title by number (with the holder's name, if given,
// matching), staff read it whole, and the department exports the period's registrations.
func certificates(t *testing.T, f *flow, id int64, number string) {
	s := f.s
	cs, err := s.VerifyCertificate(ctx, number, "张三")
	if err != nil || cs.Status != "valid" || cs.Name != "张*" || cs.IDNumber != "130102********1237" || cs.Issuer == "" {
		t.Errorf("verify: %+v %v", cs, err)
	}
	if _, err := s.VerifyCertificate(ctx, number, "李四"); guantong.ErrorCode(err) != guantong.ENotFound {
		t.Errorf("verify with another's name: %v", err)
	}
	if _, err := s.VerifyCertificate(ctx, "HB-2027-XX", ""); guantong.ErrorCode(err) != guantong.EInvalid {
		t.Errorf("verify a malformed number: %v", err)
	}
	if whole, err := s.Certificate(ctx, f.user("admin"), number); err != nil || whole.IDNumber != "130102199001011237" {
		t.Errorf("certificate for the admin: %+v %v", whole, err)
	}
	if png, err := s.CertificateQR(ctx, number, "https://zc.example.gov.cn", 200); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("QR: %d bytes, %v", len(png), err)
	}
	today := s.Today()
	registrations := func(u *guantong.User, q service.DirectoryQuery) ([]certificate.Grant, error) {
		each, err := s.Registrations(ctx, u, q)
		if err != nil {
			return nil, err
		}
		var out []certificate.Grant
		err = each(func(g certificate.Grant) error { out = append(out, g); return nil })
		return out, err
	}
	grants, err := registrations(f.user("admin"), service.DirectoryQuery{From: today.AddDays(-1), To: today})
	if err != nil || len(grants) != 1 || grants[0].Number != number || grants[0].Name != "张三" ||
		grants[0].Employer != "河北冀钢集团有限公司" || grants[0].Committee != "河北省工程系列中级职称评审委员会" ||
		grants[0].Specialty != "机械工程" || grants[0].Qualification != "工程师" {
		t.Errorf("registrations: %+v %v", grants, err)
	}
	if grants, err := registrations(f.user("office"), service.DirectoryQuery{From: today, To: today}); err != nil || len(grants) != 1 {
		t.Errorf("the 职改办's registrations: %d %v", len(grants), err)
	}
	if _, err := s.Registrations(ctx, f.user("admin"), service.DirectoryQuery{From: today, To: today.AddDays(-2)}); err == nil || !strings.Contains(err.Error(), "to") {
		t.Errorf("a period ending before it starts: %v", err)
	}
	if _, err := s.Registrations(ctx, f.user("zhangsan"), service.DirectoryQuery{From: today, To: today}); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("an applicant exported registrations: %v", err)
	}
}

// history: the audit log of the application, in order, for those who may see it.
func history(t *testing.T, f *flow, id int64) {
	es, err := f.s.Events(ctx, f.user("zhangsan"), id)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Action)
	}
	want := "create edit attach add_achievement add_achievement remove_achievement submit return submit publish_internal recommend approve object dismiss send pass grant"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("events:\n%s\nwant\n%s", got, want)
	}
	if _, err := f.s.Events(ctx, f.user("lisi"), id); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("another applicant read the history: %v", err)
	}
}

// 三(二)4 and 三(二)3: 李四 is evaluated by his own employer, the theory exam exempt; the
// certificate is issued and registered; 焊工 is refused with the engine's reasons.
func TestSkillBySelfEvaluatingEmployer(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, lisi := f.s, f.user("lisi")
	v, err := s.CreateApplication(ctx, lisi, service.Draft{Route: guantong.RouteSkillEvaluation, OccupationCode: "6-20-01-01", Level: "技师", Person: lisiDoc})
	if err != nil {
		t.Fatal(err)
	}
	v = f.act("lisi", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageAssessing)
	if !v.ExemptTheory || v.EvaluatorID == 0 {
		t.Fatalf("三(二)4 routed: %+v", v.Application)
	}
	f.refused("evaluator", v.ID, workflow.Input{Action: workflow.RecordPractical, Passed: new(true)}, guantong.EForbidden)
	f.refused("hr2", v.ID, workflow.Input{Action: workflow.RecordTheory, Passed: new(true)}, guantong.EConflict)
	score := 92.0
	f.act("hr2", v.ID, workflow.Input{Action: workflow.RecordPractical, Passed: new(true), Score: &score}, guantong.StagePassed)
	v = f.act("hr2", v.ID, workflow.Input{Action: workflow.Issue}, guantong.StageIssued)
	if !strings.HasPrefix(v.Certificate, "JZZP-") {
		t.Errorf("certificate %q", v.Certificate)
	}
	if _, err := s.VerifyCertificate(ctx, v.Certificate, ""); guantong.ErrorCode(err) != guantong.ENotFound || !strings.Contains(err.Error(), "尚未上网登记") {
		t.Errorf("verified publicly before registration: %v", err)
	}
	if cs, err := s.Certificate(ctx, lisi, v.Certificate); err != nil || cs.Status != "issued" {
		t.Errorf("the holder before registration: %+v %v", cs, err)
	}
	f.refused("hr2", v.ID, workflow.Input{Action: workflow.Register}, guantong.EForbidden)
	f.act("admin", v.ID, workflow.Input{Action: workflow.Register}, guantong.StageRegistered)

	// 三(二)2 (contract v2): 焊工, outside the table, is reachable on the reverse route; a year
	// of work after the title is not: a title of 2026-06-01 is refused with the reasons.
	recent := json.RawMessage(`{"titles": [{"series": "工程", "specialty": "机械", "level": "中级", "obtained": "2026-06-01"}]}`)
	weld, err := s.CreateApplication(ctx, lisi, service.Draft{Route: guantong.RouteSkillEvaluation, OccupationCode: "6-18-02-04", Level: "技师", Person: recent})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Act(ctx, lisi, weld.ID, weld.Version, workflow.Input{Action: workflow.Submit})
	var in *guantong.Ineligible
	if !errors.As(err, &in) || len(in.Reasons) == 0 {
		t.Errorf("三(二)2 焊工 a month after the title: %v", err)
	}
}
