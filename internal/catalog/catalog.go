// Package catalog is the occupation ↔ title-series table of the plan's attachment
// (技能人才工种与职称系列对应表): which occupations open which of the seven series, looked up
// by code, searched by name, code or pinyin, and checked row by row when the department
// publishes a complete table to load instead of the built-in one.
package catalog

import (
	"bytes"
	"io"
	"slices"
	"sync"

	"guantong/data"
)

// TeacherSeries is the eighth series of the plan's 二(一). The table has no rows for it: by
// 二(三) any occupation in the table opens it to the staff of a 技工院校.
const TeacherSeries = "技工院校教师"

// tableSeries are the seven series of the table, in the plan's order.
var tableSeries = []string{"工程", "农业", "工艺美术", "文物博物", "实验技术", "艺术", "体育"}

// SeriesNames returns the eight series of the plan: the seven of the table, then
// TeacherSeries.
func SeriesNames() []string { return append(append([]string(nil), tableSeries...), TeacherSeries) }

// Entry is one row of the table.
type Entry struct {
	Series     string `json:"series"`
	Seq        int    `json:"seq"`
	Occupation string `json:"occupation"`
	Code       string `json:"code"`
	Note       string `json:"note"`
}

// Catalog is a loaded table. It is read-only after Load and safe for concurrent use.
type Catalog struct {
	entries []Entry
	series  map[string][]string // code → series in tableSeries order, shared: never modified
	names   map[string]string   // code → the plan's name (first row with the code)
	byName  map[string]string   // the plan's name → code (first row with the name)
	index   []searchKey         // one per entry, for Search
}

// Default returns the built-in table (data/catalog-seed.csv), parsed once. The package's
// tests prove it loads clean, so a failure here is a build mistake and panics.
func Default() *Catalog { return defaultCatalog() }

var defaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := Load(bytes.NewReader(data.CatalogSeed))
	if err != nil {
		panic("built-in catalog: " + err.Error())
	}
	return c
})

// Load reads a table with the header series,seq,occupation,code,note. Any bad row makes it
// fail with Problems listing every one, by line number.
func Load(r io.Reader) (*Catalog, error) {
	entries, problems := parse(r)
	if len(problems) > 0 {
		return nil, problems
	}
	c := &Catalog{entries: entries, series: map[string][]string{}, names: map[string]string{}, byName: map[string]string{}}
	for _, s := range tableSeries {
		for _, e := range entries {
			if e.Series == s {
				c.series[e.Code] = append(c.series[e.Code], s)
			}
		}
	}
	for code, ss := range c.series {
		c.series[code] = slices.Clip(ss) // a caller's append must not write into a shared array
	}
	for _, e := range entries {
		if _, ok := c.names[e.Code]; !ok {
			c.names[e.Code] = e.Occupation
		}
		if _, ok := c.byName[e.Occupation]; !ok {
			c.byName[e.Occupation] = e.Code
		}
	}
	c.index = buildIndex(entries)
	return c, nil
}

// Entries returns every row in table order.
func (c *Catalog) Entries() []Entry { return append([]Entry(nil), c.entries...) }

// Len returns the number of rows.
func (c *Catalog) Len() int { return len(c.entries) }

// Name returns the plan's name for a code.
func (c *Catalog) Name(code string) (string, bool) {
	n, ok := c.names[code]
	return n, ok
}

// SeriesOf returns the series whose rows hold code, in the plan's order, or nil. One code may
// open several series (72 codes stand in both 工程 and 实验技术). The slice is shared: do not
// modify it. It never holds TeacherSeries.
func (c *Catalog) SeriesOf(code string) []string { return c.series[code] }

// Contains reports whether code stands under series; for TeacherSeries, whether it is
// anywhere in the table (二(三)).
func (c *Catalog) Contains(code, series string) bool {
	if series == TeacherSeries {
		_, ok := c.names[code]
		return ok
	}
	for _, s := range c.series[code] {
		if s == series {
			return true
		}
	}
	return false
}
