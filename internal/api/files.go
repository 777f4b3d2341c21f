package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"guantong"
)

// badFileName says that the header of the uploaded file could not be read.
const badFileName = "文件名无法读取（含有空字符、换行或引号等），请将文件改名后重新上传"

// upload takes one evidence file as multipart/form-data in the field "file"
// (curl -F file=@diploma.pdf).
func (a *API) upload(w http.ResponseWriter, r *http.Request) {
	a.uploaded(w, r, a.svc.AddFile)
}

// uploaded reads the multipart field "file" of a request about the application at {id}
// and hands it to keep (AddFile, SetPhoto), answering 201 with the file kept.
func (a *API) uploaded(w http.ResponseWriter, r *http.Request, keep func(ctx context.Context, u *guantong.User, id int64, name string, data []byte) (guantong.File, error)) {
	a.serve(w, r, http.StatusCreated, func(u *guantong.User, id int64) (any, error) {
		name, data, err := multipartFile(w, r)
		if err != nil {
			return nil, err
		}
		return keep(r.Context(), u, id, name, data)
	})
}

// multipartFile reads the multipart field "file" of a request, up to guantong.MaxFileSize:
// its name and its bytes.
func multipartFile(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	return multipartFileUpTo(w, r, guantong.MaxFileSize, "文件超过 10 MiB")
}

// multipartFileUpTo is multipartFile for files of up to max bytes, with the message for a
// larger one.
func multipartFileUpTo(w http.ResponseWriter, r *http.Request, max int64, tooLarge string) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, max+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, guantong.FieldErrors{{Field: "file", Message: "须以 multipart/form-data 上传，字段名 file"}}
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if big := new(http.MaxBytesError); errors.As(err, &big) {
				return "", nil, guantong.FieldErrors{{Field: "file", Message: tooLarge}}
			}
			if err != io.EOF { // a part's header that does not parse: a NUL or a line break in the file's name
				return "", nil, guantong.FieldErrors{{Field: "file", Message: badFileName}}
			}
			return "", nil, guantong.FieldErrors{{Field: "file", Message: "缺少字段 file"}}
		}
		if part.FormName() != "file" {
			if strings.Contains(part.Header.Get("Content-Disposition"), `name="file"`) {
				// The part is the file, but its header does not parse: a NUL or a stray
				// quote in the file's name. Say so rather than that there is no file.
				return "", nil, guantong.FieldErrors{{Field: "file", Message: badFileName}}
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, max+1))
		if err != nil {
			return "", nil, guantong.FieldErrors{{Field: "file", Message: tooLarge + "（或上传中断）"}}
		}
		return part.FileName(), data, nil
	}
}

func (a *API) files(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) { return a.svc.Files(r.Context(), u, id) })
}

// download serves evidence only as an attachment of its stored type, never sniffed and
// never rendered: a file someone uploaded must not run in the browser of the reviewer.
func (a *API) download(w http.ResponseWriter, r *http.Request) {
	u, ok := a.authed(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	fileID, err := pathID(r, "file")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f, data, err := a.svc.File(r.Context(), u, id, fileID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", fmt.Sprintf("%q", f.SHA256))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
