package committee

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"guantong"
	"guantong/data"
)

func TestBuiltinRegulation(t *testing.T) {
	g, err := LoadRegulation(bytes.NewReader(data.Regulation))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		level guantong.TitleLevel
		kind  string
		want  int
	}{
		{"40号令 第九条: a senior committee for a series, at least 25", guantong.Title2, KindSeries, 25},
		{"40号令 第九条: 正高级 likewise", guantong.Title1, KindSeries, 25},
		{"40号令 第九条: a senior committee for a specialty, at least 11", guantong.Title2, KindSpecialty, 11},
		{"评议组: at least 3", guantong.Title3, KindPanel, 3},
		{"province: 中级 for a series", guantong.Title3, KindSeries, 9},
		{"province: 助理级 for a series", guantong.Title4, KindSeries, 7},
	} {
		if got, src := g.MinMembers(c.level, c.kind); got != c.want || src == "" {
			t.Errorf("%s: %d (%q), want %d", c.name, got, src, c.want)
		}
	}
	if g.TermYears != 3 || g.RecheckDays <= 0 || g.SkilledSkill != guantong.Skill1 {
		t.Errorf("term %d, recheck %d, skilled %s", g.TermYears, g.RecheckDays, g.SkilledSkill)
	}
}

func TestLoadRegulationErrors(t *testing.T) {
	_, err := LoadRegulation(strings.NewReader(`{"sizes": [{"levels": ["特级"], "kind": "club", "min": 0}],
		"expert_titles": [{"reviewed": "中级", "min": "高级"}], "skilled_expert_skill": "大师", "term_years": 0, "recheck_days": 0}`))
	es, _ := err.(guantong.FieldErrors)
	fields := map[string]bool{}
	for _, e := range es {
		fields[e.Field] = true
	}
	for _, key := range []string{"sizes[0].levels[0]", "sizes[0].kind", "sizes[0].min", "expert_titles[0].min", "skilled_expert_skill", "term_years", "recheck_days"} {
		if !fields[key] {
			t.Errorf("no error at %s: %v", key, err)
		}
	}
}

// pool returns n experts with the given title, skilled ones first.
func pool(n, skilled int, title guantong.TitleLevel) ([]Expert, []int64) {
	var es []Expert
	var ids []int64
	for i := 1; i <= n; i++ {
		e := Expert{ID: int64(i), Name: fmt.Sprintf("专家%d", i), EmployerID: int64(100 + i), Title: title}
		if i <= skilled {
			e.Skilled, e.Title, e.Skill = true, 0, guantong.Skill1
		}
		es = append(es, e)
		ids = append(ids, e.ID)
	}
	return es, ids
}

