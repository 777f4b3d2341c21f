package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"guantong"
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
	IDTypes       []string // the default (居民身份证) first
	SkillLevels   []string
	TitleLevels   []string
	Series        []string
	Results       []string
	Awards        []string
	Occupations   []string // "钳工（6-20-01-01）", for the suggestion list
}

// checkForm is GET /check: the empty form, dated today in Asia/Shanghai.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) {
	today := guantong.Today(s.now())
	f := newCheckForm(today, s.assessmentYears(today))
	s.prefill(r.Context(), userFrom(r.Context()), f)
	s.render(w, r, http.StatusOK, "check", page{Title: "自助测评", Nav: "check", Data: checkPage{Form: f, Choices: s.choices()}})
}

// checkSubmit is POST /check: the answer above the form, or the form again with a message next
// to each wrong field (status 422), keeping what was typed.
func (s *Server) checkSubmit(w http.ResponseWriter, r *http.Request) {
	if !s.readForm(w, r, 64<<10) {
		return
	}
	f := readCheckForm(r.PostForm, s.years())
	if f.AsOf == "" { // the hint says so: judged on today
		f.AsOf = guantong.Today(s.now()).String()
	}
	choices := s.choices()
	req, ok := f.request(s.resolveOccupation)
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

// years is the number of years of annual assessment the plan asks about (近3年), as the
// policy in force gives it.
func (s *Server) years() int { return s.eng().Params().Assessment.Years }

// assessmentYears are the years whose assessment the plan asks about on asOf, as the engine
// counts them: the last years(), each due on the policy's date of the year after it.
func (s *Server) assessmentYears(asOf guantong.Date) []int {
	first, last := s.eng().Params().Assessment.Window(asOf)
	years := make([]int, 0, last-first+1)
	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	return years
}

func (s *Server) choices() checkChoices {
	p := s.eng().Params()
	c := checkChoices{
		EmployerKinds: guantong.EmployerKinds,
		IDTypes:       guantong.IDTypes,
		SkillLevels:   guantong.SkillLevels(),
		TitleLevels:   guantong.TitleLevels(),
		Series:        p.Series,
		Results:       slices.Concat(p.Assessment.Passing, p.Assessment.Failing), // the policy's words
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
