package catalog

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestDefaultTable(t *testing.T) {
	c := Default()
	if c.Len() != 531 {
		t.Fatalf("%d rows, want 531", c.Len())
	}
	count := map[string]int{}
	for _, e := range c.Entries() {
		count[e.Series]++
	}
	want := map[string]int{"工程": 270, "农业": 40, "工艺美术": 23, "文物博物": 3, "实验技术": 186, "艺术": 4, "体育": 5}
	for s, n := range want {
		if count[s] != n {
			t.Errorf("%s: %d rows, want %d", s, count[s], n)
		}
	}
	if len(SeriesNames()) != 8 || SeriesNames()[7] != TeacherSeries {
		t.Errorf("SeriesNames = %v", SeriesNames())
	}
}

func TestLookup(t *testing.T) {
	c := Default()
	tests := []struct {
		name, code string
		series     []string
	}{
		{"二(三) one code in two series (NOTES: 工程 77 = 实验技术 28)", "6-16-02-11", []string{"工程", "实验技术"}},
		{"工程 only", "6-20-01-01", []string{"工程"}},
		{"体育", "4-13-04-03", []string{"体育"}},
		{"a code the plan left blank, from the 2022 classification", "6-20-01-07", []string{"工程"}},
		{"not in the table", "6-99-99-99", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.SeriesOf(tt.code); !slices.Equal(got, tt.series) {
				t.Errorf("SeriesOf(%s) = %v, want %v", tt.code, got, tt.series)
			}
		})
	}
	if n, ok := c.Name("6-20-01-01"); !ok || n != "钳工" {
		t.Errorf("Name = %q %v", n, ok)
	}
	if !c.Contains("6-20-01-01", TeacherSeries) || c.Contains("6-99-99-99", TeacherSeries) {
		t.Error("二(三): every occupation in the table, and only those, opens 技工院校教师")
	}
	if c.Contains("6-20-01-01", "农业") || !c.Contains("6-16-02-11", "实验技术") {
		t.Error("Contains disagrees with the table")
	}
}

func names(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Series+":"+e.Occupation)
	}
	return out
}

func TestSearch(t *testing.T) {
	c := Default()
	tests := []struct {
		query string
		want  string // a "series:occupation" that must be found
		not   string // one that must not
	}{
		{"钳工", "工程:钳工", "工程:管工"},
		{"钳", "工程:钳工", ""},
		{"6-20-01-01", "工程:钳工", "工程:轴承制造工"},
		{"6-20-01", "工程:轴承制造工", "工程:管工"},
		{"qg", "工程:钳工", ""},
		{"QG", "工程:钳工", ""},
		{"qiangong", "工程:钳工", ""},
		{"qian gong", "工程:钳工", ""},
		{"qiang", "工程:钳工", ""},
		{"gong", "工程:钳工", ""},
		{"zhongyehuofa", "工程:重冶火法冶炼工", ""}, // 重 read zhong here…
		{"chongye", "", "工程:钳工"},           // …and chong is one of its readings too
		{"hjcl", "工程:焊接材料制造工", ""},
		{"xyz", "", "工程:钳工"},
	}
	for _, tt := range tests {
		got := names(c.Search(tt.query))
		if tt.want != "" && !slices.Contains(got, tt.want) {
			t.Errorf("Search(%q) lacks %s: %v", tt.query, tt.want, got)
		}
		if tt.not != "" && slices.Contains(got, tt.not) {
			t.Errorf("Search(%q) has %s", tt.query, tt.not)
		}
	}
	if got := c.Search("6-16-02-11"); len(got) != 2 {
		t.Errorf("a code under two series gives %d rows", len(got))
	}
	if got := c.Search(""); len(got) != 531 {
		t.Errorf("empty query gives %d rows", len(got))
	}
	if got := c.Search("qg"); len(got) > 50 || got[0].Occupation != "钳工" {
		t.Errorf("qg gives %d rows, first %v; want 钳工 first (its whole name)", len(got), got[0])
	}
	if got := c.Search("钳工"); got[0].Occupation != "钳工" || len(got) < 2 {
		t.Errorf("钳工 gives %v; want the exact name first, then 道岔钳工…", names(got))
	}
}

func TestCheckFindsEveryBadRow(t *testing.T) {
	f, err := os.Open("testdata/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := Check(f)
	want := []string{
		`第 3 行 series: "电子" 不是对应表的职称系列`,
		`第 4 行 seq: "x" 不是正整数`,
		`第 5 行 occupation: 职业名称为空`,
		`第 6 行 code: "6-2-01-01" 不是职业编码`,
		`第 7 行 code: 6-20-01-01 在 工程 系列中重复（第 2 行已有）`,
		`第 8 行 seq: 序号 1 在 工程 系列中重复（第 2 行已有）`,
		`第 9 行：应有 5 列，实有 3 列`,
		`第 10 行 series: "技工院校教师" 没有对应表行`,
	}
	for _, w := range want {
		found := false
		for _, p := range got {
			found = found || strings.HasPrefix(p.String(), w)
		}
		if !found {
			t.Errorf("no problem %q in:\n%v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(got), len(want), got)
	}
	if _, err := Load(strings.NewReader("series,seq,occupation,code,note\n")); err == nil {
		t.Error("a header-only table loaded")
	}
	if ps := Check(strings.NewReader("")); len(ps) != 1 || ps[0].Line != 1 {
		t.Errorf("empty file: %v", ps)
	}
	if ps := Check(strings.NewReader("系列,序号\n")); len(ps) == 0 || !strings.Contains(ps[0].Message, "表头") {
		t.Errorf("bad header: %v", ps)
	}
	if ps := Check(strings.NewReader("series,seq,occupation,code,note\n工程,1,\"钳工,6-20-01-01,\n")); len(ps) == 0 || !strings.Contains(ps[0].Message, "CSV") {
		t.Errorf("broken quoting: %v", ps)
	}
}

func TestLoadAnotherTable(t *testing.T) {
	c, err := Load(strings.NewReader("\ufeffseries,seq,occupation,code,note\n工程,1,焊工,6-18-02-04,\n实验技术,1,焊工,6-18-02-04,\n农业,1,家畜繁殖员,5-03-01-01,完整表\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 3 || !slices.Equal(c.SeriesOf("6-18-02-04"), []string{"工程", "实验技术"}) {
		t.Errorf("loaded %v", c.Entries())
	}
}

func BenchmarkSearch(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Search("qg")
	}
}

func BenchmarkSeriesOf(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.SeriesOf("6-16-02-11")
	}
}
