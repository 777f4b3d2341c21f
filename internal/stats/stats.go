// Package stats shapes the department's statistics (issue 11 item 3) from the store's
// aggregate queries: applications by stage, route, series, level, region and employer kind;
// pass rates by committee and review group, the skilled group beside the others (五's
// 大体平衡); the days spent in each stage; certificates per month; objections and
// revocations. Every figure comes from a GROUP BY in the database, so that a province's
// million applications are counted there, not loaded here.
//
// A Chart is a table of numbers with its title and axis labels: internal/chart draws it as
// SVG, Excel writes the same rows to a workbook, and the API returns it as JSON. The three
// read the same Chart, so that what is drawn, downloaded and served agree.
package stats

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"guantong"
	"guantong/internal/store"
)

// Source is what the dashboard reads: *store.Store.
type Source interface {
	ApplicationGroups(ctx context.Context, sc store.Scope) ([]store.ApplicationGroup, error)
	Decisions(ctx context.Context, sc store.Scope) ([]store.Count, error)
	StageDays(ctx context.Context, sc store.Scope) ([]store.Count, error)
	CertificatesByMonth(ctx context.Context, sc store.Scope) ([]store.Count, error)
	RevocationsByMonth(ctx context.Context, sc store.Scope) ([]store.Count, error)
	ObjectionsByStatus(ctx context.Context, sc store.Scope) ([]store.Count, error)
}

// Chart is one figure of the dashboard: Columns name the values of each row; Draw lists the
// columns drawn (the others are shown in the table and the workbook only).
type Chart struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Kind    string   `json:"kind"` // "bar" or "line"
	XLabel  string   `json:"x_label"`
	YLabel  string   `json:"y_label"`
	Label   string   `json:"label"` // the heading of the rows' label column
	Columns []string `json:"columns"`
	Draw    []int    `json:"draw"`
	Rows    []Row    `json:"rows"`
	Note    string   `json:"note,omitempty"`
}

// Row is one label and its values, in the order of Chart.Columns.
type Row struct {
	Label  string    `json:"label"`
	Values []float64 `json:"values"`
}

// Dashboard is every chart for one scope.
type Dashboard struct {
	Scope  string    `json:"scope"` // 全省 or the region
	AsOf   time.Time `json:"as_of"` // when it was counted
	Charts []Chart   `json:"charts"`
}

// Chart returns the dashboard's chart with id, or false.
func (d Dashboard) Chart(id string) (Chart, bool) {
	i := slices.IndexFunc(d.Charts, func(c Chart) bool { return c.ID == id })
	if i < 0 {
		return Chart{}, false
	}
	return d.Charts[i], true
}

// Build reads every figure of the scope: sc.Region "" is the province.
func Build(ctx context.Context, src Source, sc store.Scope) (Dashboard, error) {
	d := Dashboard{Scope: "全省"}
	if sc.Region != "" {
		d.Scope = sc.Region
	}
	groups, err := src.ApplicationGroups(ctx, sc)
	if err != nil {
		return d, err
	}
	for k, dim := range dims {
		c := Chart{ID: dim.id, Title: "申报 · 按" + dim.name, Kind: "bar", XLabel: "申报数（件）", YLabel: dim.name,
			Label: dim.name, Columns: []string{"申报数"}, Draw: []int{0}}
		sums := map[string]int64{}
		var keys []string
		for _, g := range groups {
			key := g.Keys[k]
			if _, ok := sums[key]; !ok {
				keys = append(keys, key)
			}
			sums[key] += g.N
		}
		// Largest first, then by key, as a table of counts is read.
		slices.SortFunc(keys, func(a, b string) int {
			if sums[a] != sums[b] {
				return int(sums[b] - sums[a])
			}
			return strings.Compare(a, b)
		})
		for _, key := range keys {
			c.Rows = append(c.Rows, Row{Label: dim.label(key), Values: []float64{float64(sums[key])}})
		}
		d.Charts = append(d.Charts, c)
	}
	decisions, err := src.Decisions(ctx, sc)
	if err != nil {
		return d, err
	}
	d.Charts = append(d.Charts, passRates(decisions), balance(decisions))
	days, err := src.StageDays(ctx, sc)
	if err != nil {
		return d, err
	}
	d.Charts = append(d.Charts, stageDays(days))
	certs, err := src.CertificatesByMonth(ctx, sc)
	if err != nil {
		return d, err
	}
	d.Charts = append(d.Charts, certificates(certs))
	objections, err := src.ObjectionsByStatus(ctx, sc)
	if err != nil {
		return d, err
	}
	revocations, err := src.RevocationsByMonth(ctx, sc)
	if err != nil {
		return d, err
	}
	d.Charts = append(d.Charts, simple("objections", "公示异议 · 按处理结果", "处理结果", "异议数（件）", objections, objectionName),
		simple("revocations", "证书撤销 · 按月", "月份", "撤销数（件）", revocations, func(s string) string { return s }))
	return d, nil
}

