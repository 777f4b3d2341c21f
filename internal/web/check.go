package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/plan"
)

// checkPage is the data of templates/check.html: the form, and the answer once posted.
type checkPage struct {
	Form    *checkForm
	Answer  *answerView // nil: no answer yet, or the form has mistakes
	Choices checkChoices
}

// checkChoices are the lists the form's selects and suggestions offer.
type checkChoices struct {
	EmployerKinds []string
	SkillLevels   []string
	TitleLevels   []string
	Series        []string
	Results       []string
	Awards        []string
	Occupations   []string // "钳工（6-20-01-01）", for the suggestion list
}

// checkForm is GET /check: the empty form, dated today in Asia/Shanghai.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) {
	f := newCheckForm(guantong.Today(s.now()))
	s.render(w, r, http.StatusOK, "check", page{Title: "自助测评", Nav: "check", Data: checkPage{Form: f, Choices: s.choices()}})
}

// checkSubmit is POST /check: the answer above the form, or the form again with a message next
// to each wrong field (status 422), keeping what was typed.
func (s *Server) checkSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.readForm(w, r, 64<<10) {
		return
	}
	f := readCheckForm(r.PostForm)
	choices := s.choices()
	req, ok := f.request(s.resolveOccupation, choices.Awards, choices.Series)
	if !ok {
		s.render(w, r, http.StatusUnprocessableEntity, "check", page{Title: "自助测评：请更正填写内容", Nav: "check", Data: checkPage{Form: f, Choices: choices}})
		return
	}
	ans := s.check(req)
	s.render(w, r, http.StatusOK, "check", page{Title: "自助测评结果", Nav: "check", Data: checkPage{Form: f, Answer: s.answerView(req, ans), Choices: choices}})
}

// check judges req by the configured engine, or by the policy in force on its date.
func (s *Server) check(req guantong.Request) guantong.Answer {
	if s.engine != nil {
		return s.engine.Check(req)
	}
	return s.svc.Check(req)
}

func (s *Server) choices() checkChoices {
	p := s.eng().Params()
	c := checkChoices{
		EmployerKinds: guantong.EmployerKinds,
		SkillLevels:   guantong.SkillLevels(),
		TitleLevels:   guantong.TitleLevels(),
		Series:        p.Series,
		Results:       guantong.AssessmentResults,
		Occupations:   s.occupationChoices(),
	}
	for _, g := range p.GreenChannel {
		c.Awards = append(c.Awards, g.Award)
	}
	return c
}

// occupationChoices lists every occupation of the table once, as "钳工（6-20-01-01）".
func (s *Server) occupationChoices() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range s.catalog.Entries() {
		if seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		out = append(out, e.Occupation+"（"+e.Code+"）")
	}
	return out
}

var codeIn = regexp.MustCompile(`[1-8]-\d{2}-\d{2}-\d{2}`)

// resolveOccupation finds the code of what was typed in an occupation field: a code (a code
// not in the table is the engine's warning, not an error), the suggestion "钳工（6-20-01-01）",
// an exact name, or anything Catalog.Search narrows to one occupation.
func (s *Server) resolveOccupation(typed string) (code, name, problem string) {
	if c := codeIn.FindString(typed); c != "" {
		name = strings.TrimSpace(strings.Trim(strings.Replace(typed, c, "", 1), " ()（）"))
		return c, name, ""
	}
	var exact, all []string
	names := map[string]string{}
	for _, e := range s.catalog.Search(typed) {
		if e.Occupation == typed && !slices.Contains(exact, e.Code) {
			exact = append(exact, e.Code)
		}
		if !slices.Contains(all, e.Code) {
			all = append(all, e.Code)
			names[e.Code] = e.Occupation
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], typed, ""
	case len(all) == 1:
		return all[0], "", ""
	case len(all) == 0:
		return "", "", fmt.Sprintf("对应表中没有「%s」，请填写职业编码（如 6-20-01-01），或先到工种查询中查找", typed)
	}
	var some []string
	for _, c := range all[:min(len(all), 4)] {
		some = append(some, names[c]+"（"+c+"）")
	}
	more := ""
	if len(all) > 4 {
		more = fmt.Sprintf("等 %d 个", len(all))
	}
	return "", "", fmt.Sprintf("「%s」可指 %s%s职业，请填写完整名称或编码", typed, strings.Join(some, "、"), more)
}

var warningPath = regexp.MustCompile(`^person\.(skills|titles|awards|work)\[(\d+)\]\.(\w+): `)

