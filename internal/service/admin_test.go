package service_test

import (
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// fieldsOf returns the fields err names, "" for an error that is no FieldErrors.
func fieldsOf(err error) string {
	fes, ok := err.(guantong.FieldErrors)
	if !ok {
		return ""
	}
	var fs []string
	for _, fe := range fes {
		fs = append(fs, fe.Field)
	}
	return strings.Join(fs, " ")
}

// Organisations: each kind asks for its own fields and refuses those it does not have; a
// name taken within a kind is a conflict; only the admin creates them.
func TestCreateOrganisation(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, admin := f.s, f.user("admin")
	tests := []struct {
		name   string
		o      guantong.Organisation
		fields string // "" for accepted
	}{
		{"an employer", guantong.Organisation{Kind: guantong.OrgEmployer, Name: " 唐山某钢厂 ", Region: "唐山市", EmployerKind: guantong.KindEnterprise}, ""},
		{"an employer without region or kind, with a series", guantong.Organisation{Kind: guantong.OrgEmployer, Name: "x", Series: "工程"}, "region employer_kind series"},
		{"an office self-evaluating", guantong.Organisation{Kind: guantong.OrgOffice, Name: "唐山市职改办", SelfEvaluation: true}, "region self_evaluation"},
		{"a committee of an unknown series", guantong.Organisation{Kind: guantong.OrgCommittee, Name: "某评委会", Series: "烹饪"}, "series level"},
		{"a committee", guantong.Organisation{Kind: guantong.OrgCommittee, Name: "河北省工程系列中级评委会（二）", Series: "工程", Level: guantong.Level{Title: guantong.Title3}.Title}, ""},
		{"a department without occupations", guantong.Organisation{Kind: guantong.OrgDepartment, Name: "某厅"}, "occupations"},
		{"an evaluator with a bad code and prefix", guantong.Organisation{Kind: guantong.OrgEvaluator, Name: "某中心", Occupations: []string{"6-20"}, CertPrefix: "!"}, "cert_prefix occupations[0]"},
		{"no kind, no name", guantong.Organisation{}, "name kind"},
	}
	for _, tt := range tests {
		o, err := s.CreateOrganisation(ctx, admin, tt.o)
		if tt.fields == "" {
			if err != nil || o.ID == 0 || o.Name != strings.TrimSpace(tt.o.Name) {
				t.Errorf("%s: %+v %v", tt.name, o, err)
			}
			continue
		}
		if got := fieldsOf(err); got != tt.fields {
			t.Errorf("%s: fields %q (%v), want %q", tt.name, got, err, tt.fields)
		}
	}
	if _, err := s.CreateOrganisation(ctx, admin, tests[0].o); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("the same employer twice: %v", err)
	}
	if _, err := s.CreateOrganisation(ctx, f.user("hr"), tests[0].o); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("HR created an organisation: %v", err)
	}
	if _, err := s.CreateOrganisation(ctx, nil, tests[0].o); guantong.ErrorCode(err) != guantong.EUnauthorized {
		t.Errorf("the public created an organisation: %v", err)
	}
	es, err := s.Organisations(ctx, f.user("zhangsan"), guantong.OrgEvaluator)
	if err != nil || len(es) != 1 || es[0].Name != "河北省机械行业职业技能等级认定中心" {
		t.Errorf("evaluators: %+v %v", es, err)
	}
	if all, err := s.Organisations(ctx, f.user("zhangsan"), ""); err != nil || len(all) < 20 {
		t.Errorf("all organisations: %d %v", len(all), err)
	}
}

