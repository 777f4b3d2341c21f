package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sync/atomic"
	"time"
)

// errStop ends a client: the time or the request budget is used up.
var errStop = errors.New("loadtest: stop")

// next is the target of the next request: the servers take turns, as behind a load balancer.
var next atomic.Uint64

// request is one call of the API.
type request struct {
	kind, token, method, path string
	target                    string // this server only; "": the next in turn
	body                      any    // encoded as JSON, unless raw is set
	raw                       []byte // a multipart body, with contentType
	contentType               string
	out                       any // the answer, decoded when 2xx
}

// call sends a request of the setup or the verification: not counted, not timed.
func (r *run) call(ctx context.Context, q request) (int, error) { return r.send(ctx, q, false) }

// do sends a request of the load: counted against the budget and timed by kind. It returns
// errStop when the load is over.
func (r *run) do(ctx context.Context, q request) (int, error) {
	if r.over.Err() != nil || r.sent.Add(1) > r.cfg.Requests {
		return 0, errStop
	}
	return r.send(ctx, q, true)
}

func (r *run) send(ctx context.Context, q request, timed bool) (int, error) {
	body := q.raw
	if q.body != nil {
		b, err := json.Marshal(q.body)
		if err != nil {
			return 0, err
		}
		body, q.contentType = b, "application/json"
	}
	target := q.target
	if target == "" {
		target = r.cfg.Targets[next.Add(1)%uint64(len(r.cfg.Targets))]
	}
	req, err := http.NewRequestWithContext(ctx, q.method, target+q.path, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	if q.contentType != "" {
		req.Header.Set("Content-Type", q.contentType)
	}
	if q.token != "" {
		req.Header.Set("Authorization", "Bearer "+q.token)
	}
	start := time.Now()
	resp, err := r.http.Do(req)
	if err == nil {
		var b []byte
		b, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode/100 == 2 && q.out != nil {
			err = json.Unmarshal(b, q.out)
		}
		if err == nil && !timed && resp.StatusCode/100 != 2 {
			err = fmt.Errorf("%s %s: %d %s", q.method, q.path, resp.StatusCode, bytes.TrimSpace(b))
		}
	}
	elapsed := time.Since(start)
	if ctx.Err() != nil { // interrupted (Ctrl-C): not the server's doing
		return 0, errStop
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	if timed {
		r.stats.add(q.kind, status, elapsed)
	}
	return status, err
}

// pdf is the evidence every applicant uploads: the smallest content taken as a PDF.
var pdf = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

// uploadBody is a multipart body with pdf as the field "file".
func uploadBody() ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "证明材料.pdf")
	fw.Write(pdf)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}
