package service_test

import (
	"database/sql"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// meetingWorld is the demo province with applications of the demo's 工程 中级 committee
// already awaiting its review: 张三's (at 王建国's employer) and, when recognition is set, a
// green-channel one of 李四's. Users are signed in by name.
type meetingWorld struct {
	t     *testing.T
	s     *service.Service
	users map[string]*guantong.User
	apps  []int64
}

func newMeetingWorld(t *testing.T, dsn string, recognition bool) *meetingWorld {
	t.Helper()
	s := open(t, dsn)
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	w := &meetingWorld{t: t, s: s, users: map[string]*guantong.User{}}
	st := s.Store()
	com, err := st.CommitteeFor(ctx, "工程", guantong.Title3)
	if err != nil {
		t.Fatal(err)
	}
	people := []string{"zhangsan"}
	if recognition {
		people = append(people, "lisi")
	}
	for i, name := range people {
		u := w.user(name)
		p, err := st.Applicant(ctx, u.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		route := guantong.RouteTitleReview
		if i == 1 {
			route = guantong.RouteTitleRecognition
		}
		a := guantong.Application{Kind: guantong.KindTitle, Route: route, PersonID: p.ID, EmployerID: p.EmployerID, CommitteeID: com.ID,
			Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageCommittee, Document: json.RawMessage(`{}`),
			ReviewGroup: committee.SkilledGroup, CreatedAt: t0, UpdatedAt: t0}
		if err := st.Write(ctx, func(tx *store.Tx) error { return tx.InsertApplication(ctx, &a) }); err != nil {
			t.Fatal(err)
		}
		w.apps = append(w.apps, a.ID)
	}
	return w
}

func (w *meetingWorld) user(name string) *guantong.User {
	w.t.Helper()
	if u, ok := w.users[name]; ok {
		return u
	}
	u, err := w.s.Authenticate(ctx, mustLogin(w.t, w.s, name))
	if err != nil {
		w.t.Fatal(err)
	}
	w.users[name] = &u
	return &u
}

// opened sets up a meeting with every member present, opened.
func (w *meetingWorld) opened() service.MeetingView {
	w.t.Helper()
	m, err := w.s.CreateMeeting(ctx, w.user("secretary"), service.NewMeeting{Place: "第一会议室"})
	if err != nil {
		w.t.Fatal(err)
	}
	var present []int64
	for _, mb := range m.Members {
		present = append(present, mb.ExpertID)
	}
	if _, err := w.s.SetAttendance(ctx, w.user("secretary"), m.ID, present); err != nil {
		w.t.Fatal(err)
	}
	if m, err = w.s.OpenMeeting(ctx, w.user("secretary"), m.ID); err != nil {
		w.t.Fatal(err)
	}
	return m
}

// score has each expert score the applicant 80 in every method: experts score before they
// vote.
func (w *meetingWorld) score(meeting, app int64, experts ...string) {
	w.t.Helper()
	for _, e := range experts {
		if _, err := w.s.EnterScores(ctx, w.user(e), meeting, service.ScoreInput{ApplicationID: app, Scores: scoresOf("80", "80", "80")}); err != nil {
			w.t.Fatalf("%s: %v", e, err)
		}
	}
}

// voters are the demo experts who may vote on 张三 when all nine are present: all but
// 王建国 (expert1), who works at 张三's employer.
var voters = []string{"expert2", "expert3", "expert4", "expert5", "expert6", "expert7", "expert8", "expert9"}

func scoresOf(perf, skill, interview string) []service.ScoreEntry {
	p := func(s string) committee.Points {
		v, err := committee.ParsePoints(s)
		if err != nil {
			panic(err)
		}
		return v
	}
	return []service.ScoreEntry{{Method: "业绩评审", Points: p(perf)}, {Method: "技能操作考核", Points: p(skill)}, {Method: "面试答辩", Points: p(interview)}}
}

func applicantOf(t *testing.T, m service.MeetingView, id int64) service.MeetingApplicant {
	t.Helper()
	for _, a := range m.Applicants {
		if a.ApplicationID == id {
			return a
		}
	}
	t.Fatalf("application %d not in meeting %d", id, m.ID)
	return service.MeetingApplicant{}
}

// 回避 declared: an expert who declares a conflict after scoring can no longer vote, and their
// score stops counting; the secretary declares for another; declarations close when the vote
// starts. A recognition (认定) goes to the vote without scores and, passed, is recognised.
func TestDeclaredConflictAndRecognition(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newMeetingWorld(t, dsn, true)
		zs, rec := w.apps[0], w.apps[1]
		m := w.opened()
		if _, err := w.s.EnterScores(ctx, w.user("expert2"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("50", "50", "50")}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.EnterScores(ctx, w.user("expert3"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("90", "80", "70")}); err != nil {
			t.Fatal(err)
		}
		// expert2 withdraws: the 50s no longer count.
		m, err := w.s.DeclareConflict(ctx, w.user("expert2"), m.ID, service.ConflictInput{ApplicationID: zs, Reason: "曾为申报人的师傅"})
		if err != nil {
			t.Fatal(err)
		}
		a := applicantOf(t, m, zs)
		if !a.SheetHidden || len(a.Withdrawn) != 2 || a.Voters != 7 || a.You == nil || a.You.Eligible || a.You.Withdrawn != "曾为申报人的师傅" {
			t.Errorf("after the declaration: hidden %v, withdrawn %+v, voters %d, you %+v", a.SheetHidden, a.Withdrawn, a.Voters, a.You)
		}
		if m, _ := w.s.Meeting(ctx, w.user("expert3"), m.ID); applicantOf(t, m, zs).Sheet.Combined != 8200 {
			t.Errorf("the sheet as expert3, who scored: %+v", applicantOf(t, m, zs).Sheet)
		}
		if _, err := w.s.DeclareConflict(ctx, w.user("expert2"), m.ID, service.ConflictInput{ApplicationID: zs, ExpertID: 3}); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("an expert declaring for another: %v", err)
		}
		if _, err := w.s.DeclareConflict(ctx, w.user("secretary"), m.ID, service.ConflictInput{ApplicationID: rec, ExpertID: 4, Reason: "亲属"}); err != nil {
			t.Fatal(err)
		}
		w.score(m.ID, zs, voters[2:]...) // expert2 withdrew, expert3 scored
		if _, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.DeclareConflict(ctx, w.user("expert5"), m.ID, service.ConflictInput{ApplicationID: zs}); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a declaration after the vote started: %v", err)
		}
		if _, err := w.s.CastBallot(ctx, w.user("expert2"), m.ID, zs, "yes"); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("a withdrawn expert voted: %v", err)
		}
		for _, e := range voters[1:] {
			if _, err := w.s.CastBallot(ctx, w.user(e), m.ID, zs, "同意"); err != nil {
				t.Fatal(err)
			}
		}
		// The recognition: no scores; 赵志刚 works at 李四's employer and expert4 withdrew, so
		// seven may vote; five yes and two missing is two thirds and more.
		m, err = w.s.StartVote(ctx, w.user("secretary"), m.ID, rec)
		if err != nil {
			t.Fatal(err)
		}
		if a := applicantOf(t, m, rec); a.Status != "voting" || a.Voters != 7 || len(a.Methods) != 0 {
			t.Errorf("recognition %+v", a)
		}
		for _, e := range []string{"expert1", "expert2", "expert5", "expert6", "expert7"} {
			if _, err := w.s.CastBallot(ctx, w.user(e), m.ID, rec, "yes"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.s.CloseVote(ctx, w.user("secretary"), m.ID, rec); err != nil { // expert8 and expert9 have not voted: not yes
			t.Fatal(err)
		}
		m, err = w.s.CloseMeeting(ctx, w.user("secretary"), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o := applicantOf(t, m, rec).Outcome; o == nil || o.Decision != guantong.DecisionRecognised || o.Result.Missing != 2 || o.Result.Base != 7 {
			t.Errorf("recognition outcome %+v", o)
		}
		for id, want := range map[int64]guantong.Stage{zs: guantong.StageResultNotice, rec: guantong.StageResultNotice} {
			if a, _ := w.s.Store().Application(ctx, id); a.Stage != want {
				t.Errorf("application %d: %s, want %s", id, a.Stage, want)
			}
		}
		if a, _ := w.s.Store().Application(ctx, rec); a.Decision != guantong.DecisionRecognised {
			t.Errorf("decision %q", a.Decision)
		}
	})
}

// An applicant below a method's pass score is decided failed without a ballot, and fails.
func TestBelowPassScoreFailsWithoutBallot(t *testing.T) {
	w := newMeetingWorld(t, storetest.SQLite(t), false)
	zs := w.apps[0]
	m := w.opened()
	if _, err := w.s.EnterScores(ctx, w.user("expert2"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("55", "90", "90")}); err != nil {
		t.Fatal(err)
	}
	m, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs)
	if err != nil {
		t.Fatal(err)
	}
	a := applicantOf(t, m, zs)
	if a.Status != "decided" || a.Outcome == nil || a.Outcome.Decision != guantong.DecisionFailed || a.Outcome.Result != nil {
		t.Fatalf("below pass: %+v", a)
	}
	if _, err := w.s.CastBallot(ctx, w.user("expert3"), m.ID, zs, "yes"); guantong.ErrorCode(err) != guantong.EConflict {
		t.Errorf("a vote without a ballot: %v", err)
	}
	if _, err := w.s.CloseMeeting(ctx, w.user("secretary"), m.ID); err != nil {
		t.Fatal(err)
	}
	if app, _ := w.s.Store().Application(ctx, zs); app.Stage != guantong.StageFailed || app.Decision != guantong.DecisionFailed {
		t.Errorf("after the meeting: %s %s", app.Stage, app.Decision)
	}
}

