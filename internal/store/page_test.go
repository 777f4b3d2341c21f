package store_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// pageWorld is 1,001 applications of two employers in two regions: every seventh is 实验技术
// rather than 工程, every third at notice rather than recommended, created a minute apart in
// an order that is not the order of their IDs, two by two at the same instant (so that the id
// breaks ties), and one applicant, 欧阳明, whom a search must find alone.
type pageWorld struct {
	s          *store.Store
	tangshan   guantong.Organisation
	all        []guantong.Application // as inserted
	ouyang     guantong.Applicant
	ouyangApp  int64
	t0         time.Time
	notice, gc int // how many at notice, how many in 工程
}

const worldSize = 1001

func newPageWorld(t *testing.T, dsn string) *pageWorld {
	t.Helper()
	w := &pageWorld{s: storetest.Open(t, dsn), t0: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	err := w.s.Write(ctx, func(tx *store.Tx) error {
		sjz := guantong.Organisation{Kind: guantong.OrgEmployer, Name: "石家庄钢铁有限公司", Region: "石家庄市", EmployerKind: guantong.KindEnterprise, CreatedAt: w.t0}
		w.tangshan = guantong.Organisation{Kind: guantong.OrgEmployer, Name: "唐山港口集团", Region: "唐山市", EmployerKind: guantong.KindEnterprise, CreatedAt: w.t0}
		for _, o := range []*guantong.Organisation{&sjz, &w.tangshan} {
			if err := tx.InsertOrganisation(ctx, o); err != nil {
				return err
			}
		}
		people := make([]guantong.Applicant, worldSize)
		for i := range people {
			people[i] = guantong.Applicant{Name: fmt.Sprintf("申报人%04d", i), IDNumber: fmt.Sprintf("1301%014d", i), EmployerID: sjz.ID, CreatedAt: w.t0}
			if i%2 == 1 {
				people[i].EmployerID = w.tangshan.ID
			}
		}
		people[500].Name, people[500].IDNumber = "欧阳明", "13020319880808123X"
		if err := tx.InsertApplicants(ctx, people); err != nil {
			return err
		}
		w.ouyang = people[500]
		w.all = make([]guantong.Application, worldSize)
		for i, p := range people {
			a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: p.EmployerID,
				Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageRecommended, Document: json.RawMessage(`{}`),
				CreatedAt: w.t0.Add(time.Duration((i*389)%worldSize/2) * time.Minute)}
			if i%7 == 0 {
				a.Series = "实验技术"
			} else {
				w.gc++
			}
			if i%3 == 0 {
				a.Stage = guantong.StageNotice
				w.notice++
			}
			a.UpdatedAt = a.CreatedAt
			w.all[i] = a
		}
		return tx.InsertApplications(ctx, w.all)
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := w.s.Applications(ctx, store.Filter{PersonID: w.ouyang.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("欧阳明's applications: %d, %v", len(list), err)
	}
	w.ouyangApp = list[0].ID
	return w
}

// walk pages through a list from cursor, following next (or prev), and returns the IDs in
// the order shown, checking the total on every page.
func (w *pageWorld) walk(t *testing.T, f store.Filter, p store.Paging, back bool, total int) []int64 {
	t.Helper()
	var ids []int64
	for pages := 0; ; pages++ {
		if pages > total/max(p.Limit, 1)+2 {
			t.Fatalf("more pages than %d items take", total)
		}
		page, err := w.s.ApplicationPage(ctx, f, p)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != total {
			t.Fatalf("page %d: total %d, want %d", pages, page.Total, total)
		}
		got := make([]int64, len(page.Items))
		for i, a := range page.Items {
			got[i] = a.ID
		}
		if back {
			ids = append(got, ids...)
			if p.Cursor = page.Prev; p.Cursor == "" {
				return ids
			}
		} else {
			ids = append(ids, got...)
			if p.Cursor = page.Next; p.Cursor == "" {
				return ids
			}
		}
	}
}

// A list with 1,001 items counts 1,001 and pages through all of them, each once, in order of
// creation (the id breaking ties), forwards from the first page and backwards from the last,
// newest or oldest first; no OFFSET, no limit of 1,000.
func TestPagesThroughAThousandAndOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newPageWorld(t, dsn)
		byKey := map[int64]int64{}
		all, err := w.s.Applications(ctx, store.Filter{})
		if err != nil || len(all) != worldSize {
			t.Fatalf("Applications: %d, %v; want every one of %d", len(all), err, worldSize)
		}
		want := make([]int64, len(all))
		for i, a := range all {
			want[i], byKey[a.ID] = a.ID, a.CreatedAt.UnixMilli()
		}
		slices.SortFunc(want, func(a, b int64) int { // newest first
			if byKey[a] != byKey[b] {
				return int(byKey[b] - byKey[a])
			}
			return int(b - a)
		})
		for _, c := range []struct {
			name       string
			p          store.Paging
			back, flip bool
		}{
			{"newest first, forwards", store.Paging{Limit: 50}, false, false},
			{"newest first, backwards from the last page", store.Paging{Limit: 50, Cursor: store.LastPage}, true, false},
			{"oldest first, forwards", store.Paging{Limit: 77, Oldest: true}, false, true},
			{"oldest first, backwards", store.Paging{Limit: 500, Oldest: true, Cursor: store.LastPage}, true, true},
		} {
			got := w.walk(t, store.Filter{}, c.p, c.back, worldSize)
			exp := want
			if c.flip {
				exp = slices.Clone(want)
				slices.Reverse(exp)
			}
			if !slices.Equal(got, exp) {
				t.Errorf("%s: %d ids, not the %d in order", c.name, len(got), len(exp))
			}
		}
		// The first page has no previous; a cursor made for the other order is refused.
		first, err := w.s.ApplicationPage(ctx, store.Filter{}, store.Paging{})
		if err != nil || first.Prev != "" || first.Next == "" || len(first.Items) != store.DefaultLimit {
			t.Fatalf("first page: %d items, prev %q, next %q, %v", len(first.Items), first.Prev, first.Next, err)
		}
		if _, err := w.s.ApplicationPage(ctx, store.Filter{}, store.Paging{Cursor: first.Next, Oldest: true}); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("a newest-first cursor read oldest first: %v", err)
		}
		if _, err := w.s.ApplicationPage(ctx, store.Filter{}, store.Paging{Cursor: "bm90IG91cnM"}); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("a made-up cursor: %v", err)
		}
	})
}

