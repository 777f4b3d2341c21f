package web

import (
	"net/http"

	"guantong"
)

// formTextProblem checks every field of a posted form, urlencoded or multipart, with
// guantong.TextProblem (text that cannot be stored or that turns its letters round) and
// says which field is wrong, or "". Every form is read through readForm or readUpload, and
// both call it.
func formTextProblem(r *http.Request) string {
	if es := guantong.ValuesProblems(r.PostForm); len(es) > 0 {
		return "字段 " + es[0].Field + " " + es[0].Message
	}
	return ""
}
