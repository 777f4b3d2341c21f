package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"guantong"
)

// checkForm is the self-check form as typed: strings, so that a page with a mistake shows
// back exactly what was entered, with a message in Chinese next to each wrong field.
type checkForm struct {
	AsOf           string
	Name           string
	EmployerKind   string
	SelfEvaluation bool
	Skills         []skillRow
	Titles         []titleRow
	Assessments    []assessmentRow
	Work           []workRow
	Awards         []awardRow
	Major          string
	Related        string // occupations the diploma's major relates to: codes or names, separated by 、 or commas
	Targets        []targetRow
	IDType         string // the application form's; "" is 居民身份证
	Years          int    // the years of annual assessment the plan asks about (近3年): the policy's

	Source *factsSource // the employer's import the rows were first filled from; nil: none

	Errs  errs     // messages for the fields outside rows: "as_of", "related"…
	Count int      // how many messages in all
	Links []errRef // the messages in form order, for the summary at the top

	refs *docRefs // how the rows became the document checked, once checked
}

// errs maps a field to its message; a nil map reads as "no message" in templates.
type errs map[string]string

// errRef is one message of the summary, linking to the field's id.
type errRef struct{ ID, Label, Message string }

type skillRow struct {
	Occupation, Level, Obtained string
	Errs                        errs
}

type titleRow struct {
	Series, Level, Obtained string
	Errs                    errs
}

type assessmentRow struct {
	Year, Result string
	Errs         errs
}

type workRow struct {
	From, To string
	Errs     errs
}

type awardRow struct {
	Name, Year string
	Errs       errs
}

type targetRow struct {
	Occupation string
	Item       string // a sub-item of the occupation: 游泳 for 社会体育指导员
	Errs       errs
}

// Rows of each kind the form shows at least. The form reads as many rows as are posted and
// shows them all again, with one empty row more after the last one in use (pad); a small
// script hides the empty ones after the first and adds further rows like the last. A person
// may have more work periods, certificates or awards than these: none is ever dropped.
const (
	skillRows  = 3
	titleRows  = 2
	workRows   = 3
	awardRows  = 2
	targetRows = 2

	maxRows = 20 // rows in use of one kind; more is a message next to the kind, not a silent cut
)

// newCheckForm is the empty form for a date, with the years of assessment the plan asks about
// on it (近3年: Server.assessmentYears) filled in.
func newCheckForm(asOf guantong.Date, years []int) *checkForm {
	f := &checkForm{
		AsOf:        asOf.String(),
		Years:       len(years),
		Skills:      make([]skillRow, skillRows),
		Titles:      make([]titleRow, titleRows),
		Assessments: make([]assessmentRow, len(years)),
		Work:        make([]workRow, workRows),
		Awards:      make([]awardRow, awardRows),
		Targets:     make([]targetRow, targetRows),
	}
	for i, y := range years {
		f.Assessments[i].Year = strconv.Itoa(y)
	}
	return f
}

// readCheckForm reads the posted form: every row posted, whatever its number ("work.7.from"
// is a row of work), in the order of the numbers, which need not run 0, 1, 2…; the rows are
// numbered afresh from 0 as the form shows them again. years is the policy's number of
// assessment years, the assessment rows shown at least.
func readCheckForm(v url.Values, years int) *checkForm {
	get := func(format string, args ...any) string {
		return strings.TrimSpace(v.Get(fmt.Sprintf(format, args...)))
	}
	f := &checkForm{
		AsOf:           get("as_of"),
		Name:           get("name"),
		EmployerKind:   get("employer_kind"),
		IDType:         get("id_type"),
		Years:          years,
		SelfEvaluation: v.Get("self_evaluation") != "",
		Major:          get("major"),
		Related:        get("related"),
	}
	for _, i := range rowNumbers(v, "skills") {
		f.Skills = append(f.Skills, skillRow{Occupation: get("skills.%d.occupation", i), Level: get("skills.%d.level", i), Obtained: get("skills.%d.obtained", i)})
	}
	for _, i := range rowNumbers(v, "titles") {
		f.Titles = append(f.Titles, titleRow{Series: get("titles.%d.series", i), Level: get("titles.%d.level", i), Obtained: get("titles.%d.obtained", i)})
	}
	for _, i := range rowNumbers(v, "assessments") {
		f.Assessments = append(f.Assessments, assessmentRow{Year: get("assessments.%d.year", i), Result: get("assessments.%d.result", i)})
	}
	for _, i := range rowNumbers(v, "work") {
		f.Work = append(f.Work, workRow{From: get("work.%d.from", i), To: get("work.%d.to", i)})
	}
	for _, i := range rowNumbers(v, "awards") {
		f.Awards = append(f.Awards, awardRow{Name: get("awards.%d.name", i), Year: get("awards.%d.year", i)})
	}
	for _, i := range rowNumbers(v, "targets") {
		f.Targets = append(f.Targets, targetRow{Occupation: get("targets.%d.occupation", i), Item: get("targets.%d.item", i)})
	}
	f.pad()
	return f
}

