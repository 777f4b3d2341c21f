package service

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guantong"
)

// The evaluator's results sheet (三(二)3): one row per application in 评价中, the theory exam
// and the practical assessment each a column of scores. This file reads and writes the sheet;
// results.go records what it says.

// ResultsSheet is the name of the sheet the template holds and the import reads.
const ResultsSheet = "成绩录入"

// The columns of the results sheet, found by their headers when it is read back.
const (
	colID        = "申报编号"
	colVersion   = "版本（请勿修改）"
	colName      = "姓名"
	colOccup     = "职业"
	colLevel     = "等级"
	colTheory    = "理论知识成绩"
	colPractical = "操作技能成绩"
)

var resultsHeader = []string{colID, colVersion, colName, colOccup, colLevel, colTheory, colPractical}

// Cell words of the results sheet.
const (
	cellExempt   = "免考"  // the theory exam is not taken (三(二)3)
	cellRecorded = "已录入" // a result already recorded: left as it is
)

// MaxResultRows is the most rows with a result one import records (in one transaction);
// the rows left as the template gave them do not count.
const MaxResultRows = 5000

// resultRow is one row of the sheet as typed, with its number in the sheet (2 for the first
// under the header).
type resultRow struct {
	Row               int
	ID                int64
	Version           int
	Theory, Practical cell
	Bad               bool // a cell does not parse: reported, not recorded
}

// cell is one result cell: empty (nothing to record), 免考, 已录入…, or a score.
type cell struct {
	Empty, Exempt, Recorded bool
	Score                   float64
}

// score says whether the cell holds a score to record (or something typed that is none).
func (c cell) score() bool { return !c.Empty && !c.Exempt && !c.Recorded }

// scored says whether the row has a result to record.
func (r resultRow) scored() bool { return r.Theory.score() || r.Practical.score() }

