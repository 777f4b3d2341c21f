package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
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

var codeForm = regexp.MustCompile(`^[1-8]-\d{2}-\d{2}-\d{2}$`)

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
	var (
		ps      Problems
		entries []Entry
		first   = true
		byCode  = map[[2]string]int{} // series, code → line
		bySeq   = map[[2]string]int{} // series, seq → line
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps = append(ps, Problem{Line: pe.StartLine, Message: "CSV 格式错误：" + pe.Err.Error()})
				if pe.Err != csv.ErrFieldCount {
					return nil, ps // the reader cannot go on after broken quoting
				}
				continue
			}
			return nil, append(ps, Problem{Line: line, Message: err.Error()})
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if first {
			first = false
			if strings.Join(rec, ",") != strings.Join(header, ",") {
				ps = append(ps, Problem{Line: line, Message: fmt.Sprintf("表头应为 %s，实为 %s", strings.Join(header, ","), strings.Join(rec, ","))})
			}
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line
		}
		if len(rec) != len(header) {
			ps = append(ps, Problem{Line: line, Message: fmt.Sprintf("应有 %d 列，实有 %d 列", len(header), len(rec))})
			continue
		}
		e := Entry{Series: rec[0], Occupation: rec[2], Code: rec[3], Note: rec[4]}
		switch {
		case e.Series == TeacherSeries:
			ps = append(ps, Problem{line, "series", fmt.Sprintf("%q 没有对应表行（技工院校教师可申报表中任一工种）", e.Series)})
		case !known(e.Series):
			ps = append(ps, Problem{line, "series", fmt.Sprintf("%q 不是对应表的职称系列（%s）", e.Series, strings.Join(tableSeries, "、"))})
		}
		seq, err := strconv.Atoi(rec[1])
		if err != nil || seq <= 0 {
			ps = append(ps, Problem{line, "seq", fmt.Sprintf("%q 不是正整数", rec[1])})
		}
		e.Seq = seq
		if e.Occupation == "" {
			ps = append(ps, Problem{line, "occupation", "职业名称为空"})
		}
		if !ValidCode(e.Code) {
			ps = append(ps, Problem{line, "code", fmt.Sprintf("%q 不是职业编码（d-dd-dd-dd，如 6-20-01-01）", e.Code)})
		}
		if prev, dup := byCode[[2]string{e.Series, e.Code}]; dup && e.Code != "" {
			ps = append(ps, Problem{line, "code", fmt.Sprintf("%s 在 %s 系列中重复（第 %d 行已有）", e.Code, e.Series, prev)})
		} else {
			byCode[[2]string{e.Series, e.Code}] = line
		}
		if prev, dup := bySeq[[2]string{e.Series, rec[1]}]; dup && seq > 0 {
			ps = append(ps, Problem{line, "seq", fmt.Sprintf("序号 %d 在 %s 系列中重复（第 %d 行已有）", seq, e.Series, prev)})
		} else {
			bySeq[[2]string{e.Series, rec[1]}] = line
		}
		entries = append(entries, e)
	}
	if first {
		ps = append(ps, Problem{Line: 1, Message: "文件为空：应有表头 " + strings.Join(header, ",")})
	} else if len(entries) == 0 && len(ps) == 0 {
		ps = append(ps, Problem{Line: 2, Message: "只有表头，没有数据行"})
	}
	return entries, ps
}

func known(series string) bool {
	for _, s := range tableSeries {
		if s == series {
			return true
		}
	}
	return false
}
