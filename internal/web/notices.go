package web

import (
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/service"
)

// Public notices as published (issue 12 items 3 and 4): the notice document of one batch,
// printable on A4; an objection followed by its receipt without signing in; and the full ID
// number shown, on request and audited, to those whose task needs it.

// noticeDocPage is GET /notices/doc/{key}: one 公示 as the 职改办 publishes it, to read and to
// print (A4, print CSS). It holds no ID number and no phone.
func (s *Server) noticeDocPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.svc.NoticeDocumentByKey(r.Context(), r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "noticedoc", page{Title: d.Title, Nav: "notices", Data: d})
}

// objectionPage is the data of templates/objection.html.
type objectionPage struct {
	Receipt string
	New     bool // just lodged: tell the objector to keep the receipt
	Status  *service.ObjectionStatus
	Errs    errs
	Problem string
}

// objectionPage is GET /objections?receipt=… and GET /objections/{receipt}: anyone with the
// receipt follows the objection's handling, signed in or not.
func (s *Server) objectionPage(w http.ResponseWriter, r *http.Request) {
	d := objectionPage{Receipt: strings.TrimSpace(r.URL.Query().Get("receipt")), New: r.URL.Query().Get("new") == "1"}
	if rc := r.PathValue("receipt"); rc != "" {
		d.Receipt = rc
	}
	status := http.StatusOK
	if d.Receipt != "" {
		st, err := s.svc.ObjectionByReceipt(r.Context(), d.Receipt)
		switch {
		case err == nil:
			d.Status, d.Receipt = &st, st.Receipt
		case guantong.ErrorCode(err) == guantong.ENotFound:
			d.Problem, status = "没有回执号为 "+service.NormalReceipt(d.Receipt)+" 的异议，请核对后重试", http.StatusNotFound
		default:
			var ok bool
			if d.Errs, d.Problem, status, ok = s.inputProblem(w, r, err); !ok {
				return
			}
		}
	}
	s.render(w, r, status, "objection", page{Title: "异议处理查询", Nav: "notices", Data: d})
}

// revealID is POST /applications/{id}/id-number: the 职改办, HR or committee secretary sees
// the applicant's full ID number on the application page; the service writes the view on the
// audit record first. A POST, not a link, so that no prefetch or crawler reveals it.
func (s *Server) revealID(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	number, err := s.svc.FullIDNumber(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.appPage(r, u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.FullID = number
	w.Header().Set("Cache-Control", "no-store")
	s.renderApp(w, r, http.StatusOK, p)
}

// decisionName is a committee's decision as a result notice prints it.
func decisionName(d string) string {
	return map[string]string{guantong.DecisionPassed: "评审通过", guantong.DecisionRecognised: "认定", guantong.DecisionFailed: "未通过"}[d]
}

// internalNoticePage is the data of templates/internalnotice.html: the employer's own 公示 of
// the applications it means to recommend (人社部令第40号), to post in the workplace.
type internalNoticePage struct {
	Org   string
	Rows  []internalRow
	Today guantong.Date
}

type internalRow struct {
	service.View
	What    string
	Current string
}

// internalNoticePage is GET /employer/notice: the applications of the employer's staff whose
// internal 公示 runs now, as one printable notice.
func (s *Server) internalNoticePage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	_, org, err := s.profile(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	apps, err := s.svc.InternalNotice(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := internalNoticePage{Org: org, Today: s.svc.Today()}
	for _, v := range apps {
		d.Rows = append(d.Rows, internalRow{View: v, What: service.TitleWhat(v.Series, v.Specialty, v.Level), Current: service.CurrentOf(v.Document)})
	}
	s.render(w, r, http.StatusOK, "internalnotice", page{Title: org + " 职称申报单位内部公示", Nav: "employer", Data: d})
}

// noticePDF is GET /notices/doc/{key}/pdf: the notice as a PDF with the embedded Chinese font,
// to download, archive or post.
func (s *Server) noticePDF(w http.ResponseWriter, r *http.Request) {
	b, err := s.svc.NoticePDF(r.Context(), r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="notice-`+r.PathValue("key")+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}
