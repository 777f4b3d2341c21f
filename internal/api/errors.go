package api

import (
	"errors"
	"net/http"
	"strconv"

	"guantong"
)

// errorBody is the JSON of an error: {"error": {"code", "message"}}, with the engine's
// reasons for 422. Field problems are {"errors": [{"field", "message"}]}, as the check
// contract has it.
type errorBody struct {
	Error   errorDetail       `json:"error"`
	Reasons []guantong.Reason `json:"reasons,omitempty"`
	// Existing is the open application a duplicate would repeat (409).
	Existing *existing `json:"existing,omitempty"`
}

type existing struct {
	ID   int64  `json:"id"`
	Href string `json:"href"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail writes err as JSON with its status. Errors without a code are logged and shown as a
// bare 500, so that nothing internal leaks.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": fes})
		return
	}
	code, status := guantong.ErrorCode(err), guantong.HTTPStatus(err)
	body := errorBody{Error: errorDetail{Code: code, Message: err.Error()}}
	var in *guantong.Ineligible
	if errors.As(err, &in) {
		body.Reasons = in.Reasons
		if body.Reasons == nil {
			body.Reasons = []guantong.Reason{}
		}
	}
	var dup *guantong.Duplicate
	if errors.As(err, &dup) {
		body.Existing = &existing{ID: dup.Existing, Href: "/api/v1/applications/" + strconv.FormatInt(dup.Existing, 10)}
	}
	if status == http.StatusInternalServerError && r.Context().Err() != nil {
		return // the client went away while it waited: no one to answer, nothing broken
	}
	if status == http.StatusInternalServerError {
		a.log.Error("api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		status, body.Error = http.StatusInternalServerError, errorDetail{Code: guantong.EInternal, Message: "服务器内部错误"}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="guantong"`)
	}
	writeJSON(w, status, body)
}
