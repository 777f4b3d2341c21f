package web

import (
	"net/http"
	"strings"

	"guantong/internal/catalog"
)

// catalogPage is the data of templates/catalog.html.
type catalogPage struct {
	Query   string
	Entries []catalog.Entry      // the rows found, as the table holds them (one per series)
	Opens   []opening            // which series each occupation found opens, when they are few
	Codes   int                  // distinct occupations found
	More    int                  // rows found beyond those shown
	Series  []seriesCount        // without a query: the table's series and their sizes
	Teacher string               // the series any occupation opens to a 技工院校 teacher
	School  string               // the employer kind that opens it
	Beyond  []catalog.Occupation // real occupations (2022 edition) the built-in table lacks
}

// opening says which title series one occupation opens.
type opening struct {
	Occupation, Code string
	Series           []string
}

type seriesCount struct {
	Name  string
	Count int
}

// maxOpenings is how many occupations a search may find and still have their series spelled
// out one sentence each.
const maxOpenings = 8

// maxCatalogRows bounds one page of results; a query as short as "工" matches most of the table.
const maxCatalogRows = 200

// catalogPage is GET /catalog?q=: search by name, code or pinyin.
func (s *Server) catalogPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 40 {
		q = string([]rune(q)[:40])
	}
	p := catalogPage{Query: q, Teacher: s.eng().Params().TeacherSeries, School: s.eng().Params().TeacherEmployerKind}
	if q == "" {
		counts := map[string]int{}
		for _, e := range s.catalog.Entries() {
			counts[e.Series]++
		}
		for _, name := range catalog.SeriesNames() {
			if name != catalog.TeacherSeries { // no rows of its own: the hint below says what opens it
				p.Series = append(p.Series, seriesCount{name, counts[name]})
			}
		}
	} else {
		found := s.catalog.Search(q)
		if len(found) > maxCatalogRows {
			p.More = len(found) - maxCatalogRows
			found = found[:maxCatalogRows]
		}
		p.Entries = found
		seen := map[string]bool{}
		for _, e := range found {
			if !seen[e.Code] {
				seen[e.Code] = true
				p.Opens = append(p.Opens, opening{Occupation: e.Occupation, Code: e.Code, Series: s.catalog.SeriesOf(e.Code)})
			}
		}
		p.Beyond = s.catalog.Beyond(q)
		p.Codes = len(p.Opens)
		if p.Codes > maxOpenings { // the table's series column says it row by row
			p.Opens = nil
		}
	}
	title := "工种查询"
	if q != "" {
		title = "工种查询：" + q
	}
	s.render(w, r, http.StatusOK, "catalog", page{Title: title, Nav: "catalog", Data: p})
}