// TestCommitteeSize: a committee below the regulation's minimum for its level and kind cannot
// be set up (Members), nor can a meeting of it open.
func TestCommitteeSize(t *testing.T) {
	for _, c := range []struct {
		name   string
		series string
		level  guantong.TitleLevel
		n      int
		ok     bool
	}{
		{"40号令: 工程 副高级 series committee of 24 is too small", "工程", guantong.Title2, 24, false},
		{"40号令: 工程 副高级 series committee of 25 is enough", "工程", guantong.Title2, 25, true},
		{"province: 工程 中级 of 8 is too small", "工程", guantong.Title3, 8, false},
		{"province: 工程 中级 of 9 is enough", "工程", guantong.Title3, 9, true},
		{"province: 农业 助理级 (default rules) of 6 is too small", "农业", guantong.Title4, 6, false},
	} {
		r := For(c.series, c.level)
		experts, ids := pool(c.n, 3, guantong.Title1)
		_, err := r.Members(experts, ids)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok && !strings.Contains(fmt.Sprint(err), fmt.Sprintf("少于 %d 人", r.MinMembers)) {
			t.Errorf("%s: the message does not say the minimum: %v", c.name, err)
		}
	}

	// A meeting of a committee below its minimum (set up under rules asking less) does not open.
	r := For("工程", guantong.Title3)
	var members []Member
	for i := int64(1); i <= 5; i++ {
		members = append(members, Member{ExpertID: i, Name: fmt.Sprint(i), EmployerID: 100 + i, Skilled: i == 1})
	}
	m, err := NewMeeting(r, members, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := int64(1); i <= 5; i++ {
		if err := m.Attend(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Open(); code(err) != guantong.EConflict || !strings.Contains(err.Error(), "少于 9 人") {
		t.Errorf("a meeting of 5 opened on a committee that needs 9: %v", err)
	}
}

// TestExpertTitle: members hold a title at or above what the regulation asks for the level
// reviewed; a skilled expert may sit with 高级技师 instead (三(一)6).
func TestExpertTitle(t *testing.T) {
	for _, c := range []struct {
		name  string
		level guantong.TitleLevel
		e     Expert
		ok    bool
	}{
		{"a 中级 expert cannot sit on a 中级 committee", guantong.Title3, Expert{Title: guantong.Title3}, false},
		{"a 副高级 expert sits on a 中级 committee", guantong.Title3, Expert{Title: guantong.Title2}, true},
		{"a 副高级 expert sits on a 副高级 committee", guantong.Title2, Expert{Title: guantong.Title2}, true},
		{"a 副高级 expert cannot sit on a 正高级 committee", guantong.Title1, Expert{Title: guantong.Title1 - 1}, false},
		{"三(一)6: a skilled 高级技师 sits on a 中级 committee", guantong.Title3, Expert{Skilled: true, Skill: guantong.Skill1}, true},
		{"三(一)6: a skilled 技师 cannot", guantong.Title3, Expert{Skilled: true, Skill: guantong.Skill2, Title: guantong.Title3}, false},
		{"高级技师 not marked skilled counts by title alone", guantong.Title3, Expert{Skill: guantong.Skill1}, false},
	} {
		r := For("工程", c.level)
		if why := r.Qualified(&c.e); (why == "") != c.ok {
			t.Errorf("%s: %q", c.name, why)
		}
	}
	// Members names the expert and what is missing.
	experts, ids := pool(9, 3, guantong.Title2)
	experts[5].Title = guantong.Title3
	_, err := For("工程", guantong.Title3).Members(experts, ids)
	if err == nil || !strings.Contains(err.Error(), "专家6 的职称为中级") || !strings.Contains(err.Error(), "副高级及以上") {
		t.Errorf("a 中级 expert was seated on the 中级 committee: %v", err)
	}
}

// TestScoreBeforeVote: an expert votes on an applicant only after scoring every method of
// the applicant's group; a recognition (认定, 三(一)4) has no scores to give.
func TestScoreBeforeVote(t *testing.T) {
	m := testMeeting(t, BaseEligible)
	attend(t, m, 15)
	if err := m.Open(); err != nil {
		t.Fatal(err)
	}
	if err := m.AddScore(Score{ExpertID: 1, ApplicantID: 101, Method: MethodPerformance, Points: 8000}, false); err != nil {
		t.Fatal(err)
	}
	if err := m.AddScore(Score{ExpertID: 1, ApplicantID: 101, Method: MethodInterview, Points: 8000}, false); err != nil {
		t.Fatal(err)
	}
	if err := m.AddScore(Score{ExpertID: 2, ApplicantID: 101, Method: MethodPerformance, Points: 8000}, false); err != nil {
		t.Fatal(err)
	}
	if err := m.StartVote(101); err != nil {
		t.Fatal(err)
	}
	if err := m.Vote(4, 101, Yes); code(err) != guantong.EConflict || !strings.Contains(err.Error(), "请先评分再投票") {
		t.Errorf("expert 4 voted without scoring: %v", err)
	}
	if err := m.Vote(2, 101, Yes); code(err) != guantong.EConflict || !strings.Contains(err.Error(), "面试答辩") {
		t.Errorf("expert 2 voted having scored one method of two: %v", err)
	}
	if err := m.Vote(1, 101, Yes); err != nil {
		t.Errorf("expert 1 scored both and may vote: %v", err)
	}
	if voted, _ := m.Progress(101); voted != 1 {
		t.Errorf("%d votes, want 1", voted)
	}
	if err := m.StartVote(103); err != nil {
		t.Fatal(err)
	}
	if err := m.Vote(4, 103, Yes); err != nil {
		t.Errorf("a recognition needs no scores: %v", err)
	}
}
