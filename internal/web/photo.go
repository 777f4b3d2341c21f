package web

import (
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/service"
)

// The holder's photo for a title certificate: the applicant uploads a JPEG on the
// application's page; the service checks it (certificate.CheckPhoto) and keeps it among the
// application's files; the page and the printed certificate show it.

// photoView is what the application page shows of the photo.
type photoView struct {
	Has    bool // a photo is stored
	Upload bool // the user may upload or replace it: the applicant, until the certificate
}

// Shown reports whether the page has a photo card at all.
func (p photoView) Shown() bool { return p.Has || p.Upload }

// photoView says whether an application has a photo and whether u may upload one.
func (s *Server) photoView(r *http.Request, u *guantong.User, v service.View) (photoView, error) {
	has, upload, err := s.svc.PhotoState(r.Context(), u, v.ID)
	return photoView{Has: has, Upload: upload}, err
}

// photo is GET /applications/{id}/photo: the holder's photo, to those who may see the
// application.
func (s *Server) photo(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	b, err := s.svc.Photo(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", guantong.TypeJPEG)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}

// uploadPhoto is POST /applications/{id}/photo: the applicant's photo, multipart "file".
// A photo the service refuses comes back at the form, saying why (size, shape, background).
func (s *Server) uploadPhoto(w http.ResponseWriter, r *http.Request) {
	s.uploaded(w, r, "photo", "photo", "请选择要上传的照片", "photo#photo", s.svc.SetPhoto)
}
