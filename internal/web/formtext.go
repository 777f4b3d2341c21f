package web

import (
	"net/http"
	"net/url"
	"strings"

	"guantong"
)

// formTextProblem checks every field of a posted form, urlencoded or multipart, with
// guantong.TextProblem (text that cannot be stored or that turns its letters round) and
// says which field is wrong, or "". Every form is read through readForm or readUpload, and
// both call it.
func formTextProblem(r *http.Request) string { return textProblem(r.PostForm, formFieldWords) }

// queryTextProblem is formTextProblem for the query string of an address: 地址中的「搜索词」…,
// never the parameter's name (q).
func queryTextProblem(r *http.Request) string {
	if p := textProblem(r.URL.Query(), queryFieldWords); p != "" {
		return "地址中的" + p
	}
	return ""
}

// textProblem checks vs with guantong.ValuesProblems and says the first problem, naming its
// field through words.
func textProblem(vs url.Values, words func(name string) string) string {
	if es := guantong.ValuesProblems(vs); len(es) > 0 {
		return "「" + words(es[0].Field) + "」" + es[0].Message
	}
	return ""
}

// queryFieldWords names a parameter of an address in words, as the filters, the paging bar
// and the look-ups show it: q is 搜索词, cursor 翻页位置.
func queryFieldWords(name string) string {
	if w, ok := lookUp(name, queryWords, topWords, fieldWords); ok {
		return w
	}
	return "其中一项"
}

// lookUp returns the words of name in the first of tables that has it.
func lookUp(name string, tables ...map[string]string) (string, bool) {
	for _, t := range tables {
		if w, ok := t[name]; ok {
			return w, true
		}
	}
	return "", false
}

// queryWords names the parameters of the pages' addresses that the tables above do not.
var queryWords = map[string]string{
	"q": "搜索词", "cursor": "翻页位置", "section": "所翻的列表", "view": "下载的列表", "stage": "阶段", "kind": "类别",
	"route": "途径", "region": "地区", "sort": "排序", "limit": "每页条数", "number": "证书编号", "name": "姓名",
	"next": "登录后前往的页面", "receipt": "回执编号", "v": "版本", "done": "办理结果", "saved": "办理结果",
	"created": "办理结果", "changed": "办理结果", "new": "办理结果", "advanced": "办理结果",
}

// formFieldWords names a posted field in words, never by its name: skills.0.occupation is
// 第1张证书的职业, username 用户名.
func formFieldWords(name string) string {
	if w, ok := lookUp(name, formWords, topWords, fieldWords); ok {
		return w
	}
	return fieldLabel(strings.ReplaceAll(name, ".", "-"))
}

// formWords names the fields of the forms outside the check document's rows.
var formWords = map[string]string{
	"username": "用户名", "password": "密码", "person_name": "姓名", "contact": "联系方式", "text": "异议内容",
	"note": "意见", "comment": "意见", "title": "标题", "phone": "电话", "region": "地区", "file": "文件",
}
