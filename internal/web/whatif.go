package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/whatif"
)

// The admin's 政策模拟 (what-if) page: pick a draft (a scheduled policy, or a file uploaded
// for this run only) and a population, and start a job; the page shows the job's stored
// progress (reloading itself, no script) and, once done, who changes status counted by
// series, level, region and route as charts with their numbers and Excel, example people
// with their reasons under both policies, and the workbook `guantong simulate` writes.

// whatifPage is the data of templates/whatif.html.
type whatifPage struct {
	Drafts   []service.PolicyVersion // the stored policies not yet in force
	Jobs     []jobView
	Job      *jobView
	Figures  *whatif.Figures
	Charts   []chartView
	Examples []exampleView
	Form     whatifForm
	Errs     errs
	Today    string
}

// exampleView is an example person with the option under both policies, side by side.
type exampleView struct {
	whatif.ExampleView
	Sides [2]sideView
}

type sideView struct {
	Policy string // 现行 or 草案
	Side   *whatif.Side
}

// whatifForm is the form as posted, shown again with its problems.
type whatifForm struct {
	Draft, AsOf string
}

// whatifList is GET /admin/whatif.
func (s *Server) whatifList(w http.ResponseWriter, r *http.Request) {
	s.whatifRender(w, r, http.StatusOK, nil, &whatifPage{})
}

func (s *Server) whatifRender(w http.ResponseWriter, r *http.Request, status int, u *guantong.User, d *whatifPage) {
	if u == nil {
		if u = s.workspace(w, r, guantong.RoleAdmin); u == nil {
			return
		}
	}
	jobs, err := s.svc.Simulations(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vs, err := s.svc.PolicyVersions(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, v := range vs {
		if v.Stored && v.Scheduled {
			d.Drafts = append(d.Drafts, v)
		}
	}
	d.Jobs = viewJobs(w, status, jobs, viewSimulation, d.Job)
	d.Today = s.svc.Today().String()
	s.render(w, r, status, "whatif", page{Title: jobTitle("政策模拟", d.Job), Nav: "admin", Data: d})
}

// whatifSubmit is POST /admin/whatif: the draft and the population, queued.
func (s *Server) whatifSubmit(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleAdmin)
	if u == nil {
		return
	}
	d := &whatifPage{}
	err := s.queueSimulation(w, r, u, d)
	if err == nil {
		return
	}
	es, _, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return
	}
	d.Errs = es
	s.whatifRender(w, r, http.StatusBadRequest, u, d)
}

// queueSimulation reads the form and queues the simulation, redirecting to its page.
func (s *Server) queueSimulation(w http.ResponseWriter, r *http.Request, u *guantong.User, d *whatifPage) error {
	const tooBig = "文件超过 64 MB：更大的人群请用命令行 guantong simulate"
	if msg := parseUpload(w, r, service.MaxPopulationUpload+guantong.MaxFileSize, tooBig); msg != "" {
		return guantong.FieldErrors{{Field: "population", Message: msg}}
	}
	d.Form = whatifForm{Draft: strings.TrimSpace(r.FormValue("draft")), AsOf: strings.TrimSpace(r.FormValue("as_of"))}
	req := service.SimulationRequest{DraftID: d.Form.Draft}
	var es guantong.FieldErrors
	var msg string
	if _, req.DraftFile, msg = formFile(r, "draft_file", guantong.MaxFileSize); msg != "" {
		es.Add("draft_file", "%s", msg)
	}
	if req.PopulationName, req.Population, msg = formFile(r, "population", service.MaxPopulationUpload); msg != "" {
		es.Add("population", "%s", msg)
	} else if len(req.Population) > service.MaxPopulationUpload {
		es.Add("population", "%s", tooBig)
	}
	if d.Form.AsOf != "" {
		var err error
		if req.AsOf, err = guantong.ParseDate(d.Form.AsOf); err != nil {
			es.Add("as_of", "不是日期（如 2026-12-31）")
		}
	}
	if err := es.Err(); err != nil {
		return err
	}
	j, err := s.svc.QueueSimulation(r.Context(), u, req)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/whatif/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
	return nil
}

// formFile reads one uploaded file of a parsed multipart form, up to max+1 bytes (the caller
// judges the size); none chosen is a nil data and no problem.
func formFile(r *http.Request, field string, max int64) (name string, data []byte, problem string) {
	file, hdr, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return "", nil, ""
	}
	if err != nil {
		return "", nil, "无法读取上传的文件"
	}
	defer file.Close()
	if data, err = io.ReadAll(io.LimitReader(file, max+1)); err != nil {
		return "", nil, "无法读取上传的文件"
	}
	if data == nil {
		data = []byte{}
	}
	return hdr.Filename, data, ""
}

// whatifJob is GET /admin/whatif/{id}: the job's progress, or its figures.
func (s *Server) whatifJob(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	j, err := s.svc.Simulation(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := viewSimulation(j)
	d := &whatifPage{Job: &v}
	if j.HasResult {
		if _, d.Figures, err = s.svc.SimulationFigures(r.Context(), u, id); err != nil {
			s.fail(w, r, err)
			return
		}
		base := "/admin/whatif/" + strconv.FormatInt(id, 10) + "/charts/"
		d.Charts = chartViews(d.Figures.Dashboard, func(c string) string { return base + c + ".xlsx" })
		for _, ex := range d.Figures.Examples {
			d.Examples = append(d.Examples, exampleView{ExampleView: ex,
				Sides: [2]sideView{{"现行 " + d.Figures.Base, ex.Before}, {"草案 " + d.Figures.Draft, ex.After}}})
		}
	}
	s.whatifRender(w, r, http.StatusOK, u, d)
}

// whatifResult is GET /admin/whatif/{id}/result.xlsx: the simulation's workbook.
func (s *Server) whatifResult(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	j, data, err := s.svc.SimulationResult(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, simulationName(j)+".xlsx", xlsxType, data)
}

// whatifChart is GET /admin/whatif/{id}/charts/{file}: one chart's numbers as Excel.
func (s *Server) whatifChart(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleAdmin)
	if !ok {
		return
	}
	c, ok := strings.CutSuffix(r.PathValue("file"), ".xlsx")
	if !ok {
		s.notFound(w, r)
		return
	}
	j, f, err := s.svc.SimulationFigures(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ch, found := f.Chart(c)
	if !found {
		s.notFound(w, r)
		return
	}
	s.chartExcel(w, r, f.Scope, ch, simulationName(j)+"-"+ch.Title+".xlsx")
}

// viewSimulation is a simulation job as the page shows it: its message is the figures'
// scope, not a screening's summary lines.
func viewSimulation(j store.Job) jobView {
	v := viewJob(j)
	v.Summary = nil
	if j.Status == store.JobRunning {
		v.StatusName = "模拟中"
	}
	return v
}

// simulationName names a simulation's downloads.
func simulationName(j store.Job) string {
	return "政策模拟" + strconv.FormatInt(j.ID, 10) + "-" + strings.TrimSuffix(j.InputName, "."+extOf(j.InputName))
}