// A filter and a search each find exactly what they should, and the total counts just those.
func TestFiltersAndSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newPageWorld(t, dsn)
		day := guantong.DateOf(w.t0.In(guantong.Shanghai))
		for _, c := range []struct {
			rule string
			f    store.Filter
			want int
		}{
			{"stage: at notice", store.Filter{Stages: []guantong.Stage{guantong.StageNotice}}, w.notice},
			{"not at a stage", store.Filter{NotStages: []guantong.Stage{guantong.StageNotice}}, worldSize - w.notice},
			{"series 工程", store.Filter{Series: "工程"}, w.gc},
			{"level 中级", store.Filter{Level: "中级"}, worldSize},
			{"level 副高级", store.Filter{Level: "副高级"}, 0},
			{"route", store.Filter{Route: guantong.RouteTitleRecognition}, 0},
			{"region of the employer: 唐山市", store.Filter{Region: "唐山市"}, worldSize / 2},
			{"region and employer scope", store.Filter{Region: "唐山市", EmployerID: w.tangshan.ID}, worldSize / 2},
			{"date range: the first day", store.Filter{From: day, To: day}, countCreated(w, day, day)},
			{"date range: nothing after", store.Filter{From: day.AddDays(2)}, 0},
			{"search by name", store.Filter{Search: "欧阳"}, 1},
			{"search by ID number prefix, x in lower case", store.Filter{Search: "13020319880808123x"}, 1},
			{"search by application number", store.Filter{Search: fmt.Sprint(w.ouyangApp)}, 1},
			{"search by employer name prefix", store.Filter{Search: "唐山港"}, worldSize / 2},
			{"search by name prefix of many", store.Filter{Search: "申报人00"}, 100},
			{"search with a LIKE wildcard is literal", store.Filter{Search: "申报人%"}, 0},
			{"search and filter together", store.Filter{Search: "申报人00", Stages: []guantong.Stage{guantong.StageNotice}}, 34},
			{"search finds nothing", store.Filter{Search: "不存在的人"}, 0},
		} {
			page, err := w.s.ApplicationPage(ctx, c.f, store.Paging{Limit: store.MaxLimit})
			if err != nil {
				t.Fatalf("%s: %v", c.rule, err)
			}
			if page.Total != c.want {
				t.Errorf("%s: total %d, want %d", c.rule, page.Total, c.want)
			}
			all, err := w.s.Applications(ctx, c.f)
			if err != nil || len(all) != c.want {
				t.Errorf("%s: Applications lists %d, want %d (%v)", c.rule, len(all), c.want, err)
			}
			for _, a := range all {
				if !matches(w, c.f, a) {
					t.Errorf("%s: application %d (%s, %s, %s) does not match", c.rule, a.ID, a.Name, a.Stage, a.Series)
					break
				}
			}
		}
	})
}

// countCreated counts the applications created from one day to another in China.
func countCreated(w *pageWorld, from, to guantong.Date) int {
	n := 0
	for _, a := range w.all {
		d := guantong.DateOf(a.CreatedAt.In(guantong.Shanghai))
		if !d.Before(from) && !d.After(to) {
			n++
		}
	}
	return n
}

// matches checks an application found against the filter's plain fields.
func matches(w *pageWorld, f store.Filter, a store.Listed) bool {
	switch {
	case len(f.Stages) > 0 && !slices.Contains(f.Stages, a.Stage),
		slices.Contains(f.NotStages, a.Stage),
		f.Series != "" && a.Series != f.Series,
		f.Region == "唐山市" && a.EmployerID != w.tangshan.ID,
		f.Search == "欧阳" && a.PersonID != w.ouyang.ID:
		return false
	}
	return true
}
