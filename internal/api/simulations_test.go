package api_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/data"
	"guantong/internal/catalog"
	"guantong/internal/job"
	"guantong/internal/population"
	"guantong/internal/store/storetest"
)

// simulation is what the tests read of a simulation.
type simulation struct {
	ID      int64
	Status  string
	Done    int
	Result  string
	Figures *struct {
		Read, Gainers, Losers int
		Base, Draft           string
		Charts                []struct {
			ID   string
			Rows []struct {
				Label  string
				Values []float64
			}
		}
		Examples []struct{ Kind, Name string }
	}
}

// simulationRequest is a multipart POST of a simulation.
func (w *world) simulationRequest(fields map[string]string, files map[string][]byte) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, b := range files {
		field := "population"
		if strings.HasSuffix(name, ".json") {
			field = "draft_file"
		}
		fw, _ := mw.CreateFormFile(field, name)
		fw.Write(b)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", w.srv.URL+"/api/v1/simulations", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// The simulation job over the API, 三(一)2 技师 → 中级 after 2 years instead of 3: POST
// answers 202 at once with the queued job; GET shows it queued, then, after a worker ran
// it, done with its figures (gainers, no losers, the four charts, examples); the workbook
// downloads. A bad draft is refused with its key named; only the admin may simulate.
func TestSimulationJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		raw, err := data.Policies.ReadFile("policy/hebei-2021.json")
		if err != nil {
			t.Fatal(err)
		}
		draft := strings.Replace(string(raw), `"id": "hebei-2021"`, `"id": "draft-2yr"`, 1)
		draft = strings.Replace(draft, `{"skill": "技师", "title": "中级", "years": 3}`, `{"skill": "技师", "title": "中级", "years": 2}`, 1)
		var people bytes.Buffer
		if err := population.New(7, guantong.Date{}, catalog.Default()).Write(context.Background(), &people, 800, nil); err != nil {
			t.Fatal(err)
		}

		var s simulation
		w.send(w.as("admin"), w.simulationRequest(map[string]string{"as_of": "2026-12-31"},
			map[string][]byte{"draft.json": []byte(draft), "people.jsonl": people.Bytes()}), 202, &s)
		if s.Status != "queued" || s.Figures != nil {
			t.Fatalf("started: %+v, want queued without figures", s)
		}
		path := fmt.Sprintf("/api/v1/simulations/%d", s.ID)
		w.call("admin", "GET", path, nil, 200, &s)
		if s.Status != "queued" || s.Result != "" {
			t.Errorf("before the worker: %+v", s)
		}
		runner := &job.Runner{Store: w.st, Checker: w.svc, Policies: w.svc.SimulationPolicies, Now: w.svc.Now, Log: slog.New(slog.DiscardHandler)}
		if ran, err := runner.RunOnce(context.Background()); !ran || err != nil {
			t.Fatalf("RunOnce: %v %v", ran, err)
		}
		w.call("admin", "GET", path, nil, 200, &s)
		f := s.Figures
		if s.Status != "done" || s.Done != 800 || f == nil || f.Read != 800 || f.Gainers == 0 || f.Losers != 0 || f.Draft != "draft-2yr" || f.Base != "hebei-2021" {
			t.Fatalf("after the worker: %+v %+v", s, f)
		}
		if len(f.Charts) != 4 || f.Charts[0].ID != "by-series" || len(f.Examples) == 0 || f.Examples[0].Kind != "新增可申报" {
			t.Errorf("charts and examples: %+v", f)
		}
		var list []simulation
		w.call("admin", "GET", "/api/v1/simulations", nil, 200, &list)
		if len(list) != 1 || list[0].ID != s.ID {
			t.Errorf("list: %+v", list)
		}
		req, _ := http.NewRequest("GET", w.srv.URL+s.Result, nil)
		b := w.send(w.as("admin"), req, 200, nil)
		xf, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("the result is not a workbook: %v", err)
		}
		rows, _ := xf.GetRows("汇总")
		xf.Close()
		if len(rows) < 6 || rows[5][0] != "新增可申报的人" || rows[5][1] != fmt.Sprint(f.Gainers) {
			t.Errorf("汇总: %v, want %d gainers", rows, f.Gainers)
		}

		bad := strings.Replace(draft, `"years": 2}`, `"years": -1}`, 1)
		b = w.send(w.as("admin"), w.simulationRequest(nil, map[string][]byte{"draft.json": []byte(bad), "people.jsonl": people.Bytes()}), 400, nil)
		if !strings.Contains(string(b), "forward[0].years") || !strings.Contains(string(b), `"draft_file"`) {
			t.Errorf("a bad draft: %s", b)
		}
		w.send(w.as("office"), w.simulationRequest(nil, map[string][]byte{"draft.json": []byte(draft), "people.jsonl": people.Bytes()}), 403, nil)
	})
}
