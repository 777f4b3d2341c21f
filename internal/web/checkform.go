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

	Errs  errs     // messages for the fields outside rows: "as_of", "related"…
	Count int      // how many messages in all
	Links []errRef // the messages in form order, for the summary at the top
}

// errs maps a field to its message; a nil map reads as "no message" in templates.
type errs map[string]string

// errRef is one message of the summary, linking to the field's id.
type errRef struct{ ID, Label, Message string }

var (
	rowLabels   = map[string]string{"skills": "证书", "titles": "职称", "assessments": "年度考核", "work": "工作经历", "awards": "奖项", "targets": "申报职业"}
	fieldLabels = map[string]string{
		"as_of": "评估日期", "name": "姓名", "employer_kind": "单位类型", "related": "相关职业",
		"occupation": "职业", "level": "等级", "obtained": "取得日期", "series": "系列", "year": "年度",
		"result": "考核结果", "from": "开始日期", "to": "结束日期",
	}
)

// fieldLabel names a field for the summary of mistakes: skills-0-obtained is 证书 1 取得日期,
// work (the whole kind) 工作经历.
func fieldLabel(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) != 3 {
		if l, ok := rowLabels[id]; ok {
			return l
		}
		return fieldLabels[id]
	}
	n, _ := strconv.Atoi(parts[1])
	field := fieldLabels[parts[2]]
	switch {
	case parts[0] == "awards" && parts[2] == "name":
		field = "名称"
	case parts[0] == "titles" && parts[2] == "level":
		field = "层级"
	}
	return fmt.Sprintf("%s %d %s", rowLabels[parts[0]], n+1, field)
}

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
	Errs       errs
}

// Rows of each kind the form shows at least. The form reads as many rows as are posted and
// shows them all again, with one empty row more after the last one in use (pad); a small
// script hides the empty ones after the first and adds further rows like the last. A person
// may have more work periods, certificates or awards than these: none is ever dropped.
const (
	skillRows      = 3
	titleRows      = 2
	assessmentRows = 3
	workRows       = 3
	awardRows      = 2
	targetRows     = 2

	maxRows = 20 // rows in use of one kind; more is a message next to the kind, not a silent cut
)

// newCheckForm is the empty form for a date: the three assessment years before it are filled
// in, since those are the years the plan asks about (近3年).
func newCheckForm(asOf guantong.Date) *checkForm {
	f := &checkForm{
		AsOf:        asOf.String(),
		Skills:      make([]skillRow, skillRows),
		Titles:      make([]titleRow, titleRows),
		Assessments: make([]assessmentRow, assessmentRows),
		Work:        make([]workRow, workRows),
		Awards:      make([]awardRow, awardRows),
		Targets:     make([]targetRow, targetRows),
	}
	for i := range f.Assessments {
		f.Assessments[i].Year = strconv.Itoa(asOf.Year() - assessmentRows + i)
	}
	return f
}