// dims are the dimensions applications are counted by, in the order of store.Dims.
var dims = []struct {
	id, name string
	label    func(string) string
}{
	{"stage", "阶段", func(s string) string { return guantong.Stage(s).Name() }},
	{"route", "申报途径", routeName},
	{"series", "职称系列", func(s string) string { return orDash(s, "（技能评价）") }},
	{"level", "层级", func(s string) string { return s }},
	{"region", "地区", func(s string) string { return orDash(s, "（未填）") }},
	{"employer_kind", "单位类型", func(s string) string { return orDash(s, "（未填）") }},
}

func orDash(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func routeName(r string) string {
	switch r {
	case guantong.RouteTitleReview:
		return "申报评审"
	case guantong.RouteTitleRecognition:
		return "认定"
	case guantong.RouteSkillEvaluation:
		return "职业技能评价"
	}
	return r
}

func objectionName(s string) string {
	switch s {
	case guantong.ObjectionOpen:
		return "待处理"
	case guantong.ObjectionUpheld:
		return "异议成立"
	case guantong.ObjectionDismissed:
		return "异议不成立"
	}
	return s
}

// simple is a one-column bar chart of counts.
func simple(id, title, label, unit string, cs []store.Count, name func(string) string) Chart {
	c := Chart{ID: id, Title: title, Kind: "bar", XLabel: unit, YLabel: label, Label: label, Columns: []string{unit}, Draw: []int{0}}
	for _, n := range cs {
		c.Rows = append(c.Rows, Row{Label: name(n.Key), Values: []float64{float64(n.N)}})
	}
	return c
}

// othersGroup names the applicants outside the skilled group (三(一)6).
const othersGroup = "其他申报人"

// tally is one committee and group's decisions.
type tally struct{ decided, passed int64 }

func (t tally) rate() float64 {
	if t.decided == 0 {
		return 0
	}
	return round1(100 * float64(t.passed) / float64(t.decided))
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// tallies sums the decisions by committee and group, committees in order of first row.
func tallies(cs []store.Count) (committees []string, by map[[2]string]tally) {
	by = map[[2]string]tally{}
	for _, n := range cs {
		if !slices.Contains(committees, n.Key) {
			committees = append(committees, n.Key)
		}
		k := [2]string{n.Key, orDash(n.Key2, othersGroup)}
		t := by[k]
		t.decided += n.N
		if n.Key3 == guantong.DecisionPassed || n.Key3 == guantong.DecisionRecognised {
			t.passed += n.N
		}
		by[k] = t
	}
	return committees, by
}

// passRates is the share of decisions that passed (评审通过 or 认定), by committee and group.
func passRates(cs []store.Count) Chart {
	c := Chart{ID: "pass_rates", Title: "评审通过率 · 按评审委员会和分组", Kind: "bar", XLabel: "通过率（%）", YLabel: "评审委员会 · 分组",
		Label: "评审委员会 · 分组", Columns: []string{"通过率（%）", "决定数", "通过数"}, Draw: []int{0}}
	committees, by := tallies(cs)
	for _, name := range committees {
		for _, g := range []string{"高技能人才组", othersGroup} {
			if t, ok := by[[2]string{name, g}]; ok {
				c.Rows = append(c.Rows, Row{Label: name + " · " + g, Values: []float64{t.rate(), float64(t.decided), float64(t.passed)}})
			}
		}
	}
	return c
}

// balance sets the skilled group beside the others in every committee that decided on both
// (五: 大体平衡).
func balance(cs []store.Count) Chart {
	c := Chart{ID: "balance", Title: "高技能人才组与其他申报人 · 同一评审委员会（大体平衡）", Kind: "bar", XLabel: "通过率（%）", YLabel: "评审委员会",
		Label: "评审委员会", Columns: []string{"高技能人才组通过率（%）", "其他申报人通过率（%）", "高技能人才组决定数", "其他申报人决定数"}, Draw: []int{0, 1},
		Note: "只列出对两组都作出过决定的评审委员会。"}
	committees, by := tallies(cs)
	for _, name := range committees {
		s, ok1 := by[[2]string{name, "高技能人才组"}]
		o, ok2 := by[[2]string{name, othersGroup}]
		if ok1 && ok2 {
			c.Rows = append(c.Rows, Row{Label: name, Values: []float64{s.rate(), o.rate(), float64(s.decided), float64(o.decided)}})
		}
	}
	return c
}

// stageDays reads the median and the 90th percentile of the days in each stage from the
// counts by (stage, days).
func stageDays(cs []store.Count) Chart {
	c := Chart{ID: "stage_days", Title: "各阶段停留天数（中位数、90% 分位数）", Kind: "bar", XLabel: "天数", YLabel: "阶段",
		Label: "阶段", Columns: []string{"中位数（天）", "90% 分位数（天）", "次数"}, Draw: []int{0, 1},
		Note: "按申请离开各阶段时记录的停留天数计算（不足一天计 0 天）。"}
	var stages []string
	hist := map[string][]store.Count{}
	for _, n := range cs {
		if _, ok := hist[n.Key]; !ok {
			stages = append(stages, n.Key)
		}
		hist[n.Key] = append(hist[n.Key], n)
	}
	order := func(s string) int { return slices.Index(stageOrder, guantong.Stage(s)) }
	slices.SortStableFunc(stages, func(a, b string) int { return order(a) - order(b) })
	for _, st := range stages {
		h := hist[st]
		slices.SortFunc(h, func(a, b store.Count) int { return atoi(a.Key2) - atoi(b.Key2) })
		var total int64
		for _, n := range h {
			total += n.N
		}
		c.Rows = append(c.Rows, Row{Label: guantong.Stage(st).Name(),
			Values: []float64{float64(Percentile(h, total, 0.5)), float64(Percentile(h, total, 0.9)), float64(total)}})
	}
	return c
}

// Percentile returns the nearest-rank p-th percentile of a histogram (Key2 the value, N its
// count) of total observations, sorted by value.
func Percentile(h []store.Count, total int64, p float64) int {
	rank := int64(math.Ceil(p * float64(total)))
	rank = max(rank, 1)
	var seen int64
	for _, n := range h {
		seen += n.N
		if seen >= rank {
			return atoi(n.Key2)
		}
	}
	return 0
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// certificates is a line per kind of the certificates of each month.
func certificates(cs []store.Count) Chart {
	c := Chart{ID: "certificates", Title: "证书 · 按月（职称、技能等级）", Kind: "line", XLabel: "月份", YLabel: "证书数（张）",
		Label: "月份", Columns: []string{"职称证书", "技能等级证书"}, Draw: []int{0, 1}}
	for _, n := range cs {
		if len(c.Rows) == 0 || c.Rows[len(c.Rows)-1].Label != n.Key {
			c.Rows = append(c.Rows, Row{Label: n.Key, Values: []float64{0, 0}})
		}
		col := 0
		if n.Key2 == guantong.KindSkill {
			col = 1
		}
		c.Rows[len(c.Rows)-1].Values[col] += float64(n.N)
	}
	return c
}

// stageOrder is the path's order, for the days-in-stage chart.
var stageOrder = []guantong.Stage{guantong.StageDraft, guantong.StageReturned, guantong.StageSubmitted, guantong.StageRecommended,
	guantong.StageNotice, guantong.StageCommittee, guantong.StageResultNotice, guantong.StageGranted, guantong.StageAssessing,
	guantong.StagePassed, guantong.StageIssued, guantong.StageRegistered}

// Format writes a figure as the table, the chart and the API show it: whole numbers without
// decimals, rates with one.
func Format(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
