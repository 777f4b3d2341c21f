package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one bad row of a table, by line number (the header is line 1).
type Problem struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("第 %d 行：%s", p.Line, p.Message)
	}
	return fmt.Sprintf("第 %d 行 %s: %s", p.Line, p.Field, p.Message)
}

// Problems is every problem of a table; as an error it prints one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Check validates a table and returns every problem: the header, the number of columns,
// broken quoting, unknown series, seq not a positive integer, empty names, codes not of the
// form d-dd-dd-dd, and duplicate rows (the same code or the same seq twice in one series).
func Check(r io.Reader) Problems {
	_, problems := parse(r)
	return problems
}

var header = []string{"series", "seq", "occupation", "code", "note"}

var (
	codeForm  = regexp.MustCompile(`^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$`)
	codeShape = regexp.MustCompile(`^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$`) // any first digit
)

// ValidCode reports whether code has the form d-dd-dd-dd of the national occupational
// classification (6-20-01-01).
func ValidCode(code string) bool { return codeForm.MatchString(code) }

// parse reads and checks a table; the entries are good only when there is no problem.
func parse(r io.Reader) ([]Entry, Problems) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, Problems{{Line: 1, Message: "无法读取：" + err.Error()}}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a BOM, as Excel writes
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1 // counted here, so that the problem names the line
	c := checker{byCode: map[[2]string]int{}, bySeq: map[seriesSeq]int{}}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, append(c.ps, Problem{Line: 1, Message: "无法读取：" + err.Error()})
			}
			// The reader goes on at the next line after broken quoting, so the rows
			// after it are checked too; an unclosed quote swallows the rest of the file.
			c.add(pe.StartLine, "", quoteMessage(pe))
			first = false
			continue
		}
		line, _ := cr.FieldPos(0) // only after a good read: FieldPos panics on a failed one
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		switch {
		case !c.utf8(line, rec, first):
		case first:
			if strings.Join(rec, ",") != strings.Join(header, ",") {
				c.add(line, "", fmt.Sprintf("表头应为 %s，实为 %s", strings.Join(header, ","), strings.Join(rec, ",")))
			}
		case len(rec) == 1 && rec[0] == "": // a line of spaces
		case len(rec) != len(header):
			c.add(line, "", fmt.Sprintf("应有 %d 列，实有 %d 列（%s）", len(header), len(rec), strings.Join(header, ",")))
		default:
			c.row(line, rec)
		}
		first = false
	}
	if first {
		c.add(1, "", "文件为空：应有表头 "+strings.Join(header, ","))
	} else if len(c.entries) == 0 && len(c.ps) == 0 {
		c.add(2, "", "只有表头，没有数据行")
	}
	return c.entries, c.ps
}

// checker collects the entries of a table and its problems, and remembers the rows seen so
// that a duplicate names the line it repeats.
type checker struct {
	ps      Problems
	entries []Entry
	byCode  map[[2]string]int // series, code → line
	bySeq   map[seriesSeq]int // series, seq → line
}

func (c *checker) add(line int, field, msg string) {
	c.ps = append(c.ps, Problem{line, field, msg})
}

// utf8 reports whether every field of a record is UTF-8 text; Excel in China saves CSV as
// GBK unless told otherwise.
func (c *checker) utf8(line int, rec []string, isHeader bool) bool {
	i := slices.IndexFunc(rec, func(f string) bool { return !utf8.ValidString(f) })
	if i < 0 {
		return true
	}
	field := ""
	if !isHeader && i < len(header) {
		field = header[i]
	}
	c.add(line, field, "不是 UTF-8 编码的文字（Excel 请另存为「CSV UTF-8」）")
	return false
}

// row checks one data row of the right width, column by column, then against the rows
// before it.
func (c *checker) row(line int, rec []string) {
	e := Entry{Series: rec[0], Occupation: rec[2], Code: rec[3], Note: rec[4]}
	switch {
	case e.Series == TeacherSeries:
		c.add(line, "series", fmt.Sprintf("%q 没有对应表行（技工院校教师可申报表中任一工种）", e.Series))
	case !known(e.Series):
		c.add(line, "series", fmt.Sprintf("%q 不是对应表的职称系列（%s）", e.Series, strings.Join(tableSeries, "、")))
	}
	seq, err := strconv.Atoi(rec[1])
	if err != nil || seq <= 0 || rec[1][0] == '+' {
		c.add(line, "seq", fmt.Sprintf("%q 不是正整数", rec[1]))
		seq = 0
	}
	e.Seq = seq
	if e.Occupation == "" {
		c.add(line, "occupation", "职业名称为空")
	}
	if !ValidCode(e.Code) {
		why := "d-dd-dd-dd"
		if codeShape.MatchString(e.Code) {
			why = "大类应为 1-8"
		}
		c.add(line, "code", fmt.Sprintf("%q 不是职业编码（%s）", e.Code, why))
	}
	c.duplicates(line, e)
	c.entries = append(c.entries, e)
}

// duplicates refuses the same code or the same seq twice in one series.
func (c *checker) duplicates(line int, e Entry) {
	if prev, dup := c.byCode[[2]string{e.Series, e.Code}]; dup && e.Code != "" {
		c.add(line, "code", fmt.Sprintf("%s 在 %s 系列中重复（第 %d 行已有）", e.Code, e.Series, prev))
	} else {
		c.byCode[[2]string{e.Series, e.Code}] = line
	}
	if prev, dup := c.bySeq[seriesSeq{e.Series, e.Seq}]; dup && e.Seq > 0 {
		c.add(line, "seq", fmt.Sprintf("序号 %d 在 %s 系列中重复（第 %d 行已有）", e.Seq, e.Series, prev))
	} else {
		c.bySeq[seriesSeq{e.Series, e.Seq}] = line
	}
}

type seriesSeq struct {
	series string
	seq    int
}

// quoteMessage says in Chinese what encoding/csv found wrong with the quoting of a row.
func quoteMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "CSV 格式错误：未加引号的字段里有引号（含引号或逗号的字段应整个加引号，其中的引号写两遍）"
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		return fmt.Sprintf("CSV 格式错误：引号没有闭合，一直读到第 %d 行", pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return "CSV 格式错误：加引号的字段里引号多余或没有闭合"
	}
	return "CSV 格式错误：" + pe.Err.Error()
}

func known(series string) bool {
	for _, s := range tableSeries {
		if s == series {
			return true
		}
	}
	return false
}
