package api_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// batchAnswer is what the tests read of a batch's answer.
type batchAnswer struct {
	Done, Refused int
	Results       []struct {
		ID      int64
		Done    bool
		Code    string
		Message string
		Stage   string
	}
}

// Issue 10 through the API: the 职改办 approves in one request, each item answered on its
// own (三(一)5); the evaluator downloads the results sheet and imports it, and a score below
// the pass mark is 不合格, never 合格 (三(二)3).
func TestBatchAndResults(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	var a app
	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}, 201, &a)
	w.act("zhangsan", a.ID, "submit", nil, 200)
	a = w.recommend("hr", a.ID)

	w.call("office", "POST", "/api/v1/batch/approve", map[string]any{"items": []any{}}, 400, nil)
	w.call("office", "POST", "/api/v1/batch/return", map[string]any{"items": []map[string]any{{"id": a.ID, "version": a.Version}}}, 400, nil)
	w.call("office", "POST", "/api/v1/batch/pass", map[string]any{"items": []map[string]any{{"id": a.ID, "version": a.Version}}}, 400, nil)
	w.call("office", "POST", "/api/v1/batch/approve-all", map[string]any{}, 404, nil)
	var b batchAnswer
	w.call("office", "POST", "/api/v1/batch/approve", map[string]any{"items": []map[string]any{
		{"id": a.ID, "version": a.Version}, {"id": 999999, "version": 1}, {"id": a.ID, "version": a.Version}}}, 200, &b)
	if b.Done != 1 || b.Refused != 2 || !b.Results[0].Done || b.Results[0].Stage != "notice" ||
		b.Results[1].Code != "not_found" || b.Results[2].Code != "invalid" {
		t.Errorf("batch: %+v", b)
	}

	w.call("zhangsan", "POST", "/api/v1/applications", map[string]any{"route": "skill_evaluation", "occupation_code": "6-20-01-01", "level": "高级技师", "person": zhangsanDoc}, 201, &a)
	a = w.act("zhangsan", a.ID, "submit", nil, 200)
	w.act("evaluator", a.ID, "record_theory", map[string]any{"passed": true, "score": 45}, 400)

	req := mustRequest("GET", w.srv.URL+"/api/v1/results/template")
	sheet := w.send(w.as("evaluator"), req, 200, nil)
	f, err := excelize.OpenReader(bytes.NewReader(sheet))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(service.ResultsSheet)
	if len(rows) != 2 || rows[1][0] != strconv.FormatInt(a.ID, 10) || rows[1][2] != "张三" {
		t.Fatalf("template rows %q", rows)
	}
	f.SetCellValue(service.ResultsSheet, "F2", 45)
	f.SetCellValue(service.ResultsSheet, "G2", "八十八")
	var bad struct {
		Errors []struct{ Field, Message string }
	}
	w.importSheet("evaluator", f, 400, &bad)
	if len(bad.Errors) != 1 || bad.Errors[0].Field != "第 2 行「操作技能成绩」" {
		t.Errorf("bad sheet: %+v", bad)
	}
	f.SetCellValue(service.ResultsSheet, "G2", 88)
	var imp struct {
		Recorded int
		Results  []struct{ Stage, Message string }
	}
	w.importSheet("evaluator", f, 200, &imp)
	if imp.Recorded != 2 || imp.Results[0].Stage != "failed" {
		t.Errorf("import: %+v", imp)
	}
	w.importSheet("hr", f, 400, nil) // not its applications
}

// importSheet uploads a results sheet as user.
func (w *world) importSheet(user string, f *excelize.File, want int, out any) {
	w.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "成绩录入.xlsx")
	if err := f.Write(fw); err != nil {
		w.t.Fatal(err)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/results/import", w.srv.URL), io.Reader(&buf))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	w.send(w.as(user), req, want, out)
}
