package whatif

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"guantong"
	"guantong/internal/screen"
	"guantong/internal/workbook"
)

// Dimensions the changes are counted by.
const (
	BySeries = iota // the series, or 职业技能评价 for the reverse route
	ByLevel
	ByRegion
	ByRoute
	dims
)

// DimLabels name the dimensions, in order.
var DimLabels = [...]string{"系列", "等级", "地区", "途径"}

// examplesPerKind is how many example people the terminal report shows for each kind.
const examplesPerKind = 3

// Example is one changed option of one person, for the terminal.
type Example struct {
	Row    int
	Name   string
	Change Change
}

// Report counts the changes of a simulation and, when it has a workbook, lists every one.
type Report struct {
	AsOf                                guantong.Date
	Read, Bad, Changed, Gainers, Losers int
	Moved                               int // people with a date moved and no gain or loss
	Counts                              [dims]map[string]*[kinds]int
	Examples                            [kinds][]Example
	OnChange                            func(rec *workbook.Record, cs []Change) // called for each person with changes
	w                                   *workbook.Writer
	detail                              *workbook.Table
	row                                 []any
}

// DetailHeaders are the columns of the 变化明细 sheet: one row per changed option, with the
// reasons under both policies.
var DetailHeaders = []string{"行号", "姓名", "证件号码", "地区", "变化", "途径", "系列", "职业编码", "等级",
	"现行状态", "现行可申报日期", "现行理由", "草案状态", "草案可申报日期", "草案理由"}

// NewReport returns an empty report; with path (.xlsx or .csv) it also writes the workbook.
func NewReport(path string) (*Report, error) {
	r := &Report{}
	for d := range r.Counts {
		r.Counts[d] = map[string]*[kinds]int{}
	}
	if path == "" {
		return r, nil
	}
	w, err := workbook.Create(path)
	if err != nil {
		return nil, err
	}
	r.w = w
	if r.detail, err = w.Table("变化明细", DetailHeaders, 7, 10, 20, 10, 12, 12, 12, 12, 8, 10, 12, 60, 10, 12, 60); err != nil {
		w.Abort()
		return nil, err
	}
	return r, nil
}

// Add compares one person's two answers (screen.Result.Answers: the policy in force, then
// the draft).
func (r *Report) Add(res *screen.Result) error {
	r.Read++
	if len(res.Answers) < 2 {
		r.Bad++
		return nil
	}
	before, after := &res.Answers[0], &res.Answers[1]
	if r.AsOf.IsZero() {
		r.AsOf = before.AsOf
	}
	cs := Compare(before, after)
	if len(cs) == 0 {
		return nil
	}
	r.Changed++
	var gain, loss bool
	rec := &res.Record
	for _, c := range cs {
		gain = gain || c.Kind == Gain
		loss = loss || c.Kind == Loss
		r.count(c, rec.Region)
		if len(r.Examples[c.Kind]) < examplesPerKind {
			r.Examples[c.Kind] = append(r.Examples[c.Kind], Example{Row: rec.Row, Name: rec.Person.Name, Change: c})
		}
		if r.detail != nil {
			if err := r.writeDetail(rec, c); err != nil {
				return err
			}
		}
	}
	switch {
	case gain:
		r.Gainers++
	case loss:
	default:
		r.Moved++
	}
	if loss {
		r.Losers++
	}
	if r.OnChange != nil {
		r.OnChange(rec, cs)
	}
	return nil
}

func (r *Report) count(c Change, region string) {
	series := c.Key.Series
	if c.Key.Route == guantong.RouteSkillEvaluation {
		series = screen.RouteLabel(c.Key.Route)
	}
	if region == "" {
		region = "（未填）"
	}
	for d, v := range [dims]string{series, c.Key.Level, region, screen.RouteLabel(c.Key.Route)} {
		n := r.Counts[d][v]
		if n == nil {
			n = new([kinds]int)
			r.Counts[d][v] = n
		}
		n[c.Kind]++
	}
}

func (r *Report) writeDetail(rec *workbook.Record, c Change) error {
	side := func(o *guantong.Option) (string, string, string) {
		if o == nil {
			return "（无此项）", "", ""
		}
		return screen.StatusLabel(o.Status), screen.Opens(*o, r.AsOf).String(), Reasons(o)
	}
	bs, bd, br := side(c.Before)
	as, ad, ar := side(c.After)
	r.row = append(r.row[:0], rec.Row, rec.Person.Name, rec.Person.IDNumber, rec.Region, c.Kind.String(),
		screen.RouteLabel(c.Key.Route), c.Key.Series, c.Key.OccupationCode, c.Key.Level, bs, bd, br, as, ad, ar)
	return r.detail.Row(r.row...)
}