// readCheckForm reads the posted form: every row posted, whatever its number ("work.7.from"
// is a row of work), in the order of the numbers, which need not run 0, 1, 2…; the rows are
// numbered afresh from 0 as the form shows them again.
func readCheckForm(v url.Values) *checkForm {
	get := func(format string, args ...any) string {
		return strings.TrimSpace(v.Get(fmt.Sprintf(format, args...)))
	}
	f := &checkForm{
		AsOf:           get("as_of"),
		Name:           get("name"),
		EmployerKind:   get("employer_kind"),
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
		f.Targets = append(f.Targets, targetRow{Occupation: get("targets.%d.occupation", i)})
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
func (r targetRow) blank() bool     { return r.Occupation == "" }
func (r targetRow) used() bool      { return !r.blank() }

// pad gives every kind at least its default rows, and one empty row more after the last row
// in use (while under maxRows), so that the page without script can take one more; empty rows
// at the end beyond those go, and all empty ones of a kind posted with more than maxRows rows.
func (f *checkForm) pad() {
	f.Skills = padRows(f.Skills, skillRows)
	f.Titles = padRows(f.Titles, titleRows)
	f.Assessments = padRows(f.Assessments, assessmentRows)
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
	for len(rows) < least {
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

// request validates the form and builds the engine's request. Empty rows are skipped; every
// problem is recorded next to its field and the request is not built.
func (f *checkForm) request(resolve occupationResolver, awards, series []string) (guantong.Request, bool) {
	var req guantong.Request
	p := &req.Person
	fail := func(m *errs, id, key, msg string) {
		if *m == nil {
			*m = errs{}
		}
		(*m)[key] = msg
		f.Count++
		f.Links = append(f.Links, errRef{ID: id, Label: fieldLabel(id), Message: msg})
	}
	// limit: more rows of a kind in use than maxRows is a message next to the kind (its
	// fieldset's id), the rows kept as typed.
	limit := func(kind string, n int) {
		if n > maxRows {
			fail(&f.Errs, kind, kind, fmt.Sprintf("最多填写 %d 项，现有 %d 项，请删去多余的", maxRows, n))
		}
	}

	if f.AsOf == "" {
		fail(&f.Errs, "as_of", "as_of", "请填写评估日期")
	} else if d, msg := parseDate(f.AsOf); msg != "" {
		fail(&f.Errs, "as_of", "as_of", msg)
	} else {
		req.AsOf = d
	}
	if len([]rune(f.Name)) > 50 {
		fail(&f.Errs, "name", "name", "姓名不超过 50 个字")
	}
	p.Name = f.Name
	if f.EmployerKind != "" && !contains(guantong.EmployerKinds, f.EmployerKind) {
		fail(&f.Errs, "employer_kind", "employer_kind", "请从列表中选择单位类型")
	}
	p.Employer = guantong.Employer{Kind: f.EmployerKind, SelfEvaluation: f.SelfEvaluation}

	limit("skills", usedRows(f.Skills))
	for i := range f.Skills {
		r := &f.Skills[i]
		if !r.used() {
			continue
		}
		id := fmt.Sprintf("skills-%d-", i)
		s := guantong.Skill{}
		if r.Occupation == "" {
			fail(&r.Errs, id+"occupation", "occupation", "请填写职业名称或编码")
		} else if code, name, msg := resolve(r.Occupation); msg != "" {
			fail(&r.Errs, id+"occupation", "occupation", msg)
		} else {
			s.OccupationCode, s.Occupation = code, name
		}
		if r.Level == "" {
			fail(&r.Errs, id+"level", "level", "请选择等级")
		} else if l, ok := guantong.ParseSkillLevel(r.Level); !ok {
			fail(&r.Errs, id+"level", "level", fmt.Sprintf("「%s」不是职业技能等级，请选择初级工、中级工、高级工、技师或高级技师", r.Level))
		} else {
			s.Level = l
		}
		s.Obtained = f.date(&r.Errs, fail, id+"obtained", "obtained", r.Obtained, "请填写取得日期")
		p.Skills = append(p.Skills, s)
	}

	limit("titles", usedRows(f.Titles))
	for i := range f.Titles {
		r := &f.Titles[i]
		if !r.used() {
			continue
		}
		id := fmt.Sprintf("titles-%d-", i)
		t := guantong.Title{Series: r.Series}
		if r.Series == "" {
			fail(&r.Errs, id+"series", "series", "请选择职称系列")
		} else if !contains(series, r.Series) {
			fail(&r.Errs, id+"series", "series", fmt.Sprintf("「%s」不是贯通的职称系列，请从列表中选择", r.Series))
		}
		if r.Level == "" {
			fail(&r.Errs, id+"level", "level", "请选择职称层级")
		} else if l, ok := guantong.ParseTitleLevel(r.Level); !ok {
			fail(&r.Errs, id+"level", "level", fmt.Sprintf("「%s」不是职称层级，请选择员级、助理级、中级、副高级或正高级", r.Level))
		} else {
			t.Level = l
		}
		t.Obtained = f.date(&r.Errs, fail, id+"obtained", "obtained", r.Obtained, "请填写取得日期")
		p.Titles = append(p.Titles, t)
	}

	limit("assessments", usedRows(f.Assessments))
	seenYear := map[int]bool{}
	for i := range f.Assessments {
		r := &f.Assessments[i]
		if !r.used() { // the years are filled in beforehand: a row counts once a result is chosen
			continue
		}
		id := fmt.Sprintf("assessments-%d-", i)
		a := guantong.Assessment{Result: r.Result}
		if !contains(guantong.AssessmentResults, r.Result) {
			fail(&r.Errs, id+"result", "result", "请从列表中选择考核结果")
		}
		y, msg := parseYear(r.Year)
		switch {
		case msg != "":
			fail(&r.Errs, id+"year", "year", msg)
		case seenYear[y]:
			fail(&r.Errs, id+"year", "year", fmt.Sprintf("%d 年已填写过", y))
		}
		seenYear[y] = true
		a.Year = y
		p.Assessments = append(p.Assessments, a)
	}

	limit("work", usedRows(f.Work))
	for i := range f.Work {
		r := &f.Work[i]
		if !r.used() {
			continue
		}
		id := fmt.Sprintf("work-%d-", i)
		wp := guantong.WorkPeriod{}
		wp.From = f.date(&r.Errs, fail, id+"from", "from", r.From, "请填写开始日期")
		if r.To != "" {
			wp.To = f.date(&r.Errs, fail, id+"to", "to", r.To, "")
			if !wp.From.IsZero() && !wp.To.IsZero() && wp.To.Before(wp.From) {
				fail(&r.Errs, id+"to", "to", "结束日期早于开始日期")
			}
		}
		p.Work = append(p.Work, wp)
	}

	limit("awards", usedRows(f.Awards))
	for i := range f.Awards {
		r := &f.Awards[i]
		if !r.used() {
			continue
		}
		id := fmt.Sprintf("awards-%d-", i)
		a := guantong.Award{Name: r.Name}
		if r.Name == "" {
			fail(&r.Errs, id+"name", "name", "请选择奖项或称号")
		} else if !contains(awards, r.Name) {
			fail(&r.Errs, id+"name", "name", "请从列表中选择绿色通道所列的奖项或称号")
		}
		if r.Year != "" {
			y, msg := parseYear(r.Year)
			if msg != "" {
				fail(&r.Errs, id+"year", "year", msg)
			}
			a.Year = y
		}
		p.Awards = append(p.Awards, a)
	}

	if f.Related != "" || f.Major != "" {
		e := guantong.Education{Major: f.Major}
		for _, typed := range splitList(f.Related) {
			code, _, msg := resolve(typed)
			if msg != "" {
				fail(&f.Errs, "related", "related", msg)
				break
			}
			e.RelatedCodes = append(e.RelatedCodes, code)
		}
		p.Education = append(p.Education, e)
	}

	limit("targets", usedRows(f.Targets))
	for i := range f.Targets {
		r := &f.Targets[i]
		if !r.used() {
			continue
		}
		code, _, msg := resolve(r.Occupation)
		if msg != "" {
			fail(&r.Errs, fmt.Sprintf("targets-%d-occupation", i), "occupation", msg)
			continue
		}
		p.Targets = append(p.Targets, guantong.Target{OccupationCode: code})
	}
	return req, f.Count == 0
}

// date reads one date field of a row; required names the message for an empty one ("" when
// the field may be empty).
func (f *checkForm) date(m *errs, fail func(*errs, string, string, string), id, key, typed, required string) guantong.Date {
	if typed == "" {
		if required != "" {
			fail(m, id, key, required)
		}
		return guantong.Date{}
	}
	d, msg := parseDate(typed)
	if msg != "" {
		fail(m, id, key, msg)
	}
	return d
}

var dateParts = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// parseDate reads a date as people type it: 2021-06-30, 2021-6-30, 2021/6/30, 2021.06.30,
// 2021年6月30日 or 20210630 (all that a phone's number pad offers).
func parseDate(s string) (guantong.Date, string) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if m := dateParts.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if date, err := guantong.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, mo, d)); err == nil {
			if y < 1950 || y > 2100 {
				return guantong.Date{}, fmt.Sprintf("「%s」的年份不在 1950—2100 之间", s)
			}
			return date, ""
		}
		return guantong.Date{}, fmt.Sprintf("「%s」不是真实存在的日期", s)
	}
	return guantong.Date{}, fmt.Sprintf("「%s」不是日期，请按 2021-06-30 的格式填写", s)
}

func parseYear(s string) (int, string) {
	y, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "年"))
	if err != nil || y < 1950 || y > 2100 {
		return 0, fmt.Sprintf("「%s」不是年份，请填写四位数字，如 2024", s)
	}
	return y, ""
}

// splitList splits "6-20-01-01、钳工, 焊工" into its items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '　'
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
