package workflow

import (
	"slices"
	"testing"
	"time"

	"guantong"
)

func d(s string) guantong.Date {
	v, err := guantong.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// addWorkdays is a calendar of its own for these tests: weekends off, 1-7 October 2026 off,
// Saturday 10 October 2026 a working day (调休).
func addWorkdays(start guantong.Date, n int) guantong.Date {
	work := func(x guantong.Date) bool {
		if x.Equal(d("2026-10-10")) {
			return true
		}
		if !x.Before(d("2026-10-01")) && !x.After(d("2026-10-07")) {
			return false
		}
		return x.Weekday() != time.Saturday && x.Weekday() != time.Sunday
	}
	for x := start; ; x = x.AddDays(1) {
		if work(x) {
			if n--; n <= 0 {
				return x
			}
		}
	}
}

// The cast: applicant 1 works at employer 10 in the region of office 20; committee 30 reviews;
// evaluator 40 evaluates; employer 11 self-evaluates. Each has a rival of the same role.
var (
	me        = &guantong.User{ID: 1, Role: guantong.RoleApplicant, PersonID: 1}
	otherMe   = &guantong.User{ID: 2, Role: guantong.RoleApplicant, PersonID: 2}
	hr        = &guantong.User{ID: 3, Role: guantong.RoleHR, OrgID: 10}
	otherHR   = &guantong.User{ID: 4, Role: guantong.RoleHR, OrgID: 12}
	selfHR    = &guantong.User{ID: 5, Role: guantong.RoleHR, OrgID: 11}
	off       = &guantong.User{ID: 6, Role: guantong.RoleOffice, OrgID: 20}
	otherOff  = &guantong.User{ID: 7, Role: guantong.RoleOffice, OrgID: 21}
	sec       = &guantong.User{ID: 8, Role: guantong.RoleSecretary, OrgID: 30}
	otherSec  = &guantong.User{ID: 9, Role: guantong.RoleSecretary, OrgID: 31}
	eval      = &guantong.User{ID: 10, Role: guantong.RoleEvaluator, OrgID: 40}
	otherEval = &guantong.User{ID: 11, Role: guantong.RoleEvaluator, OrgID: 41}
	adm       = &guantong.User{ID: 12, Role: guantong.RoleAdmin}
)

func titleApp(stage guantong.Stage) guantong.Application {
	a := guantong.Application{ID: 1, Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: 1,
		EmployerID: 10, OfficeID: 20, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: stage}
	if stage == guantong.StageCommittee || stage == guantong.StageResultNotice || stage == guantong.StageGranted {
		a.CommitteeID = 30
	}
	switch stage {
	case guantong.StageSubmitted:
		a.InternalNotice = &guantong.Period{From: d("2026-09-01"), Until: d("2026-09-08")}
	case guantong.StageNotice, guantong.StageCommittee:
		a.Notice = &guantong.Period{From: d("2026-09-30"), Until: d("2026-10-13")}
	case guantong.StageResultNotice:
		a.ResultNotice = &guantong.Period{From: d("2026-11-02"), Until: d("2026-11-09")}
	}
	return a
}

// fresh is a without the employer's own 公示.
func fresh(a guantong.Application) guantong.Application {
	a.InternalNotice = nil
	return a
}

func skillApp(stage guantong.Stage, exempt bool) guantong.Application {
	return guantong.Application{ID: 2, Kind: guantong.KindSkill, Route: guantong.RouteSkillEvaluation, PersonID: 1,
		EmployerID: 10, EvaluatorID: 40, OccupationCode: "6-20-01-01", Level: guantong.Level{Skill: guantong.Skill2},
		Stage: stage, ExemptTheory: exempt}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

type step struct {
	name   string
	app    guantong.Application
	user   *guantong.User
	in     Input
	facts  Facts
	stage  guantong.Stage // the stage after, when no error is wanted
	code   string         // the error code wanted, or ""
	verify func(t *testing.T, a guantong.Application)
}

func TestApply(t *testing.T) {
	today := func(s string) Facts {
		return Facts{Today: d(s), NoticeWorkdays: 5, ResultNoticeWorkdays: 5, AddWorkdays: addWorkdays, TheoryPassMark: 60, PracticalPassMark: 60}
	}
	open := func(f Facts, notice guantong.Stage) Facts {
		f.Objections = []guantong.Objection{{ID: 7, ApplicationID: 1, Notice: notice, Status: guantong.ObjectionOpen}}
		return f
	}
	const (
		invalid   = guantong.EInvalid
		forbidden = guantong.EForbidden
		conflict  = guantong.EConflict
		notFound  = guantong.ENotFound
	)
	steps := []step{
		{name: "三(一)5 applicant submits a draft", app: titleApp(guantong.StageDraft), user: me, in: Input{Action: Submit}, stage: guantong.StageSubmitted},
		{name: "三(一)5 applicant resubmits what the employer returned", app: titleApp(guantong.StageReturned), user: me, in: Input{Action: Submit}, stage: guantong.StageSubmitted},
		{name: "三(一)5 another applicant cannot submit it", app: titleApp(guantong.StageDraft), user: otherMe, in: Input{Action: Submit}, code: forbidden},
		{name: "三(一)5 HR cannot submit for the applicant", app: titleApp(guantong.StageDraft), user: hr, in: Input{Action: Submit}, code: forbidden},
		{name: "三(一)5 employer recommends", app: titleApp(guantong.StageSubmitted), user: hr, in: Input{Action: Recommend}, stage: guantong.StageRecommended},
		{name: "40号令 employer cannot recommend before its own 公示", app: fresh(titleApp(guantong.StageSubmitted)), user: hr, in: Input{Action: Recommend}, facts: today("2026-09-30"), code: conflict},
		{name: "40号令 employer cannot recommend on the last day of its own 公示", app: titleApp(guantong.StageSubmitted), user: hr, in: Input{Action: Recommend}, facts: today("2026-09-08"), code: conflict},
		{name: "40号令 employer's own 公示 runs 5 working days, 调休 counted", app: fresh(titleApp(guantong.StageSubmitted)), user: hr,
			in: Input{Action: PublishInternal}, facts: today("2026-09-30"), stage: guantong.StageSubmitted,
			verify: func(t *testing.T, a guantong.Application) {
				if a.InternalNotice == nil || !a.InternalNotice.From.Equal(d("2026-09-30")) || !a.InternalNotice.Until.Equal(d("2026-10-13")) {
					t.Errorf("internal notice %+v, want 2026-09-30 … 2026-10-13", a.InternalNotice)
				}
			}},
		{name: "40号令 the employer's own 公示 is started once", app: titleApp(guantong.StageSubmitted), user: hr, in: Input{Action: PublishInternal}, facts: today("2026-09-30"), code: conflict},
		{name: "40号令 only the employer starts its own 公示", app: fresh(titleApp(guantong.StageSubmitted)), user: off, in: Input{Action: PublishInternal}, facts: today("2026-09-30"), code: forbidden},
		{name: "三(一)5 another employer cannot recommend", app: titleApp(guantong.StageSubmitted), user: otherHR, in: Input{Action: Recommend}, code: forbidden},
		{name: "三(一)5 employer cannot recommend a draft", app: titleApp(guantong.StageDraft), user: hr, in: Input{Action: Recommend}, code: conflict},
		{name: "三(一)5 employer returns to the applicant", app: titleApp(guantong.StageSubmitted), user: hr, in: Input{Action: Return, Note: "缺业绩材料"}, stage: guantong.StageReturned},
		{name: "三(一)5 a return says why", app: titleApp(guantong.StageSubmitted), user: hr, in: Input{Action: Return}, code: invalid},
		{name: "三(一)5 employer cannot return once recommended", app: titleApp(guantong.StageRecommended), user: hr, in: Input{Action: Return, Note: "x"}, code: conflict},
		{name: "三(一)5 职改办 returns to employer", app: titleApp(guantong.StageRecommended), user: off, in: Input{Action: Return, Note: "推荐表未盖章"}, stage: guantong.StageSubmitted},
		{name: "三(一)5 职改办 rejects", app: titleApp(guantong.StageRecommended), user: off, in: Input{Action: Reject, Note: "不符合条件"}, stage: guantong.StageRejected},
		{name: "三(一)5 职改办 of another region cannot approve", app: titleApp(guantong.StageRecommended), user: otherOff, in: Input{Action: Approve}, code: forbidden},
		{name: "三(一)5 approval publishes a notice of 5 working days, 调休 counted", app: titleApp(guantong.StageRecommended), user: off,
			in: Input{Action: Approve}, facts: today("2026-09-30"), stage: guantong.StageNotice,
			verify: func(t *testing.T, a guantong.Application) {
				// 10-01…10-07 off; 10-08, 10-09, 10-10 (调休), 10-12, 10-13.
				if a.Notice == nil || !a.Notice.From.Equal(d("2026-09-30")) || !a.Notice.Until.Equal(d("2026-10-13")) {
					t.Errorf("notice %+v, want 2026-09-30 … 2026-10-13", a.Notice)
				}
			}},
		{name: "三(一)5 approval on a Friday: the notice runs the next five working days", app: titleApp(guantong.StageRecommended), user: off,
			in: Input{Action: Approve}, facts: today("2026-11-06"), stage: guantong.StageNotice,
			verify: func(t *testing.T, a guantong.Application) {
				if !a.Notice.Until.Equal(d("2026-11-13")) {
					t.Errorf("until %s, want 2026-11-13", a.Notice.Until)
				}
			}},
		{name: "三(一)5 not sent to the committee on the last day of the notice", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Send}, facts: today("2026-10-13"), code: conflict},
		{name: "三(一)5 sent to the committee the day after, in the skilled group (三(一)6)", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Send}, facts: today("2026-10-14"), stage: guantong.StageCommittee,
			verify: func(t *testing.T, a guantong.Application) {
				if a.ReviewGroup != "高技能人才组" {
					t.Errorf("group %q", a.ReviewGroup)
				}
			}},
		{name: "三(一)5 not sent while an objection is open", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Send}, facts: open(today("2026-10-14"), guantong.StageNotice), code: conflict},
		{name: "三(一)5 职改办 upholds an objection: rejected", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Uphold, ObjectionID: 7, Note: "业绩造假属实"}, facts: open(today("2026-10-09"), guantong.StageNotice), stage: guantong.StageRejected},
		{name: "三(一)5 职改办 dismisses an objection: the notice goes on", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Dismiss, ObjectionID: 7, Note: "经核实不属实"}, facts: open(today("2026-10-09"), guantong.StageNotice), stage: guantong.StageNotice},
		{name: "三(一)5 an objection must be named", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Uphold, Note: "x"}, facts: open(today("2026-10-09"), guantong.StageNotice), code: invalid},
		{name: "三(一)5 an unknown objection", app: titleApp(guantong.StageNotice), user: off, in: Input{Action: Uphold, ObjectionID: 8, Note: "x"}, facts: open(today("2026-10-09"), guantong.StageNotice), code: notFound},
		{name: "三(一)5 the committee cannot decide an objection", app: titleApp(guantong.StageNotice), user: sec, in: Input{Action: Dismiss, ObjectionID: 7, Note: "x"}, facts: open(today("2026-10-09"), guantong.StageNotice), code: forbidden},
		{name: "三(一)6 committee passes: result notice", app: titleApp(guantong.StageCommittee), user: sec, in: Input{Action: Pass}, facts: today("2026-11-02"), stage: guantong.StageResultNotice,
			verify: func(t *testing.T, a guantong.Application) {
				if a.Decision != guantong.DecisionPassed || !a.ResultNotice.Until.Equal(d("2026-11-09")) {
					t.Errorf("decision %q, result notice %+v", a.Decision, a.ResultNotice)
				}
			}},
		{name: "三(一)6 another committee cannot decide", app: titleApp(guantong.StageCommittee), user: otherSec, in: Input{Action: Pass}, facts: today("2026-11-02"), code: forbidden},
		{name: "三(一)6 committee fails", app: titleApp(guantong.StageCommittee), user: sec, in: Input{Action: Fail, Note: "业绩不足"}, stage: guantong.StageFailed},
		{name: "三(一)4 recognition is for the green channel only", app: titleApp(guantong.StageCommittee), user: sec, in: Input{Action: Recognise}, facts: today("2026-11-02"), code: conflict},
		{name: "三(一)6 not granted during the result notice", app: titleApp(guantong.StageResultNotice), user: sec, in: Input{Action: Grant}, facts: today("2026-11-09"), code: conflict},
		{name: "三(一)6 granted after the result notice", app: titleApp(guantong.StageResultNotice), user: sec, in: Input{Action: Grant}, facts: today("2026-11-10"), stage: guantong.StageGranted},
		{name: "五 an upheld objection to the result fails the application", app: titleApp(guantong.StageResultNotice), user: off, in: Input{Action: Uphold, ObjectionID: 7, Note: "x"}, facts: open(today("2026-11-03"), guantong.StageResultNotice), stage: guantong.StageFailed},
		{name: "五 an objection to the other notice cannot be decided now", app: titleApp(guantong.StageResultNotice), user: off, in: Input{Action: Uphold, ObjectionID: 7, Note: "x"}, facts: open(today("2026-11-03"), guantong.StageNotice), code: conflict},
		{name: "五 admin revokes a fraudulent grant", app: titleApp(guantong.StageGranted), user: adm, in: Input{Action: Revoke, Note: "业绩材料伪造"}, facts: today("2027-01-05"), stage: guantong.StageRevoked},
		{name: "五 a revocation says why", app: titleApp(guantong.StageGranted), user: adm, in: Input{Action: Revoke}, code: invalid},
		{name: "五 the committee cannot revoke", app: titleApp(guantong.StageGranted), user: sec, in: Input{Action: Revoke, Note: "x"}, code: forbidden},
		{name: "withdraw before a recommendation", app: titleApp(guantong.StageSubmitted), user: me, in: Input{Action: Withdraw}, stage: guantong.StageWithdrawn},
		{name: "no withdrawal once recommended", app: titleApp(guantong.StageRecommended), user: me, in: Input{Action: Withdraw}, code: conflict},

		{name: "三(二)3 theory exam recorded", app: skillApp(guantong.StageAssessing, false), user: eval, in: Input{Action: RecordTheory, Passed: yes()}, stage: guantong.StageAssessing},
		{name: "三(二)3 another organisation cannot record", app: skillApp(guantong.StageAssessing, false), user: otherEval, in: Input{Action: RecordTheory, Passed: yes()}, code: forbidden},
		{name: "三(二)3 exempt from the theory exam", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordTheory, Passed: yes()}, code: conflict},
		{name: "三(二)3 exempt: the practical assessment decides, passed", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordPractical, Passed: yes()}, stage: guantong.StagePassed},
		{name: "三(二)3 a 45-point theory result cannot be 合格", app: skillApp(guantong.StageAssessing, false), user: eval, in: Input{Action: RecordTheory, Passed: yes(), Score: score(45)}, code: invalid},
		{name: "三(二)3 a 59.5-point practical result cannot be 合格", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordPractical, Passed: yes(), Score: score(59.5)}, code: invalid},
		{name: "三(二)3 a 45-point result recorded as 不合格", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordPractical, Passed: no(), Score: score(45)}, stage: guantong.StageFailed},
		{name: "三(二)3 the pass mark itself is 合格", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordPractical, Passed: yes(), Score: score(60)}, stage: guantong.StagePassed},
		{name: "三(二)3 a result says passed or not", app: skillApp(guantong.StageAssessing, true), user: eval, in: Input{Action: RecordPractical}, code: invalid},
		{name: "三(二)3 practical failed", app: func() guantong.Application {
			a := skillApp(guantong.StageAssessing, false)
			a.Theory = &guantong.Result{Passed: true, On: d("2026-10-01")}
			return a
		}(), user: eval, in: Input{Action: RecordPractical, Passed: no()}, stage: guantong.StageFailed},
		{name: "三(二)3 theory recorded once", app: func() guantong.Application {
			a := skillApp(guantong.StageAssessing, false)
			a.Theory = &guantong.Result{Passed: true, On: d("2026-10-01")}
			return a
		}(), user: eval, in: Input{Action: RecordTheory, Passed: no()}, code: conflict},
		{name: "三(二)4 the self-evaluating employer's HR records", app: func() guantong.Application {
			a := skillApp(guantong.StageAssessing, true)
			a.EmployerID, a.EvaluatorID = 11, 11
			return a
		}(), user: selfHR, in: Input{Action: RecordPractical, Passed: yes()}, stage: guantong.StagePassed},
		{name: "三(二)4 HR of an employer that does not evaluate cannot record", app: skillApp(guantong.StageAssessing, true), user: hr, in: Input{Action: RecordPractical, Passed: yes()}, code: forbidden},
		{name: "三(二)4 certificate issued", app: skillApp(guantong.StagePassed, true), user: eval, in: Input{Action: Issue}, facts: today("2026-12-01"), stage: guantong.StageIssued},
		{name: "三(二)4 certificate registered (上网) by the department", app: skillApp(guantong.StageIssued, true), user: adm, in: Input{Action: Register}, facts: today("2026-12-02"), stage: guantong.StageRegistered},
		{name: "三(二)4 the evaluator cannot register", app: skillApp(guantong.StageIssued, true), user: eval, in: Input{Action: Register}, code: forbidden},
		{name: "三(二) skill applications have no recommendation", app: skillApp(guantong.StageAssessing, true), user: hr, in: Input{Action: Recommend}, code: invalid},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.facts.AddWorkdays == nil {
				f := today("2026-10-14")
				f.Objections = s.facts.Objections
				s.facts = f
			}
			got, err := Apply(s.app, s.user, s.in, s.facts)
			if code := guantong.ErrorCode(err); s.code != "" || err != nil {
				var fe guantong.FieldErrors
				if asFields(err, &fe) {
					code = guantong.EInvalid
				}
				if code != s.code {
					t.Fatalf("error %v (code %q), want code %q", err, code, s.code)
				}
				return
			}
			if got.Stage != s.stage {
				t.Errorf("stage %s, want %s", got.Stage, s.stage)
			}
			if s.verify != nil {
				s.verify(t, got)
			}
		})
	}
}