// Accounts: a staff role belongs to an organisation of its kind, an applicant comes with a
// valid person record, a weak password or a taken username is refused; the new user signs
// in and reads their own profile.
func TestCreateUserAndProfile(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, admin := f.s, f.user("admin")
	orgs, err := s.Organisations(ctx, admin, "")
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]int64{}
	for _, o := range orgs {
		id[o.Name] = o.ID
	}
	steel, office := id["河北冀钢集团有限公司"], id["石家庄市职称改革领导小组办公室"]
	person := &guantong.Applicant{Name: "王五", IDNumber: "130203199207083561", Phone: "13700001111", EmployerID: steel}
	tests := []struct {
		name   string
		in     service.NewUser
		fields string
	}{
		{"an office reviewer", service.NewUser{Username: "office9", Password: "a-long-passphrase", Name: "李审", Role: guantong.RoleOffice, OrgID: office}, ""},
		{"an applicant", service.NewUser{Username: "wangwu", Password: "a-long-passphrase", Role: guantong.RoleApplicant, Person: person}, ""},
		{"a username taken", service.NewUser{Username: "wangwu", Password: "a-long-passphrase", Name: "x", Role: guantong.RoleAdmin}, "conflict"},
		{"a staff role in an organisation of another kind", service.NewUser{Username: "bad1", Password: "a-long-passphrase", Name: "x", Role: guantong.RoleOffice, OrgID: steel}, "org_id"},
		{"an admin in an organisation", service.NewUser{Username: "bad2", Password: "a-long-passphrase", Name: "x", Role: guantong.RoleAdmin, OrgID: steel}, "org_id"},
		{"an applicant without a person", service.NewUser{Username: "bad3", Password: "a-long-passphrase", Role: guantong.RoleApplicant}, "name person"},
		{"an applicant with a bad ID number", service.NewUser{Username: "bad4", Password: "a-long-passphrase", Role: guantong.RoleApplicant,
			Person: &guantong.Applicant{Name: "坏", IDNumber: "130102199001011238", EmployerID: office}}, "person.id_number person.employer_id"},
		{"a person for staff", service.NewUser{Username: "bad5", Password: "a-long-passphrase", Name: "x", Role: guantong.RoleHR, OrgID: steel, Person: person}, "person"},
		{"a bad username, role and password", service.NewUser{Username: "A", Password: "short", Name: "x", Role: "boss"}, "username role password"},
	}
	for _, tt := range tests {
		u, err := s.CreateUser(ctx, admin, tt.in)
		switch tt.fields {
		case "":
			if err != nil || u.ID == 0 {
				t.Errorf("%s: %+v %v", tt.name, u, err)
			}
		case "conflict":
			if guantong.ErrorCode(err) != guantong.EConflict {
				t.Errorf("%s: %v", tt.name, err)
			}
		default:
			if got := fieldsOf(err); got != tt.fields {
				t.Errorf("%s: fields %q (%v), want %q", tt.name, got, err, tt.fields)
			}
		}
	}
	if _, err := s.CreateUser(ctx, f.user("hr"), tests[0].in); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("HR created a user: %v", err)
	}
	users, err := s.Users(ctx, admin)
	if err != nil || !strings.Contains(usernames(users), " wangwu ") || strings.Contains(usernames(users), " bad") {
		t.Errorf("users: %s %v", usernames(users), err)
	}
	if _, err := s.Users(ctx, f.user("office")); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("the 职改办 listed users: %v", err)
	}
	u, err := s.Authenticate(ctx, mustLogin(t, s, "zhangsan"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "wangwu", "a-long-passphrase"); err != nil {
		t.Errorf("the new applicant signs in: %v", err)
	}
	p, err := s.Me(ctx, &u)
	if err != nil || p.Person == nil || p.Person.IDNumber != "130102199001011237" || p.Organisation != nil {
		t.Errorf("an applicant's profile: %+v %v", p, err)
	}
	p, err = s.Me(ctx, f.user("office"))
	if err != nil || p.Person != nil || p.Organisation == nil || p.Organisation.Kind != guantong.OrgOffice {
		t.Errorf("a reviewer's profile: %+v %v", p, err)
	}
	if _, err := s.Me(ctx, nil); guantong.ErrorCode(err) != guantong.EUnauthorized {
		t.Errorf("the public's profile: %v", err)
	}
}

func usernames(us []guantong.User) string {
	var b strings.Builder
	b.WriteString(" ")
	for _, u := range us {
		b.WriteString(u.Username + " ")
	}
	return b.String()
}

