package catalog

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"guantong/data"
)

// Polyphonic characters: the pinyin library's first reading is not always the one the name
// uses, so every reading is indexed.
func TestSearchPolyphonic(t *testing.T) {
	c := Default()
	tests := []struct{ query, want string }{
		{"tiaoshi", "工程:电梯装配调试工"}, // 调 is read tiao in 调试; the library lists diao first
		{"diaoshi", "工程:电梯装配调试工"}, // and the other reading still finds it
		{"kongtiao", "工程:制冷空调安装系统维护工"},
		{"zhongye", "工程:重冶备料工"},  // 重 zhong, its first reading
		{"chongye", "工程:重冶备料工"},  // 重 chong, another
		{"lvdianjie", "工程:铝电解工"}, // 铝 lǚ, written v…
		{"ludianjie", "工程:铝电解工"}, // …or u, as people type it
		{"ldj", "工程:铝电解工"},
	}
	for _, tt := range tests {
		if got := names(c.Search(tt.query)); !slices.Contains(got, tt.want) {
			t.Errorf("Search(%q) lacks %s: %v", tt.query, tt.want, got)
		}
	}
}

// Every row found appears once; a code in two series gives one row per series, in table
// order; a pinyin query that matches no character finds nothing.
func TestSearchRows(t *testing.T) {
	c := Default()
	for _, q := range []string{"工", "g", "qg", "6-", "6-16-02-11", "gong", "zhizaogong"} {
		got := c.Search(q)
		seen := map[Entry]bool{}
		for _, e := range got {
			if seen[e] {
				t.Errorf("Search(%q) gives %s:%d twice", q, e.Series, e.Seq)
			}
			seen[e] = true
		}
	}
	if got := names(c.Search("6-16-02-11")); !slices.Equal(got, []string{"工程:油气输送工", "实验技术:油气输送工"}) {
		t.Errorf("6-16-02-11: %v", got)
	}
	for _, q := range []string{"xxxxxxxx", "qgqgqgqgqg", "6-99", "钳工x", "q-g"} {
		if got := c.Search(q); len(got) != 0 {
			t.Errorf("Search(%q) finds %v", q, names(got))
		}
	}
	// A code query is a prefix of the code, not a substring: 01-01 is inside 6-20-01-01.
	if got := c.Search("01-01"); len(got) != 0 {
		t.Errorf("01-01 finds %v", names(got))
	}
}

func ExampleCatalog_Search() {
	c, err := Load(bytes.NewReader(data.CatalogSeed))
	if err != nil {
		panic(err)
	}
	// The whole name first, then the names it is read in; 钢筋工 because 筋 also reads qian.
	for _, e := range c.Search("qiangong") {
		fmt.Println(e.Series, e.Seq, e.Occupation, e.Code)
	}
	// Output:
	// 工程 169 钳工 6-20-01-01
	// 工程 227 铁路机车车辆制动钳工 6-23-01-04
	// 工程 228 道岔钳工 6-23-01-05
	// 工程 337 钢筋工 6-29-01-04
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data.CatalogSeed)); err != nil {
			b.Fatal(err)
		}
	}
}
