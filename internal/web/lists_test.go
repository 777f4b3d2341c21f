package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/province"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

var (
	rowID    = regexp.MustCompile(`<td data-label="编号">(?:<label for="pick-\d+">)?(\d+)<`)
	nextLink = regexp.MustCompile(`href="([^"]+)" rel="next"`)
	fileLink = regexp.MustCompile(`href="([^"]+)" download`)
)

// part returns the section of a queue page with the id given.
func part(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `<section class="queue" id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no section %s", id)
	}
	j := strings.Index(body[i:], "</section>")
	return body[i : i+j]
}

// The admin's 全部申报 over a province of 1,001 applications says 全部 1001 项, and its two
// lists page through all of them, each once, by their 下一页 links; the Excel download of a
// list holds every row of it; a filter and a search show exactly what they select. On both
// engines.
func TestListThousandAndOnePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := newServerOn(t, dsn)
		st := storetest.Open(t, dsn) // beside the server's, for the generator and the expected answers
		if _, err := province.Generate(context.Background(), st, province.Options{Applications: 1001, Seed: 5, Now: testNow, Employers: 20}); err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		s.Routes(mux)
		ts := httptest.NewServer(mux)
		t.Cleanup(ts.Close)
		c := (&world{t: t, ts: ts, s: s}).as("admin")

		status, body := c.get("/admin/applications")
		if status != 200 || !strings.Contains(body, "全部 1001 项") {
			t.Fatalf("/admin/applications: %d, no 全部 1001 项", status)
		}
		seen := map[string]bool{}
		for _, sec := range []string{"register", "all"} {
			total := -1
			for path, pages := "/admin/applications", 0; path != ""; pages++ {
				if pages > 30 {
					t.Fatalf("%s: more pages than 1,001 items take", sec)
				}
				_, body := c.get(path)
				p := part(t, body, sec)
				if total < 0 {
					m := regexp.MustCompile(`全部 (\d+) 项`).FindStringSubmatch(p)
					total, _ = strconv.Atoi(m[1])
				}
				for _, m := range rowID.FindAllStringSubmatch(p, -1) {
					if seen[m[1]] {
						t.Fatalf("%s: application %s shown twice", sec, m[1])
					}
					seen[m[1]] = true
				}
				path = ""
				if m := nextLink.FindStringSubmatch(p); m != nil {
					path = html.UnescapeString(m[1])
				}
			}
			if sec == "all" { // the download of the list: all its rows, not a page
				m := fileLink.FindStringSubmatch(part(t, body, sec))
				if m == nil {
					t.Fatal("no 下载 Excel link")
				}
				status, data := c.get(html.UnescapeString(m[1]))
				f, err := excelize.OpenReader(bytes.NewReader([]byte(data)))
				if status != 200 || err != nil {
					t.Fatalf("download: %d, %v", status, err)
				}
				rows, _ := f.GetRows(exportSheet)
				if len(rows) != total+1 || rows[0][0] != "申报编号" {
					t.Errorf("the sheet has %d rows, want a header and %d", len(rows), total)
				}
			}
		}
		if len(seen) != 1001 {
			t.Errorf("paging showed %d applications, want all 1001", len(seen))
		}

		// A filter: granted titles in 唐山市; a search: one applicant's full name.
		want, err := st.Applications(context.Background(), store.Filter{Region: "唐山市", Stages: []guantong.Stage{guantong.StageGranted}})
		if err != nil || len(want) == 0 {
			t.Fatalf("store: %d, %v", len(want), err)
		}
		_, body = c.get("/admin/applications?stage=granted&region=" + url.QueryEscape("唐山市"))
		if !strings.Contains(body, "全部 "+strconv.Itoa(len(want))+" 项") {
			t.Errorf("filter: the page does not say 全部 %d 项", len(want))
		}
		ids := rowID.FindAllStringSubmatch(part(t, body, "all"), -1)
		if len(ids) != min(len(want), store.DefaultLimit) {
			t.Errorf("filter: %d rows shown of %d", len(ids), len(want))
		}
		for _, m := range ids {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			ok := false
			for _, a := range want {
				ok = ok || a.ID == id
			}
			if !ok {
				t.Errorf("filter: application %d is not a granted title of 唐山市", id)
			}
		}
		_, body = c.get("/admin/applications?q=" + url.QueryEscape(want[0].IDNumber))
		if ids := rowID.FindAllStringSubmatch(body, -1); len(ids) != 1 || ids[0][1] != strconv.FormatInt(want[0].ID, 10) {
			t.Errorf("search by ID number %s: rows %v, want only %d", want[0].IDNumber, ids, want[0].ID)
		}
		// A mistake in the filter is shown beside its field, and the list is shown unfiltered.
		status, body = c.get("/admin/applications?from=2026-13-01")
		if status != 200 || !strings.Contains(body, "不是日期") || !strings.Contains(body, "全部 1001 项") {
			t.Errorf("bad date: %d, message or unfiltered total missing", status)
		}
	})
}

// A work page made of a queue lists what its Excel download reads: the sections of
// listViews under its template's name, the one place they are written.
func TestQueueViewsListed(t *testing.T) {
	for _, q := range []*queueView{officeQueue, evaluatorQueue, adminQueue} {
		if v, ok := listViews[q.tmpl]; !ok || len(v.secs) == 0 {
			t.Errorf("queue page %s (%s): no sections in listViews[%q]", q.title, q.nav, q.tmpl)
		}
	}
}
