package web

import (
	"errors"
	"mime"
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// evaluatorSections are the work of an evaluation organisation, a department, or an employer
// that evaluates its own staff (三(二)3-6). Results come one by one on the application's page
// or many at once from the results sheet; certificates are issued many at once.
var evaluatorSections = []section{
	{"assessing", "评价中", "录入理论知识考试和操作技能考核成绩；具有相关专业毕业证书的免理论知识考试（三(二)3）。", "没有评价中的申报。",
		[]guantong.Stage{guantong.StageAssessing}, nil},
	{"passed", "待发证", "评价合格，颁发证书。可勾选多项一次颁发。", "没有待发证的申报。", []guantong.Stage{guantong.StagePassed},
		[]batchButton{{Action: workflow.Issue, Label: "所选颁发证书"}}},
	{"done", "已办结", "", "暂无。", nil, nil},
}

// evaluatorPage is the data of templates/evaluator.html: the queue and what an import of the
// results sheet did.
type evaluatorPage struct {
	queuePage
	PassTheory, PassPractical float64
	Imported                  *service.Imported
	ImportErrs                []guantong.FieldError // every bad cell, by row and column
}

// evaluatorQueue is GET /evaluator: the skill applications routed to the user's organisation;
// POST /evaluator/batch issues certificates.
var evaluatorQueue = &queueView{tmpl: "evaluator", title: "评价工作台", nav: "evaluator",
	roles: []string{guantong.RoleEvaluator, guantong.RoleHR}, batchURL: "/evaluator/batch",
	more: func(s *Server, r *http.Request, u *guantong.User, d queuePage) (any, error) {
		m := s.svc.Engine().Params().Workflow.PassMark
		return evaluatorPage{queuePage: d, PassTheory: m.Theory, PassPractical: m.Practical}, nil
	}}

// resultsTemplate is GET /evaluator/results.xlsx: the results sheet of the user's
// applications in 评价中.
func (s *Server) resultsTemplate(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleEvaluator, guantong.RoleHR)
	if u == nil {
		return
	}
	data, err := s.svc.ResultsTemplate(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "成绩录入-" + s.svc.Today().String() + ".xlsx"}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// importResults is POST /evaluator/results: the filled-in sheet, all recorded or, with every
// bad cell listed by row and column, nothing.
func (s *Server) importResults(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleEvaluator, guantong.RoleHR)
	if u == nil {
		return
	}
	var imported *service.Imported
	var bad []guantong.FieldError
	status := http.StatusOK
	_, data, problem := readUpload(w, r)
	if problem == "" && data == nil {
		problem = "请选择填好的成绩录入表（.xlsx）"
	}
	var err error
	if problem != "" {
		err = guantong.FieldErrors{{Field: "file", Message: problem}}
	} else {
		var imp service.Imported
		imp, err = s.svc.ImportResults(r.Context(), u, data)
		imported = &imp
	}
	var fes guantong.FieldErrors
	switch {
	case errors.As(err, &fes):
		imported, bad, status = nil, fes, http.StatusUnprocessableEntity
	case err != nil:
		s.fail(w, r, err)
		return
	}
	d, err := evaluatorQueue.data(s, r, u, bulkOutcome{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := d.(evaluatorPage)
	p.Imported, p.ImportErrs = imported, bad
	s.render(w, r, status, evaluatorQueue.tmpl, page{Title: evaluatorQueue.title, Nav: evaluatorQueue.nav, Data: p})
}