// The audit log says who voted, never how: no vote event, nor anything else written while
// the ballots were open, carries a choice or a running count.
func TestVoteAuditHasNoChoice(t *testing.T) {
	w := newMeetingWorld(t, storetest.SQLite(t), false)
	zs := w.apps[0]
	m := w.opened()
	if _, err := w.s.EnterScores(ctx, w.user("expert2"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("80", "80", "80")}); err != nil {
		t.Fatal(err)
	}
	w.score(m.ID, zs, "expert3", "expert4", "expert5")
	if _, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct{ expert, choice string }{{"expert2", "yes"}, {"expert3", "no"}, {"expert4", "abstain"}, {"expert5", "yes"}} {
		r, err := w.s.CastBallot(ctx, w.user(v.expert), m.ID, zs, v.choice)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r)
		if strings.Contains(string(b), "yes") || strings.Contains(string(b), "\"no\"") {
			t.Errorf("the receipt tells the counts: %s", b)
		}
	}
	events, err := w.s.Store().Events(ctx, "meeting/1/application/1")
	if err != nil {
		t.Fatal(err)
	}
	votes := 0
	for _, e := range events {
		p := string(e.Payload)
		if e.Action == "vote" {
			votes++
		}
		for _, leak := range []string{"yes", "\"no", "abstain", "同意", "弃权", "choice", "count"} {
			if strings.Contains(p, leak) {
				t.Errorf("%s event carries %q: %s", e.Action, leak, p)
			}
		}
	}
	if votes != 4 {
		t.Errorf("%d vote events, want 4", votes)
	}
}

