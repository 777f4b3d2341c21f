package web

import (
	"net/url"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// Issue 13.2: on the pages too, text that PostgreSQL cannot store and direction controls
// are refused where the form is read: 400 naming the field, on both engines, signed in or
// not; a file's name loses its direction controls.
func TestFormTextRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorldOn(t, dsn)
		visitor, adm, zs := w.as(""), w.as("admin"), w.as("zhangsan")
		for _, tt := range []struct {
			rule  string
			c     *client
			path  string
			form  url.Values
			field string // in words, as the page names it
		}{
			{"the login's username with NUL", visitor, "/login", url.Values{"username": {"off\x00ice"}, "password": {"x"}}, "用户名"},
			{"an objection's name that is not UTF-8", visitor, "/notices/1/objections", url.Values{"name": {"\xff"}, "contact": {"1"}, "text": {"x"}}, "姓名"},
			{"an applicant's name with a direction override", adm, "/admin/users", url.Values{"username": {"u1"}, "password": {"long-enough"},
				"role": {"applicant"}, "person_name": {"\u202e三张"}, "id_number": {"11010519491231002X"}, "employer_id": {"1"}}, "姓名"},
			{"a draft's field with NUL", zs, "/applications/new", url.Values{"series": {"工程\x00"}}, "系列"},
			{"a row's field with NUL", zs, "/check", url.Values{"skills.0.occupation": {"钳\x00工"}}, "第1张证书的职业"},
		} {
			status, body := tt.c.post(tt.path, tt.form)
			if status != 400 || !strings.Contains(body, "「"+tt.field+"」") {
				t.Errorf("%s: %d, the page does not name %s:\n%.400s", tt.rule, status, tt.field, body)
			}
		}
		status, body := zs.postFile("/applications/new", url.Values{"series": {"工程\u2067"}}, "a.pdf", []byte("%PDF-1.4\n"))
		if status != 400 || !strings.Contains(body, "「系列」") {
			t.Errorf("a multipart draft with an isolate: %d\n%.400s", status, body)
		}
		// The address's parameters in words too: q is the 搜索词, cursor the 翻页位置.
		for path, words := range map[string]string{"/catalog?q=%00": "搜索词", "/notices?cursor=%E2%80%AE1": "翻页位置"} {
			if status, body := visitor.get(path); status != 400 || !strings.Contains(body, "地址中的「"+words+"」") || strings.Contains(body, "参数") {
				t.Errorf("%s: %d, the page does not say 「%s」 in words:\n%.400s", path, status, words, body)
			}
		}
	})
}
