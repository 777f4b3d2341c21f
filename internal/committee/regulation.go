package committee

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"guantong"
	"guantong/data"
)

// Kinds of committee (职称评审管理暂行规定): one for a whole series, one for a specialty of a
// series, or a 评议组 (panel). Rules.Kind holds one of them; the sizes differ by kind.
const (
	KindSeries    = "series"
	KindSpecialty = "specialty"
	KindPanel     = "panel"
)

var kindNames = map[string]string{KindSeries: "按系列组建的评委会", KindSpecialty: "按专业组建的评委会", KindPanel: "评议组"}

// KindName returns the Chinese name of a kind of committee.
func KindName(kind string) string { return kindNames[kind] }

// Regulation is what the national rules and the province ask of every committee, as
// parameters (data/regulation.json): a new figure is a new value, not a code change.
type Regulation struct {
	ID     string
	Source string

	// Sizes are the least numbers of members, by level reviewed and kind of committee.
	Sizes []SizeRule
	// ExpertTitle is, for each level reviewed, the lowest title a member may hold.
	ExpertTitle map[guantong.TitleLevel]guantong.TitleLevel
	// SkilledSkill is the lowest skill level by which a skilled expert (三(一)6) may sit
	// instead of a title: 高级技师.
	SkilledSkill guantong.SkillLevel
	TermYears    int // a member's term of office, from the day they were appointed
	RecheckDays  int // days after a result in which the applicant may ask for 复查
	// IssuingDepartment issues the title certificates the committees' results lead to (发证单位).
	IssuingDepartment string
}

// SizeRule is the least number of members of a committee of one kind reviewing any of
// Levels.
type SizeRule struct {
	Levels []guantong.TitleLevel
	Kind   string
	Min    int
	Source string
}

// MinMembers returns the least number of members of a committee of a kind reviewing level,
// with where the number comes from; 0 when no rule names them.
func (g *Regulation) MinMembers(level guantong.TitleLevel, kind string) (int, string) {
	for _, s := range g.Sizes {
		if s.Kind == kind && containsLevel(s.Levels, level) {
			return s.Min, s.Source
		}
	}
	return 0, ""
}

func containsLevel(ls []guantong.TitleLevel, l guantong.TitleLevel) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// LoadRegulation reads and checks a regulation file; every problem names its key.
func LoadRegulation(r io.Reader) (*Regulation, error) {
	var f struct {
		ID     string `json:"id"`
		Source string `json:"source"`
		Note   string `json:"note"`
		Sizes  []struct {
			Levels []string `json:"levels"`
			Kind   string   `json:"kind"`
			Min    int      `json:"min"`
			Source string   `json:"source"`
		} `json:"sizes"`
		ExpertTitles []struct {
			Reviewed string `json:"reviewed"`
			Min      string `json:"min"`
		} `json:"expert_titles"`
		ExpertTitlesSource  string `json:"expert_titles_source"`
		SkilledExpertSkill  string `json:"skilled_expert_skill"`
		SkilledExpertSource string `json:"skilled_expert_source"`
		TermYears           int    `json:"term_years"`
		TermSource          string `json:"term_source"`
		IssuingDepartment   string `json:"issuing_department"`
		IssuingSource       string `json:"issuing_source"`
		RecheckDays         int    `json:"recheck_days"`
		RecheckSource       string `json:"recheck_source"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, guantong.FieldErrors{guantong.DecodeError(err)}
	}
	var es guantong.FieldErrors
	g := &Regulation{ID: f.ID, Source: f.Source, ExpertTitle: map[guantong.TitleLevel]guantong.TitleLevel{},
		TermYears: f.TermYears, RecheckDays: f.RecheckDays, IssuingDepartment: f.IssuingDepartment}
	level := func(at, s string) guantong.TitleLevel {
		l, ok := guantong.ParseTitleLevel(s)
		if !ok {
			es.Add(at, "%q 不是职称等级（%s）", s, strings.Join(guantong.TitleLevels(), "、"))
		}
		return l
	}
	seen := map[string]int{}
	for i, s := range f.Sizes {
		at := fmt.Sprintf("sizes[%d]", i)
		rule := SizeRule{Kind: s.Kind, Min: s.Min, Source: s.Source}
		if kindNames[s.Kind] == "" {
			es.Add(at+".kind", "%q 须为 series、specialty 或 panel", s.Kind)
		}
		if s.Min < 1 {
			es.Add(at+".min", "须为正整数")
		}
		if len(s.Levels) == 0 {
			es.Add(at+".levels", "至少一个职称等级")
		}
		for k, name := range s.Levels {
			l := level(fmt.Sprintf("%s.levels[%d]", at, k), name)
			key := s.Kind + "/" + name
			if j, dup := seen[key]; dup {
				es.Add(fmt.Sprintf("%s.levels[%d]", at, k), "%s 与 sizes[%d] 重复", name, j)
			}
			seen[key] = i
			rule.Levels = append(rule.Levels, l)
		}
		g.Sizes = append(g.Sizes, rule)
	}
	for i, t := range f.ExpertTitles {
		at := fmt.Sprintf("expert_titles[%d]", i)
		g.ExpertTitle[level(at+".reviewed", t.Reviewed)] = level(at+".min", t.Min)
	}
	if f.SkilledExpertSkill != "" {
		l, ok := guantong.ParseSkillLevel(f.SkilledExpertSkill)
		if !ok {
			es.Add("skilled_expert_skill", "%q 不是职业技能等级", f.SkilledExpertSkill)
		}
		g.SkilledSkill = l
	}
	if f.TermYears < 1 {
		es.Add("term_years", "须为正整数")
	}
	if f.IssuingDepartment == "" {
		es.Add("issuing_department", "不能为空")
	}
	if f.RecheckDays < 1 {
		es.Add("recheck_days", "须为正整数")
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// BuiltinRegulation returns the regulation embedded from data/regulation.json, loaded once. A
// broken built-in file is a build mistake that the package's tests catch, so it panics.
var BuiltinRegulation = sync.OnceValue(func() *Regulation {
	g, err := LoadRegulation(bytes.NewReader(data.Regulation))
	if err != nil {
		panic(fmt.Errorf("data/regulation.json: %w", err))
	}
	return g
})

// Apply returns a copy of r with what g asks of a committee like r: at least g's number of
// members for r's level and kind, and the lowest title (or, for skilled experts, skill
// level) a member must hold. A committee's own file may ask more, never less. The default
// rules, which name no level, are returned as they are.
func (g *Regulation) Apply(r *Rules) *Rules {
	c := *r
	if c.Level == 0 {
		return &c
	}
	if n, _ := g.MinMembers(c.Level, c.Kind); n > c.MinMembers {
		c.MinMembers = n
	}
	if t := g.ExpertTitle[c.Level]; t > c.MinExpertTitle {
		c.MinExpertTitle = t
	}
	if g.SkilledSkill > c.MinSkilledSkill {
		c.MinSkilledSkill = g.SkilledSkill
	}
	return &c
}
