package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/store"
)

// Certificates once granted: the printable certificate, for those who may see it in full,
// and the export of a period's title grants for registration (上网), for the admin and the
// 职改办. What is printed on paper points at the public site (Config.PublicURL), because a
// QR code drawn with the address of an office's intranet would lead nowhere.

// certificatePage is the data of templates/certificate.html: the certificate as issued,
// the same Document the PDF lays out.
type certificatePage struct {
	D       certificate.Document
	Revoked bool
	Photo   template.URL // the holder's photo as a data: address, "" when there is none
}

// certificatePage is GET /certificates/{number}: the certificate laid out to print on A4,
// for the holder, the committee or issuer, and the admin (the service decides); a visitor is
// sent to the login page.
func (s *Server) certificatePage(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	d, err := s.svc.CertificateDocument(r.Context(), u, r.PathValue("number"), s.base(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := certificatePage{D: d, Revoked: d.RevokedOn != ""}
	if len(d.Photo) > 0 { // inline: the page prints with the photo it was checked with
		p.Photo = template.URL("data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(d.Photo))
	}
	s.render(w, r, http.StatusOK, "certificate", page{Title: d.Heading + " " + d.Number, Data: p})
}

// certificatePDF is GET /certificates/{number}/pdf: the same certificate as a PDF download,
// for the same people.
func (s *Server) certificatePDF(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	b, err := s.svc.CertificatePDF(r.Context(), u, r.PathValue("number"), s.base(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	number := certificate.Normalize(r.PathValue("number"))
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="certificate-`+number+`.pdf"; filename*=UTF-8''`+pathEscape("证书-"+number+".pdf"))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "private, no-store") // the ID number in full
	w.Write(b)
}

// certificateWhat says what a certificate certifies, as the certificate and its verification
// print it.
func (s *Server) certificateWhat(st guantong.CertificateStatus) string {
	if st.Kind == guantong.KindSkill {
		return s.occupationName(st.OccupationCode) + " " + st.Level.String()
	}
	return st.Series + "系列 " + st.Level.String() + "职称"
}

// base is the address of the public site, for verification addresses: Config.PublicURL, or
// else the one the request came to.
func (s *Server) base(r *http.Request) string {
	if s.public != "" {
		return s.public
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// registrationsPage is the data of templates/registrations.html.
type registrationsPage struct {
	Scope    string // 全省, or the 职改办's name
	From, To string // as typed, or the defaults
	Errs     errs
	Grants   []certificate.Grant // the page shown
	All      certificate.Grants  // the whole list, for a download, yielded as it is read
	Listed   bool                // the period was read: the table, even empty, and the downloads are shown
	List     *dirList            // the search, the order and the paging bar
	XLSX     string              // the downloads' addresses, of the period and the search
	CSV      string
}

// registrationsPage is GET /registrations?from=&to=: the title grants of a period, the first
// day of this month to today unless asked, with the downloads of the same list.
func (s *Server) registrationsPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleOffice, guantong.RoleAdmin)
	if u == nil {
		return
	}
	d, err := s.registrations(r, u, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRegistrations(w, r, d)
}

// registrationsFile is GET /registrations.xlsx and /registrations.csv: the list of the page as
// a download. Dates that do not read give the page with the messages at the fields.
func (s *Server) registrationsFile(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := s.workspace(w, r, guantong.RoleOffice, guantong.RoleAdmin)
		if u == nil {
			return
		}
		d, err := s.registrations(r, u, false)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if !d.Listed {
			s.renderRegistrations(w, r, d)
			return
		}
		var buf bytes.Buffer
		typ := "text/csv; charset=utf-8"
		if format == "csv" {
			err = certificate.WriteCSV(&buf, d.All)
		} else {
			typ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			err = certificate.WriteExcel(&buf, d.All)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		name := fmt.Sprintf("%s-%s.%s", d.From, d.To, format)
		h := w.Header()
		h.Set("Content-Type", typ)
		// The Chinese name for browsers that read RFC 5987, an ASCII one for the others.
		h.Set("Content-Disposition", `attachment; filename="registrations-`+name+`"; filename*=UTF-8''`+pathEscape("职称登记-"+name))
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		h.Set("Cache-Control", "private, no-store") // ID numbers in full
		w.Write(buf.Bytes())
	}
}

// registrations reads the period and the search of the query and asks the service for one
// page of its grants (page), or for all of them, by number, for a download. Mistakes in the
// dates or the search come back in d.Errs, with d.Listed false; other errors are the
// service's.
func (s *Server) registrations(r *http.Request, u *guantong.User, page bool) (*registrationsPage, error) {
	q := r.URL.Query()
	l := dirFilters(r, "", "证书编号、姓名、身份证号、单位或工种")
	d := &registrationsPage{Scope: "全省", From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Errs: l.Errs, List: l}
	if u.Role == guantong.RoleOffice {
		_, org, err := s.profile(r.Context(), u)
		if err != nil {
			return nil, err
		}
		d.Scope = org
	}
	if !q.Has("from") && !q.Has("to") {
		today := s.svc.Today()
		d.From, d.To = guantong.MakeDate(today.Year(), today.Month(), 1).String(), today.String()
	}
	date := func(key, v string) guantong.Date {
		if v == "" {
			return guantong.Date{} // the service says it is required
		}
		day, err := guantong.ParseDate(v)
		if err != nil {
			d.Errs[key] = "「" + v + "」不是真实存在的日期，请按 YYYY-MM-DD 填写，如 2027-01-31"
		}
		return day
	}
	from, to := date("from", d.From), date("to", d.To)
	if len(d.Errs) > 0 {
		return d, nil
	}
	l.Values.Set("from", d.From)
	l.Values.Set("to", d.To)
	files := url.Values{"from": {d.From}, "to": {d.To}}
	if l.Query.Search != "" {
		files.Set("q", l.Query.Search)
	}
	d.XLSX, d.CSV = "/registrations.xlsx?"+files.Encode(), "/registrations.csv?"+files.Encode()
	dq := l.Query
	dq.From, dq.To = from, to
	var err error
	if page {
		var p store.Page[certificate.Grant]
		p, err = s.svc.RegistrationPage(r.Context(), u, dq)
		d.Grants = p.Items
		paged(l, p)
	} else {
		d.All, err = s.svc.Registrations(r.Context(), u, dq)
	}
	if es, _, ok := fieldErrs(err); ok && es != nil {
		d.Errs = es // 须给出起始日期, 截止日期早于起始日期
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	d.Listed = true
	return d, nil
}

// renderRegistrations shows the page: 422 when the dates need correcting.
func (s *Server) renderRegistrations(w http.ResponseWriter, r *http.Request, d *registrationsPage) {
	status := http.StatusOK
	if len(d.Errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "registrations", page{Title: "职称登记", Nav: "registrations", Data: d})
}
