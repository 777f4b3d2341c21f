package committee

import (
	"fmt"
	"strings"
	"testing"

	"guantong"
)

// testRules are the rules of a committee of 15 for the meeting tests: the skilled group
// scores 业绩评审 60% (pass 60) and 面试答辩 40%.
func testRules(t *testing.T, passBase string) *Rules {
	t.Helper()
	r, err := LoadRules(strings.NewReader(fmt.Sprintf(`{
		"id": "test", "name": "测试评委会", "series": "工程", "level": "中级", "pass_base": %q,
		"groups": [
			{"name": "高技能人才组", "skilled": true, "methods": [
				{"method": "业绩评审", "weight": 60, "pass_score": 60},
				{"method": "面试答辩", "weight": 40}
			], "achievements": [{"type": "技能竞赛获奖", "points": 10, "cap": 20}, {"type": "传技带徒", "points": 5}]},
			{"name": "专业技术人才组", "methods": [{"method": "业绩评审", "weight": 100}]}
		]}`, passBase)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The cast: experts 1…15; expert 3 works at employer 900, as does applicant 102.
// Applicant 101 is a review, 102 a review at expert 3's employer, 103 a recognition.
func testMeeting(t *testing.T, passBase string) *Meeting {
	t.Helper()
	var members []Member
	for i := int64(1); i <= 15; i++ {
		members = append(members, Member{ExpertID: i, Name: fmt.Sprintf("专家%d", i), EmployerID: 800 + i, Skilled: i <= 3})
	}
	members[2].EmployerID = 900
	m, err := NewMeeting(testRules(t, passBase), members, []Applicant{
		{ID: 101, Name: "张三丰", EmployerID: 500, Group: SkilledGroup,
			Achievements: []Achievement{{Type: AchContest, Title: "省技能大赛一等奖"}, {Type: AchContest, Title: "市赛一等奖"}, {Type: AchContest, Title: "行业赛"}, {Type: AchApprentices, Title: "带徒 5 人"}}},
		{ID: 102, Name: "李四", EmployerID: 900, Group: SkilledGroup},
		{ID: 103, Name: "王五", EmployerID: 501, Group: SkilledGroup, Recognition: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func attend(t *testing.T, m *Meeting, n int) {
	t.Helper()
	for i := int64(1); i <= int64(n); i++ {
		if err := m.Attend(i); err != nil {
			t.Fatal(err)
		}
	}
}

// scoreAll has every eligible expert give the applicant the same points in every method.
func scoreAll(t *testing.T, m *Meeting, applicant int64, p Points) {
	t.Helper()
	for _, e := range m.Voters(applicant) {
		for _, method := range []string{MethodPerformance, MethodInterview} {
			if err := m.AddScore(Score{ExpertID: e, ApplicantID: applicant, Method: method, Points: p}, false); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// vote has the applicant's voters vote: the first yes say yes, the next no say no, the next
// abstain abstain; the rest do not vote.
func vote(t *testing.T, m *Meeting, applicant int64, yes, no, abstain int) {
	t.Helper()
	for i, e := range m.Voters(applicant) {
		c := Yes
		switch {
		case i >= yes+no+abstain:
			return
		case i >= yes+no:
			c = Abstain
		case i >= yes:
			c = No
		}
		if err := m.Vote(e, applicant, c); err != nil {
			t.Fatalf("expert %d: %v", e, err)
		}
	}
}

func code(err error) string { return guantong.ErrorCode(err) }

func TestMeetingQuorumMissing(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 9)
	if err := m.Open(); code(err) != guantong.EConflict || !strings.Contains(err.Error(), "出席 9 人，不足评委会 15 人的 2/3（至少 10 人）") {
		t.Fatalf("quorum missing 9 of 15: Open = %v", err)
	}
	if err := m.StartVote(101); code(err) != guantong.EConflict {
		t.Errorf("quorum missing: vote started: %v", err)
	}
	if err := m.AddScore(Score{ExpertID: 1, ApplicantID: 101, Method: MethodPerformance, Points: 8000}, false); code(err) != guantong.EConflict {
		t.Errorf("quorum missing: score entered: %v", err)
	}
	if err := m.Attend(10); err != nil {
		t.Fatal(err)
	}
	if err := m.Open(); err != nil {
		t.Fatalf("quorum 10 of 15: %v", err)
	}
	if err := m.Attend(11); code(err) != guantong.EConflict {
		t.Errorf("an expert arriving after the opening: %v", err)
	}
	if err := m.Vote(11, 101, Yes); code(err) != guantong.EConflict {
		t.Errorf("absent expert voted before the ballot opened: %v", err)
	}
}

func TestMeetingVotes(t *testing.T) {
	for _, c := range []struct {
		name                 string
		passBase             string
		present              int
		withdraw             []int64 // declared conflicts with applicant 101
		yes, no, abstain     int
		closeEarly           bool
		decision             string
		voters, base, needed int
	}{
		{name: "exactly two thirds passes 10 of 15", present: 15, yes: 10, no: 5, decision: guantong.DecisionPassed, voters: 15, base: 15, needed: 10},
		{name: "one short of two thirds fails 9 of 15", present: 15, yes: 9, no: 6, decision: guantong.DecisionFailed, voters: 15, base: 15, needed: 10},
		{name: "tie below two thirds 7-7", present: 14, yes: 7, no: 7, decision: guantong.DecisionFailed, voters: 14, base: 14, needed: 10},
		{name: "abstentions count as not yes", present: 12, yes: 7, no: 0, abstain: 5, decision: guantong.DecisionFailed, voters: 12, base: 12, needed: 8},
		{name: "closed early: missing votes count as not yes", present: 12, yes: 7, no: 1, closeEarly: true, decision: guantong.DecisionFailed, voters: 12, base: 12, needed: 8},
		{name: "closed early with enough yes votes", present: 12, yes: 8, closeEarly: true, decision: guantong.DecisionPassed, voters: 12, base: 12, needed: 8},
		{name: "two withdrew: 8 of the 11 who may vote passes (pass_base eligible)", present: 13, withdraw: []int64{4, 5}, yes: 8, no: 3, decision: guantong.DecisionPassed, voters: 11, base: 11, needed: 8},
		{name: "two withdrew: 8 of the 13 present fails (pass_base present)", passBase: BasePresent, present: 13, withdraw: []int64{4, 5}, yes: 8, no: 3, decision: guantong.DecisionFailed, voters: 11, base: 13, needed: 9},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := testMeeting(t, c.passBase)
			attend(t, m, c.present)
			if err := m.Open(); err != nil {
				t.Fatal(err)
			}
			for _, e := range c.withdraw {
				if err := m.Declare(Conflict{ExpertID: e, ApplicantID: 101, Reason: "师徒关系"}); err != nil {
					t.Fatal(err)
				}
			}
			scoreAll(t, m, 101, 8000)
			if err := m.StartVote(101); err != nil {
				t.Fatal(err)
			}
			if got := len(m.Voters(101)); got != c.voters {
				t.Fatalf("voters %d, want %d", got, c.voters)
			}
			vote(t, m, 101, c.yes, c.no, c.abstain)
			if _, err := m.Outcome(101); err != nil {
				t.Fatal(err)
			}
			if c.closeEarly {
				if st := m.Status(101); st != Voting {
					t.Fatalf("status %s before closing", st.Name())
				}
				if o, _ := m.Outcome(101); o.Decision != "" || o.Result != nil {
					t.Fatalf("a decision or counts before the ballot closed: %+v", o)
				}
				if err := m.CloseVote(101); err != nil {
					t.Fatal(err)
				}
			}
			o, err := m.Outcome(101)
			if err != nil {
				t.Fatal(err)
			}
			if o.Decision != c.decision || o.Result == nil || o.Result.Base != c.base || o.Result.Needed != c.needed {
				t.Fatalf("decision %q result %+v, want %q base %d needed %d", o.Decision, o.Result, c.decision, c.base, c.needed)
			}
			last := o.Reasons[len(o.Reasons)-1]
			if last.Clause != ClauseRules || last.Met != (c.decision == guantong.DecisionPassed) || !strings.HasPrefix(last.Text, "无记名投票") {
				t.Errorf("last reason %+v", last)
			}
			if len(c.withdraw) > 0 && len(o.Withdrawn) != len(c.withdraw) {
				t.Errorf("withdrawn %+v", o.Withdrawn)
			}
			t.Log(last.Text)
		})
	}
}

func TestMeetingWithdrawnExpert(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 15)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	// Declared: expert 4 withdraws from applicant 101 after having scored them.
	if err := m.AddScore(Score{ExpertID: 4, ApplicantID: 101, Method: MethodPerformance, Points: 1000}, false); err != nil {
		t.Fatal(err)
	}
	if err := m.Declare(Conflict{ExpertID: 4, ApplicantID: 101, Reason: "近亲属"}); err != nil {
		t.Fatal(err)
	}
	if m.Eligible(4, 101) || !m.Eligible(4, 102) {
		t.Errorf("declared conflict: eligible 101 %v, 102 %v", m.Eligible(4, 101), m.Eligible(4, 102))
	}
	// Detected: expert 3 works where applicant 102 does.
	if c, ok := m.Conflict(3, 102); !ok || !c.Detected || c.Reason != "与申报人同一单位" {
		t.Errorf("same employer not detected: %+v %v", c, ok)
	}
	if got := len(m.Conflicts()); got != 2 {
		t.Errorf("conflicts %+v", m.Conflicts())
	}
	err := m.AddScore(Score{ExpertID: 3, ApplicantID: 102, Method: MethodPerformance, Points: 9000}, false)
	if code(err) != guantong.EForbidden {
		t.Errorf("withdrawn expert scored: %v", err)
	}
	scoreAll(t, m, 101, 8000)
	scoreAll(t, m, 102, 8000)
	sh, _ := m.Sheet(101)
	if sh.Methods[0].Count != 14 || sh.Methods[0].Mean != 8000 {
		t.Errorf("the withdrawn expert's earlier score counts: %+v", sh.Methods[0])
	}
	for _, a := range []int64{101, 102} {
		if err := m.StartVote(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Vote(4, 101, Yes); code(err) != guantong.EForbidden {
		t.Errorf("withdrawn expert cannot vote (declared): %v", err)
	}
	if err := m.Vote(3, 102, Yes); code(err) != guantong.EForbidden {
		t.Errorf("withdrawn expert cannot vote (same employer): %v", err)
	}
	if err := m.Declare(Conflict{ExpertID: 5, ApplicantID: 101}); code(err) != guantong.EConflict {
		t.Errorf("declared after the vote started: %v", err)
	}
	if voted, voters := m.Progress(102); voted != 0 || voters != 14 {
		t.Errorf("progress %d of %d", voted, voters)
	}
}

func TestMeetingDoubleVote(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 12)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, m, 101, 8000)
	if err := m.StartVote(101); err != nil {
		t.Fatal(err)
	}
	if err := m.Vote(1, 101, No); err != nil {
		t.Fatal(err)
	}
	if err := m.Vote(1, 101, Yes); code(err) != guantong.EConflict {
		t.Fatalf("double vote refused: %v", err)
	}
	if voted, _ := m.Progress(101); voted != 1 {
		t.Errorf("voted %d after a refused second vote", voted)
	}
	if err := m.Vote(13, 101, Yes); code(err) != guantong.EForbidden {
		t.Errorf("absent expert voted: %v", err)
	}
	if err := m.Vote(99, 101, Yes); code(err) != guantong.EForbidden {
		t.Errorf("stranger voted: %v", err)
	}
	// The last vote closes the ballot by itself.
	for e := int64(2); e <= 12; e++ {
		if err := m.Vote(e, 101, Yes); err != nil {
			t.Fatal(err)
		}
	}
	if m.Status(101) != Decided {
		t.Errorf("status %s after every voter voted", m.Status(101).Name())
	}
	if err := m.CloseVote(101); code(err) != guantong.EConflict {
		t.Errorf("closed twice: %v", err)
	}
	o, _ := m.Outcome(101)
	if o.Decision != guantong.DecisionPassed || o.Result.Yes != 11 || o.Result.No != 1 {
		t.Errorf("outcome %+v %+v", o, o.Result)
	}
}

func TestMeetingScores(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 10)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	ok := Score{ExpertID: 1, ApplicantID: 101, Method: MethodPerformance, Points: 8550}
	for _, c := range []struct {
		name    string
		s       Score
		replace bool
		code    string
	}{
		{"a score", ok, false, ""},
		{"once per expert, applicant and method", Score{1, 101, MethodPerformance, 9000}, false, guantong.EConflict},
		{"replaced explicitly", Score{1, 101, MethodPerformance, 9000}, true, ""},
		{"above 100", Score{1, 101, MethodInterview, 10001}, false, guantong.EInvalid},
		{"below 0", Score{1, 101, MethodInterview, -1}, false, guantong.EInvalid},
		{"a method the group does not use", Score{1, 101, MethodTheory, 8000}, false, guantong.EInvalid},
		{"an absent expert", Score{11, 101, MethodInterview, 8000}, false, guantong.EForbidden},
		{"an unknown applicant", Score{1, 999, MethodInterview, 8000}, false, guantong.ENotFound},
		{"another method", Score{1, 101, MethodInterview, 7000}, false, ""},
	} {
		if err := m.AddScore(c.s, c.replace); code(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
		}
	}
	sh, _ := m.Sheet(101)
	if !sh.Complete || sh.Methods[0].Mean != 9000 || sh.Methods[1].Mean != 7000 || sh.Combined != 8200 {
		t.Errorf("sheet %+v", sh)
	}
	if err := m.AddScore(Score{2, 102, MethodPerformance, 8000}, false); err != nil {
		t.Fatal(err)
	}
	if err := m.StartVote(102); code(err) != guantong.EConflict || !strings.Contains(err.Error(), "面试答辩") {
		t.Errorf("vote started with a method unscored: %v", err)
	}
	if err := m.StartVote(101); err != nil {
		t.Fatal(err)
	}
	if err := m.AddScore(Score{2, 101, MethodPerformance, 8000}, false); code(err) != guantong.EConflict {
		t.Errorf("score entered after the vote started: %v", err)
	}
	// Achievement points: three contest awards at 10 capped at 20, one apprenticeship at 5.
	if sh.Achievements != 2500 {
		t.Errorf("achievement points %s, want 25.00", sh.Achievements)
	}
}

func TestMeetingBelowPassScore(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 10)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, m, 101, 5950)
	if err := m.StartVote(101); err != nil {
		t.Fatal(err)
	}
	if m.Status(101) != Decided {
		t.Fatalf("status %s", m.Status(101).Name())
	}
	if err := m.Vote(1, 101, Yes); code(err) != guantong.EConflict {
		t.Errorf("voted without a ballot: %v", err)
	}
	o, _ := m.Outcome(101)
	if o.Decision != guantong.DecisionFailed || o.Result != nil {
		t.Errorf("outcome %+v", o)
	}
	if r := o.Reasons[len(o.Reasons)-1]; r.Met || r.Clause != ClauseMethod || !strings.Contains(r.Text, "业绩评审平均 59.50 分，低于合格分 60.00 分") {
		t.Errorf("reason %+v", r)
	}
	if cast, tallies := m.Ballots(); len(cast) != 0 || len(tallies) != 0 {
		t.Errorf("ballot tables without a ballot: %v %v", cast, tallies)
	}
}

func TestMeetingRecognition(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 15)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	if err := m.StartVote(103); err != nil {
		t.Fatalf("a recognition needs no scores: %v", err)
	}
	vote(t, m, 103, 10, 5, 0)
	o, _ := m.Outcome(103)
	if o.Decision != guantong.DecisionRecognised {
		t.Fatalf("recognition decided the same way: %q", o.Decision)
	}
	if r := o.Reasons[len(o.Reasons)-1]; r.Clause != ClauseGreen || !r.Met {
		t.Errorf("reason %+v", r)
	}
	// The meeting closes only when everyone is decided.
	if err := m.Close(); code(err) != guantong.EConflict {
		t.Errorf("closed with applicants undecided: %v", err)
	}
}

func TestMeetingRestoreBallots(t *testing.T) {
	m := testMeeting(t, "")
	attend(t, m, 12)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, m, 101, 8000)
	if err := m.StartVote(101); err != nil {
		t.Fatal(err)
	}
	vote(t, m, 101, 5, 2, 1)
	cast, tallies := m.Ballots()

	// The store replays the non-secret facts, then restores the ballot tables.
	replay := func() *Meeting {
		r := testMeeting(t, "")
		attend(t, r, 12)
		if err := r.Open(); err != nil {
			t.Fatal(err)
		}
		scoreAll(t, r, 101, 8000)
		if err := r.StartVote(101); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := replay()
	if err := r.RestoreBallots(cast, tallies); err != nil {
		t.Fatal(err)
	}
	if err := r.Vote(1, 101, Yes); code(err) != guantong.EConflict {
		t.Errorf("double vote after a restore: %v", err)
	}
	vote(t, r, 101, 0, 0, 0)
	if err := r.Vote(9, 101, Yes); err != nil {
		t.Fatal(err)
	}

	bad := append([]TallyRow(nil), tallies...)
	bad[0].Yes++
	if err := replay().RestoreBallots(cast, bad); code(err) != guantong.EInternal {
		t.Errorf("counts that do not match the cast rows: %v", err)
	}
	if err := replay().RestoreBallots(append(cast, CastRow{101, 13}), tallies); code(err) != guantong.EInternal {
		t.Errorf("a cast row of an absent expert: %v", err)
	}
	if err := replay().RestoreBallots(nil, nil); code(err) != guantong.EInternal {
		t.Errorf("a started vote without its tally: %v", err)
	}
}

func TestNewMeeting(t *testing.T) {
	r := testRules(t, "")
	_, err := NewMeeting(r, []Member{{ExpertID: 1}, {ExpertID: 1}}, []Applicant{
		{ID: 1, Group: "无此组"},
		{ID: 1, Group: SkilledGroup, Achievements: []Achievement{{Type: "论文", Title: "x"}}},
	})
	var fe guantong.FieldErrors
	if err == nil || !errorsAs(err, &fe) || len(fe) != 4 {
		t.Fatalf("got %v", err)
	}
	if _, err := NewMeeting(r, nil, nil); err == nil {
		t.Error("a meeting without members")
	}
}

func errorsAs(err error, fe *guantong.FieldErrors) bool {
	v, ok := err.(guantong.FieldErrors)
	*fe = v
	return ok
}
