// Package workbook reads and writes the spreadsheets people exchange with guantong: the staff
// template (one row per person, Chinese headers), shared by batch screening and the staff
// import, in Excel (.xlsx) or CSV, and check documents as JSON lines; and result tables
// written as Excel sheets or CSV files. Reading and writing are streamed, so a file of any
// size takes bounded memory. Every problem names its row and column in Chinese:
// "第5行 L列（证书1等级）：…".
package workbook

import (
	"strconv"
	"strings"
)

// The staff template's columns. Certificates and titles are repeated column groups, numbered
// from 1 (证书1职业编码 … 证书3取得日期): a group per certificate keeps a drop-down list and a
// date check on every level and date. A sheet may add groups (证书4…) or leave some out. The
// lists that vary most in length are one cell each, items separated by ；or ; or a line
// break (see docs/population.md and the template's 填写说明 sheet).
const (
	colName        = "姓名"
	colIDType      = "证件类型"
	colIDNumber    = "证件号码"
	colPhone       = "手机号码"
	colRegion      = "所在地区"
	colEmployer    = "工作单位"
	colKind        = "单位类型"
	colSelfEval    = "自主评价企业"
	colAssessments = "年度考核"
	colWork        = "工作经历"
	colAwards      = "奖项"
	colEducation   = "学历"
	colTargets     = "现岗位职业编码"
)

// Fields of a certificate group (证书N…) and of a title group (职称N…).
const (
	skillCode   = "职业编码"
	skillName   = "职业名称"
	skillLevel  = "等级"
	skillDate   = "取得日期"
	skillNumber = "证书编号"

	titleSeries    = "系列"
	titleSpecialty = "专业"
	titleLevel     = "等级"
	titleDate      = "取得日期"
)

var skillFields = []string{skillCode, skillName, skillLevel, skillDate, skillNumber}
var titleFields = []string{titleSeries, titleSpecialty, titleLevel, titleDate}

// TemplateSkills and TemplateTitles are the groups the template has.
const (
	TemplateSkills = 3
	TemplateTitles = 2
)

// StaffHeaders returns the template's headers in order.
func StaffHeaders() []string {
	h := []string{colName, colIDType, colIDNumber, colPhone, colRegion, colEmployer, colKind, colSelfEval}
	for i := 1; i <= TemplateSkills; i++ {
		for _, f := range skillFields {
			h = append(h, "证书"+strconv.Itoa(i)+f)
		}
	}
	for i := 1; i <= TemplateTitles; i++ {
		for _, f := range titleFields {
			h = append(h, "职称"+strconv.Itoa(i)+f)
		}
	}
	return append(h, colAssessments, colWork, colAwards, colEducation, colTargets)
}

// group is a column of a repeated group: 证书2等级 is {prefix 证书, n 2, field 等级}.
type group struct {
	prefix string
	n      int
	field  string
}

// parseGroup reads a header of a repeated group.
func parseGroup(h string) (group, bool) {
	for _, prefix := range []string{"证书", "职称"} {
		rest, ok := strings.CutPrefix(h, prefix)
		if !ok {
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return group{}, false
		}
		n, _ := strconv.Atoi(rest[:i])
		fields := skillFields
		if prefix == "职称" {
			fields = titleFields
		}
		for _, f := range fields {
			if rest[i:] == f && n >= 1 {
				return group{prefix, n, f}, true
			}
		}
	}
	return group{}, false
}

// layout maps a sheet's headers to columns (0-based; -1 when absent).
type layout struct {
	single map[string]int
	skills []map[string]int // by group number - 1
	titles []map[string]int
}

var singles = []string{colName, colIDType, colIDNumber, colPhone, colRegion, colEmployer, colKind, colSelfEval,
	colAssessments, colWork, colAwards, colEducation, colTargets}

// newLayout reads the header row. Unknown headers are ignored (a sheet may carry its own
// 备注); a missing 姓名 column, or a header given twice, is a problem of row 1.
func newLayout(headers []string) (*layout, []Problem) {
	l := &layout{single: map[string]int{}}
	var ps []Problem
	seen := map[string]int{}
	for i, raw := range headers {
		h := strings.TrimSpace(raw)
		if h == "" {
			continue
		}
		if j, dup := seen[h]; dup {
			ps = append(ps, Problem{Row: 1, Col: i + 1, Header: h, Message: "与 " + ColumnName(j+1) + " 列重复"})
			continue
		}
		seen[h] = i
		if contains(singles, h) {
			l.single[h] = i
			continue
		}
		if g, ok := parseGroup(h); ok {
			list := &l.skills
			if g.prefix == "职称" {
				list = &l.titles
			}
			for len(*list) < g.n {
				*list = append(*list, map[string]int{})
			}
			(*list)[g.n-1][g.field] = i
		}
	}
	if _, ok := l.single[colName]; !ok {
		ps = append(ps, Problem{Row: 1, Message: "缺少“姓名”列：第 1 行应为表头（可先下载模板：guantong template staff）"})
	}
	return l, ps
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
