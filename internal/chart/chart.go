// Package chart draws the statistics' charts (internal/stats) as SVG on the server: bars
// (horizontal, one group per row, so that long Chinese labels stay readable on a phone) and
// lines (one per column, over months). No script: each chart carries its title and
// description for screen readers (role="img", <title>, <desc>), its axis labels, the value
// of each bar or point as text and as data-value, and scales to the width of its box. The
// numbers are also given as a table beside it by the page.
package chart

import (
	"fmt"
	"html"
	"strings"

	"guantong/internal/stats"
)

// Colours of the drawn columns, distinguishable in grey print as well (dark, then light).
var colours = []string{"#1f4e79", "#d98c1f", "#5b8c3a", "#8a3b6e"}

const (
	width   = 640
	labelW  = 200 // the row labels of a bar chart
	barH    = 16
	gap     = 10
	top     = 48 // title, legend
	bottomH = 44 // axis and its label
)

// SVG draws c; its ID makes the element ids unique on a page.
func SVG(c stats.Chart) string {
	if c.Kind == "line" {
		return line(c)
	}
	return bars(c)
}

// esc escapes text for SVG.
func esc(s string) string { return html.EscapeString(s) }

// short cuts a label to n runes, with an ellipsis; the full label is in the bar's <title>.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// describe is the chart's <desc>: every drawn figure in words, for a screen reader.
func describe(c stats.Chart) string {
	if len(c.Rows) == 0 {
		return "暂无数据。"
	}
	var parts []string
	for _, r := range c.Rows {
		var vs []string
		for _, i := range c.Draw {
			vs = append(vs, c.Columns[i]+" "+stats.Format(r.Values[i]))
		}
		parts = append(parts, r.Label+"："+strings.Join(vs, "，"))
	}
	return strings.Join(parts, "；") + "。"
}

// open starts the svg element with its accessible name and description.
func open(b *strings.Builder, c stats.Chart, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-t %s-d" data-chart="%s">`,
		width, h, c.ID, c.ID, c.ID)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, c.ID, esc(c.Title), c.ID, esc(describe(c)))
	fmt.Fprintf(b, `<text x="0" y="16" class="chart-title" font-size="15" font-weight="bold">%s</text>`, esc(c.Title))
	x := 0
	if len(c.Draw) > 1 {
		for k, i := range c.Draw {
			fmt.Fprintf(b, `<rect x="%d" y="26" width="12" height="12" fill="%s"/><text x="%d" y="36" font-size="12">%s</text>`,
				x, colours[k%len(colours)], x+16, esc(c.Columns[i]))
			x += 24 + 13*len([]rune(c.Columns[i]))
		}
	}
}

// scale returns a round maximum at or above m and its tick step (four ticks): the step is
// 1, 2, 2.5 or 5 times a power of ten.
func scale(m float64) (top, step float64) {
	if m <= 0 {
		return 4, 1
	}
	for p := 1.0; ; p *= 10 {
		for _, f := range []float64{1, 2, 2.5, 5} {
			if step = f * p; step*4 >= m {
				return step * 4, step
			}
		}
	}
}

func maxDrawn(c stats.Chart) float64 {
	m := 0.0
	for _, r := range c.Rows {
		for _, i := range c.Draw {
			m = max(m, r.Values[i])
		}
	}
	return m
}

// bars draws one group of horizontal bars per row.
func bars(c stats.Chart) string {
	var b strings.Builder
	group := len(c.Draw)*barH + gap
	plotH := max(len(c.Rows), 1) * group
	h := top + plotH + bottomH
	open(&b, c, h)
	plotW := float64(width - labelW - 50)
	hi, step := scale(maxDrawn(c))
	x := func(v float64) float64 { return float64(labelW) + plotW*v/hi }
	// Grid and ticks.
	for t := 0.0; t <= hi; t += step {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>`, x(t), top, x(t), top+plotH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, x(t), top+plotH+14, stats.Format(t))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" text-anchor="middle" class="axis-label">%s</text>`, x(hi/2), h-8, esc(c.XLabel))
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" text-anchor="end" class="axis-label">%s</text>`, labelW-6, top-2, esc(c.YLabel))
	if len(c.Rows) == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13">暂无数据</text>`, labelW+8, top+14)
	}
	for r, row := range c.Rows {
		y := top + r*group + gap/2
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" text-anchor="end">%s<title>%s</title></text>`,
			labelW-6, y+len(c.Draw)*barH/2+4, esc(short(row.Label, 15)), esc(row.Label))
		for k, i := range c.Draw {
			v := row.Values[i]
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s" data-row="%d" data-col="%d" data-value="%s"><title>%s %s：%s</title></rect>`,
				labelW, y+k*barH, x(v)-float64(labelW), barH-2, colours[k%len(colours)], r, i, stats.Format(v),
				esc(row.Label), esc(c.Columns[i]), stats.Format(v))
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11">%s</text>`, x(v)+4, y+k*barH+barH-5, stats.Format(v))
		}
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, labelW, top, labelW, top+plotH)
	b.WriteString(`</svg>`)
	return b.String()
}

// line draws one line per drawn column over the rows (months), with a dot and its value at
// each point.
func line(c stats.Chart) string {
	var b strings.Builder
	const plotH, left, right = 200, 56, 20
	h := top + plotH + bottomH + 10
	open(&b, c, h)
	hi, step := scale(maxDrawn(c))
	n := len(c.Rows)
	plotW := float64(width - left - right)
	x := func(i int) float64 {
		if n <= 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return float64(top+plotH) - plotH*v/hi }
	for t := 0.0; t <= hi; t += step {
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ccc"/>`, left, y(t), width-right, y(t))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="11" text-anchor="end">%s</text>`, left-6, y(t)+4, stats.Format(t))
	}
	fmt.Fprintf(&b, `<text x="12" y="%d" font-size="12" class="axis-label" text-anchor="middle" transform="rotate(-90 12 %d)">%s</text>`,
		top+plotH/2, top+plotH/2, esc(c.YLabel))
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" text-anchor="middle" class="axis-label">%s</text>`, left+plotW/2, h-6, esc(c.XLabel))
	every := max(1, (n+7)/8) // at most eight month labels
	for i, row := range c.Rows {
		if i%every == 0 || i == n-1 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle">%s</text>`, x(i), top+plotH+16, esc(row.Label))
		}
	}
	if n == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13">暂无数据</text>`, left+8, top+plotH/2)
	}
	for k, i := range c.Draw {
		var pts []string
		for r, row := range c.Rows {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(r), y(row.Values[i])))
		}
		colour := colours[k%len(colours)]
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), colour)
		for r, row := range c.Rows {
			v := row.Values[i]
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s" data-row="%d" data-col="%d" data-value="%s"><title>%s %s：%s</title></circle>`,
				x(r), y(v), colour, r, i, stats.Format(v), esc(row.Label), esc(c.Columns[i]), stats.Format(v))
		}
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`, left, top+plotH, width-right, top+plotH)
	b.WriteString(`</svg>`)
	return b.String()
}