// writeResultsSheet writes the template: the header, one row per application as rows
// gives them (each passed to add as it is read, and streamed into the sheet: excelize keeps
// a long sheet's rows in a temporary file, not in memory), and a second sheet saying how to
// fill it in.
func writeResultsSheet(w io.Writer, mark [2]float64, rows func(add func(row []string) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", ResultsSheet); err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(ResultsSheet)
	if err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for _, c := range []struct {
		from, to int
		width    float64
	}{{1, 2, 16}, {3, 5, 18}, {6, 7, 22}} {
		if err := sw.SetColWidth(c.from, c.to, c.width); err != nil {
			return fmt.Errorf("service: results sheet: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	head := make([]any, len(resultsHeader))
	for i, h := range resultsHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	n := 1
	err = rows(func(row []string) error {
		n++
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
			if id, err := strconv.ParseInt(v, 10, 64); err == nil && j < 2 {
				cells[j] = id // the number and version as numbers: Excel shows no "number stored as text"
			}
		}
		return sw.SetRow("A"+strconv.Itoa(n), cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	help := []string{
		"填写说明",
		"1. 每行一项「评价中」的申报；申报编号、版本、姓名、职业、等级由系统填写，请勿修改。",
		fmt.Sprintf("2. 在「%s」「%s」两列填写 0 到 100 的分数。理论知识考试成绩不低于 %g 分、操作技能考核成绩不低于 %g 分为合格，低于的记为不合格（三(二)3）。", colTheory, colPractical, mark[0], mark[1]),
		"3. 标为「免考」的，申报人具有相关专业毕业证书，免于理论知识考试（三(二)3），请保留「免考」。",
		"4. 标为「已录入」的成绩已经记录，不能修改；暂无成绩的留空，以后再导入。",
		"5. 上传后逐行检查：任何一行有误，全部不录入，并按行、列列出问题；改正后重新上传。",
	}
	f.NewSheet("说明")
	for i, line := range help {
		f.SetCellValue("说明", "A"+strconv.Itoa(i+1), line)
	}
	f.SetColWidth("说明", "A", "A", 120)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("service: results sheet: %w", err)
	}
	return nil
}

// readResultsSheet reads an uploaded sheet. Every problem names its row and column, in
// Chinese, and marks its row Bad; blank rows are left out. A sheet that is no results sheet
// at all returns no rows.
func readResultsSheet(data []byte) ([]resultRow, guantong.FieldErrors) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, guantong.FieldErrors{{Field: "file", Message: "不是有效的 Excel 文件（.xlsx），请使用下载的成绩录入模板"}}
	}
	defer f.Close()
	sheet := ResultsSheet
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		return nil, guantong.FieldErrors{{Field: "file", Message: "工作表「" + sheet + "」是空的"}}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	var es guantong.FieldErrors
	for _, h := range []string{colID, colVersion, colTheory, colPractical} {
		if _, ok := col[h]; !ok {
			es.Add("第 1 行", "缺少「%s」列，请使用下载的成绩录入模板", h)
		}
	}
	if len(es) > 0 {
		return nil, es
	}
	var out []resultRow
	scored := 0 // rows with a score to record, against MaxResultRows
	first := map[int64]int{}
	for i, raw := range rows[1:] {
		n := i + 2
		get := func(name string) string {
			if j := col[name]; j < len(raw) {
				return strings.TrimSpace(raw[j])
			}
			return ""
		}
		at := func(name string) string { return fmt.Sprintf("第 %d 行「%s」", n, name) }
		if strings.Join(raw, "") == "" {
			continue
		}
		r := resultRow{Row: n}
		before := len(es)
		var ok bool
		if r.Theory, ok = parseCell(get(colTheory), true); !ok {
			es.Add(at(colTheory), "须为 0 到 100 的分数、「免考」或留空，而不是「%s」", get(colTheory))
		}
		if r.Practical, ok = parseCell(get(colPractical), false); !ok {
			es.Add(at(colPractical), "须为 0 到 100 的分数或留空，而不是「%s」", get(colPractical))
		}
		id, err := strconv.ParseInt(get(colID), 10, 64)
		if err != nil || id <= 0 {
			es.Add(at(colID), "须为申报编号（正整数），而不是「%s」", get(colID))
		}
		version, err := strconv.Atoi(get(colVersion))
		if err != nil || version <= 0 {
			es.Add(at(colVersion), "须为下载模板时的版本号（正整数），而不是「%s」", get(colVersion))
		}
		if prev, dup := first[id]; dup && id > 0 {
			es.Add(at(colID), "申报 %d 已在第 %d 行出现", id, prev)
		} else {
			first[id] = n
		}
		r.ID, r.Version, r.Bad = id, version, len(es) > before
		if r.scored() {
			scored++
		}
		out = append(out, r)
	}
	if scored > MaxResultRows {
		return nil, guantong.FieldErrors{{Field: "file", Message: fmt.Sprintf("一次最多导入 %d 行成绩，本表填写了 %d 行，请分批导入", MaxResultRows, scored)}}
	}
	return out, es
}

// byRow sorts problems by the row their field names (第 3 行「…」), keeping the order of
// each row's own.
func byRow(es guantong.FieldErrors) {
	row := func(fe guantong.FieldError) int {
		var n int
		fmt.Sscanf(fe.Field, "第 %d 行", &n)
		return n
	}
	slices.SortStableFunc(es, func(a, b guantong.FieldError) int { return row(a) - row(b) })
}

// parseCell reads one result cell; 免考 only in the theory column.
func parseCell(s string, theory bool) (cell, bool) {
	switch {
	case s == "":
		return cell{Empty: true}, true
	case s == cellExempt:
		return cell{Exempt: true}, theory
	case strings.HasPrefix(s, cellRecorded):
		return cell{Recorded: true}, true
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "分"), 64)
	if err != nil || v < 0 || v > 100 {
		return cell{}, false
	}
	return cell{Score: v}, true
}

// recordedCell is what the template shows of a result already recorded.
func recordedCell(r *guantong.Result) string {
	word := "不合格"
	if r.Passed {
		word = "合格"
	}
	if r.Score != nil {
		return fmt.Sprintf("%s：%g 分，%s", cellRecorded, *r.Score, word)
	}
	return cellRecorded + "：" + word
}
