package committee

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"guantong"
)

// Readings of "two thirds of the experts present" when some experts withdrew from an
// applicant (回避); Rules.PassBase holds one of them.
const (
	// BaseEligible counts only the experts who may vote on the applicant: those present,
	// minus those who withdrew from that applicant. An expert who withdraws takes no part in
	// that review, so counting them would turn each withdrawal into a silent "no". Default.
	BaseEligible = "eligible"
	// BasePresent counts every expert present at the meeting, withdrawn or not: the literal
	// text (出席评审会议的评审专家总数), and the stricter reading.
	BasePresent = "present"
)

// Rules is how one committee reviews: its groups and their methods and weights, the
// achievement types it counts, and the fractions of its quorum and vote. One JSON file per
// committee in data/committees; docs/committee.md describes the format.
type Rules struct {
	ID     string
	Name   string
	Series string              // "" only in the default rules, which any committee may use
	Level  guantong.TitleLevel // zero only in the default rules
	Source string              // where the numbers come from
	Note   string

	Quorum   Fraction // of the committee's members present for a meeting; default 2/3
	Pass     Fraction // of the vote base voting yes for a pass; default 2/3
	PassBase string   // BaseEligible (default) or BasePresent

	MinMembers        int // a committee needs at least this many members; 0: no minimum
	MinSkilledMembers int // of which at least this many skilled experts (三(一)6); 0: none required

	// Kind is KindSeries (default), KindSpecialty or KindPanel: the regulation's sizes
	// differ by kind (Regulation.Apply).
	Kind string
	// MinExpertTitle is the lowest title a member may hold (0: any); a skilled expert may
	// instead hold MinSkilledSkill or above (高级技师, 三(一)6).
	MinExpertTitle  guantong.TitleLevel
	MinSkilledSkill guantong.SkillLevel

	Groups []Group
}

// Group is one applicant group and how it is reviewed.
type Group struct {
	Name    string
	Skilled bool // a group of skilled applicants (三(一)6)
	Note    string

	// Methods are the review methods with their weights, in whole percent summing to 100.
	Methods []MethodRule

	// Achievements are the achievement types counted and their points; AchievementCap caps
	// the total (at most 100). The points are a reference shown to the experts beside the
	// 业绩评审 score, never added to the combined score: the plan makes achievements
	// "important content" of the review (三(一)3), not a formula.
	Achievements   []AchievementRule
	AchievementCap int
}

// MethodRule is one review method of a group.
type MethodRule struct {
	Method string
	Weight int // whole percent; a group's weights sum to 100

	// PassScore, when not zero, is the mean an applicant must reach in this method to be put
	// to the vote; below it the applicant fails without a ballot.
	PassScore Points
}

// AchievementRule is one achievement type counted by a group: Points for each achievement,
// at most Cap in all (0: no cap but the group's).
type AchievementRule struct {
	Type   string
	Points int
	Cap    int
}

// IsDefault reports whether r are the default rules, which name no series or level.
func (r *Rules) IsDefault() bool { return r.Series == "" && r.Level == 0 }

// Group returns the group of the given name.
func (r *Rules) Group(name string) (*Group, bool) {
	for i := range r.Groups {
		if r.Groups[i].Name == name {
			return &r.Groups[i], true
		}
	}
	return nil, false
}

// Method returns the group's rule for a method.
func (g *Group) Method(method string) (MethodRule, bool) {
	for _, m := range g.Methods {
		if m.Method == method {
			return m, true
		}
	}
	return MethodRule{}, false
}

// file is the JSON form of a rules file; values are converted and checked in one place so
// that every error names its key.
type file struct {
	ID                string      `json:"id"`
	Name              string      `json:"name"`
	Series            string      `json:"series"`
	Level             string      `json:"level"`
	Source            string      `json:"source"`
	Note              string      `json:"note"`
	Quorum            string      `json:"quorum"`
	Pass              string      `json:"pass"`
	PassBase          string      `json:"pass_base"`
	MinMembers        int         `json:"min_members"`
	MinSkilledMembers int         `json:"min_skilled_members"`
	Kind              string      `json:"kind"`
	MinExpertTitle    string      `json:"min_expert_title"`
	MinSkilledSkill   string      `json:"min_skilled_skill"`
	Groups            []groupFile `json:"groups"`
}