// warningText says an engine warning in the form's words: the contract's field path
// person.skills[0].occupation_code becomes 证书 1 职业编码, and the command line's advice about
// --catalog becomes where the complete table is.
func warningText(w string) string {
	if m := warningPath.FindStringSubmatch(w); m != nil {
		n, _ := strconv.Atoi(m[2])
		field := map[string]string{"occupation_code": "职业编码", "occupation": "职业名称", "obtained": "取得日期", "name": "名称", "from": "开始日期", "to": "结束日期"}[m[3]]
		if field == "" {
			field = m[3]
		}
		w = fmt.Sprintf("%s %d %s：", rowLabels[m[1]], n+1, field) + w[len(m[0]):]
	}
	return strings.Replace(w, "可用 --catalog 载入完整的官方对应表", "以人社部门公布的完整对应表为准", 1)
}

// answerView is the engine's answer as the page shows it.
type answerView struct {
	AsOf     string
	Name     string
	Eligible int
	Options  int
	Warnings []string
	Groups   []optionGroup
	Clauses  []plan.Clause // every clause the reasons cite, in the plan's order
}

// optionGroup is the options of one route.
type optionGroup struct {
	Route, Heading, Note string
	Options              []optionView
}

type optionView struct {
	Eligible    bool
	Route       string // 申报评审
	Skill       bool   // a skill evaluation rather than a title
	What        string // 工程系列 中级职称; 钳工（6-20-01-01）技师
	Series      string
	Level       string
	Occupation  string // 钳工（6-20-01-01）, for skill evaluations and where the table names one
	Authority   string
	When        string // 2024-06-30 起可申报; 自 2027-06-30 起可申报
	Future      bool   // When lies after the date of the check
	Certificate string
	Exempt      []string
	Reasons     []reasonView
}

type reasonView struct {
	Met    bool
	Text   string
	Clause string
	Known  bool // the clause is in the plan; a false one is a bug the tests look for
}

var routeGroups = []struct{ route, heading, note string }{
	{guantong.RouteTitleReview, "申报职称评审", "三(一)"},
	{guantong.RouteTitleRecognition, "直接认定职称（绿色通道）", "三(一)4"},
	{guantong.RouteSkillEvaluation, "参加职业技能评价", "三(二)"},
}

func (s *Server) answerView(req guantong.Request, a guantong.Answer) *answerView {
	v := &answerView{AsOf: a.AsOf.String(), Name: req.Person.Name, Options: len(a.Options)}
	for _, w := range a.Warnings {
		v.Warnings = append(v.Warnings, warningText(w))
	}
	cited := map[string]bool{}
	for _, g := range routeGroups {
		group := optionGroup{Route: g.route, Heading: g.heading, Note: g.note}
		for _, o := range a.Options {
			if o.Route != g.route {
				continue
			}
			ov := s.optionView(o, a.AsOf)
			for _, r := range ov.Reasons {
				cited[r.Clause] = true
			}
			group.Options = append(group.Options, ov)
			if o.Eligible {
				v.Eligible++
			}
		}
		// Eligible options first, keeping the engine's order otherwise.
		slices.SortStableFunc(group.Options, func(x, y optionView) int {
			switch {
			case x.Eligible == y.Eligible:
				return 0
			case x.Eligible:
				return -1
			}
			return 1
		})
		if len(group.Options) > 0 {
			v.Groups = append(v.Groups, group)
		}
	}
	for _, c := range plan.Clauses() {
		if cited[c.ID] {
			v.Clauses = append(v.Clauses, c)
		}
	}
	return v
}

func (s *Server) optionView(o guantong.Option, asOf guantong.Date) optionView {
	v := optionView{
		Eligible:    o.Eligible,
		Route:       routeName(o.Route),
		Series:      o.Series,
		Level:       o.Level.String(),
		Authority:   o.Authority,
		Certificate: o.Certificate,
		Exempt:      o.Exempt,
	}
	if o.OccupationCode != "" {
		v.Occupation = o.OccupationCode
		if name, ok := s.catalog.Name(o.OccupationCode); ok {
			v.Occupation = name + "（" + o.OccupationCode + "）"
		}
	}
	if o.Route == guantong.RouteSkillEvaluation {
		v.Skill = true
		v.What = v.Occupation + " " + v.Level
	} else {
		v.What = o.Series + "系列 " + v.Level + "职称"
	}
	if d := o.YearsMetOn; !d.IsZero() {
		switch {
		case d.After(asOf):
			v.When, v.Future = "自 "+d.String()+" 起可申报", true
		case o.Eligible:
			v.When = d.String() + " 起可申报"
		default:
			v.When = "年限条件已于 " + d.String() + " 满足"
		}
	}
	for _, r := range o.Reasons {
		_, known := plan.Lookup(r.Clause)
		v.Reasons = append(v.Reasons, reasonView{Met: r.Met, Text: r.Text, Clause: r.Clause, Known: known})
	}
	return v
}
