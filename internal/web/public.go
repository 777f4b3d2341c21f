package web

import (
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/service"
)

// The public's pages, no login needed: the notices (ID numbers and phones masked, as the
// service gives them) with a form to object, and certificate verification by number and name.

// noticesPage is the data of templates/notices.html.
type noticesPage struct {
	Notices  []noticeView
	Filters  *listState
	Pager    pager
	Docs     []service.NoticeDocument // a page of the notices as published, one per batch
	DocPager pager
	Today    guantong.Date

	Failed  int64 // the notice whose form has a problem, shown again as typed
	Form    service.ObjectionInput
	Errs    errs
	Problem string
}

// docsPerPage is how many notices as published the page lists at once.
const docsPerPage = 20

// noticeView is one notice and what it is about.
type noticeView struct {
	guantong.Notice
	What     string
	Decision string // 评审通过, 认定
}

// noticesPage is GET /notices.
func (s *Server) noticesPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.noticesData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notices", page{Title: "公示", Nav: "notices", Data: d})
}

func (s *Server) noticesData(r *http.Request) (*noticesPage, error) {
	l := listFilters(r, "")
	l.Path = "/notices" // also when a failed objection shows the page again
	q := l.Query
	var docCursor string // the page's two lists: the documents (section docs) and the notices
	if r.URL.Query().Get("section") == "docs" {
		docCursor = r.URL.Query().Get("cursor")
	} else {
		q.Cursor = r.URL.Query().Get("cursor")
	}
	ns, err := s.svc.NoticePage(r.Context(), q)
	if guantong.ErrorCode(err) == guantong.EInvalid { // a stale cursor: the first page
		q.Cursor = ""
		ns, err = s.svc.NoticePage(r.Context(), q)
	}
	if err != nil {
		return nil, err
	}
	d := &noticesPage{Today: s.svc.Today(), Filters: l, Pager: l.pager("", ns.Total, len(ns.Items), ns.Next, ns.Prev)}
	docs, err := s.svc.NoticeDocuments(r.Context(), docCursor, docsPerPage)
	if guantong.ErrorCode(err) == guantong.EInvalid { // a stale cursor: the first page
		docs, err = s.svc.NoticeDocuments(r.Context(), "", docsPerPage)
	}
	if err != nil {
		return nil, err
	}
	d.Docs = docs.Items
	d.DocPager = pager{Total: docs.Total, Shown: len(docs.Items)} // forward only: 首页 and 下一页
	if docs.Next != "" {
		d.DocPager.Next = l.link("docs", docs.Next)
	}
	if docCursor != "" {
		d.DocPager.First = l.link("docs", "")
	}
	for _, n := range ns.Items {
		v := noticeView{Notice: n, Decision: decisionName(n.Decision)}
		v.What = noticeWhat(n)
		d.Notices = append(d.Notices, v)
	}
	return d, nil
}

// noticeWhat says what a notice's applicant applies for: 工程系列 机械工程专业 中级职称.
func noticeWhat(n guantong.Notice) string {
	if n.Route == guantong.RouteSkillEvaluation {
		return n.Level.String()
	}
	return service.TitleWhat(n.Series, n.Specialty, n.Level)
}

// lodgeObjection is POST /notices/{id}/objections: anyone, signed in or not, objects to an
// application under notice.
func (s *Server) lodgeObjection(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	if !s.readForm(w, r, 64<<10) {
		return
	}
	in := service.ObjectionInput{Name: r.PostForm.Get("name"), Contact: r.PostForm.Get("contact"), Text: r.PostForm.Get("text")}
	o, err := s.svc.LodgeObjection(r.Context(), userFrom(r.Context()), id, in)
	if err == nil {
		http.Redirect(w, r, "/objections/"+o.Receipt+"?new=1", http.StatusSeeOther)
		return
	}
	es, prob, ok := fieldErrs(err)
	if !ok && guantong.ErrorCode(err) != guantong.ENotFound {
		s.fail(w, r, err)
		return
	}
	d, derr := s.noticesData(r)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d.Failed, d.Form, d.Errs = id, in, es
	switch {
	case prob != nil:
		d.Problem = prob.Message
	case !ok:
		d.Problem = err.Error() // 该申报不在公示中
	}
	s.render(w, r, guantong.HTTPStatus(err), "notices", page{Title: "公示", Nav: "notices", Data: d})
}

// verifyPage is the data of templates/verify.html.
type verifyPage struct {
	Number, Name string
	Result       *guantong.CertificateStatus // the holder's name and ID number masked, as the service gives them
	What         string                      // 工程系列 中级职称; 钳工（6-20-01-01）技师
	Status       string                      // 有效, 已撤销, 已发证，尚未上网
	Errs         errs
	Problem      string
}

// verifyPage is GET /verify?number=…&name=…, and GET /verify/{number}, the address a
// certificate's QR code holds. The number decides; a name, when given, must be the holder's.
func (s *Server) verifyPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := verifyPage{Number: strings.TrimSpace(q.Get("number")), Name: strings.TrimSpace(q.Get("name"))}
	if n := r.PathValue("number"); n != "" {
		d.Number = n
	}
	status := http.StatusOK
	if d.Number != "" || d.Name != "" {
		st, err := s.svc.VerifyCertificate(r.Context(), d.Number, d.Name)
		switch {
		case err == nil:
			d.Result, d.Status, d.What = &st, certificate.StatusName(st.Status), s.certificateWhat(st)
		case guantong.ErrorCode(err) == guantong.ENotFound:
			d.Problem, status = err.Error(), http.StatusNotFound
		default:
			var ok bool
			if d.Errs, d.Problem, status, ok = s.inputProblem(w, r, err); !ok {
				return
			}
		}
	}
	s.render(w, r, status, "verify", page{Title: "证书查验", Nav: "verify", Data: d})
}

// verifyQR is GET /verify/{number}/qr.png: the QR code of the certificate's verification
// address on the public site (base), for the verification page and for printing.
func (s *Server) verifyQR(w http.ResponseWriter, r *http.Request) {
	png, err := s.svc.CertificateQR(r.Context(), r.PathValue("number"), s.base(r), 240)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(png)))
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(png)
}

// inputProblem shows a public look-up's refusal of its input in place: the field errors, the
// problem without a field, and the status. Any other error is answered by fail, and ok is
// false.
func (s *Server) inputProblem(w http.ResponseWriter, r *http.Request, err error) (es errs, problem string, status int, ok bool) {
	es, prob, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return nil, "", 0, false
	}
	if prob != nil {
		problem = prob.Message
	}
	return es, problem, guantong.HTTPStatus(err), true
}
