package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/document"
)

// The self-check and the application form validate a person once, as every caller of the
// contract is validated: the rows become a check document (docs/check.md) and document.Decode
// judges it. The form only reads what people type (2021/6/30, 钳工, 2024年) into the
// document's values; each problem Decode finds comes back next to the form field of its path
// (person.skills[2].obtained is the field of the row that became the third certificate), in
// the form's words where the form knows better why (a name not found, a field left empty).

// docRefs remembers how a form became a document: the form row of each element of the
// document's lists, and what the form knows of a value should Decode refuse it.
type docRefs struct {
	rows  map[string][]int  // kind → the form's row of each element of the document's list
	hints map[string]string // field path → the form's message for a problem there
}

// at records that the next element of a kind's list comes from form row i and returns its
// path: person.skills[2].
func (d *docRefs) at(kind string, i int) string {
	d.rows[kind] = append(d.rows[kind], i)
	return fmt.Sprintf("person.%s[%d]", kind, len(d.rows[kind])-1)
}

// value is a typed choice or text: nil (absent) when empty, with the form's message should
// the field be required.
func (d *docRefs) value(path, typed, empty string) any {
	if typed == "" {
		d.hints[path] = empty
		return nil
	}
	return typed
}

// date is a typed date as YYYY-MM-DD when it reads as one, else as typed, for Decode to
// refuse in the form's words.
func (d *docRefs) date(path, typed, empty string) any {
	if typed == "" {
		d.hints[path] = empty
		return nil
	}
	s, msg := readDate(typed)
	if msg != "" {
		d.hints[path] = msg
	}
	return s
}

// year is a typed year (2024 or 2024年) as a number when it is one.
func (d *docRefs) year(path, typed, empty string) any {
	if typed == "" {
		d.hints[path] = empty
		return nil
	}
	y, err := strconv.Atoi(strings.TrimSuffix(typed, "年"))
	if err != nil {
		d.hints[path] = fmt.Sprintf("「%s」不是年份，请填写四位数字，如 2024", typed)
		return typed
	}
	return y
}

// occupation is the code of a typed occupation, and the name typed with it; what the table
// cannot decide stays as typed, with the resolver's message.
func (d *docRefs) occupation(path, typed, empty string, resolve occupationResolver) (code any, name string) {
	if typed == "" {
		d.hints[path] = empty
		return nil, ""
	}
	c, name, msg := resolve(typed)
	if msg != "" {
		d.hints[path] = msg
		return typed, ""
	}
	return c, name
}

// document builds the check document of the form's rows in use, empty ones skipped.
func (f *checkForm) document(resolve occupationResolver) (map[string]any, *docRefs) {
	d := &docRefs{rows: map[string][]int{}, hints: map[string]string{}}
	p := map[string]any{}
	set := func(key string, v any) {
		if v != nil {
			p[key] = v
		}
	}
	set("name", d.value("person.name", f.Name, ""))
	set("id_type", d.value("person.id_type", f.IDType, ""))
	if f.EmployerKind != "" || f.SelfEvaluation {
		p["employer"] = map[string]any{"kind": d.value("person.employer.kind", f.EmployerKind, ""), "self_evaluation": f.SelfEvaluation}
	}
	list := func(key string, rows []any) {
		if rows != nil {
			p[key] = rows
		}
	}
	list("skills", d.skills(f.Skills, resolve))
	list("titles", d.titles(f.Titles))
	list("assessments", d.assessments(f.Assessments))
	list("work", d.work(f.Work))
	list("awards", d.awards(f.Awards))
	list("targets", d.targets(f.Targets, resolve))
	if f.Major != "" || f.Related != "" {
		related := []any{}
		for k, typed := range splitList(f.Related) {
			code, _ := d.occupation(fmt.Sprintf("person.education[0].related_codes[%d]", k), typed, "", resolve)
			related = append(related, code)
		}
		p["education"] = []any{map[string]any{"major": d.value("person.education[0].major", f.Major, ""), "related_codes": related}}
	}
	return map[string]any{"as_of": d.date("as_of", f.AsOf, "请填写评估日期"), "person": p}, d
}

// The lists of the document, one per kind of row: nil (no list) when no row is in use.

