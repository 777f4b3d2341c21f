package web

import (
	"net/http"
	"strings"

	"guantong"
)

// formTextProblem checks every field of a posted form, urlencoded or multipart, with
// guantong.TextProblem (text that cannot be stored or that turns its letters round) and
// says which field is wrong, or "". Every form is read through readForm or readUpload, and
// both call it.
func formTextProblem(r *http.Request) string {
	if es := guantong.ValuesProblems(r.PostForm); len(es) > 0 {
		return "「" + formFieldWords(es[0].Field) + "」" + es[0].Message
	}
	return ""
}

// formFieldWords names a posted field in words, never by its name: skills.0.occupation is
// 第1张证书的职业, username 用户名.
func formFieldWords(name string) string {
	if w, ok := formWords[name]; ok {
		return w
	}
	if w, ok := topWords[name]; ok {
		return w
	}
	if w, ok := fieldWords[name]; ok {
		return w
	}
	return fieldLabel(strings.ReplaceAll(name, ".", "-"))
}

// formWords names the fields of the forms outside the check document's rows.
var formWords = map[string]string{
	"username": "用户名", "password": "密码", "person_name": "姓名", "contact": "联系方式", "text": "异议内容",
	"note": "意见", "comment": "意见", "title": "标题", "phone": "电话", "region": "地区", "file": "文件",
}
