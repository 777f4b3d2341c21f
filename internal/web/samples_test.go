package web

import (
	"encoding/json"
	"guantong/internal/committee"
	"net/http/httptest"
	"net/url"
	"time"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// roleSamples is sample data for the templates of the role pages, for TestTemplates: every
// branch a template has, with names that need escaping.
func roleSamples(s *Server) map[string][]any {
	at := time.Date(2026, 12, 31, 4, 0, 0, 0, time.UTC)
	score := 91.5
	app := guantong.Application{ID: 7, Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: 1, Series: "工程",
		Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageNotice, StageName: "资格审核公示", Version: 5, EmployerID: 1,
		Document:    json.RawMessage(`{"skills":[{"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-06-30"}],"assessments":[{"year":2025,"result":"合格"}],"work":[{"from":"2012-07-01","to":null}],"awards":[{"name":"全国技术能手","year":2022}],"education":[{"major":"机电","related_codes":["6-20-01-01"]}]}`),
		Check:       &guantong.CheckRecord{AsOf: guantong.MakeDate(2026, 12, 1), Policy: "hebei-2021", Warnings: []string{"person.work: 未提供"}},
		Notice:      &guantong.Period{From: guantong.MakeDate(2026, 12, 31), Until: guantong.MakeDate(2027, 1, 8)},
		ReviewGroup: "高技能人才组", Certificate: "冀职称-2027-GC-000001", CertifiedOn: guantong.MakeDate(2027, 2, 9),
		Theory: &guantong.Result{Passed: true, Score: &score, On: guantong.MakeDate(2026, 12, 1)}, Practical: &guantong.Result{Passed: false}, ExemptTheory: true,
		RevokeReason: "伪造", UpdatedAt: at}
	req := guantong.Request{AsOf: guantong.MakeDate(2026, 12, 31), Person: guantong.Person{
		Skills: []guantong.Skill{{OccupationCode: "6-20-01-01", Level: guantong.Skill2, Obtained: guantong.MakeDate(2021, 6, 30)}}}}
	ans := s.eng().Check(req)
	opt, _ := ans.Find(guantong.RouteTitleReview, "工程", "中级")
	app.Check.Option = opt
	evil := `<script>alert(1)</script>`
	dl := sampleDirList(evil)
	v := service.View{Application: app, Applicant: service.Person{Name: evil, IDNumber: "130102199001011237", Phone: "13812345678"}, Employer: "冀钢",
		Actions: []workflow.Action{workflow.Send, workflow.Dismiss, workflow.Uphold, workflow.Withdraw, workflow.RecordPractical}}
	page := &appPage{V: v, What: s.what(app), Doc: s.docView(app.Document), Files: []guantong.File{{ID: 1, Name: evil + ".pdf", Size: 2048, UploadedAt: at}},
		Objections: []guantong.Objection{{ID: 1, Notice: guantong.StageNotice, Name: evil, Contact: "x", Text: evil, Status: guantong.ObjectionOpen, LodgedAt: at},
			{ID: 2, Notice: guantong.StageNotice, Status: guantong.ObjectionDismissed, Note: "不属实", DecidedBy: "office", DecidedAt: at}},
		SeeObjections: true, Today: guantong.MakeDate(2026, 12, 31), Done: "提交",
		Problem: &problem{Message: "尚不符合", Reasons: []reasonView{{Met: false, Text: evil, Clause: "三(一)2"}}},
		Failed:  "objection-1", Errs: errs{"note": "须说明理由"}, Note: evil}
	ov := s.optionView(opt, req.AsOf)
	page.Check, page.CheckAsOf, page.Warnings = &ov, "2026-12-01", []string{"注意"}
	page.Events = []eventView{eventOf(guantong.Event{At: at, Actor: "public", Action: "object",
		Payload: json.RawMessage(`{"objection_id":1,"text":"x","from":"notice","to":"notice"}`)}),
		eventOf(guantong.Event{At: at, Actor: "office", Action: "approve", Payload: json.RawMessage(`{"from":"recommended","to":"notice","notice":{"from":"2026-12-31","until":"2027-01-08"},"note":"同意"}`)})}
	page.forms()
	// A title draft of one's own with achievements, one with its evidence, and the form failed.
	achs := *page
	achs.V.Actions = []workflow.Action{workflow.Submit}
	achs.Achievements = []guantong.AchievementRecord{{ID: 1, Achievement: committee.Achievement{Type: committee.AchContest, Title: evil, Level: evil, Role: evil,
		Date: guantong.MakeDate(2024, 5, 20), FileID: 1}}, {ID: 2, Achievement: committee.Achievement{Type: committee.AchWorkMethod, Title: "x", FileID: 9}}}
	achs.AchTypes, achs.Failed, achs.Errs = committee.AchievementTypes, "achievement", errs{"title": "不能为空", "date": evil}
	achs.Typed = url.Values{"type": {committee.AchProcess}, "title": {evil}, "date": {evil}, "file_id": {"1"}}
	achs.Problem, achs.Panel = nil, nil
	achs.forms()
	draft := &appPage{V: service.View{Application: guantong.Application{ID: 8, Kind: guantong.KindSkill, Route: guantong.RouteSkillEvaluation,
		OccupationCode: "6-20-01-01", Level: guantong.Level{Skill: guantong.Skill2}, Stage: guantong.StageDraft, Document: json.RawMessage(`{}`)},
		Actions: []workflow.Action{workflow.Submit, workflow.Withdraw}}, Failed: "upload", Errs: errs{"file": "文件为空"}}
	draft.What = s.what(draft.V.Application)
	draft.forms()

	form := newApplyForm(guantong.MakeDate(2026, 12, 31), []int{2023, 2024, 2025})
	form.Person.Source = &factsSource{Employer: evil, Date: guantong.MakeDate(2026, 12, 1)}
	bad := readApplyForm(url.Values{"route": {"skill_evaluation"}, "skills.0.occupation": {"钳"}}, guantong.MakeDate(2026, 12, 31), 3)
	bad.draft(s, nil)
	bad.serviceErrs(errs{"level": "须为职业技能等级", "person.skills[0]": "x"})
	long := readApplyForm(url.Values{"route": {"title_review"}, "work.0.from": {"2012-07-01"}, "work.1.from": {"2014-01-01"}, "work.2.from": {"2016-01-01"},
		"work.3.from": {"2018-01-01"}, "work.4.from": {"2020-01-01"}, "awards.5.name": {evil}}, guantong.MakeDate(2026, 12, 31), 3)
	long.draft(s, nil)
	edit := &applyForm{ID: 3, Version: 2, Route: guantong.RouteSkillEvaluation, EvaluatorID: "16", Person: newCheckForm(guantong.MakeDate(2026, 12, 31), []int{2023, 2024, 2025})}
	prof := service.Profile{User: guantong.User{Username: "zhangsan", Name: evil, Role: guantong.RoleApplicant},
		Person: &guantong.Applicant{Name: evil, IDNumber: "130102199001011237", BarredUntil: guantong.MakeDate(2029, 1, 1), BarReason: evil}}
	staff := service.Profile{User: guantong.User{Username: "hr2", Role: guantong.RoleHR},
		Organisation: &guantong.Organisation{Name: evil, Kind: guantong.OrgEmployer, Region: "石家庄市", SelfEvaluation: true}}
	// A filter as typed, with mistakes to show and text to escape, and a list in its middle.
	filters := listFilters(httptest.NewRequest("GET", "/office?q="+url.QueryEscape(evil)+"&stage=notice&stage=nonsense&from=2027-13-01&sort=oldest&region=唐山市", nil), "office")
	bar := filters.pager("a", 1001, 50, "next", "prev")
	bulk := bulkOutcome{Action: "单位推荐", Done: 1, Refused: 1, Comment: evil, Errs: errs{"comment": "x", "id": "y"},
		Results: []service.BatchResult{{ID: 1, Name: evil, What: evil, Done: true, Message: "现为「待资格审核」"}, {ID: 2, Message: "该申报已被他人处理"}}}
	queue := queuePage{Org: evil, Total: 1001, Filters: filters, BatchURL: "/office/batch", Bulk: bulk, Sections: []queueSection{{ID: "a", Heading: "待审核", Hint: "h", Empty: "无",
		Batch: []batchButton{{Action: "approve", Label: evil}, {Action: "return", Label: "退回", Danger: true, Note: true}}, Comment: true, Picks: 1,
		Rows: []queueRow{{View: v, What: "工程系列 中级职称", Due: "公示至 2027-01-08", Open: 1, Todo: true, Pick: true}, {View: v, What: evil}}, Pager: bar}, {ID: "b", Heading: "空", Empty: "无"}}}
	p := policy.Default()
	acct := []service.DemoAccount{{Username: "admin", Password: "admin-demo-2026", Role: guantong.RoleAdmin, Organisation: evil}}
	notice := noticeView{Notice: guantong.Notice{ApplicationID: 7, Kind: "资格审核公示", Name: evil, Current: evil, Office: evil, Specialty: evil,
		Employer: evil, Route: guantong.RouteTitleReview, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Decision: "passed"}, What: "工程系列 中级职称", Decision: "评审通过"}
	cert := &guantong.CertificateStatus{Number: "冀职称-2027-GC-000001", Name: evil, Status: "revoked", RevokedOn: guantong.MakeDate(2027, 3, 1), RegisteredOn: guantong.MakeDate(2027, 3, 1)}
	return map[string][]any{
		"login":       {loginPage{}, loginPage{Username: evil, Next: "/office", Error: "用户名或密码错误", Demo: acct}},
		"my":          {myPage{Profile: prof, Employer: evil, Barred: true, Apps: []service.View{v}, Filters: filters, Pager: bar}, myPage{}, myPage{Filters: filters}},
		"profile":     {myPage{Profile: prof, Employer: evil, Barred: true}, myPage{Profile: staff}},
		"apply":       {applyPage{Form: form, Choices: s.choices(), Routes: routeChoices}, applyPage{Form: bad, Choices: s.choices(), Routes: routeChoices, Profile: prof, Problem: page.Problem}, applyPage{Form: edit, Choices: s.choices(), Routes: routeChoices, Evaluators: []guantong.Organisation{{ID: 16, Name: evil}}}, applyPage{Form: long, Choices: s.choices(), Routes: routeChoices}},
		"application": {page, &achs, draft},
		"employer": {employerPage{Org: evil, Pending: []service.View{v}, Staff: []staffRow{{Name: evil, Apps: []service.View{v, v}}}, Bulk: bulk,
			Filters: filters, Total: 1001, PendingPager: bar, StaffPager: bar}, employerPage{}},
		"office": {queue, queuePage{}},
		"committee": {committeePage{queuePage: queue, Meetings: []service.MeetingSummary{{ID: 1, HeldOn: guantong.MakeDate(2027, 1, 20), Place: evil, StatusName: "签到中"}},
			Waiting: queue.Sections[0].Rows, Errs: errs{"meeting": evil, "held_on": "x", "application_ids[0]": "y"}, Board: board(evil, false)},
			committeePage{Board: &membersPage{Rules: committee.For("", 0)}}, committeePage{}},
		"expert":  {[]service.MeetingSummary{{ID: 1, Committee: evil, Status: "open", StatusName: "评审中"}}, []service.MeetingSummary{}},
		"meeting": meetingSamples(evil),
		"evaluator": {evaluatorPage{queuePage: queue, PassTheory: 60, PassPractical: 60, ImportErrs: []guantong.FieldError{{Field: "第 2 行「理论知识成绩」", Message: evil}, {Field: "file", Message: evil}},
			Imported: &service.Imported{Recorded: 1, Results: bulk.Results[:1]}}, evaluatorPage{}},
		"screening": screeningSamples(evil),
		"whatif":    whatifSamples(evil),
		"staff":     staffSamples(evil),
		"staffperson": {staffPersonPage{Facts: service.StaffFacts{Name: evil, Employer: evil, RegisteredAt: at}, Doc: s.docView(app.Document)},
			staffPersonPage{Facts: service.StaffFacts{Name: evil}}},
		"allapps": {queue},
		"admin": {adminPage{Today: guantong.MakeDate(2026, 12, 31), Stages: []stageCount{{guantong.StageDraft, 2}}, Total: 2, Policy: p, Rules: policy.Explain(p),
			Demo: true, Advanced: "7", Errs: errs{"days": "x"}, Days: evil}, adminPage{Policy: p}},
		"users": {usersPage{List: dirList0(), ManyOrgs: true, Roles: guantong.Roles, Form: url.Values{"org_id": {evil}, "employer_id": {evil}}, Errs: errs{"org_id": evil, "person.employer_id": evil}},
			usersPage{List: dl, Users: []store.UserListed{{User: guantong.User{Username: "a", Name: evil, Role: guantong.RoleOffice}, Org: evil}},
				Orgs: []guantong.Organisation{{ID: 1, Name: evil, Kind: guantong.OrgEmployer}}, Roles: guantong.Roles,
				Form: url.Values{"role": {"applicant"}, "employer_id": {"1"}, "name": {evil}}, Errs: errs{"person.id_number": "x", "org_id": "y"}, Created: evil}},
		"orgs": {orgsPage{List: dl, Orgs: []guantong.Organisation{{Name: evil, Kind: guantong.OrgCommittee, Series: "工程", Level: guantong.Title3, Occupations: []string{"6-20-01-01"}}},
			Kinds: guantong.OrgKinds, Levels: guantong.TitleLevels(), Form: url.Values{"kind": {"committee"}, "self_evaluation": {"1"}}, Errs: errs{"name": "x"}, Created: evil}},
		"internalnotice": {internalNoticePage{Org: evil, Rows: []internalRow{{View: withInternal(v), What: evil, Current: evil}}}, internalNoticePage{}},
		"reviewform":     {printPage{appPage: page}, printPage{appPage: draft}},
		"recommendform":  {printPage{appPage: page, Recommended: &eventView{What: "单位推荐", Actor: evil, Details: []string{evil}}}, printPage{appPage: draft}},
		"meetingrecord":  meetingRecords(meetingSamples(evil)),
		"noticedoc": {service.NoticeDocument{Key: evil, Title: evil, Kind: "评审结果公示", Office: evil, Workdays: 5, Rows: []guantong.Notice{notice.Notice},
			Contact: guantong.NoticeContact{Phone: evil, Address: evil, Email: evil}}, service.NoticeDocument{}},
		"objection": {objectionPage{}, objectionPage{Receipt: evil, Problem: evil, Errs: errs{"receipt": evil}},
			objectionPage{New: true, Status: &service.ObjectionStatus{Receipt: evil, Subject: evil, Text: evil, StatusName: evil, Note: evil, Decided: guantong.MakeDate(2027, 1, 2)}}},
		"notices": {noticesPage{Notices: []noticeView{notice}, Docs: []service.NoticeDocument{{Key: evil, Title: evil}}, Failed: 7, Form: service.ObjectionInput{Name: evil, Text: evil}, Errs: errs{"text": "不能为空"}, Problem: "已过期"},
			noticesPage{}, noticesPage{Notices: []noticeView{notice}, Filters: filters, Pager: bar}, noticesPage{Filters: filters}},
		"certificate": {certificatePage{D: certificate.Document{Heading: "职称证书", Number: "HB-2027-GC-3-000001-X", Name: evil, Sex: "男", IDNumber: "130102199001011237",
			Rows: []certificate.Row{{Label: evil, Value: evil}}, Department: evil, IssuedOn: "2027-02-09", VerifyURL: "https://zc.example.gov.cn/verify/" + evil, Status: "有效"},
			Photo: "data:image/jpeg;base64,AAAA"},
			certificatePage{D: certificate.Document{Heading: "职业技能等级证书", Number: "x", RevokedOn: "2027-03-01", Status: "已撤销"}, Revoked: true}},
		"registrations": {&registrationsPage{List: dl, Scope: evil, From: "2027-01-01", To: "2027-01-31", Listed: true,
			Grants: []certificate.Grant{{Number: "HB-2027-GC-3-000001-X", Name: evil, IDNumber: "130102199001011237", Series: "工程", Level: "中级", Employer: evil, Committee: evil,
				Granted: guantong.MakeDate(2027, 1, 9)}, {Number: "y", Revoked: true}}},
			&registrationsPage{List: dirList0(), Scope: "全省", From: evil, To: "", Errs: errs{"from": evil, "to": "须给出截止日期"}},
			&registrationsPage{List: dirList0(), Listed: true}},
		"experts": {expertsPage{List: dl, Experts: []store.ExpertListed{{Expert: guantong.Expert{Name: evil, Series: "工程", Specialty: evil, Title: guantong.Title3, Skill: guantong.Skill1,
			Skilled: true, Active: true}, Employer: evil, Username: evil}, {Expert: guantong.Expert{Name: "孙丽"}}},
			Committees: []guantong.Organisation{{ID: 3, Name: evil, Series: "工程", Level: guantong.Title3}}, Employers: []guantong.Organisation{{ID: 1, Name: evil}},
			Series: p.Series, TitleLevels: guantong.TitleLevels(), SkillLevels: guantong.SkillLevels(), Admin: true,
			Form: url.Values{"name": {evil}, "employer_id": {"1"}, "skilled": {"1"}, "skill_level": {"技师"}}, Errs: errs{"name": "x", "skilled": "y", "username": "z"}, Created: evil},
			expertsPage{List: dl, Experts: []store.ExpertListed{{Expert: guantong.Expert{Name: evil, Skilled: true}}}}, expertsPage{List: dirList0(), Admin: true}, expertsPage{List: dirList0(), Admin: true, ManyEmployers: true, Errs: errs{"employer_id": evil}},
			expertsPage{List: dl, Experts: []store.ExpertListed{{Expert: guantong.Expert{ID: 4, Name: evil, Active: true}, Employer: evil}, {Expert: guantong.Expert{ID: 5, Name: evil}, Username: evil}},
				Admin: true, Form: url.Values{}, Done: "专家 " + evil + " 已停用", Problem: &problem{Message: evil}}},
		"expertedit": {expertPage{Expert: guantong.Expert{ID: 4, Name: evil, Active: true}, Username: evil, Committees: []guantong.Organisation{{ID: 3, Name: evil}, {ID: 5, Name: "x"}},
			Employers: []guantong.Organisation{{ID: 1, Name: evil}}, Series: p.Series, TitleLevels: guantong.TitleLevels(), SkillLevels: guantong.SkillLevels(),
			Form: url.Values{"name": {evil}, "employer_id": {"1"}, "series": {"工程"}, "title_level": {"中级"}, "skilled": {"1"}}, Errs: errs{"name": "x", "skilled": evil, "employer_id": "y"}},
			expertPage{Expert: guantong.Expert{ID: 5, Name: "孙丽"}}, expertPage{Expert: guantong.Expert{ID: 6}, ManyEmployers: true, Form: url.Values{"employer_id": {evil}}}},
		"members": {board(evil, true), board(evil, false), &membersPage{Rules: committee.For("", 0), Admin: true}},
		"verify": {verifyPage{}, verifyPage{Number: evil, Name: evil, Problem: "未找到"}, verifyPage{Number: "x", Name: evil, Result: cert, What: "工程系列 中级职称", Status: "已撤销"},
			verifyPage{Errs: errs{"number": "请填写证书编号"}}},
		"stats":    statsSamples(evil),
		"policies": policiesSamples(evil),
		"policy":   policySamples(s),
	}
}

// meetingSamples are a meeting as the secretary and as an expert see it, at each status.
func meetingSamples(evil string) []any {
	members := []service.MeetingMember{{ExpertID: 1, Name: evil, Employer: evil, Present: true, Skilled: true}, {ExpertID: 2, Name: "刘秀英"}}
	sheet := committee.Sheet{Methods: []committee.MethodScore{{Method: "业绩评审", Weight: 40, PassScore: 6000, Count: 2, Mean: 8550, BelowPass: true}}, Complete: true, Combined: 8550}
	apps := func(status string, you *service.ExpertPart) []service.MeetingApplicant {
		a := service.MeetingApplicant{ApplicationID: 1, Name: evil, Employer: evil, Route: guantong.RouteTitleReview, Series: "工程",
			Level: guantong.Level{Title: guantong.Title3}, Group: "高技能人才组", Methods: []service.MeetingMethod{{Method: "业绩评审", Weight: 40}},
			AchievementPoints: 1000, Status: status, StatusName: "评分中", Withdrawn: []committee.Conflict{{ExpertID: 1, Reason: evil}}, Sheet: sheet,
			Voted: 1, Voters: 3, You: you, Achievements: []committee.Achievement{{Type: committee.AchContest, Title: evil, Level: evil, Role: evil,
				Date: guantong.MakeDate(2024, 5, 20)}, {Type: committee.AchApprentices, Title: "带徒 5 名"}}}
		if status == "decided" {
			a.Outcome = &committee.Outcome{Decision: guantong.DecisionPassed, Result: &committee.Result{Yes: 2, Base: 3, Needed: 2},
				Reasons: []guantong.Reason{{Clause: "三(一)6", Met: true, Text: evil}}}
		}
		return []service.MeetingApplicant{a}
	}
	view := func(status, seat string, as []service.MeetingApplicant) service.MeetingView {
		return service.MeetingView{MeetingSummary: service.MeetingSummary{ID: 1, Committee: evil, Place: evil, Status: status, StatusName: status},
			Rules: evil, Quorum: guantong.Reason{Met: true, Text: "出席 2 人"}, Members: members, Applicants: as, Seat: seat}
	}
	mine := &service.ExpertPart{Eligible: true, Scores: []service.ScoreEntry{{Method: "业绩评审", Points: 8550}}}
	return []any{
		&meetingPage{M: view("attendance", service.SeatSecretary, apps("scoring", nil))},
		&meetingPage{M: view("open", service.SeatSecretary, apps("scoring", nil)), Done: "评分已保存", Problem: &problem{Message: evil}},
		&meetingPage{M: view("open", service.SeatSecretary, apps("voting", nil))},
		&meetingPage{M: view("open", service.SeatExpert, apps("scoring", mine)), Failed: 1, Errs: errs{"score.业绩评审": evil}},
		&meetingPage{M: view("open", service.SeatExpert, apps("voting", mine))},
		&meetingPage{M: view("open", service.SeatExpert, apps("voting", &service.ExpertPart{Eligible: true, Voted: true}))},
		&meetingPage{M: view("open", service.SeatExpert, apps("scoring", &service.ExpertPart{Withdrawn: evil}))},
		&meetingPage{M: view("closed", service.SeatAdmin, apps("decided", nil))},
	}
}

// board is a committee's membership page, as the admin (with the form, refused) or its
// secretary sees it.
func board(evil string, admin bool) *membersPage {
	e := guantong.Expert{ID: 1, Name: evil, Specialty: evil, Skilled: true}
	d := &membersPage{Committee: guantong.Organisation{ID: 3, Name: evil, Series: "工程", Level: guantong.Title3}, Rules: committee.For("工程", guantong.Title2),
		Members: []memberRow{{Member: guantong.Member{Expert: e, Role: guantong.CommitteeChair}, Employer: evil}, {Member: guantong.Member{Expert: guantong.Expert{ID: 2, Name: "孙丽"}, Role: "member"}}},
		Skilled: 1, Roles: memberRoles, Admin: admin, Saved: true}
	if admin {
		d.Pool = []poolRow{{Expert: e, Employer: evil, Ticked: true, Role: guantong.CommitteeViceChair}, {Expert: guantong.Expert{ID: 2, Name: "孙丽"}, Role: guantong.CommitteeMember}}
		d.Problems = []string{evil, "主任委员只能有一名"}
	}
	return d
}

// withInternal is v under its employer's own 公示.
func withInternal(v service.View) service.View {
	v.InternalNotice = &guantong.Period{From: guantong.MakeDate(2027, 1, 4), Until: guantong.MakeDate(2027, 1, 8)}
	return v
}

// meetingRecords are the meetings of the meeting samples, as the record prints them.
func meetingRecords(pages []any) []any {
	var out []any
	for _, p := range pages {
		if mp, ok := p.(*meetingPage); ok {
			out = append(out, mp.M)
		}
	}
	return out
}

// sampleDirList is a list that is not of applications, searched and in its middle, with
// evil in every string it shows.
func sampleDirList(evil string) *dirList {
	l := dirList0()
	l.Values = url.Values{"q": {evil}, "role": {evil}, "status": {"disabled"}}
	l.Errs = errs{"q": evil, "role": evil, "status": evil, "kind": evil, "region": evil, "sort": evil}
	l.Label, l.Open = evil, true
	l.Query.Unread, l.Query.Skilled, l.Query.Search = true, true, evil
	l.Pager = pager{Total: 1001, Shown: 50, First: "/x", Prev: "/x?cursor=" + evil, Next: "/x?cursor=b", Last: "/x?cursor=end", File: "/x.xlsx?q=" + evil}
	return l
}

// dirList0 is a list that is not of applications, as its page first shows it.
func dirList0() *dirList {
	return &dirList{listState: &listState{Path: "/x", Values: url.Values{}, Errs: errs{}}}
}
