package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"guantong"
	"guantong/internal/chart"
	"guantong/internal/stats"
)

// The statistics (统计): the 职改办 sees its region, the admin the province or a region.
// Each chart is SVG drawn on the server with its numbers in a table beside it and a link to
// the same numbers as Excel.

// statsPage is the data of templates/stats.html.
type statsPage struct {
	Scope   string
	AsOf    string   // when the figures were counted, in China
	Region  string   // the admin's chosen region; "" the province
	Regions []string // the admin's choices
	Admin   bool
	Charts  []chartView
}

// chartView is one chart as the page shows it.
type chartView struct {
	stats.Chart
	SVG   template.HTML // drawn by internal/chart from the same figures as the table
	Excel string        // the download's address
}

// Headers returns the table's header: the label column, then every column.
func (c chartView) Headers() []string { return append([]string{c.Label}, c.Columns...) }

// Cells returns a row's values as the chart writes them.
func (c chartView) Cells(r stats.Row) []string {
	out := make([]string, len(r.Values))
	for i, v := range r.Values {
		out[i] = stats.Format(v)
	}
	return out
}

// statsPage is GET /stats.
func (s *Server) statsPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleOffice, guantong.RoleAdmin)
	if u == nil {
		return
	}
	region := strings.TrimSpace(r.URL.Query().Get("region"))
	d, err := s.svc.Stats(r.Context(), u, region)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := statsPage{Scope: d.Scope, AsOf: d.AsOf.In(guantong.Shanghai).Format("2006-01-02 15:04"), Region: region, Admin: u.Role == guantong.RoleAdmin}
	if p.Admin {
		if p.Regions, err = s.regions(r, u); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	q := ""
	if region != "" {
		q = "?region=" + url.QueryEscape(region)
	}
	p.Charts = chartViews(d, func(id string) string { return "/stats/" + id + ".xlsx" + q })
	s.render(w, r, http.StatusOK, "stats", page{Title: "统计 · " + d.Scope, Nav: "stats", Data: p})
}

// regions lists the regions of the employers, for the admin's choice.
func (s *Server) regions(r *http.Request, u *guantong.User) ([]string, error) {
	orgs, err := s.svc.Organisations(r.Context(), u, guantong.OrgEmployer)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, o := range orgs {
		if o.Region != "" && !slices.Contains(out, o.Region) {
			out = append(out, o.Region)
		}
	}
	slices.Sort(out)
	return out, nil
}

// statsExcel is GET /stats/{file}: one chart's numbers (file is its id and .xlsx) as Excel.
func (s *Server) statsExcel(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleOffice, guantong.RoleAdmin)
	if u == nil {
		return
	}
	id, ok := strings.CutSuffix(r.PathValue("file"), ".xlsx")
	if !ok {
		s.notFound(w, r)
		return
	}
	d, err := s.svc.Stats(r.Context(), u, strings.TrimSpace(r.URL.Query().Get("region")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, found := d.Chart(id)
	if !found {
		s.notFound(w, r)
		return
	}
	s.chartExcel(w, r, d.Scope, c, "统计-"+d.Scope+"-"+c.Title+".xlsx")
}

// chartViews draws a dashboard's charts; excel gives each chart's download address.
func chartViews(d stats.Dashboard, excel func(id string) string) []chartView {
	var out []chartView
	for _, c := range d.Charts {
		out = append(out, chartView{Chart: c, SVG: template.HTML(chart.SVG(c)), Excel: excel(c.ID)})
	}
	return out
}

// chartExcel sends one chart's numbers as a workbook: exactly the figures drawn.
func (s *Server) chartExcel(w http.ResponseWriter, r *http.Request, scope string, c stats.Chart, name string) {
	var buf bytes.Buffer
	if err := stats.WriteExcel(&buf, scope, c); err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, name, xlsxType, buf.Bytes())
}
