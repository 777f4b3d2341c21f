package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/workbook"
)

// The 批量测评 page: HR and the 职改办 upload a workforce in the staff template; a job row
// queues it, a worker (internal/job) screens it, and the page shows the job's stored
// progress until the result workbook can be downloaded. A request never waits for the work.

// screeningPage is the data of templates/screening.html.
type screeningPage struct {
	Jobs  []jobView
	Job   *jobView // the job shown, on /screen/{id}
	AsOf  string
	Errs  errs
	Today string
}

// jobView is a job as the page shows it.
type jobView struct {
	store.Job
	StatusName string
	Running    bool     // queued or running: the page reloads itself
	Summary    []string // the summary's lines, once done
}

func viewJob(j store.Job) jobView {
	v := jobView{Job: j}
	switch j.Status {
	case store.JobQueued:
		v.StatusName, v.Running = "排队中", true
	case store.JobRunning:
		v.StatusName, v.Running = "测评中", true
	case store.JobDone:
		v.StatusName = "已完成"
		v.Summary = strings.Split(strings.TrimSpace(j.Message), "\n")
	case store.JobFailed:
		v.StatusName = "失败"
	}
	return v
}

// reloadEvery is how often a page showing a running job reloads itself (the Refresh header:
// no script needed).
const reloadEvery = "3"

// screeningList is GET /screen.
func (s *Server) screeningList(w http.ResponseWriter, r *http.Request) {
	s.screeningRender(w, r, http.StatusOK, nil, &screeningPage{})
}

func (s *Server) screeningRender(w http.ResponseWriter, r *http.Request, status int, u *guantong.User, d *screeningPage) {
	if u == nil {
		if u = s.workspace(w, r, service.Screeners...); u == nil {
			return
		}
	}
	jobs, err := s.svc.Screenings(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Jobs = viewJobs(w, status, jobs, viewJob, d.Job)
	d.Today = s.svc.Today().String()
	s.render(w, r, status, "screening", page{Title: jobTitle("批量测评", d.Job), Nav: "screen", Data: d})
}

// viewJobs views a list of jobs and, on a page that shows a running job (or, on the list
// alone, any running job), has the browser reload it: no script needed.
func viewJobs(w http.ResponseWriter, status int, jobs []store.Job, view func(store.Job) jobView, shown *jobView) []jobView {
	running := shown != nil && shown.Running
	var out []jobView
	for _, j := range jobs {
		v := view(j)
		running = running || (shown == nil && v.Running)
		out = append(out, v)
	}
	if running && status == http.StatusOK {
		w.Header().Set("Refresh", reloadEvery)
	}
	return out
}

// jobTitle is a job page's title: what it is, and the job's number when one is shown.
func jobTitle(what string, j *jobView) string {
	if j == nil {
		return what
	}
	return what + " " + strconv.FormatInt(j.ID, 10)
}

// screeningSubmit is POST /screen: the upload, queued.
func (s *Server) screeningSubmit(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, service.Screeners...)
	if u == nil {
		return
	}
	name, data, problem := readUploadUpTo(w, r, service.MaxScreeningUpload, "文件超过 32 MB：请分成几个文件，或用命令行 guantong screen")
	d := &screeningPage{AsOf: strings.TrimSpace(r.FormValue("as_of"))}
	var asOf guantong.Date
	var err error
	switch {
	case problem != "":
		err = guantong.FieldErrors{{Field: "file", Message: problem}}
	case data == nil:
		err = guantong.FieldErrors{{Field: "file", Message: "请选择要测评的员工信息表"}}
	case d.AsOf != "":
		if asOf, err = guantong.ParseDate(d.AsOf); err != nil {
			err = guantong.FieldErrors{{Field: "as_of", Message: "不是日期（如 2026-12-31）"}}
		}
	}
	if err == nil {
		var j store.Job
		if j, err = s.svc.QueueScreening(r.Context(), u, name, data, asOf); err == nil {
			http.Redirect(w, r, "/screen/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
			return
		}
	}
	es, _, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return
	}
	d.Errs = es
	s.screeningRender(w, r, http.StatusBadRequest, u, d)
}

// screeningJob is GET /screen/{id}: the job's progress, or its summary and download.
func (s *Server) screeningJob(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, service.Screeners...)
	if !ok {
		return
	}
	j, err := s.svc.Screening(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := viewJob(j)
	s.screeningRender(w, r, http.StatusOK, u, &screeningPage{Job: &v})
}

// screeningResult is GET /screen/{id}/result.xlsx.
func (s *Server) screeningResult(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, service.Screeners...)
	if !ok {
		return
	}
	j, data, err := s.svc.ScreeningResult(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := strings.TrimSuffix(j.InputName, "."+extOf(j.InputName)) + "-测评结果.xlsx"
	attach(w, name, xlsxType, data)
}

// staffTemplate is GET /screen/template.xlsx: the staff template.
func (s *Server) staffTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := workbook.WriteStaffTemplate(&buf); err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, "员工信息表模板.xlsx", xlsxType, buf.Bytes())
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// attach sends data as a download.
func attach(w http.ResponseWriter, name, typ string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+pathEscape(name))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return ""
}
