package service_test

import (
	"sync"
	"testing"

	"guantong/internal/store/storetest"
)

// Issue 13.3: app servers started together with --demo on one empty database all start:
// the migrations (schema_migrations included) and the demo seeding run under one lock, so
// that no server meets another's half-made table or duplicate organisation.
func TestServersStartTogether(t *testing.T) {
	const servers = 6
	storetest.Each(t, func(t *testing.T, dsn string) {
		var wg sync.WaitGroup
		errs := make([]error, servers)
		accounts := make([]int, servers)
		for i := range servers {
			wg.Go(func() {
				s, err := openStore(t, dsn) // store.Open: the migrations
				if err != nil {
					errs[i] = err
					return
				}
				got, err := s.LoadDemo(ctx)
				errs[i], accounts[i] = err, len(got)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil || accounts[i] != 17 { // 8 people and the demo committee's nine experts
				t.Errorf("server %d: %d demo accounts, %v", i, accounts[i], err)
			}
		}
		s := open(t, dsn)
		orgs, err := s.Store().Organisations(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(orgs) != 21 {
			t.Errorf("%d organisations after %d demo starts, want the demo's 21 once", len(orgs), servers)
		}
	})
}
