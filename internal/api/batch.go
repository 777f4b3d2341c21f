package api

import (
	"mime"
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// batchRequest is the body of a batch: the applications, each with the version last read,
// and one note for all.
type batchRequest struct {
	Note  string              `json:"note"`
	Items []service.BatchItem `json:"items"`
}

// batch takes one action on many applications: 200 with what became of each, even when
// some or all were refused (each its own reason); 400 only when the batch as a whole cannot
// be taken (an action not taken in batches, no items, a return without a note).
func (a *API) batch(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		action, known := workflow.ParseAction(r.PathValue("action"))
		if !known {
			return nil, guantong.Errorf(guantong.ENotFound, "没有操作 %q", r.PathValue("action"))
		}
		return body(w, r, func(u *guantong.User, _ int64, in batchRequest) (any, error) {
			return a.svc.Batch(r.Context(), u, action, in.Note, in.Items)
		})(u, 0)
	})
}

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// resultsTemplate serves the evaluator's results sheet, filled with its applications in
// 评价中.
func (a *API) resultsTemplate(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	data, err := a.svc.ResultsTemplate(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "成绩录入.xlsx"}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// importResults records the results of a filled-in sheet, sent as multipart/form-data in
// the field "file" (curl -F file=@成绩录入.xlsx): all of it, or nothing and every bad cell.
func (a *API) importResults(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		_, data, err := multipartFile(w, r)
		if err != nil {
			return nil, err
		}
		return a.svc.ImportResults(r.Context(), u, data)
	})
}
