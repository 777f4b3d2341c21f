package api_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"guantong"
	"guantong/internal/province"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// listPage is the answer of a GET list endpoint.
type listPage struct {
	Items []struct {
		ID        int64          `json:"id"`
		Stage     guantong.Stage `json:"stage"`
		Applicant struct {
			Name string `json:"name"`
		} `json:"applicant"`
	} `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
	Prev  string `json:"prev"`
}

// GET /api/v1/applications over a province of 1,001 applications: the total is 1,001 on
// every page, next walks through all of them once and prev back again; a filter and a search
// find exactly what the store holds for them; a bad parameter is 400 naming it.
func TestListThousandAndOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		if _, err := province.Generate(context.Background(), w.st, province.Options{Applications: 1001, Seed: 3, Now: start, Employers: 20}); err != nil {
			t.Fatal(err)
		}
		walk := func(query string, back bool) []int64 {
			var ids []int64
			cursor := ""
			if back {
				cursor = store.LastPage
			}
			for range 30 {
				var p listPage
				w.call("admin", "GET", "/api/v1/applications?"+query+"&cursor="+url.QueryEscape(cursor), nil, 200, &p)
				if p.Total != 1001 {
					t.Fatalf("total %d, want 1001", p.Total)
				}
				var got []int64
				for _, a := range p.Items {
					got = append(got, a.ID)
				}
				if back {
					ids, cursor = append(got, ids...), p.Prev
				} else {
					ids, cursor = append(ids, got...), p.Next
				}
				if cursor == "" {
					return ids
				}
			}
			t.Fatal("more pages than 1,001 items take")
			return nil
		}
		fwd, bwd := walk("limit=100", false), walk("limit=100", true)
		seen := map[int64]bool{}
		for _, id := range fwd {
			seen[id] = true
		}
		if len(fwd) != 1001 || len(seen) != 1001 || fmt.Sprint(fwd) != fmt.Sprint(bwd) {
			t.Errorf("forwards %d (%d distinct), backwards %d: not the same 1,001", len(fwd), len(seen), len(bwd))
		}

		// A filter: the granted titles of 唐山市's employers, as the store counts them.
		want, err := w.st.Applications(context.Background(), store.Filter{Region: "唐山市", Stages: []guantong.Stage{guantong.StageGranted}})
		if err != nil || len(want) == 0 {
			t.Fatalf("store: %d, %v", len(want), err)
		}
		var p listPage
		w.call("admin", "GET", "/api/v1/applications?region="+url.QueryEscape("唐山市")+"&stage=granted&limit=500", nil, 200, &p)
		if p.Total != len(want) || len(p.Items) != len(want) {
			t.Errorf("region and stage: %d of %d, want %d", len(p.Items), p.Total, len(want))
		}
		for _, a := range p.Items {
			if a.Stage != guantong.StageGranted {
				t.Errorf("application %d is %s", a.ID, a.Stage)
			}
		}
		// A search by a full name finds that person's application among the results.
		name := want[0].Name
		w.call("admin", "GET", "/api/v1/applications?limit=500&q="+url.QueryEscape(name), nil, 200, &p)
		found := false
		for _, a := range p.Items {
			found = found || a.ID == want[0].ID
			if a.Applicant.Name[:len(name)] != name {
				t.Errorf("search %s found %s", name, a.Applicant.Name)
			}
		}
		if !found || p.Total != len(p.Items) {
			t.Errorf("search %s: %d of %d, application %d found: %v", name, len(p.Items), p.Total, want[0].ID, found)
		}
		// The 职改办 of 石家庄 sees its region's title applications only, never a draft.
		w.call("office", "GET", "/api/v1/applications?limit=500&stage=draft", nil, 200, &p)
		if p.Total != 0 {
			t.Errorf("the office lists %d drafts", p.Total)
		}
		for _, bad := range []string{"limit=0", "limit=501", "sort=best", "from=2026-02-30", "cursor=abc", "stage=nonsense", "kind=x", "level=博士"} {
			w.call("admin", "GET", "/api/v1/applications?"+bad, nil, 400, nil)
		}
	})
}