// The expert pool: an expert is added with a login, changed, listed, read by a secretary and
// not by an applicant; a skilled expert keeps a skill level; unmarking one the committee
// needs, or taking a member out of the pool, is refused.
func TestExpertPool(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, admin := f.s, f.user("admin")
	pool, err := s.Experts(ctx, admin)
	if err != nil || len(pool) != 9 {
		t.Fatalf("the demo pool: %d %v", len(pool), err)
	}
	employer := pool[0].EmployerID
	in := service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: " 钱工 ", EmployerID: employer, Series: "工程", Specialty: "焊接",
		SkillLevel: "高级技师", Skilled: true}, Username: "expert10", Password: "a-long-passphrase"}
	e, err := s.CreateExpert(ctx, admin, in)
	if err != nil || e.Name != "钱工" || e.UserID == 0 || !e.Active || e.Skill != guantong.Skill1 {
		t.Fatalf("create: %+v %v", e, err)
	}
	if _, err := s.Login(ctx, "expert10", "a-long-passphrase"); err != nil {
		t.Errorf("the expert's login: %v", err)
	}
	for _, c := range []struct {
		name   string
		in     service.NewExpert
		fields string
	}{
		{"a skilled expert without a skill level", service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "x", EmployerID: employer, Skilled: true}}, "skilled"},
		{"levels and series unknown, employer not one", service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "x", EmployerID: 99999,
			TitleLevel: "特级", SkillLevel: "九级", Series: "烹饪"}}, "title_level skill_level series employer_id"},
		{"both a username and a login (the admin's, no expert's)", service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "x", EmployerID: employer},
			Username: "expert11", UserID: admin.ID}, "user_id user_id"},
		{"a login that is no expert's", service.NewExpert{ExpertUpdate: service.ExpertUpdate{Name: "x", EmployerID: employer}, UserID: f.user("hr").ID}, "user_id"},
	} {
		_, err := s.CreateExpert(ctx, admin, c.in)
		if got := fieldsOf(err); got != c.fields {
			t.Errorf("%s: fields %q (%v), want %q", c.name, got, err, c.fields)
		}
	}
	if _, err := s.CreateExpert(ctx, f.user("secretary"), in); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("a secretary added an expert: %v", err)
	}

	up := in.ExpertUpdate
	up.Specialty, up.TitleLevel = "焊接工艺", "副高级"
	if e, err = s.UpdateExpert(ctx, admin, e.ID, up); err != nil || e.Specialty != "焊接工艺" || e.Title != guantong.Title2 {
		t.Errorf("update: %+v %v", e, err)
	}
	if _, err := s.UpdateExpert(ctx, admin, 99999, up); guantong.ErrorCode(err) != guantong.ENotFound {
		t.Errorf("update a missing expert: %v", err)
	}
	if got, err := s.Expert(ctx, f.user("secretary"), e.ID); err != nil || got.Specialty != "焊接工艺" {
		t.Errorf("a secretary reads the pool: %+v %v", got, err)
	}
	if _, err := s.Experts(ctx, f.user("zhangsan")); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("an applicant read the pool: %v", err)
	}

	// 三(一)6: the demo committee's rules ask for one skilled expert of its two: the first
	// may be unmarked (given a title that lets them sit without the mark), the last may not.
	com, err := s.Store().CommitteeFor(ctx, "工程", guantong.Title3)
	if err != nil {
		t.Fatal(err)
	}
	members, err := s.CommitteeMembers(ctx, f.user("secretary"), com.ID)
	if err != nil || len(members) != 9 || members[0].Role != guantong.CommitteeChair {
		t.Fatalf("members: %+v %v", members, err)
	}
	var skilled []guantong.Member
	for _, m := range members {
		if m.Skilled {
			skilled = append(skilled, m)
		}
	}
	if len(skilled) != 2 {
		t.Fatalf("skilled members: %d", len(skilled))
	}
	for i, m := range skilled {
		unmark := service.ExpertUpdate{Name: m.Name, EmployerID: m.EmployerID, Specialty: m.Specialty, SkillLevel: m.Skill.String(), TitleLevel: "副高级"}
		_, err := s.UpdateExpert(ctx, admin, m.ID, unmark)
		if want := []string{"", "skilled"}[i]; fieldsOf(err) != want || (want == "" && err != nil) {
			t.Errorf("unmarking skilled member %d of 2: %v", i+1, err)
		}
	}
	last := skilled[1]
	if _, err := s.SetExpertActive(ctx, admin, last.ID, false); guantong.ErrorCode(err) != guantong.EConflict ||
		!strings.Contains(err.Error(), com.Name) {
		t.Errorf("taking a member out of the pool: %v", err)
	}
	if e, err = s.SetExpertActive(ctx, admin, e.ID, false); err != nil || e.Active {
		t.Errorf("deactivate: %+v %v", e, err)
	}
	if e, err = s.SetExpertActive(ctx, admin, e.ID, false); err != nil || e.Active {
		t.Errorf("deactivate twice changes nothing: %+v %v", e, err)
	}
	if _, err := s.CommitteeMembers(ctx, f.user("zhangsan"), com.ID); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("an applicant read the committee: %v", err)
	}
}

// A meeting called off before it opens frees its applications for the next one; the health
// check names the engine; the check is the engine's, judged today.
func TestCancelMeetingHealthAndCheck(t *testing.T) {
	w := newMeetingWorld(t, storetest.SQLite(t), false)
	sec := w.user("secretary")
	m, err := w.s.CreateMeeting(ctx, sec, service.NewMeeting{Place: "第二会议室"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.CreateMeeting(ctx, sec, service.NewMeeting{}); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("a second meeting while the application waits in the first: %v", err)
	}
	if _, err := w.s.CancelMeeting(ctx, w.user("expert1"), m.ID); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("an expert cancelled: %v", err)
	}
	if m, err = w.s.CancelMeeting(ctx, sec, m.ID); err != nil || m.Status != "cancelled" || m.StatusName != "已取消" {
		t.Fatalf("cancel: %+v %v", m.MeetingSummary, err)
	}
	if _, err := w.s.OpenMeeting(ctx, sec, m.ID); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("a cancelled meeting opened: %v", err)
	}
	if again, err := w.s.CreateMeeting(ctx, sec, service.NewMeeting{}); err != nil || len(again.Applicants) != 1 {
		t.Errorf("the application in the next meeting: %v", err)
	}
	if engine, err := w.s.Health(ctx); err != nil || engine != "sqlite" {
		t.Errorf("health: %s %v", engine, err)
	}
	if !w.s.Now().Equal(t0) {
		t.Errorf("now %v", w.s.Now())
	}
	a := w.s.Check(guantong.Request{Person: guantong.Person{Skills: []guantong.Skill{
		{OccupationCode: "6-20-01-01", Level: guantong.Skill2, Obtained: guantong.MakeDate(2021, 6, 30)}}}})
	if a.AsOf != w.s.Today() || len(a.Options) == 0 {
		t.Errorf("check as of %s: %d options", a.AsOf, len(a.Options))
	}
}
