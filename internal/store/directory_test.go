package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// directoryWorld holds 1,001 of each list that is not of applications: organisations,
// accounts (each of a person employed by one employer, 唐山港口集团 for the odd ones),
// experts, and messages of one account. They were created a minute
// apart in an order that is not the order of their IDs, two by two at the same instant, and
// each list has one 欧阳明 (or 欧阳明's company) that a search must find alone.
type directoryWorld struct {
	s          *store.Store
	tangshan   guantong.Organisation
	reader     guantong.User // whose messages they are
	ouyang     guantong.User
	disabled   int
	ouyangOrg  int64
	ouyangExp  int64
	tangshanIn int // accounts of people 唐山港口集团 employs
}

func newDirectoryWorld(t *testing.T, dsn string) *directoryWorld {
	t.Helper()
	w := &directoryWorld{s: storetest.Open(t, dsn)}
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	at := func(i int) time.Time { return t0.Add(time.Duration((i*389)%worldSize/2) * time.Minute) }
	err := w.s.Write(ctx, func(tx *store.Tx) error {
		sjz := guantong.Organisation{Kind: guantong.OrgEmployer, Name: "石家庄钢铁有限公司", Region: "石家庄市", CreatedAt: t0}
		w.tangshan = guantong.Organisation{Kind: guantong.OrgEmployer, Name: "唐山港口集团", Region: "唐山市", CreatedAt: t0}
		for _, o := range []*guantong.Organisation{&sjz, &w.tangshan} {
			if err := tx.InsertOrganisation(ctx, o); err != nil {
				return err
			}
		}
		for i := range worldSize - 2 { // with the two above, 1,001
			o := guantong.Organisation{Kind: guantong.OrgEvaluator, Name: fmt.Sprintf("评价组织%04d", i), CreatedAt: at(i)}
			if i == 500 {
				o.Kind, o.Name, o.Region = guantong.OrgEmployer, "欧阳明科技有限公司", "衡水市"
			}
			if err := tx.InsertOrganisation(ctx, &o); err != nil {
				return err
			}
			if i == 500 {
				w.ouyangOrg = o.ID
			}
		}
		people := make([]guantong.Applicant, worldSize)
		for i := range people {
			people[i] = guantong.Applicant{Name: fmt.Sprintf("申报人%04d", i), IDNumber: fmt.Sprintf("1301%014d", i), EmployerID: sjz.ID, CreatedAt: t0}
			if i%2 == 1 {
				people[i].EmployerID = w.tangshan.ID
				w.tangshanIn++
			}
		}
		people[500].Name, people[500].IDNumber = "欧阳明", "13020319880808123X"
		if err := tx.InsertApplicants(ctx, people); err != nil {
			return err
		}
		for i, p := range people {
			u := guantong.User{Username: fmt.Sprintf("user%04d", i), Name: p.Name, Role: guantong.RoleApplicant, PersonID: p.ID, CreatedAt: at(i), Disabled: i%5 == 0}
			if u.Disabled {
				w.disabled++
			}
			if i == 500 {
				u.Username = "ouyangming"
			}
			if err := tx.InsertUser(ctx, &u, "x"); err != nil {
				return err
			}
			if i == 500 {
				w.ouyang = u
			}
			if i == 0 {
				w.reader = u
			}
			e := guantong.Expert{Name: fmt.Sprintf("专家%04d", i), EmployerID: sjz.ID, Series: "工程", Active: i%4 != 0, Skilled: i%2 == 0, CreatedAt: at(i)}
			if i == 500 {
				e.Name = "欧阳明"
			}
			if err := tx.InsertExpert(ctx, &e); err != nil {
				return err
			}
			if i == 500 {
				w.ouyangExp = e.ID
			}
		}
		for i := range worldSize {
			n := guantong.Notification{UserID: w.reader.ID, Text: fmt.Sprintf("消息%04d", i), CreatedAt: at(i)}
			if err := tx.InsertNotification(ctx, &n, ""); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// walk pages through a list forwards (from the first page) and backwards (from the last),
// checking that every page says the same total, and returns the IDs in the order read.
func walk[T any](t *testing.T, total int, read func(store.Paging) (store.Page[T], error), key func(T) (time.Time, int64), oldest bool) []int64 {
	t.Helper()
	var ids [2][]int64
	var keys [][2]int64 // of the forward walk, then of the backward one
	for dir, cursor := range []string{"", store.LastPage} {
		for range 30 {
			p, err := read(store.Paging{Cursor: cursor, Limit: 100, Oldest: oldest})
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != total {
				t.Fatalf("a page says %d in all, want %d", p.Total, total)
			}
			var got []int64
			for _, x := range p.Items {
				at, id := key(x)
				got = append(got, id)
				keys = append(keys, [2]int64{at.UnixMilli(), id})
			}
			if dir == 0 {
				ids[0], cursor = append(ids[0], got...), p.Next
			} else {
				ids[1], cursor = append(got, ids[1]...), p.Prev
			}
			if cursor == "" {
				break
			}
		}
	}
	if len(ids[0]) != total || !slices.Equal(ids[0], ids[1]) {
		t.Fatalf("forwards %d, backwards %d items, want the same %d", len(ids[0]), len(ids[1]), total)
	}
	forward := keys[:total]
	sorted := slices.IsSortedFunc(forward, func(a, b [2]int64) int {
		if oldest {
			a, b = b, a
		}
		if a[0] != b[0] {
			return int(b[0] - a[0])
		}
		return int(b[1] - a[1])
	})
	if !sorted {
		t.Fatalf("not in the order of (created_at, id), oldest first %v", oldest)
	}
	seen := map[int64]bool{}
	for _, id := range ids[0] {
		seen[id] = true
	}
	if len(seen) != total {
		t.Fatalf("%d distinct items of %d", len(seen), total)
	}
	return ids[0]
}

// The lists of issue 10 item 1 that are not applications: each of 1,001 says 1,001 on every
// page and pages through all of them once, forwards and back, in order; a filter counts
// what it selects and a search finds 欧阳明 alone.
func TestDirectoryPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newDirectoryWorld(t, dsn)
		userKey := func(u store.UserListed) (time.Time, int64) { return u.CreatedAt, u.ID }
		orgKey := func(o guantong.Organisation) (time.Time, int64) { return o.CreatedAt, o.ID }
		expertKey := func(e store.ExpertListed) (time.Time, int64) { return e.CreatedAt, e.ID }
		noteKey := func(n guantong.Notification) (time.Time, int64) { return n.CreatedAt, n.ID }

		t.Run("accounts", func(t *testing.T) {
			users := func(f store.UserFilter) func(store.Paging) (store.Page[store.UserListed], error) {
				return func(p store.Paging) (store.Page[store.UserListed], error) { return w.s.UserPage(ctx, f, p) }
			}
			walk(t, worldSize, users(store.UserFilter{}), userKey, false)
			walk(t, worldSize, users(store.UserFilter{}), userKey, true)
			walk(t, w.tangshanIn, users(store.UserFilter{StaffOf: w.tangshan.ID}), userKey, false)
			yes := true
			walk(t, w.disabled, users(store.UserFilter{Disabled: &yes}), userKey, false)
			for _, q := range []string{"欧阳", "OUYANG", "130203198808", "ouyangming"} {
				p, err := w.s.UserPage(ctx, store.UserFilter{Search: q}, store.Paging{})
				if err != nil || p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != w.ouyang.ID {
					t.Errorf("search %q: %+v %v", q, p, err)
				}
			}
		})
		// An account follows its person to another employer (migration 0019's triggers).
		t.Run("an account moves with its person", func(t *testing.T) {
			err := w.s.Write(ctx, func(tx *store.Tx) error {
				p, err := tx.Applicant(ctx, w.ouyang.PersonID)
				if err != nil {
					return err
				}
				p.EmployerID = w.tangshan.ID // 欧阳明 was at 石家庄钢铁
				return tx.UpdateApplicant(ctx, &p, p.Version)
			})
			if err != nil {
				t.Fatal(err)
			}
			page, err := w.s.UserPage(ctx, store.UserFilter{StaffOf: w.tangshan.ID, Search: "欧阳"}, store.Paging{})
			if err != nil || page.Total != 1 {
				t.Errorf("唐山港口集团's HR does not list 欧阳明 who moved there: %+v %v", page, err)
			}
			page, err = w.s.UserPage(ctx, store.UserFilter{StaffOf: w.tangshan.ID}, store.Paging{})
			if err != nil || page.Total != w.tangshanIn+1 {
				t.Errorf("唐山港口集团's accounts after the move: %d, want %d (%v)", page.Total, w.tangshanIn+1, err)
			}
		})
		t.Run("organisations", func(t *testing.T) {
			orgs := func(f store.OrgFilter) func(store.Paging) (store.Page[guantong.Organisation], error) {
				return func(p store.Paging) (store.Page[guantong.Organisation], error) {
					return w.s.OrganisationPage(ctx, f, p)
				}
			}
			walk(t, worldSize, orgs(store.OrgFilter{}), orgKey, false)
			walk(t, worldSize-3, orgs(store.OrgFilter{Kind: guantong.OrgEvaluator}), orgKey, true) // all but the two employers and 欧阳明科技
			p, err := w.s.OrganisationPage(ctx, store.OrgFilter{Search: "欧阳明"}, store.Paging{})
			if err != nil || p.Total != 1 || p.Items[0].ID != w.ouyangOrg {
				t.Errorf("search: %+v %v", p, err)
			}
			if p, _ := w.s.OrganisationPage(ctx, store.OrgFilter{Region: "衡水市", Kind: guantong.OrgEmployer}, store.Paging{}); p.Total != 1 {
				t.Errorf("衡水市's employers: %d", p.Total)
			}
		})
		t.Run("experts", func(t *testing.T) {
			experts := func(f store.ExpertFilter) func(store.Paging) (store.Page[store.ExpertListed], error) {
				return func(p store.Paging) (store.Page[store.ExpertListed], error) { return w.s.ExpertPage(ctx, f, p) }
			}
			ids := walk(t, worldSize, experts(store.ExpertFilter{}), expertKey, false)
			no, yes := false, true
			walk(t, 251, experts(store.ExpertFilter{Active: &no}), expertKey, false) // every fourth of 1,001
			walk(t, 501, experts(store.ExpertFilter{Skilled: &yes}), expertKey, true)
			p, err := w.s.ExpertPage(ctx, store.ExpertFilter{Search: "欧阳"}, store.Paging{})
			if err != nil || p.Total != 1 || p.Items[0].ID != w.ouyangExp || p.Items[0].Employer != "石家庄钢铁有限公司" {
				t.Errorf("search: %+v %v", p, err)
			}
			if p, _ := w.s.ExpertPage(ctx, store.ExpertFilter{Search: "石家庄钢铁"}, store.Paging{}); p.Total != worldSize {
				t.Errorf("search by employer: %d", p.Total)
			}
			var streamed []int64
			err = w.s.EachExpert(ctx, store.ExpertFilter{}, false, func(e store.ExpertListed) error { streamed = append(streamed, e.ID); return nil })
			if err != nil || !slices.Equal(streamed, ids) {
				t.Errorf("the download's rows are not the list's: %d, %v", len(streamed), err)
			}
		})
		t.Run("messages", func(t *testing.T) {
			notes := func(unread bool) func(store.Paging) (store.Page[guantong.Notification], error) {
				return func(p store.Paging) (store.Page[guantong.Notification], error) {
					return w.s.NotificationPage(ctx, w.reader.ID, unread, p)
				}
			}
			walk(t, worldSize, notes(false), noteKey, false)
			walk(t, worldSize, notes(true), noteKey, true)
			if err := w.s.Write(ctx, func(tx *store.Tx) (err error) { _, err = tx.MarkRead(ctx, w.reader.ID, 0, time.Now()); return }); err != nil {
				t.Fatal(err)
			}
			walk(t, 0, notes(true), noteKey, false)
			if p, _ := w.s.NotificationPage(ctx, w.ouyang.ID, false, store.Paging{}); p.Total != 0 {
				t.Errorf("another user's messages: %d", p.Total)
			}
		})
	})
}
