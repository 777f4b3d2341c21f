package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/whatif"
)

// The what-if simulations over the API (the admin's 政策模拟): a job resource. POST starts one
// and answers at once (202); GET shows its progress and, once done, its figures; the
// workbook is a download.

// simulationJSON is a simulation as the API answers it.
type simulationJSON struct {
	ID         int64           `json:"id"`
	Status     string          `json:"status"` // queued, running, done, failed
	Population string          `json:"population"`
	AsOf       guantong.Date   `json:"as_of"`
	Done       int             `json:"done"`              // people judged so far
	Message    string          `json:"message,omitempty"` // why it failed
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
	Result     string          `json:"result,omitempty"`  // the workbook's address, once done
	Figures    *whatif.Figures `json:"figures,omitempty"` // once done, on GET of one simulation
}

func simulationOf(j store.Job) simulationJSON {
	v := simulationJSON{ID: j.ID, Status: j.Status, Population: j.InputName, AsOf: j.AsOf, Done: j.Done,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
	if j.Status == store.JobFailed {
		v.Message = j.Message
	}
	if j.HasResult {
		v.Result = "/api/v1/simulations/" + strconv.FormatInt(j.ID, 10) + "/result.xlsx"
	}
	return v
}

// simulations is GET /api/v1/simulations: the latest, newest first.
func (a *API) simulations(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		jobs, err := a.svc.Simulations(r.Context(), u)
		out := []simulationJSON{}
		for _, j := range jobs {
			out = append(out, simulationOf(j))
		}
		return out, err
	})
}

// startSimulation is POST /api/v1/simulations, multipart/form-data: population (a file),
// draft (a stored policy's id) or draft_file (a policy file), as_of. 202: the job, queued.
func (a *API) startSimulation(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusAccepted, func(u *guantong.User, _ int64) (any, error) {
		req, err := simulationForm(w, r)
		if err != nil {
			return nil, err
		}
		j, err := a.svc.QueueSimulation(r.Context(), u, req)
		if err != nil {
			return nil, err
		}
		w.Header().Set("Location", "/api/v1/simulations/"+strconv.FormatInt(j.ID, 10))
		return simulationOf(j), nil
	})
}

// simulationForm reads the multipart form of a simulation.
func simulationForm(w http.ResponseWriter, r *http.Request) (service.SimulationRequest, error) {
	var req service.SimulationRequest
	r.Body = http.MaxBytesReader(w, r.Body, service.MaxPopulationUpload+guantong.MaxFileSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if big := new(http.MaxBytesError); errors.As(err, &big) {
			return req, guantong.FieldErrors{{Field: "population", Message: "文件超过 64 MB：更大的人群请用命令行 guantong simulate"}}
		}
		return req, guantong.FieldErrors{{Field: "population", Message: "须以 multipart/form-data 上传：population（文件）、draft 或 draft_file、as_of"}}
	}
	var es guantong.FieldErrors
	read := func(field string, max int64) (string, []byte) {
		f, h, err := r.FormFile(field)
		if errors.Is(err, http.ErrMissingFile) {
			return "", nil
		}
		if err != nil {
			es.Add(field, "%s", badFileName)
			return "", nil
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, max+1))
		if err != nil {
			es.Add(field, "无法读取上传的文件")
		}
		return h.Filename, b
	}
	req.DraftID = strings.TrimSpace(r.FormValue("draft"))
	_, req.DraftFile = read("draft_file", guantong.MaxFileSize)
	req.PopulationName, req.Population = read("population", service.MaxPopulationUpload)
	if s := strings.TrimSpace(r.FormValue("as_of")); s != "" {
		var err error
		if req.AsOf, err = guantong.ParseDate(s); err != nil {
			es.Add("as_of", "不是日期（如 2026-12-31）")
		}
	}
	return req, es.Err()
}

// simulation is GET /api/v1/simulations/{id}: its progress, and its figures once done.
func (a *API) simulation(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		j, err := a.svc.Simulation(r.Context(), u, id)
		if err != nil || !j.HasResult {
			return simulationOf(j), err
		}
		_, f, err := a.svc.SimulationFigures(r.Context(), u, id)
		v := simulationOf(j)
		v.Figures = f
		return v, err
	})
}

// simulationResult is GET /api/v1/simulations/{id}/result.xlsx: the workbook `guantong
// simulate` writes.
func (a *API) simulationResult(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var b []byte
	if err == nil {
		_, b, err = a.svc.SimulationResult(r.Context(), u, id)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="simulation-`+strconv.FormatInt(id, 10)+`.xlsx"`)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "private, no-store")
	w.Write(b)
}