// Experts voting at the same moment are each counted once, and an expert sending the same
// vote twice at once is counted once: the meeting's lock serialises the actions.
func TestConcurrentVotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newMeetingWorld(t, dsn, false)
		zs := w.apps[0]
		m := w.opened()
		w.score(m.ID, zs, voters...)
		if _, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs); err != nil {
			t.Fatal(err)
		}
		voters := append([]string{"expert2", "expert5"}, voters...) // two of them twice
		for _, v := range voters {
			w.user(v)
		}
		errs := make([]error, len(voters))
		var wg sync.WaitGroup
		for i, v := range voters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = w.s.CastBallot(ctx, w.users[v], m.ID, zs, "yes")
			}()
		}
		wg.Wait()
		ok, dup := 0, 0
		for _, err := range errs {
			switch guantong.ErrorCode(err) {
			case "":
				ok++
			case guantong.EConflict:
				dup++
			default:
				t.Errorf("vote: %v", err)
			}
		}
		if ok != 8 || dup != 2 {
			t.Errorf("%d counted, %d refused (%v)", ok, dup, errs)
		}
		m, err := w.s.Meeting(ctx, w.user("secretary"), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o := applicantOf(t, m, zs).Outcome; o == nil || o.Result.Yes != 8 || o.Decision != guantong.DecisionPassed {
			t.Errorf("outcome %+v", o)
		}
	})
}

// Tables changed behind the service's back do not add up, and the meeting refuses to load
// rather than compute a result from them.
func TestTamperedTallyRefused(t *testing.T) {
	dsn := storetest.SQLite(t)
	w := newMeetingWorld(t, dsn, false)
	zs := w.apps[0]
	m := w.opened()
	if _, err := w.s.EnterScores(ctx, w.user("expert2"), m.ID, service.ScoreInput{ApplicationID: zs, Scores: scoresOf("80", "80", "80")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.StartVote(ctx, w.user("secretary"), m.ID, zs); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.CastBallot(ctx, w.user("expert2"), m.ID, zs, "no"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE ballot_tallies SET yes_count = yes_count + 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Meeting(ctx, w.user("secretary"), m.ID); guantong.ErrorCode(err) != guantong.EInternal {
		t.Errorf("a tally with a vote no one cast: %v", err)
	}
	if _, err := w.s.CastBallot(ctx, w.user("expert3"), m.ID, zs, "yes"); guantong.ErrorCode(err) != guantong.EInternal {
		t.Errorf("a vote on a tampered ballot: %v", err)
	}
}
