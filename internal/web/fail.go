package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"guantong"
)

// headings are the titles of the error page for each code.
var headings = map[string]string{
	guantong.EInvalid:      "填写内容有误",
	guantong.EUnauthorized: "请先登录",
	guantong.EForbidden:    "无权访问",
	guantong.ENotFound:     "未找到",
	guantong.EConflict:     "暂时无法办理",
	guantong.EIneligible:   "不符合申报条件",
	guantong.ETooMany:      "请稍后再试",
}

// fail answers a service error with a Chinese page of its status. Pages that can show an
// error in place (a field error next to its field, the engine's reasons above the
// application) do so themselves and call fail for the rest. Errors without a code are logged
// and shown as a 500 page, so that nothing internal leaks.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		var msgs []string
		for _, fe := range fes {
			msgs = append(msgs, fe.Message)
		}
		s.errorPage(w, r, http.StatusBadRequest, headings[guantong.EInvalid], strings.Join(msgs, "；"))
		return
	}
	code := guantong.ErrorCode(err)
	if code == guantong.EUnauthorized && userFrom(r.Context()) == nil && r.Method == http.MethodGet {
		s.signedIn(w, r) // to the login page
		return
	}
	status := guantong.HTTPStatus(err)
	if status == http.StatusInternalServerError && r.Context().Err() != nil {
		return // the client went away while it waited: no one to answer, nothing broken
	}
	if status == http.StatusInternalServerError {
		s.log.Error("web: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		s.serverError(w, r)
		return
	}
	s.errorPage(w, r, status, headings[code], err.Error())
}

// problem is an error shown in place, above a form or an application: a message and, when
// the engine refused, its reasons with their clauses.
type problem struct {
	Message string
	Reasons []reasonView
	Stale   bool   // someone else acted first: the page shows the application as it is now
	Link    string // a duplicate application: the open one it repeats
}

// fieldErrs sorts a service error into messages by field (the FieldErrors) and returns the
// rest as a problem; ok is false when err is neither, for fail to answer.
func fieldErrs(err error) (es errs, p *problem, ok bool) {
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		es = errs{}
		for _, fe := range fes {
			if prev, dup := es[fe.Field]; dup {
				es[fe.Field] = prev + "；" + fe.Message
			} else {
				es[fe.Field] = fe.Message
			}
		}
		return es, nil, true
	}
	var in *guantong.Ineligible
	if errors.As(err, &in) {
		p = &problem{Message: in.Message}
		for _, reason := range in.Reasons {
			p.Reasons = append(p.Reasons, reasonView{Met: reason.Met, Text: reason.Text, Clause: reason.Clause})
		}
		return nil, p, true
	}
	var dup *guantong.Duplicate
	if errors.As(err, &dup) {
		return nil, &problem{Message: dup.Message, Link: "/applications/" + strconv.FormatInt(dup.Existing, 10)}, true
	}
	switch guantong.ErrorCode(err) {
	case guantong.EConflict, guantong.EInvalid:
		return nil, &problem{Message: err.Error()}, true
	}
	return nil, nil, false
}
