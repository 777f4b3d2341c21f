package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/catalog"
)

// Record is one person read from an input file, or the problems that kept them from being
// read. A record with problems has no usable Person.
type Record struct {
	Row      int
	Region   string        // one of guantong.Districts, or ""
	Phone    string        // the staff import's 手机号码, or ""
	AsOf     guantong.Date // a JSON document's as_of, or zero
	Person   guantong.Person
	Problems []Problem
}

// rowReader turns the cells of one sheet row into a Record, noting every problem with its
// column.
type rowReader struct {
	l       *layout
	headers []string
	cells   []string
	rec     Record
}

func (r *rowReader) fail(col int, format string, args ...any) {
	r.rec.Problems = append(r.rec.Problems, Problem{Row: r.rec.Row, Col: col + 1, Header: strings.TrimSpace(r.headers[col]),
		Message: fmt.Sprintf(format, args...)})
}

// get returns the trimmed cell of column col (-1 or beyond the row: "").
func (r *rowReader) get(col int) string {
	if col < 0 || col >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[col])
}

func (r *rowReader) single(name string) (string, int) {
	col, ok := r.l.single[name]
	if !ok {
		return "", -1
	}
	return r.get(col), col
}

// parseRow reads one row of the staff template.
func parseRow(l *layout, headers []string, row int, cells []string) Record {
	r := rowReader{l: l, headers: headers, cells: cells, rec: Record{Row: row}}
	p := &r.rec.Person
	var col int
	if p.Name, col = r.single(colName); p.Name == "" {
		r.fail(col, "不能为空")
	}
	if v, col := r.single(colIDType); v != "" {
		if !contains(guantong.IDTypes, v) {
			r.fail(col, "%q 不是证件类型（%s）", v, strings.Join(guantong.IDTypes, "、"))
		}
		p.IDType = v
	}
	if v, col := r.single(colIDNumber); v != "" {
		p.IDNumber = v
		if strings.ContainsAny(v, "Ee") && strings.Contains(v, "+") {
			r.fail(col, "%q 被 Excel 当成了数字，末几位已丢失：请把该列设为“文本”后重新填写", v)
		} else if contains(guantong.IDTypes, p.IDType) || p.IDType == "" {
			if msg := guantong.IDProblem(p.IDType, v); msg != "" {
				r.fail(col, "%q %s", v, msg)
			}
		}
	}
	if v, col := r.single(colPhone); v != "" {
		if len(v) != 11 || v[0] != '1' || strings.IndexFunc(v, func(c rune) bool { return c < '0' || c > '9' }) >= 0 {
			r.fail(col, "%q 不是 11 位手机号码", v)
		}
		r.rec.Phone = v
	}
	if v, col := r.single(colRegion); v != "" {
		if !guantong.IsDistrict(v) {
			r.fail(col, "%q 不是河北省的地区（%s）", v, strings.Join(guantong.Districts, "、"))
		}
		r.rec.Region = v
	}
	p.Employer.Name, _ = r.single(colEmployer)
	if v, col := r.single(colKind); v != "" {
		if !contains(guantong.EmployerKinds, v) {
			r.fail(col, "%q 不是单位类型（%s）", v, strings.Join(guantong.EmployerKinds, "、"))
		}
		p.Employer.Kind = v
	}
	if v, col := r.single(colSelfEval); v != "" {
		switch v {
		case "是":
			p.Employer.SelfEvaluation = true
		case "否":
		default:
			r.fail(col, "%q 应填“是”或“否”", v)
		}
	}
	for _, g := range l.skills {
		r.skill(g)
	}
	for _, g := range l.titles {
		r.title(g)
	}
	r.lists()
	return r.rec
}

// groupCol returns the column of a group's field, or -1.
func groupCol(g map[string]int, field string) int {
	if c, ok := g[field]; ok {
		return c
	}
	return -1
}

// blank reports whether every cell of a group is empty: such a group is not a certificate.
func (r *rowReader) blank(g map[string]int) bool {
	for _, c := range g {
		if r.get(c) != "" {
			return false
		}
	}
	return true
}

