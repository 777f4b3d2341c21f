package api

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/service"
)

// certificateAnswer is a verification: the certificate, the Chinese name of its status, its
// verification address and where its QR code is.
type certificateAnswer struct {
	guantong.CertificateStatus
	StatusName string `json:"status_name"`
	VerifyURL  string `json:"verify_url"`
	QRCode     string `json:"qr_code"`
}

// verifyCertificate is public: the name and ID number come masked unless the caller may see
// the application (the holder printing their certificate, the committee, the admin).
func (a *API) verifyCertificate(w http.ResponseWriter, r *http.Request) {
	u, err := a.user(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	number, name := r.PathValue("number"), r.URL.Query().Get("name")
	st, err := a.svc.VerifyCertificate(r.Context(), number, name)
	if u != nil { // those who may see the application read it in full, registered (上网) or not
		if full, ferr := a.svc.Certificate(r.Context(), u, number); ferr == nil && (name == "" || name == full.Name) {
			st, err = full, nil
		}
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, certificateAnswer{CertificateStatus: st, StatusName: certificate.StatusName(st.Status),
		VerifyURL: certificate.VerifyURL(a.base(r), st.Number), QRCode: "/api/v1/certificates/" + st.Number + "/qr.png"})
}

// certificateQR draws the QR code of a certificate's verification address, for the printed
// certificate; size (pixels, default 256) bounds its width.
func (a *API) certificateQR(w http.ResponseWriter, r *http.Request) {
	size := 256
	if s := r.URL.Query().Get("size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 64 || n > 2048 {
			a.fail(w, r, guantong.FieldErrors{{Field: "size", Message: "须为 64 至 2048 的整数（像素）"}})
			return
		}
		size = n
	}
	png, err := a.svc.CertificateQR(r.Context(), r.PathValue("number"), a.base(r), size)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(png)))
	w.Write(png)
}

// base is the address of the public site, for verification addresses: the configured one,
// or else the one the request came to.
func (a *API) base(r *http.Request) string {
	if a.publicURL != "" {
		return a.publicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// registrations exports the period's title grants for registration (上网), as CSV or Excel,
// or answers one page of them as JSON (format=json), with the lists' q, sort, cursor and
// limit.
func (a *API) registrations(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	dq, err := service.ParseDirectoryQuery(r.URL.Query())
	es, _ := err.(guantong.FieldErrors)
	if err != nil && es == nil {
		a.fail(w, r, err)
		return
	}
	from, to := dq.From, dq.To
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "xlsx"
	}
	if format != "csv" && format != "xlsx" && format != "json" {
		es.Add("format", "须为 csv、xlsx 或 json")
	}
	if err := es.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	if format == "json" {
		a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) { return a.svc.RegistrationPage(r.Context(), u, dq) })
		return
	}
	grants, err := a.svc.Registrations(r.Context(), u, dq)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	typ := "text/csv; charset=utf-8"
	if format == "csv" {
		err = certificate.WriteCSV(&buf, grants)
	} else {
		typ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = certificate.WriteExcel(&buf, grants)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": fmt.Sprintf("职称登记-%s-%s.%s", from, to, format)}))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}
