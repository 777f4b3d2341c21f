package workbook

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Problem is one thing wrong with one row of an input file: its row (1-based, the header is
// row 1 in a sheet; the line in a JSON lines file), and its column (1-based, 0 when the
// problem is the whole row) with the column's header, or the field path of a JSON document.
type Problem struct {
	Row     int    `json:"row"`
	Col     int    `json:"col,omitempty"`
	Header  string `json:"header,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// Column returns the column's letters (C), or "".
func (p Problem) Column() string {
	if p.Col <= 0 {
		return ""
	}
	return ColumnName(p.Col)
}

// String says where and what: 第5行 C列（证件号码）：校验码错误; 第7行 person.skills[0].obtained：…
func (p Problem) String() string {
	s := "第" + strconv.Itoa(p.Row) + "行"
	switch {
	case p.Col > 0 && p.Header != "":
		s += " " + p.Column() + "列（" + p.Header + "）"
	case p.Col > 0:
		s += " " + p.Column() + "列"
	case p.Field != "":
		s += " " + p.Field
	}
	return s + "：" + p.Message
}

// ColumnName returns the letters of a 1-based column number (1 → A, 28 → AB).
func ColumnName(n int) string {
	s, err := excelize.ColumnNumberToName(n)
	if err != nil {
		return "?"
	}
	return s
}
