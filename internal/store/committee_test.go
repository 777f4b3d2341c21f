package store_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// meetingFixture is a meeting of five experts, all present and open, on one application,
// with its ballot opened for the five.
type meetingFixture struct {
	s       *store.Store
	meeting store.Meeting
	app     int64
	experts []int64
}

func newMeeting(t *testing.T, dsn string) meetingFixture {
	t.Helper()
	s := storetest.Open(t, dsn)
	emp, _, com, p := seed(t, s)
	f := meetingFixture{s: s}
	err := s.Write(ctx, func(tx *store.Tx) error {
		a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
			CommitteeID: com.ID, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageCommittee,
			Document: json.RawMessage(`{}`), ReviewGroup: committee.SkilledGroup, CreatedAt: t0, UpdatedAt: t0}
		if err := tx.InsertApplication(ctx, &a); err != nil {
			return err
		}
		f.app = a.ID
		var members []guantong.Member
		var mm []store.MeetingMember
		for i := range 5 {
			e := guantong.Expert{Name: fmt.Sprintf("专家%d", i+1), EmployerID: emp.ID, Skilled: i == 0, Active: true, CreatedAt: t0}
			if err := tx.InsertExpert(ctx, &e); err != nil {
				return err
			}
			f.experts = append(f.experts, e.ID)
			members = append(members, guantong.Member{Expert: e, Role: guantong.CommitteeMember})
			mm = append(mm, store.MeetingMember{ExpertID: e.ID, EmployerID: 700 + int64(i), Present: true})
		}
		if err := tx.SetCommitteeMembers(ctx, com.ID, members); err != nil {
			return err
		}
		rules, _ := json.Marshal(committee.For("工程", guantong.Title3))
		f.meeting = store.Meeting{CommitteeID: com.ID, RulesID: "gongcheng-zhongji", RulesJSON: string(rules), HeldOn: date("2026-12-10"),
			Place: "省人社厅 3 楼", CreatedAt: t0}
		if err := tx.InsertMeeting(ctx, &f.meeting, mm, []store.MeetingApplication{{ApplicationID: a.ID, Group: committee.SkilledGroup, EmployerID: emp.ID}}); err != nil {
			return err
		}
		if err := tx.SetMeetingStatus(ctx, f.meeting.ID, store.MeetingOpen, t0); err != nil {
			return err
		}
		return tx.StartVote(ctx, f.meeting.ID, a.ID, true, 5, 5)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// vote casts expert i's choice in a transaction of its own, as the service does.
func (f meetingFixture) vote(t *testing.T, i int, c committee.Choice) (bool, error) {
	t.Helper()
	var closed bool
	err := f.s.Write(ctx, func(tx *store.Tx) error {
		var err error
		closed, err = tx.CastVote(ctx, f.meeting.ID, f.app, f.experts[i], c)
		return err
	})
	return closed, err
}

// dump returns a table as anyone with SQL access reads it: the column names, then each row.
func dump(t *testing.T, s *store.Store, query string) string {
	t.Helper()
	rows, err := s.DB().QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	fmt.Fprintln(&b, strings.Join(cols, " | "))
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if i > 0 {
				b.WriteString(" | ")
			}
			if by, ok := v.([]byte); ok {
				v = string(by)
			}
			fmt.Fprint(&b, v)
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func dumpBallot(t *testing.T, s *store.Store) string {
	return dump(t, s, `SELECT * FROM votes_cast ORDER BY 1, 2, 3`) + dump(t, s, `SELECT * FROM ballot_tallies ORDER BY 1, 2`)
}

// TestBallotSecrecy reads the tables: five experts vote three yes, one no and one
// abstention, the choices assigned to different experts and cast in different orders, each
// time into a fresh database. Whatever the assignment and the order, the two ballot tables
// hold exactly the same rows, before and after the meeting closes; neither has a column that
// could tie a choice to an expert. On PostgreSQL, after the close no tally row shares its
// xmin (the writing transaction) with a votes_cast row.
func TestBallotSecrecy(t *testing.T) {
	Y, N, A := committee.Yes, committee.No, committee.Abstain
	cases := []struct {
		choices []committee.Choice // of experts 0…4
		order   []int              // who votes first, second…
	}{
		{[]committee.Choice{Y, Y, Y, N, A}, []int{0, 1, 2, 3, 4}},
		{[]committee.Choice{Y, Y, Y, N, A}, []int{4, 3, 2, 1, 0}},
		{[]committee.Choice{N, A, Y, Y, Y}, []int{0, 1, 2, 3, 4}},
		{[]committee.Choice{A, Y, N, Y, Y}, []int{3, 0, 4, 1, 2}},
		{[]committee.Choice{Y, N, Y, A, Y}, []int{2, 4, 0, 3, 1}},
	}
	for _, engine := range []struct {
		name  string
		fresh func(testing.TB) string
	}{{store.SQLite, storetest.SQLite}, {store.Postgres, storetest.Postgres}} {
		t.Run(engine.name, func(t *testing.T) {
			t.Parallel()
			var wantOpen, wantClosed string
			for k, c := range cases {
				f := newMeeting(t, engine.fresh(t))
				for n, i := range c.order {
					closed, err := f.vote(t, i, c.choices[i])
					if err != nil {
						t.Fatal(err)
					}
					if closed != (n == len(c.order)-1) {
						t.Errorf("case %d: after %d votes closed=%v", k, n+1, closed)
					}
				}
				open := dumpBallot(t, f.s)
				if engine.name == store.Postgres {
					if n := xminLinks(t, f.s); n != 1 {
						t.Errorf("case %d: before the close %d tally rows share a voter's xmin, want 1 (the last voter's)", k, n)
					}
				}
				if err := f.s.Write(ctx, func(tx *store.Tx) error { return tx.CloseMeeting(ctx, f.meeting.ID, t0) }); err != nil {
					t.Fatal(err)
				}
				if err := f.s.Scrub(ctx); err != nil {
					t.Fatal(err)
				}
				closed := dumpBallot(t, f.s)
				if engine.name == store.Postgres {
					if n := xminLinks(t, f.s); n != 0 {
						t.Errorf("case %d: after the close %d tally rows share a voter's xmin", k, n)
					}
				}
				if k == 0 {
					wantOpen, wantClosed = open, closed
					if !strings.HasPrefix(open, "meeting_id | application_id | expert_id\n") ||
						!strings.Contains(open, "meeting_id | application_id | voters | base | yes_count | no_count | abstain_count | closed\n") {
						t.Fatalf("the ballot tables have other columns than docs/committee.md §5:\n%s", open)
					}
					t.Logf("what the tables hold:\n%s", closed)
					continue
				}
				if open != wantOpen || closed != wantClosed {
					t.Errorf("case %d: the tables differ from case 0 with the same counts:\n%s\nwant\n%s", k, closed, wantClosed)
				}
			}
			// The same five voters with other counts leave other tables: the dump is not blind.
			f := newMeeting(t, engine.fresh(t))
			for i := range 5 {
				if _, err := f.vote(t, i, Y); err != nil {
					t.Fatal(err)
				}
			}
			if dumpBallot(t, f.s) == wantOpen {
				t.Error("five yes votes left the tables of three yes, one no and one abstention")
			}
		})
	}
}

// xminLinks counts the tally rows written by the same transaction as some votes_cast row.
func xminLinks(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM ballot_tallies t JOIN votes_cast v ON t.xmin = v.xmin`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A second vote by the same expert is refused by the key and changes nothing; a vote on a
// closed ballot is refused; the tallies add up to the votes cast.
func TestDoubleVoteRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		if _, err := f.vote(t, 0, committee.Yes); err != nil {
			t.Fatal(err)
		}
		before := dumpBallot(t, f.s)
		if _, err := f.vote(t, 0, committee.No); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("double vote: %v", err)
		}
		if after := dumpBallot(t, f.s); after != before {
			t.Errorf("a refused double vote changed the tables:\n%s\nwas\n%s", after, before)
		}
		if err := f.s.Write(ctx, func(tx *store.Tx) error { return tx.CloseVote(ctx, f.meeting.ID, f.app) }); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vote(t, 1, committee.Yes); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("vote on a closed ballot: %v", err)
		}
		rec, err := f.s.MeetingRecord(ctx, f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Tally{{TallyRow: committee.TallyRow{Applicant: f.app, Yes: 1, Closed: true}, Voters: 5, Base: 5}}
		if !reflect.DeepEqual(rec.Tallies, want) || len(rec.Cast) != 1 || rec.Cast[0] != (committee.CastRow{Applicant: f.app, Expert: f.experts[0]}) {
			t.Errorf("ballot %+v %+v", rec.Tallies, rec.Cast)
		}
	})
}

// A meeting's rows read back as written: members with attendance, applications, declared
// conflicts, scores (a second score of the same method replaces the first), the lock
// advancing the version, and achievements.
func TestMeetingRecordRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newMeeting(t, dsn)
		err := f.s.Write(ctx, func(tx *store.Tx) error {
			m, err := tx.LockMeeting(ctx, f.meeting.ID)
			if err != nil {
				return err
			}
			if m.Version != 2 || m.Status != store.MeetingOpen || m.OpenedAt.IsZero() {
				t.Errorf("locked %+v", m)
			}
			if err := tx.SetPresent(ctx, f.meeting.ID, f.experts[4], false); err != nil {
				return err
			}
			if err := tx.InsertConflict(ctx, f.meeting.ID, store.DeclaredConflict{ApplicationID: f.app, ExpertID: f.experts[1],
				Reason: "曾指导申报人", DeclaredBy: "expert2", DeclaredAt: t0}); err != nil {
				return err
			}
			for _, p := range []committee.Points{8000, 8550} {
				if err := tx.PutScore(ctx, f.meeting.ID, store.Score{ApplicationID: f.app, ExpertID: f.experts[0],
					Method: committee.MethodPerformance, Points: p, EnteredAt: t0}); err != nil {
					return err
				}
			}
			return tx.InsertAchievement(ctx, &guantong.AchievementRecord{ApplicationID: f.app, Achievement: committee.Achievement{
				Type: committee.AchContest, Title: "省职业技能大赛一等奖", Date: date("2025-10-01"), Level: "省级", Role: "个人"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := f.s.MeetingRecord(ctx, f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Members) != 5 || !rec.Members[0].Present || rec.Members[4].Present || rec.Members[0].Name != "专家1" ||
			!rec.Members[0].Skilled || rec.Members[0].EmployerID != 700 {
			t.Errorf("members %+v", rec.Members)
		}
		if len(rec.Applications) != 1 || !rec.Applications[0].VoteStarted || rec.Applications[0].Group != committee.SkilledGroup {
			t.Errorf("applications %+v", rec.Applications)
		}
		if len(rec.Conflicts) != 1 || rec.Conflicts[0].Reason != "曾指导申报人" || !rec.Conflicts[0].DeclaredAt.Equal(t0) {
			t.Errorf("conflicts %+v", rec.Conflicts)
		}
		if len(rec.Scores) != 1 || rec.Scores[0].Points != 8550 {
			t.Errorf("scores %+v", rec.Scores)
		}
		if rec.Version != 2 || rec.HeldOn != date("2026-12-10") {
			t.Errorf("meeting %+v", rec.Meeting)
		}
		as, err := f.s.Achievements(ctx, f.app)
		if err != nil || len(as) != 1 || as[0].Date != date("2025-10-01") || as[0].FileID != 0 {
			t.Errorf("achievements %+v %v", as, err)
		}
		if id, err := f.s.PendingMeeting(ctx, f.app); err != nil || id != f.meeting.ID {
			t.Errorf("pending meeting %d %v", id, err)
		}
		members, err := f.s.CommitteeMembers(ctx, f.meeting.CommitteeID)
		if err != nil || len(members) != 5 {
			t.Errorf("committee members %d %v", len(members), err)
		}
		if list, err := f.s.Meetings(ctx, store.MeetingFilter{ExpertID: f.experts[2]}); err != nil || len(list) != 1 {
			t.Errorf("meetings of an expert: %d %v", len(list), err)
		}
	})
}