func (d *docRefs) skills(rows []skillRow, resolve occupationResolver) (out []any) {
	for i, r := range rows {
		if r.used() {
			at := d.at("skills", i)
			code, name := d.occupation(at+".occupation_code", r.Occupation, "请填写职业名称或编码", resolve)
			s := map[string]any{"occupation_code": code, "level": d.value(at+".level", r.Level, "请选择等级"),
				"obtained": d.date(at+".obtained", r.Obtained, "请填写取得日期")}
			if name != "" {
				s["occupation"] = name
			}
			out = append(out, s)
		}
	}
	return out
}

func (d *docRefs) titles(rows []titleRow) (out []any) {
	for i, r := range rows {
		if r.used() {
			at := d.at("titles", i)
			out = append(out, map[string]any{"series": d.value(at+".series", r.Series, "请选择职称系列"),
				"level": d.value(at+".level", r.Level, "请选择职称层级"), "obtained": d.date(at+".obtained", r.Obtained, "请填写取得日期")})
		}
	}
	return out
}

func (d *docRefs) assessments(rows []assessmentRow) (out []any) {
	for i, r := range rows {
		if r.used() { // the years are filled in beforehand: a row counts once a result is chosen
			at := d.at("assessments", i)
			out = append(out, map[string]any{"year": d.year(at+".year", r.Year, "请填写年度"), "result": r.Result})
		}
	}
	return out
}

func (d *docRefs) work(rows []workRow) (out []any) {
	for i, r := range rows {
		if r.used() {
			at := d.at("work", i)
			out = append(out, map[string]any{"from": d.date(at+".from", r.From, "请填写开始日期"), "to": d.date(at+".to", r.To, "")})
		}
	}
	return out
}

func (d *docRefs) awards(rows []awardRow) (out []any) {
	for i, r := range rows {
		if r.used() {
			at := d.at("awards", i)
			out = append(out, map[string]any{"name": d.value(at+".name", r.Name, "请选择奖项或称号"),
				"year": d.year(at+".year", r.Year, "请填写获得年份")})
		}
	}
	return out
}

// targets are codes, or objects where a sub-item is given.
func (d *docRefs) targets(rows []targetRow, resolve occupationResolver) (out []any) {
	for i, r := range rows {
		if !r.used() {
			continue
		}
		at := d.at("targets", i)
		if r.Item == "" {
			code, _ := d.occupation(at, r.Occupation, "请填写职业名称或编码", resolve)
			out = append(out, code)
			continue
		}
		code, _ := d.occupation(at+".occupation_code", r.Occupation, "请填写职业名称或编码", resolve)
		out = append(out, map[string]any{"occupation_code": code, "item": r.Item})
	}
	return out
}

// request validates the form through document.Decode and returns the engine's request; false
// when there is a mistake, each one recorded next to its field.
func (f *checkForm) request(resolve occupationResolver) (guantong.Request, bool) {
	doc, refs := f.document(resolve)
	f.refs = refs
	for kind, n := range map[string]int{"skills": usedRows(f.Skills), "titles": usedRows(f.Titles), "assessments": usedRows(f.Assessments),
		"work": usedRows(f.Work), "awards": usedRows(f.Awards), "targets": usedRows(f.Targets)} {
		if n > maxRows { // more than the page shows: a message next to the kind, the rows kept as typed
			f.note(kind, -1, "", fmt.Sprintf("最多填写 %d 项，现有 %d 项，请删去多余的", maxRows, n))
		}
	}
	b, err := json.Marshal(doc)
	if err != nil { // strings, numbers and booleans only
		panic("web: form document: " + err.Error())
	}
	req, err := document.Decode(b)
	f.problems(err)
	return req, f.Count == 0
}

// problems records the field errors of a decoded document (the form's, or the stored one the
// service checks) next to the form's fields; anything else goes to the summary.
func (f *checkForm) problems(err error) {
	var fes guantong.FieldErrors
	if !errors.As(err, &fes) {
		if err != nil {
			f.note("", -1, "", err.Error())
		}
		return
	}
	for _, fe := range fes {
		kind, row, field := f.refs.field(fe.Field)
		f.note(kind, row, field, cmp.Or(f.refs.hints[fe.Field], messageText(fe.Message)))
	}
}

