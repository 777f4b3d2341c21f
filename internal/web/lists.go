package web

import (
	"net/http"
	"net/url"
	"slices"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/province"
	"guantong/internal/service"
	"guantong/internal/store"
)

// Every list of applications on the pages is read a page at a time, with the same filter
// form (templates/partials/lists.html "listfilters") and the same paging bar ("pager"):
// the exact total, 首页 / 上一页 / 下一页 / 末页 by the service's cursors, and the download of
// the list's current view as Excel. A page of several lists (a queue's sections) pages each
// on its own: the section parameter names the one a cursor belongs to.

// listState is the filter of a page's lists as asked for in its address.
type listState struct {
	Path string // the page's path
	View string // the page's key, for the Excel download
	// Label says what the search box finds, as its placeholder.
	Label string
	// Download is the address of the list's Excel download when it is not the
	// applications' (a list of accounts, organisations, experts); "" there is none.
	Download string
	Values   url.Values // the filters as typed, without section and cursor
	Query    service.ListQuery
	Errs     errs
	Open     bool // the form starts unfolded: a filter is in use
	Stages   []stageChoice
}

type stageChoice struct {
	Value, Label string
	Selected     bool
}

// Choices of the filter form.
var (
	listRoutes  = []string{guantong.RouteTitleReview, guantong.RouteTitleRecognition, guantong.RouteSkillEvaluation}
	listLevels  = []string{"助理级", "中级", "副高级", "正高级", "高级工", "技师", "高级技师"}
	listSeries  = catalog.SeriesNames()
	listRegions = province.Regions
	listStages  = []guantong.Stage{guantong.StageDraft, guantong.StageReturned, guantong.StageSubmitted, guantong.StageRecommended,
		guantong.StageNotice, guantong.StageCommittee, guantong.StageResultNotice, guantong.StageGranted, guantong.StageAssessing,
		guantong.StagePassed, guantong.StageIssued, guantong.StageRegistered, guantong.StageRejected, guantong.StageFailed,
		guantong.StageWithdrawn, guantong.StageRevoked}
)

// Routes, series, levels and regions for the form's selects.
func (l *listState) Routes() []string  { return listRoutes }
func (l *listState) Series() []string  { return listSeries }
func (l *listState) Levels() []string  { return listLevels }
func (l *listState) Regions() []string { return listRegions }

// listFilters reads the filters of the request; a value it cannot read is shown beside its
// field and the list is shown unfiltered, never refused.
func listFilters(r *http.Request, view string) *listState {
	l := &listState{Path: r.URL.Path, View: view, Label: "姓名、身份证号、申报编号、单位或工种", Errs: errs{},
		Values: typed(r.URL.Query(), "q", "stage", "kind", "route", "series", "level", "region", "from", "to", "sort", "limit")}
	q, err := service.ParseListQuery(l.Values)
	if l.errors(err) {
		q = service.ListQuery{}
	}
	l.Query = q
	l.Open = q.Filtered() || len(q.Stages) > 0 || len(l.Errs) > 0
	for _, st := range listStages {
		l.Stages = append(l.Stages, stageChoice{string(st), st.Name(), slices.Contains(q.Stages, st)})
	}
	return l
}

// typed returns the values of keys in v that are not empty: a list's filters as typed.
func typed(v url.Values, keys ...string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		for _, x := range v[k] {
			if x != "" {
				out.Add(k, x)
			}
		}
	}
	return out
}

// errors puts the field errors of err beside their fields and reports whether there were
// any: the list is then shown unfiltered.
func (l *listState) errors(err error) bool {
	fe, ok := err.(guantong.FieldErrors)
	for _, e := range fe {
		l.Errs[e.Field] = e.Message
	}
	return ok
}

// section returns the query of one list of the page: the filters, narrowed to the stages
// given (nil: those of no other list, others), with the cursor when the request pages this
// list.
func (l *listState) section(r *http.Request, id string, stages, others []guantong.Stage) (service.ListQuery, bool) {
	q := l.Query
	q.Cursor = ""
	if r.URL.Query().Get("section") == id {
		q.Cursor = r.URL.Query().Get("cursor")
	}
	switch {
	case stages != nil && len(q.Stages) > 0:
		q.Stages = slices.DeleteFunc(slices.Clone(stages), func(st guantong.Stage) bool { return !slices.Contains(l.Query.Stages, st) })
		if len(q.Stages) == 0 {
			return q, false // the filter asks for other stages: nothing to read
		}
	case stages != nil:
		q.Stages = stages
	default:
		q.NotStages = others
	}
	return q, true
}

// pager is the paging bar of one list.
type pager struct {
	Total                         int
	Shown                         int
	First, Prev, Next, Last, File string // addresses; "" when there is no such page
}

// link returns the address of the page of list id that starts at cursor ("" the first),
// with the filters of l.
func (l *listState) link(id, cursor string) string {
	v := url.Values{}
	for k, xs := range l.Values {
		v[k] = xs
	}
	if id != "" {
		v.Set("section", id)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	s := l.Path
	if enc := v.Encode(); enc != "" {
		s += "?" + enc
	}
	if id != "" {
		s += "#" + id
	}
	return s
}

// pager returns the bar of the list id after reading a page of it.
func (l *listState) pager(id string, total, shown int, next, prev string) pager {
	link := func(cursor string) string { return l.link(id, cursor) }
	p := pager{Total: total, Shown: shown}
	if prev != "" {
		p.First, p.Prev = link(""), link(prev)
	}
	if next != "" {
		p.Next, p.Last = link(next), link(store.LastPage)
	}
	if total > 0 && (l.View != "" || l.Download != "") {
		v := url.Values{}
		for k, xs := range l.Values {
			v[k] = xs
		}
		file := l.Download
		if l.View != "" {
			file = "/applications.xlsx"
			v.Set("view", l.View)
		}
		if id != "" {
			v.Set("section", id)
		}
		p.File = file
		if enc := v.Encode(); enc != "" {
			p.File += "?" + enc
		}
	}
	return p
}