// Reasons writes every condition of an option on its own line: ✓ or ✗, the clause, the text.
func Reasons(o *guantong.Option) string {
	var b strings.Builder
	for i, rs := range o.Reasons {
		if i > 0 {
			b.WriteByte('\n')
		}
		if rs.Met {
			b.WriteString("✓ ")
		} else {
			b.WriteString("✗ ")
		}
		b.WriteString(rs.Clause + " " + rs.Text)
	}
	return b.String()
}

// Close writes the summary and the counts after the detail, and finishes the workbook.
func (r *Report) Close() error {
	if r.w == nil {
		return nil
	}
	t, err := r.w.Table("汇总", []string{"项目", "人数"}, 36, 12)
	if err != nil {
		r.w.Abort()
		return err
	}
	for _, l := range r.Lines() {
		if err := t.Row(l.Label, l.Value); err != nil {
			r.w.Abort()
			return err
		}
	}
	for d := range dims {
		headers := append([]string{DimLabels[d]}, KindLabels[:]...)
		t, err := r.w.Table("按"+DimLabels[d], headers, 16, 12, 12, 12, 12, 14)
		if err != nil {
			r.w.Abort()
			return err
		}
		for _, v := range r.Values(d) {
			row := []any{v}
			for _, n := range r.Counts[d][v] {
				row = append(row, n)
			}
			if err := t.Row(row...); err != nil {
				r.w.Abort()
				return err
			}
		}
	}
	return r.w.Close()
}

// Abort discards the workbook.
func (r *Report) Abort() {
	if r.w != nil {
		r.w.Abort()
	}
}

// Values returns the values of a dimension that have changes, sorted.
func (r *Report) Values(d int) []string {
	vs := make([]string, 0, len(r.Counts[d]))
	for v := range r.Counts[d] {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	return vs
}

// Lines is the report's headline figures.
func (r *Report) Lines() []screen.Line {
	return []screen.Line{
		{Label: "评估日期", Value: r.AsOf.String()},
		{Label: "读取人数", Value: r.Read},
		{Label: "数据有误", Value: r.Bad},
		{Label: "有变化的人", Value: r.Changed},
		{Label: "新增可申报的人", Value: r.Gainers},
		{Label: "不再可申报的人", Value: r.Losers},
		{Label: "仅日期或其他状态变化的人", Value: r.Moved},
	}
}

// WriteText prints the headline figures, the counts by route and series, and a few example
// people of each kind with their reasons under both policies.
func (r *Report) WriteText(w io.Writer) {
	for _, l := range r.Lines() {
		fmt.Fprintf(w, "%s：%v\n", l.Label, l.Value)
	}
	for _, d := range []int{ByRoute, BySeries, ByLevel, ByRegion} {
		fmt.Fprintf(w, "\n按%s（人次）：%s\n", DimLabels[d], strings.Join(KindLabels[:], " / "))
		for _, v := range r.Values(d) {
			n := r.Counts[d][v]
			fmt.Fprintf(w, "  %-10s %d / %d / %d / %d / %d\n", v, n[Gain], n[Loss], n[Earlier], n[Later], n[Other])
		}
	}
	for k := range kinds {
		if len(r.Examples[k]) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s，例如：\n", KindLabels[k])
		for _, ex := range r.Examples[k] {
			c := ex.Change
			fmt.Fprintf(w, "  第%d行 %s：%s %s %s\n", ex.Row, ex.Name, screen.RouteLabel(c.Key.Route), c.Key.Series, c.Key.Level)
			for _, side := range []struct {
				label string
				o     *guantong.Option
			}{{"现行", c.Before}, {"草案", c.After}} {
				if side.o == nil {
					fmt.Fprintf(w, "    %s：无此项\n", side.label)
					continue
				}
				fmt.Fprintf(w, "    %s：%s %s\n      %s\n", side.label, screen.StatusLabel(side.o.Status),
					screen.Opens(*side.o, r.AsOf), strings.ReplaceAll(Reasons(side.o), "\n", "\n      "))
			}
		}
	}
}
