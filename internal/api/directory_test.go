package api_test

import (
	"fmt"
	"net/url"
	"testing"

	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// anyPage is the answer of a GET list endpoint, whatever it lists.
type anyPage struct {
	Items  []map[string]any `json:"items"`
	Total  int              `json:"total"`
	Next   string           `json:"next"`
	Prev   string           `json:"prev"`
	Unread *int             `json:"unread"`
}

// walkAPI pages through a list as user, forwards from the first page and backwards from
// the last, checks that every page says want in all and that both ways read the same want
// distinct items (by key), and returns the last page read.
func walkAPI(t *testing.T, w *world, user, path, key string, want int) anyPage {
	t.Helper()
	var ways [2][]string
	var last anyPage
	for dir, cursor := range []string{"", store.LastPage} {
		for range 30 {
			var p anyPage
			w.call(user, "GET", path+"&limit=100&cursor="+url.QueryEscape(cursor), nil, 200, &p)
			if p.Total != want {
				t.Fatalf("%s: a page says %d in all, want %d", path, p.Total, want)
			}
			var got []string
			for _, x := range p.Items {
				got = append(got, fmt.Sprint(x[key]))
			}
			if dir == 0 {
				ways[0], cursor = append(ways[0], got...), p.Next
			} else {
				ways[1], cursor = append(got, ways[1]...), p.Prev
			}
			last = p
			if cursor == "" {
				break
			}
		}
	}
	seen := map[string]bool{}
	for _, k := range ways[0] {
		seen[k] = true
	}
	if len(ways[0]) != want || len(seen) != want || fmt.Sprint(ways[0]) != fmt.Sprint(ways[1]) {
		t.Fatalf("%s: forwards %d (%d distinct), backwards %d, want the same %d", path, len(ways[0]), len(seen), len(ways[1]), want)
	}
	return last
}

// Issue 10 item 1 for the lists that are not applications: GET /api/v1/users, organisations,
// experts, notifications and registrations (format=json) over 1,001 of each say 1,001 on
// every page and page through all of them; a search finds one; HR's accounts are its own
// staff's; a bad parameter is 400 naming it.
func TestDirectoryListsThousandAndOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		office, _, err := w.st.UserByUsername(t.Context(), "office")
		if err != nil {
			t.Fatal(err)
		}
		var before anyPage
		w.call("office", "GET", "/api/v1/notifications", nil, 200, &before)
		d := storetest.FillDirectory(t, w.st, 1001, w.orgIDs()["河北冀钢集团有限公司"], office.ID, start)

		walkAPI(t, w, "admin", "/api/v1/users?q="+d.UserPrefix, "id", d.N)
		walkAPI(t, w, "hr", "/api/v1/users?q="+d.UserPrefix+"&sort=oldest", "id", d.N) // 冀钢's HR: its staff
		walkAPI(t, w, "admin", "/api/v1/organisations?q="+url.QueryEscape(d.OrgPrefix)+"&kind=evaluator", "id", d.N)
		walkAPI(t, w, "admin", "/api/v1/experts?q="+url.QueryEscape(d.ExpertName), "id", d.N)
		msgs := walkAPI(t, w, "office", "/api/v1/notifications?unread=1", "id", before.Total+d.N)
		if msgs.Unread == nil || *msgs.Unread != before.Total+d.N {
			t.Errorf("unread: %v", msgs.Unread)
		}
		day := d.GrantedOn.String()
		walkAPI(t, w, "admin", "/api/v1/registrations?format=json&from="+day+"&to="+day+"&q="+url.QueryEscape("池员工"), "number", d.N)

		for _, one := range []struct{ user, path string }{
			{"admin", "/api/v1/users?q=staff0500"},
			{"hr", "/api/v1/users?q=139900000000000005"}, // an ID number's prefix: 1399…0005 and 1399…00050…
			{"admin", "/api/v1/organisations?q=" + url.QueryEscape("池单位0500")},
			{"admin", "/api/v1/experts?q=" + url.QueryEscape("池专家0500") + "&status=enabled"},
			{"admin", "/api/v1/registrations?format=json&from=" + day + "&to=" + day + "&q=" + url.QueryEscape("HB-池-000500")},
		} {
			var p anyPage
			w.call(one.user, "GET", one.path, nil, 200, &p)
			if p.Total < 1 || len(p.Items) != min(p.Total, 50) {
				t.Errorf("%s found %d", one.path, p.Total)
			}
		}
		var p anyPage
		w.call("admin", "GET", "/api/v1/users?q=staff0500", nil, 200, &p)
		if p.Total != 1 || p.Items[0]["username"] != "staff0500" || p.Items[0]["org"] != nil {
			t.Errorf("search staff0500: %+v", p)
		}
		w.call("hr2", "GET", "/api/v1/users?q="+d.UserPrefix, nil, 200, &p)
		if p.Total != 0 {
			t.Errorf("another employer's HR lists %d of 冀钢's staff", p.Total)
		}
		for _, bad := range []string{"/api/v1/users?role=king", "/api/v1/users?status=maybe", "/api/v1/organisations?region=" + url.QueryEscape("火星"),
			"/api/v1/experts?limit=501", "/api/v1/notifications?cursor=abc", "/api/v1/users?sort=best"} {
			w.call("admin", "GET", bad, nil, 400, nil)
		}
		w.call("hr", "GET", "/api/v1/users?role=admin", nil, 400, nil)
		w.call("zhangsan", "GET", "/api/v1/experts", nil, 403, nil)
	})
}
