package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/store/storetest"
)

// Issue 10 item 1 on the pages that are not lists of applications: over 1,001 accounts,
// organisations, experts, messages and granted certificates, each page says 全部 1001 项 and
// its 下一页 links show every one of them once; the Excel download of a view holds all its
// rows, not a page; a search shows the one it finds. On both engines.
func TestDirectoryThousandAndOnePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s, st := newServerStore(t, dsn)
		ctx := context.Background()
		orgs, err := st.Organisations(ctx, guantong.OrgEmployer)
		if err != nil {
			t.Fatal(err)
		}
		var employer int64
		for _, o := range orgs {
			if o.Name == "河北冀钢集团有限公司" {
				employer = o.ID
			}
		}
		office, _, err := st.UserByUsername(ctx, "office")
		if err != nil {
			t.Fatal(err)
		}
		d := storetest.FillDirectory(t, st, 1001, employer, office.ID, testNow)
		mux := http.NewServeMux()
		s.Routes(mux)
		ts := httptest.NewServer(mux)
		t.Cleanup(ts.Close)
		w := &world{t: t, ts: ts, s: s}
		day := d.GrantedOn.String()

		for _, l := range []struct {
			user, path string
			row        *regexp.Regexp // one match per item shown
			sheet      string         // the download's sheet, "" for none
		}{
			{"admin", "/admin/users?q=" + d.UserPrefix, regexp.MustCompile(`<code>staff\d{4}</code>`), "账号"},
			{"hr", "/employer/accounts?q=" + d.UserPrefix + "&sort=oldest", regexp.MustCompile(`<code>staff\d{4}</code>`), "账号"},
			{"admin", "/admin/organisations?kind=evaluator&q=" + url.QueryEscape(d.OrgPrefix), regexp.MustCompile(`<strong>池单位\d{4}</strong>`), "单位"},
			{"admin", "/admin/experts?q=" + url.QueryEscape(d.ExpertName), regexp.MustCompile(`<td data-label="姓名">池专家\d{4}</td>`), "专家库"},
			{"office", "/notifications?unread=1", regexp.MustCompile(`<span>消息\d{4}</span>`), ""},
			{"admin", "/registrations?from=" + day + "&to=" + day + "&q=" + url.QueryEscape("池员工"), regexp.MustCompile(`>HB-池-\d{6}<`), ""},
		} {
			c := w.as(l.user)
			seen := map[string]bool{}
			var first string
			for path, pages := l.path, 0; path != ""; pages++ {
				if pages > 30 {
					t.Fatalf("%s: more pages than 1,001 items take", l.path)
				}
				status, body := c.get(path)
				if status != 200 || !strings.Contains(body, "全部 1001 项") {
					t.Fatalf("%s: %d, no 全部 1001 项\n%.3000s", path, status, body)
				}
				if first == "" {
					first = body
				}
				for _, m := range l.row.FindAllString(body, -1) {
					if seen[m] {
						t.Fatalf("%s: %s shown twice", l.path, m)
					}
					seen[m] = true
				}
				path = ""
				if m := nextLink.FindStringSubmatch(body); m != nil {
					path = html.UnescapeString(m[1])
				}
			}
			if len(seen) != 1001 {
				t.Errorf("%s: paging showed %d, want all 1001", l.path, len(seen))
			}
			if l.sheet == "" {
				continue
			}
			m := fileLink.FindStringSubmatch(first)
			if m == nil {
				t.Fatalf("%s: no 下载 Excel link", l.path)
			}
			status, data := c.get(html.UnescapeString(m[1]))
			f, err := excelize.OpenReader(bytes.NewReader([]byte(data)))
			if status != 200 || err != nil {
				t.Fatalf("%s: download: %d, %v", l.path, status, err)
			}
			rows, _ := f.GetRows(l.sheet)
			if len(rows) != 1002 || rows[0][0] != "编号" {
				t.Errorf("%s: the sheet has %d rows, want a header and 1001", l.path, len(rows))
			}
		}

		// The registration download is the period's, as searched: every certificate, by number.
		_, data := w.as("admin").get("/registrations.csv?from=" + day + "&to=" + day + "&q=" + url.QueryEscape("池员工"))
		if n := strings.Count(data, "HB-池-"); n != 1001 {
			t.Errorf("the registration CSV holds %d certificates, want 1001", n)
		}
		// A search shows the one it finds; a filter that cannot be read is shown at its field.
		_, body := w.as("admin").get("/admin/experts?q=" + url.QueryEscape("池专家0500"))
		if !strings.Contains(body, "全部 1 项") || !strings.Contains(body, "池专家0500") {
			t.Errorf("search 池专家0500:\n%.3000s", body)
		}
		status, body := w.as("admin").get("/admin/users?status=maybe")
		if status != 200 || !strings.Contains(body, "状态只能是") {
			t.Errorf("a bad status: %d", status)
		}
	})
}