type groupFile struct {
	Name           string            `json:"name"`
	Skilled        bool              `json:"skilled"`
	Note           string            `json:"note"`
	Methods        []methodFile      `json:"methods"`
	Achievements   []achievementFile `json:"achievements"`
	AchievementCap int               `json:"achievement_cap"`
}

type methodFile struct {
	Method    string      `json:"method"`
	Weight    int         `json:"weight"`
	PassScore json.Number `json:"pass_score"`
}

type achievementFile struct {
	Type   string `json:"type"`
	Points int    `json:"points"`
	Cap    int    `json:"cap"`
}

// LoadRules reads and validates a rules file. Every problem is reported, each naming its key
// (groups[0].methods[1].weight), as guantong.FieldErrors.
func LoadRules(r io.Reader) (*Rules, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, guantong.FieldErrors{guantong.DecodeError(err)}
	}
	var es guantong.FieldErrors
	rules := f.header(&es)
	names := map[string]int{}
	regular := false
	for i, g := range f.Groups {
		at := fmt.Sprintf("groups[%d]", i)
		group := g.group(&es, at)
		if group.Name == "" {
			es.Add(at+".name", "不能为空")
		} else if j, dup := names[group.Name]; dup {
			es.Add(at+".name", "%q 与 groups[%d] 重复", group.Name, j)
		} else {
			names[group.Name] = i
		}
		regular = regular || !group.Skilled
		rules.Groups = append(rules.Groups, group)
	}
	if _, ok := names[SkilledGroup]; !ok {
		es.Add("groups", "须有%s（三(一)6：对高技能人才单独分组、单独评审）", SkilledGroup)
	}
	if !regular {
		es.Add("groups", "至少需要一个非高技能人才的分组")
	}
	if err := es.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// header reads what the rules are for (id, name, series and level) and how a meeting
// decides (quorum, pass, pass base, members), adding each problem to es.
func (f *file) header(es *guantong.FieldErrors) *Rules {
	rules := &Rules{
		ID: strings.TrimSpace(f.ID), Name: strings.TrimSpace(f.Name), Series: strings.TrimSpace(f.Series),
		Source: f.Source, Note: f.Note, PassBase: f.PassBase,
		MinMembers: f.MinMembers, MinSkilledMembers: f.MinSkilledMembers,
	}
	if rules.ID == "" {
		es.Add("id", "不能为空")
	}
	if rules.Name == "" {
		es.Add("name", "不能为空")
	}
	if f.Level != "" {
		l, ok := guantong.ParseTitleLevel(f.Level)
		if !ok {
			es.Add("level", "%q 不是职称等级（%s）", f.Level, strings.Join(guantong.TitleLevels(), "、"))
		}
		rules.Level = l
	}
	if (rules.Series == "") != (f.Level == "") {
		es.Add("series", "series 与 level 须同时给出，或同时省略（默认规则）")
	}
	rules.Quorum = fraction(es, "quorum", f.Quorum)
	rules.Pass = fraction(es, "pass", f.Pass)
	switch rules.PassBase {
	case "":
		rules.PassBase = BaseEligible
	case BaseEligible, BasePresent:
	default:
		es.Add("pass_base", "%q 须为 %s 或 %s", f.PassBase, BaseEligible, BasePresent)
	}
	rules.Kind, rules.MinExpertTitle, rules.MinSkilledSkill = membership(es, f.Kind, f.MinExpertTitle, f.MinSkilledSkill)
	if rules.MinMembers < 0 {
		es.Add("min_members", "不能为负数")
	}
	if rules.MinSkilledMembers < 0 {
		es.Add("min_skilled_members", "不能为负数")
	} else if rules.MinMembers > 0 && rules.MinSkilledMembers > rules.MinMembers {
		es.Add("min_skilled_members", "不能多于 min_members")
	}
	return rules
}

// group reads one group under at: its methods and weights, and the achievements it counts.
// Its name is checked against the other groups' by LoadRules.
func (g *groupFile) group(es *guantong.FieldErrors, at string) Group {
	group := Group{Name: strings.TrimSpace(g.Name), Skilled: g.Skilled, Note: g.Note, AchievementCap: g.AchievementCap}
	if group.Name == SkilledGroup && !group.Skilled {
		es.Add(at+".skilled", "%s须标为 skilled", SkilledGroup)
	}
	group.Methods = methodRules(es, at, g.Methods)
	group.Achievements = achievementRules(es, at, g.Achievements)
	switch {
	case g.AchievementCap < 0 || g.AchievementCap > 100:
		es.Add(at+".achievement_cap", "%d 须为 0 至 100 的整数", g.AchievementCap)
	case g.AchievementCap == 0 && len(g.Achievements) > 0:
		group.AchievementCap = 100
	}
	return group
}