func score(v float64) *float64 { return &v }

func asFields(err error, fe *guantong.FieldErrors) bool {
	v, ok := err.(guantong.FieldErrors)
	*fe = v
	return ok
}

func TestCanSee(t *testing.T) {
	draft := titleApp(guantong.StageDraft)
	sent := titleApp(guantong.StageCommittee)
	sk := skillApp(guantong.StageAssessing, false)
	for _, c := range []struct {
		name string
		u    *guantong.User
		app  guantong.Application
		want bool
	}{
		{"applicant sees own draft", me, draft, true},
		{"another applicant does not", otherMe, draft, false},
		{"employer does not see a draft", hr, draft, false},
		{"employer sees its staff's submitted application", hr, sent, true},
		{"another employer does not", otherHR, sent, false},
		{"职改办 does not see a draft", off, draft, false},
		{"职改办 sees what reached it", off, sent, true},
		{"another 职改办 does not", otherOff, sent, false},
		{"committee sees what was sent to it", sec, sent, true},
		{"another committee does not", otherSec, sent, false},
		{"committee does not see what was not sent", sec, titleApp(guantong.StageNotice), false},
		{"evaluator sees what was routed to it", eval, sk, true},
		{"evaluator does not see a draft naming it", eval, skillApp(guantong.StageDraft, false), false},
		{"another evaluator does not", otherEval, sk, false},
		{"evaluator does not see titles", eval, sent, false},
		{"admin sees all", adm, draft, true},
		{"the public sees nothing", nil, sent, false},
	} {
		if got := CanSee(c.u, &c.app); got != c.want {
			t.Errorf("%s: CanSee = %v", c.name, got)
		}
	}
}

func TestAllowed(t *testing.T) {
	app := titleApp(guantong.StageRecommended)
	if got := Allowed(off, &app); !slices.Equal(got, []Action{Approve, Return, Reject}) {
		t.Errorf("职改办 at recommended: %v", got)
	}
	if got := Allowed(otherOff, &app); len(got) != 0 {
		t.Errorf("another 职改办: %v", got)
	}
	if got := Allowed(me, &app); len(got) != 0 {
		t.Errorf("applicant: %v", got)
	}
}

func TestLodgeable(t *testing.T) {
	app := titleApp(guantong.StageNotice)
	if err := Lodgeable(&app, d("2026-10-13")); err != nil {
		t.Errorf("last day: %v", err)
	}
	if err := Lodgeable(&app, d("2026-10-14")); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("after the notice: %v", err)
	}
	app = titleApp(guantong.StageCommittee)
	if err := Lodgeable(&app, d("2026-10-13")); guantong.ErrorCode(err) != guantong.ENotFound {
		t.Errorf("not under notice: %v", err)
	}
}
