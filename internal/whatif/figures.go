package whatif

import (
	"guantong"
	"guantong/internal/screen"
	"guantong/internal/stats"
)

// Figures are a finished simulation as the admin's page and the API show it: the headline
// counts of people, the changes counted by series, level, region and route as charts (the
// figures drawn, the table beside them and each chart's Excel are these), and the example
// people with their reasons under both policies. They are small whatever the population:
// counts and at most a few examples of each kind.
type Figures struct {
	AsOf            guantong.Date `json:"as_of"`
	Base            string        `json:"base"`  // the policy in force compared with (its id)
	Draft           string        `json:"draft"` // the draft's id
	Read            int           `json:"read"`
	Bad             int           `json:"bad"`
	Changed         int           `json:"changed"`
	Gainers         int           `json:"gainers"`
	Losers          int           `json:"losers"`
	Moved           int           `json:"moved"` // people with a date moved (or another change) and no gain or loss
	stats.Dashboard               // the charts; Scope names both policies and the date
	Examples        []ExampleView `json:"examples"`
}

// ExampleView is one example person's changed option under both policies.
type ExampleView struct {
	Kind           string `json:"kind"` // KindLabels
	Row            int    `json:"row"`
	Name           string `json:"name"`
	Route          string `json:"route"`
	Series         string `json:"series"`
	Level          string `json:"level"`
	OccupationCode string `json:"occupation_code,omitempty"`
	Before         *Side  `json:"before"` // nil: the policy in force lists no such option
	After          *Side  `json:"after"`  // nil: the draft lists no such option
}

// Side is one option's status under one policy, with every reason.
type Side struct {
	Status  string            `json:"status"` // guantong.Status…
	Label   string            `json:"label"`  // the status in Chinese
	Opens   guantong.Date     `json:"opens,omitzero"`
	Reasons []guantong.Reason `json:"reasons"`
}

// chartIDs are the charts' ids, in dimension order.
var chartIDs = [dims]string{"by-series", "by-level", "by-region", "by-route"}

// Figures returns the report's figures; base and draft name the two policies.
func (r *Report) Figures(base, draft string) Figures {
	f := Figures{AsOf: r.AsOf, Base: base, Draft: draft, Read: r.Read, Bad: r.Bad, Changed: r.Changed,
		Gainers: r.Gainers, Losers: r.Losers, Moved: r.Moved, Examples: []ExampleView{}}
	f.Scope = "草案 " + draft + " 对比现行 " + base + "，评估日期 " + r.AsOf.String()
	for d := range dims {
		f.Charts = append(f.Charts, r.chart(d))
	}
	for k := range kinds {
		for _, ex := range r.Examples[k] {
			c := ex.Change
			f.Examples = append(f.Examples, ExampleView{Kind: c.Kind.String(), Row: ex.Row, Name: ex.Name,
				Route: screen.RouteLabel(c.Key.Route), Series: c.Key.Series, Level: c.Key.Level,
				OccupationCode: c.Key.OccupationCode, Before: r.side(c.Before), After: r.side(c.After)})
		}
	}
	return f
}

// chart is one dimension's counts: a row per value, a column per kind of change. The four
// kinds that move an option are drawn; 其他状态变化 is in the table and the workbook only,
// since it mixes changes of different directions.
func (r *Report) chart(d int) stats.Chart {
	c := stats.Chart{ID: chartIDs[d], Title: "按" + DimLabels[d] + "的变化（人次）", Kind: "bar",
		XLabel: "人次（一人可有多个选项变化）", YLabel: DimLabels[d], Label: DimLabels[d],
		Columns: KindLabels[:], Draw: []int{int(Gain), int(Loss), int(Earlier), int(Later)}, Rows: []stats.Row{},
		Note: "“其他状态变化”（如不可申报变为尚未满足年限）只列在表中。"}
	for _, v := range r.Values(d) {
		row := stats.Row{Label: v}
		for _, n := range r.Counts[d][v] {
			row.Values = append(row.Values, float64(n))
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

func (r *Report) side(o *guantong.Option) *Side {
	if o == nil {
		return nil
	}
	return &Side{Status: o.Status, Label: screen.StatusLabel(o.Status), Opens: screen.Opens(*o, r.AsOf),
		Reasons: o.Reasons}
}
