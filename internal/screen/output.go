package screen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"guantong"
	"guantong/internal/workbook"
)

// Output writes results as they come, then the summary.
type Output interface {
	Write(r *Result) error
	Close(s *Summary) error // finishes the file; nothing is under its name before
	Abort()                 // discards what was written
}

// ResultHeaders are the columns of the result sheet: one row per person and option, or one
// row for a person with no option.
var ResultHeaders = []string{"行号", "姓名", "证件号码", "地区", "途径", "系列", "职业编码", "等级", "状态",
	"可申报日期", "首个未满足条件", "缺少信息", "评审/评价机构", "提示"}

var resultWidths = []float64{7, 10, 20, 10, 12, 12, 12, 8, 10, 12, 48, 24, 36, 30}

// ProblemHeaders are the columns of the sheet of bad rows.
var ProblemHeaders = []string{"行号", "列", "列名或字段", "问题"}

// Create opens an output by the extension of path: .xlsx and .csv through internal/workbook,
// .jsonl as one JSON object per person.
func Create(path string) (Output, error) {
	format, err := workbook.FormatOf(path)
	if err != nil {
		return nil, err
	}
	if format == workbook.JSONL {
		return newJSONOutput(path)
	}
	w, err := workbook.Create(path)
	if err != nil {
		return nil, err
	}
	o := &tableOutput{w: w}
	if o.results, err = w.Table("测评结果", ResultHeaders, resultWidths...); err != nil {
		w.Abort()
		return nil, err
	}
	if o.problems, err = w.Table("数据问题", ProblemHeaders, 7, 6, 20, 80); err != nil {
		w.Abort()
		return nil, err
	}
	return o, nil
}

type tableOutput struct {
	w                 *workbook.Writer
	results, problems *workbook.Table
	row               []any
}

func (o *tableOutput) Write(r *Result) error {
	rec := &r.Record
	if len(r.Answers) == 0 {
		for _, p := range rec.Problems {
			where := p.Header
			if where == "" {
				where = p.Field
			}
			if err := o.problems.Row(p.Row, p.Column(), where, p.Message); err != nil {
				return err
			}
		}
		return nil
	}
	a := &r.Answers[0]
	warn := strings.Join(a.Warnings, "；")
	if len(a.Options) == 0 {
		reason := ""
		if len(a.NotApplicable) > 0 {
			reason = a.NotApplicable[0].Clause + " " + a.NotApplicable[0].Text
		}
		return o.results.Row(rec.Row, rec.Person.Name, rec.Person.IDNumber, rec.Region, "", "", "", "", "无可申报项",
			"", reason, "", "", warn)
	}
	for _, opt := range a.Options {
		o.row = append(o.row[:0], rec.Row, rec.Person.Name, rec.Person.IDNumber, rec.Region, RouteLabel(opt.Route), opt.Series,
			opt.OccupationCode, opt.Level.String(), StatusLabel(opt.Status), Opens(opt, a.AsOf).String(), FirstUnmet(opt),
			Missing(opt), opt.Authority, warn)
		if err := o.results.Row(o.row...); err != nil {
			return err
		}
	}
	return nil
}

func (o *tableOutput) Close(s *Summary) error {
	t, err := o.w.Table("汇总", []string{"项目", "人数"}, 36, 12)
	if err != nil {
		o.w.Abort()
		return err
	}
	for _, line := range s.Lines() {
		if err := t.Row(line.Label, line.Value); err != nil {
			o.w.Abort()
			return err
		}
	}
	headers := append([]string{"途径", "系列或职业编码", "等级"}, WhenLabels[:]...)
	t, err = o.w.Table("按系列等级", append(headers, "合计"), 14, 16, 8, 10, 12, 10, 10, 10, 8, 8)
	if err != nil {
		o.w.Abort()
		return err
	}
	for _, k := range s.Keys() {
		c := s.Options[k]
		row := []any{k.Route, k.Series, k.Level}
		total := 0
		for _, n := range c {
			row = append(row, n)
			total += n
		}
		if err := t.Row(append(row, total)...); err != nil {
			o.w.Abort()
			return err
		}
	}
	return o.w.Close()
}

func (o *tableOutput) Abort() { o.w.Abort() }

// Line is one line of the summary: a label and a count (or the date judged on).
type Line struct {
	Label string
	Value any
}

// Lines is the summary as label and value, for the 汇总 sheet and the terminal.
func (s *Summary) Lines() []Line {
	return []Line{
		{"评估日期", s.AsOf.String()},
		{"读取人数", s.Read},
		{"数据有误（见“数据问题”）", s.Bad},
		{"无可申报项", s.NoOption},
		{"现可申报（至少一项）", s.People[Now]},
		{"今年内可申报（最早一项）", s.People[ThisYear]},
		{"明年可申报（最早一项）", s.People[NextYear]},
		{"以后可申报（最早一项）", s.People[Later]},
		{"仅待补信息", s.People[NeedsInfo]},
		{"各项均不符合", s.People[Never]},
	}
}

// WriteText prints the summary's lines.
func (s *Summary) WriteText(w io.Writer) {
	for _, l := range s.Lines() {
		fmt.Fprintf(w, "%s：%v\n", l.Label, l.Value)
	}
}

// jsonOutput writes one JSON object per person: {"row", "name", "region", "answer"} or
// {"row", "problems"}.
type jsonOutput struct {
	f    *os.File
	path string
	bw   *bufio.Writer
	enc  *json.Encoder
}

func newJSONOutput(path string) (*jsonOutput, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".guantong-*.jsonl")
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonOutput{f: f, path: path, bw: bw, enc: enc}, nil
}

type jsonLine struct {
	Row      int                `json:"row"`
	Name     string             `json:"name,omitempty"`
	Region   string             `json:"region,omitempty"`
	Answer   *guantong.Answer   `json:"answer,omitempty"`
	Problems []workbook.Problem `json:"problems,omitempty"`
}

func (o *jsonOutput) Write(r *Result) error {
	l := jsonLine{Row: r.Record.Row, Name: r.Record.Person.Name, Region: r.Record.Region, Problems: r.Record.Problems}
	if len(r.Answers) > 0 {
		l.Answer = &r.Answers[0]
	}
	return o.enc.Encode(l)
}

func (o *jsonOutput) Close(*Summary) error {
	if err := o.bw.Flush(); err != nil {
		o.Abort()
		return err
	}
	if err := o.f.Close(); err != nil {
		os.Remove(o.f.Name())
		return err
	}
	return os.Rename(o.f.Name(), o.path)
}

func (o *jsonOutput) Abort() {
	o.f.Close()
	os.Remove(o.f.Name())
}
