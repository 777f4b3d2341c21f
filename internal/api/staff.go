package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/service"
	"guantong/internal/workbook"
)

// The staff import over the API (issue 10 item 3, docs/staff.md): the template, the import
// itself, and what an import registered about a person.

// staffTemplate serves the staff template: Excel by default, CSV with ?format=csv. Anyone may
// have it, as on the pages.
func (a *API) staffTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	name, typ, write := "员工信息表模板.xlsx", xlsxType, workbook.WriteStaffTemplate
	switch r.URL.Query().Get("format") {
	case "", "xlsx":
	case "csv":
		name, typ, write = "员工信息表模板.csv", "text/csv; charset=utf-8", workbook.WriteStaffTemplateCSV
	default:
		a.fail(w, r, guantong.FieldErrors{{Field: "format", Message: "须为 xlsx 或 csv"}})
		return
	}
	if err := write(&buf); err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

// importStaff imports a filled-in staff sheet into the HR user's employer: the file as
// multipart/form-data in the field "file" (curl -F file=@员工.xlsx), or as the body itself
// with its type (text/csv, or Excel's). With ?good_rows=1 the good rows are written and the
// others reported; otherwise one bad row writes nothing. The answer is the StaffImport, 200
// when written and 422 when not, with every problem by row and column; the new accounts'
// one-time passwords are in that answer only.
func (a *API) importStaff(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	goodOnly, err := queryFlag(r, "good_rows")
	var name string
	var data []byte
	if err == nil {
		name, data, err = staffUpload(w, r)
	}
	var rep service.StaffImport
	if err == nil {
		rep, err = a.svc.ImportStaff(r.Context(), u, name, data, goodOnly)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if !rep.Written {
		status = http.StatusUnprocessableEntity
	}
	out := staffImportAnswer{StaffImport: rep, Problems: []staffProblem{}}
	if out.Accounts == nil {
		out.Accounts = []service.StaffAccount{}
	}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, staffProblem{Problem: p, Column: p.Column(), Text: p.String()})
	}
	writeJSON(w, status, out)
}

// staffImportAnswer is the StaffImport with each problem's column also in letters (D) and
// the whole problem as the sentence the page shows (第4行 D列（手机号码）："12345" 不是…).
type staffImportAnswer struct {
	service.StaffImport
	Problems []staffProblem `json:"problems"`
}

type staffProblem struct {
	workbook.Problem
	Column string `json:"column,omitempty"`
	Text   string `json:"text"`
}

// queryFlag reads a query parameter that is 1 or true (on), 0, false or absent (off).
func queryFlag(r *http.Request, name string) (bool, error) {
	switch r.URL.Query().Get(name) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, guantong.FieldErrors{{Field: name, Message: "须为 1 或 0"}}
}

// tooLargeStaff is the message for a sheet over service.MaxScreeningUpload.
const tooLargeStaff = "文件超过 32 MB：请分成几个文件导入"

// staffUpload reads the sheet of an import: the multipart field "file", or the body as the
// file its Content-Type names.
func staffUpload(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	typ, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var name string
	switch typ {
	case "multipart/form-data":
		return multipartFileUpTo(w, r, service.MaxScreeningUpload, tooLargeStaff)
	case "text/csv":
		name = "员工信息表.csv"
	case xlsxType:
		name = "员工信息表.xlsx"
	default:
		return "", nil, guantong.FieldErrors{{Field: "file", Message: "请以 multipart/form-data（字段 file）上传，或以 Content-Type: text/csv 或 " +
			xlsxType + " 直接发送文件"}}
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, service.MaxScreeningUpload))
	if big := new(http.MaxBytesError); errors.As(err, &big) {
		return "", nil, guantong.FieldErrors{{Field: "file", Message: tooLargeStaff}}
	}
	if err != nil {
		return "", nil, guantong.FieldErrors{{Field: "file", Message: "上传中断，请重新发送"}}
	}
	return name, data, nil
}

// facts is what an employer's import registered about a person: the user's own with
// /me/facts, a person of HR's employer with /people/{id}/facts.
func (a *API) facts(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Facts(r.Context(), u, id) })
}

// factsCheck is the eligibility check of those facts on ?as_of (default today), written as
// the command line writes it: the answer `guantong check` gives on {"as_of", "person":
// facts.person}.
func (a *API) factsCheck(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		var asOf guantong.Date
		if v := strings.TrimSpace(r.URL.Query().Get("as_of")); v != "" {
			var err error
			if asOf, err = guantong.ParseDate(v); err != nil {
				return nil, guantong.FieldErrors{{Field: "as_of", Message: "须为日期 YYYY-MM-DD"}}
			}
		}
		ans, _, err := a.svc.CheckFacts(r.Context(), u, id, asOf)
		return checkAnswer(ans), err
	})
}

// checkAnswer is an answer as document.WriteAnswer writes it (empty lists as [], never
// null), so that every endpoint that answers a check answers it alike.
type checkAnswer guantong.Answer

// MarshalJSON writes the answer with document.WriteAnswer.
func (c checkAnswer) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	err := document.WriteAnswer(&buf, guantong.Answer(c))
	return buf.Bytes(), err
}