// rowNumbers lists, in order, the numbers of the rows of a kind that were posted: 0, 1 and 7
// for work.0.from, work.1.to and work.7.from. A number written otherwise (07, -1, x) is no row.
func rowNumbers(v url.Values, kind string) []int {
	var out []int
	seen := map[int]bool{}
	for key := range v {
		rest, ok := strings.CutPrefix(key, kind+".")
		if !ok {
			continue
		}
		num, _, ok := strings.Cut(rest, ".")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || strconv.Itoa(n) != num || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// formRow is what pad and the limit need of a row: whether every field is empty, and whether
// the check uses it (an assessment only once a result is chosen: its year is filled in
// beforehand).
type formRow interface {
	blank() bool
	used() bool
}

func (r skillRow) blank() bool      { return r.Occupation == "" && r.Level == "" && r.Obtained == "" }
func (r skillRow) used() bool       { return !r.blank() }
func (r titleRow) blank() bool      { return r.Series == "" && r.Level == "" && r.Obtained == "" }
func (r titleRow) used() bool       { return !r.blank() }
func (r assessmentRow) blank() bool { return r.Year == "" && r.Result == "" }
func (r assessmentRow) used() bool  { return r.Result != "" }
func (r workRow) blank() bool       { return r.From == "" && r.To == "" }
func (r workRow) used() bool        { return !r.blank() }
func (r awardRow) blank() bool      { return r.Name == "" && r.Year == "" }
func (r awardRow) used() bool       { return !r.blank() }
func (r targetRow) blank() bool     { return r.Occupation == "" && r.Item == "" }
func (r targetRow) used() bool      { return !r.blank() }

// pad gives every kind at least its default rows, and one empty row more after the last row
// in use (while under maxRows), so that the page without script can take one more; empty rows
// at the end beyond those go, and all empty ones of a kind posted with more than maxRows rows.
func (f *checkForm) pad() {
	f.Skills = padRows(f.Skills, skillRows)
	f.Titles = padRows(f.Titles, titleRows)
	f.Assessments = padRows(f.Assessments, f.Years)
	f.Work = padRows(f.Work, workRows)
	f.Awards = padRows(f.Awards, awardRows)
	f.Targets = padRows(f.Targets, targetRows)
}

func padRows[R formRow](rows []R, least int) []R {
	if len(rows) > maxRows { // more rows than the script adds: the empty ones between go too
		rows = slices.DeleteFunc(rows, func(r R) bool { return r.blank() })
	}
	for len(rows) > least && rows[len(rows)-1].blank() {
		rows = rows[:len(rows)-1]
	}
	for len(rows) < max(least, 1) {
		rows = append(rows, *new(R))
	}
	if n := len(rows); n < maxRows && rows[n-1].used() {
		rows = append(rows, *new(R))
	}
	return rows
}

func usedRows[R formRow](rows []R) int {
	n := 0
	for _, r := range rows {
		if r.used() {
			n++
		}
	}
	return n
}

// occupationResolver finds an occupation's code from what was typed: a code, a name, or the
// "钳工 6-20-01-01" the suggestion list inserts. It returns the code, the name as typed (""
// when only a code was given) and a message when it cannot decide.
type occupationResolver func(typed string) (code, name, problem string)

var dateParts = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// readDate reads a date as people type it: 2021-06-30, 2021-6-30, 2021/6/30, 2021.06.30,
// 2021年6月30日 or 20210630 (all that a phone's number pad offers), as YYYY-MM-DD; what is
// no date comes back as typed, with a message saying why.
func readDate(s string) (string, string) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	m := dateParts.FindStringSubmatch(s)
	if m == nil {
		return s, fmt.Sprintf("「%s」不是日期，请按 2021-06-30 的格式填写", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	out := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	if _, err := guantong.ParseDate(out); err != nil {
		return out, fmt.Sprintf("「%s」不是真实存在的日期", s)
	}
	return out, ""
}

// parseDate reads a date of a page's own form (a meeting, a period to export): readDate, in
// the years 1950—2100.
func parseDate(s string) (guantong.Date, string) {
	out, msg := readDate(s)
	if msg != "" {
		return guantong.Date{}, msg
	}
	d, _ := guantong.ParseDate(out)
	if d.Year() < 1950 || d.Year() > 2100 {
		return guantong.Date{}, fmt.Sprintf("「%s」的年份不在 1950—2100 之间", strings.TrimSpace(s))
	}
	return d, ""
}

// splitList splits "6-20-01-01、钳工, 焊工" into its items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '　'
	})
}
