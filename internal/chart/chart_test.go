package chart

import (
	"strings"
	"testing"

	"guantong/internal/stats"
)

// The axis ends at a round number at or above the largest bar, in four steps.
func TestScale(t *testing.T) {
	for _, c := range []struct{ max, top, step float64 }{
		{0, 4, 1}, {3, 4, 1}, {5, 8, 2}, {9, 10, 2.5}, {86.7, 100, 25}, {100, 100, 25}, {129, 200, 50}, {655, 800, 200}, {100000, 100000, 25000},
	} {
		if top, step := scale(c.max); top != c.top || step != c.step {
			t.Errorf("scale(%v) = %v, %v; want %v, %v", c.max, top, step, c.top, c.step)
		}
	}
}

// A chart names itself for screen readers and escapes its labels.
func TestSVGAccessibleAndEscaped(t *testing.T) {
	c := stats.Chart{ID: "x", Title: "标题<", Kind: "bar", Label: "L", Columns: []string{"申报数"}, Draw: []int{0},
		Rows: []stats.Row{{Label: `<script>"`, Values: []float64{2}}}}
	for _, kind := range []string{"bar", "line"} {
		c.Kind = kind
		svg := SVG(c)
		for _, want := range []string{`role="img"`, `aria-labelledby="x-t x-d"`, `<title id="x-t">标题&lt;</title>`, "&lt;script&gt;&#34;：申报数 2。", `data-value="2"`} {
			if !strings.Contains(svg, want) {
				t.Errorf("%s: lacks %s\n%s", kind, want, svg)
			}
		}
		if strings.Contains(svg, "<script>") {
			t.Errorf("%s: label not escaped", kind)
		}
	}
}