// required returns a group's cell, noting a problem when it is empty.
func (r *rowReader) required(g map[string]int, field, groupName string) (string, int) {
	c := groupCol(g, field)
	v := r.get(c)
	if v == "" {
		if c < 0 {
			r.rec.Problems = append(r.rec.Problems, Problem{Row: r.rec.Row, Message: groupName + "缺少“" + field + "”列"})
		} else {
			r.fail(c, "填了%s的其他栏，此栏不能为空", groupName)
		}
	}
	return v, c
}

func (r *rowReader) skill(g map[string]int) {
	if r.blank(g) {
		return
	}
	var s guantong.Skill
	code, c := r.required(g, skillCode, "证书")
	if code != "" && !catalog.ValidCode(code) {
		r.fail(c, "%q 不是职业编码（d-dd-dd-dd，如 6-20-01-01）", code)
	}
	s.OccupationCode = code
	s.Occupation = r.get(groupCol(g, skillName))
	s.CertificateNo = r.get(groupCol(g, skillNumber))
	if v, c := r.required(g, skillLevel, "证书"); v != "" {
		l, ok := guantong.ParseSkillLevel(v)
		if !ok {
			r.fail(c, "%q 不是职业技能等级（%s，或五级至一级）", v, strings.Join(guantong.SkillLevels(), "、"))
		}
		s.Level = l
	}
	if v, c := r.required(g, skillDate, "证书"); v != "" {
		s.Obtained = r.date(c, v)
	}
	r.rec.Person.Skills = append(r.rec.Person.Skills, s)
}

func (r *rowReader) title(g map[string]int) {
	if r.blank(g) {
		return
	}
	var t guantong.Title
	t.Series, _ = r.required(g, titleSeries, "职称")
	t.Specialty = r.get(groupCol(g, titleSpecialty))
	if v, c := r.required(g, titleLevel, "职称"); v != "" {
		l, ok := guantong.ParseTitleLevel(v)
		if !ok {
			r.fail(c, "%q 不是职称等级（%s）", v, strings.Join(guantong.TitleLevels(), "、"))
		}
		t.Level = l
	}
	if v, c := r.required(g, titleDate, "职称"); v != "" {
		t.Obtained = r.date(c, v)
	}
	r.rec.Person.Titles = append(r.rec.Person.Titles, t)
}

// date reads a date as people type it: 2021-06-30, 2021/6/30, 2021.6.30, 2021年6月30日, or
// the day number Excel stores for a date cell.
func (r *rowReader) date(col int, v string) guantong.Date {
	d, ok := ParseDate(v)
	if !ok {
		r.fail(col, "%q 不是日期（如 2021-06-30）", v)
	}
	return d
}

// ParseDate reads a date in the forms of the template; see rowReader.date.
func ParseDate(v string) (guantong.Date, bool) {
	if d, err := guantong.ParseDate(v); err == nil {
		return d, true
	}
	if n, err := strconv.Atoi(v); err == nil && n > 1 && n < 80000 {
		// Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included).
		return guantong.MakeDate(1899, 12, 30).AddDays(n), true
	}
	parts := strings.FieldsFunc(v, func(c rune) bool { return c == '/' || c == '.' || c == '-' || c == '年' || c == '月' || c == '日' })
	if len(parts) != 3 {
		return guantong.Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil {
			return guantong.Date{}, false
		}
		n[i] = x
	}
	d, err := guantong.ParseDate(fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2]))
	return d, err == nil
}

// items splits a multi-value cell: items separated by ；, ; or line breaks.
func items(v string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(v, func(c rune) bool { return c == ';' || c == '；' || c == '\n' || c == '\r' }) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// parts splits an item into its fields, separated by : or ：.
func parts(item string) []string {
	ps := strings.FieldsFunc(item, func(c rune) bool { return c == ':' || c == '：' })
	for i := range ps {
		ps[i] = strings.TrimSpace(ps[i])
	}
	return ps
}
