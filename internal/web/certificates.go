package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/certificate"
)

// Certificates once granted: the printable certificate, for those who may see it in full,
// and the export of a period's title grants for registration (上网), for the admin and the
// 职改办. What is printed on paper points at the public site (Config.PublicURL), because a
// QR code drawn with the address of an office's intranet would lead nowhere.

// certificatePage is the data of templates/certificate.html.
type certificatePage struct {
	C         guantong.CertificateStatus // the name and ID number in full
	Heading   string                     // 职称证书, 职业技能等级证书
	What      string                     // 工程系列 中级职称; 钳工（6-20-01-01） 技师
	Status    string                     // 有效, 已撤销, 已发证，尚未上网
	VerifyURL string                     // what the QR code holds, printed under it
}

// certificatePage is GET /certificates/{number}: the certificate laid out to print on A4,
// for the holder, the committee or issuer, and the admin (the service decides); a visitor is
// sent to the login page.
func (s *Server) certificatePage(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	st, err := s.svc.Certificate(r.Context(), u, r.PathValue("number"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := certificatePage{C: st, Heading: "职称证书", What: s.certificateWhat(st), Status: certificate.StatusName(st.Status),
		VerifyURL: certificate.VerifyURL(s.base(r), st.Number)}
	if st.Kind == guantong.KindSkill {
		d.Heading = "职业技能等级证书"
	}
	s.render(w, r, http.StatusOK, "certificate", page{Title: d.Heading + " " + st.Number, Data: d})
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
	Grants   []certificate.Grant
	Listed   bool // the period was read: the table, even empty, and the downloads are shown
}

// registrationsPage is GET /registrations?from=&to=: the title grants of a period, the first
// day of this month to today unless asked, with the downloads of the same list.
func (s *Server) registrationsPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleOffice, guantong.RoleAdmin)
	if u == nil {
		return
	}
	d, err := s.registrations(r, u)
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
		d, err := s.registrations(r, u)
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
			err = certificate.WriteCSV(&buf, d.Grants)
		} else {
			typ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			err = certificate.WriteExcel(&buf, d.Grants)
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

// registrations reads the period of the query and asks the service for its grants. Mistakes
// in the dates come back in d.Errs, with d.Listed false; other errors are the service's.
func (s *Server) registrations(r *http.Request, u *guantong.User) (*registrationsPage, error) {
	q := r.URL.Query()
	d := &registrationsPage{Scope: "全省", From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Errs: errs{}}
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
	grants, err := s.svc.Registrations(r.Context(), u, from, to)
	if es, _, ok := fieldErrs(err); ok && es != nil {
		d.Errs = es // 须给出起始日期, 截止日期早于起始日期
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	d.Grants, d.Listed = grants, true
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