// methodRules reads a group's methods: each known once, weights of 1 to 100 that sum to
// 100, and an optional pass score.
func methodRules(es *guantong.FieldErrors, at string, ms []methodFile) []MethodRule {
	if len(ms) == 0 {
		es.Add(at+".methods", "至少需要一种评价方式（%s）", strings.Join(Methods, "、"))
		return nil
	}
	var out []MethodRule
	sum, seen := 0, map[string]int{}
	for k, m := range ms {
		mat := fmt.Sprintf("%s.methods[%d]", at, k)
		rule := MethodRule{Method: m.Method, Weight: m.Weight}
		knownOnce(es, mat+".method", m.Method, k, seen, Methods, "评价方式", "methods")
		if m.Weight <= 0 || m.Weight > 100 {
			es.Add(mat+".weight", "%d 须为 1 至 100 的整数（百分比）", m.Weight)
		}
		sum += m.Weight
		if m.PassScore != "" {
			p, err := ParsePoints(string(m.PassScore))
			if err != nil || p == 0 {
				es.Add(mat+".pass_score", "%s 须为大于 0、不超过 100 的分数，最多两位小数", m.PassScore)
			}
			rule.PassScore = p
		}
		out = append(out, rule)
	}
	if sum != 100 {
		es.Add(at+".methods", "权重之和为 %d，须为 100", sum)
	}
	return out
}

// achievementRules reads the achievements a group counts: each known type once, its points
// and an optional cap.
func achievementRules(es *guantong.FieldErrors, at string, as []achievementFile) []AchievementRule {
	var out []AchievementRule
	types := map[string]int{}
	for k, a := range as {
		aat := fmt.Sprintf("%s.achievements[%d]", at, k)
		knownOnce(es, aat+".type", a.Type, k, types, AchievementTypes, "成果类型", "achievements")
		if a.Points <= 0 || a.Points > 100 {
			es.Add(aat+".points", "%d 须为 1 至 100 的整数", a.Points)
		}
		if a.Cap < 0 || a.Cap > 100 || (a.Cap > 0 && a.Cap < a.Points) {
			es.Add(aat+".cap", "%d 须为 0（不另设上限）或不小于 points、不超过 100 的整数", a.Cap)
		}
		out = append(out, AchievementRule{Type: a.Type, Points: a.Points, Cap: a.Cap})
	}
	return out
}

// knownOnce adds a problem at field unless v, the k-th of its list, is one of names (a kind
// of thing such as 评价方式) and not already in the list; seen remembers where each was.
func knownOnce(es *guantong.FieldErrors, field, v string, k int, seen map[string]int, names []string, kind, list string) {
	switch j, dup := seen[v]; {
	case !slices.Contains(names, v):
		es.Add(field, "%q 不是%s（%s）", v, kind, strings.Join(names, "、"))
	case dup:
		es.Add(field, "%q 与 %s[%d] 重复", v, list, j)
	default:
		seen[v] = k
	}
}

// fraction reads an optional fraction, 2/3 when absent.
func fraction(es *guantong.FieldErrors, key, s string) Fraction {
	if s == "" {
		return TwoThirds
	}
	f, err := ParseFraction(s)
	if err != nil {
		es.Add(key, "%s", err.Error())
	}
	return f
}

// membership reads the optional keys kind, min_expert_title and min_skilled_skill.
func membership(es *guantong.FieldErrors, kind, title, skill string) (string, guantong.TitleLevel, guantong.SkillLevel) {
	if kind == "" {
		kind = KindSeries
	} else if kindNames[kind] == "" {
		es.Add("kind", "%q 须为 series、specialty 或 panel", kind)
	}
	var t guantong.TitleLevel
	var l guantong.SkillLevel
	var ok bool
	if title != "" {
		if t, ok = guantong.ParseTitleLevel(title); !ok {
			es.Add("min_expert_title", "%q 不是职称等级（%s）", title, strings.Join(guantong.TitleLevels(), "、"))
		}
	}
	if skill != "" {
		if l, ok = guantong.ParseSkillLevel(skill); !ok {
			es.Add("min_skilled_skill", "%q 不是职业技能等级（%s）", skill, strings.Join(guantong.SkillLevels(), "、"))
		}
	}
	return kind, t, l
}
