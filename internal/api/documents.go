package api

import (
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/certificate"
)

// The certificate as issued (its PDF, the holder's photo, the 批准文号) and 复查; each handler
// is one call of the service (docs/certificates.md, docs/committee.md §10).

// certificatePDF is the certificate as a one-page A4 PDF, for those who may see it in full.
func (a *API) certificatePDF(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	b, err := a.svc.CertificatePDF(r.Context(), u, r.PathValue("number"), a.base(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="certificate-`+certificate.Normalize(r.PathValue("number"))+`.pdf"`)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "private, no-store")
	w.Write(b)
}

// uploadPhoto takes the holder's photo (multipart "file", a JPEG) for a title application.
func (a *API) uploadPhoto(w http.ResponseWriter, r *http.Request) {
	a.uploaded(w, r, a.svc.SetPhoto)
}

// recordApproval records the 批准文号 of a closed meeting's result.
func (a *API) recordApproval(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in struct {
		ApprovalNo string `json:"approval_no"`
	}) (any, error) {
		return a.svc.RecordApproval(r.Context(), u, id, in.ApprovalNo)
	}))
}

func (a *API) rechecks(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Rechecks(r.Context(), u, id) })
}

// requestRecheck is the applicant's request for 复查, with a reason.
func (a *API) requestRecheck(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, id int64, in struct {
		Reason string `json:"reason"`
	}) (any, error) {
		return a.svc.RequestRecheck(r.Context(), u, id, in.Reason)
	}))
}

// handleRecheck takes a 复查 one step: to accepted, refused, maintained or revised, with a note.
func (a *API) handleRecheck(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in struct {
		To   string `json:"to"`
		Note string `json:"note"`
	}) (any, error) {
		return a.svc.HandleRecheck(r.Context(), u, id, in.To, in.Note)
	}))
}