// rowFields names the form's field for a field of a row in the document: the box a person
// corrects.
var rowFields = map[string]map[string]string{
	"skills":      {"occupation_code": "occupation", "occupation": "occupation", "classification": "occupation", "certificate_no": "occupation", "level": "level", "obtained": "obtained"},
	"titles":      {"series": "series", "specialty": "series", "level": "level", "obtained": "obtained"},
	"assessments": {"year": "year", "result": "result"},
	"work":        {"from": "from", "to": "to"},
	"awards":      {"name": "name", "occupation_code": "name", "year": "year"},
	"targets":     {"": "occupation", "occupation_code": "occupation", "classification": "occupation", "direct": "occupation", "item": "item"},
}

// topFields names the form's field for a field path outside the rows.
var topFields = map[string]string{
	"as_of": "as_of", "person.name": "name", "person.id_type": "id_type", "person.id_number": "id_type",
	"person.employer": "employer_kind", "person.employer.kind": "employer_kind", "person.employer.name": "employer_kind",
	"person.employer.self_evaluation": "self_evaluation",
}

// field finds the form's field of a field path: the kind, the form's row (-1: the kind as a
// whole) and the field of a row; or, outside the rows, "" and the field's id ("" when the form
// has none).
func (d *docRefs) field(path string) (kind string, row int, field string) {
	if d == nil {
		d = &docRefs{}
	}
	if m := pathParts.FindStringSubmatch(path); m != nil {
		if m[1] == "education" {
			if strings.HasPrefix(path, "person.education[0].major") {
				return "", -1, "major"
			}
			return "", -1, "related"
		}
		j, _ := strconv.Atoi(m[2])
		if fields, ok := rowFields[m[1]]; ok && j < len(d.rows[m[1]]) {
			return m[1], d.rows[m[1]][j], cmp.Or(fields[m[3]], fields[""], m[3])
		}
		return m[1], -1, ""
	}
	if f, ok := topFields[path]; ok {
		return "", -1, f
	}
	if kind := strings.TrimPrefix(path, "person."); rowFields[kind] != nil {
		return kind, -1, ""
	}
	return "", -1, ""
}

// note records a message next to a field: a field of a row (kind, row, field), a kind as a
// whole (row -1), a field outside the rows (kind ""), or the summary alone (all empty). The
// first message of a field stands; the summary lists each field once.
func (f *checkForm) note(kind string, row int, field, msg string) {
	id, m := field, &f.Errs
	switch {
	case kind != "" && row >= 0:
		id, m = fmt.Sprintf("%s-%d-%s", kind, row, field), f.rowErrs(kind, row)
	case kind != "":
		id, field = kind, kind
	case field == "":
		id, field = "errors", "document"
	}
	if *m == nil {
		*m = errs{}
	}
	if _, dup := (*m)[field]; dup {
		return
	}
	(*m)[field] = msg
	f.Count++
	f.Links = append(f.Links, errRef{ID: id, Label: fieldLabel(id), Message: msg})
	slices.SortStableFunc(f.Links, func(a, b errRef) int { return cmp.Compare(formOrder(a.ID), formOrder(b.ID)) })
}

// formOrder places a field's message in the summary in the order of the page.
func formOrder(id string) int {
	kind, _, _ := strings.Cut(id, "-")
	return max(slices.Index([]string{"as_of", "name", "id_type", "employer_kind", "skills", "titles", "assessments", "work", "awards", "targets", "major", "related"}, kind), 0)
}

// rowErrs is the messages of row i of a kind.
func (f *checkForm) rowErrs(kind string, i int) *errs {
	switch {
	case kind == "skills" && i < len(f.Skills):
		return &f.Skills[i].Errs
	case kind == "titles" && i < len(f.Titles):
		return &f.Titles[i].Errs
	case kind == "assessments" && i < len(f.Assessments):
		return &f.Assessments[i].Errs
	case kind == "work" && i < len(f.Work):
		return &f.Work[i].Errs
	case kind == "awards" && i < len(f.Awards):
		return &f.Awards[i].Errs
	case kind == "targets" && i < len(f.Targets):
		return &f.Targets[i].Errs
	}
	return &f.Errs
}
