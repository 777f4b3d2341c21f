package service

import (
	"testing"
	"time"

	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/store/storetest"
)

// A step judges by the policies in hand when their refresh is due, and reads them again in
// the background: it may be inside a transaction, where a read from the pool can wait for a
// connection that every other step holds (two servers hung so under guantong load). Here a
// reload that cannot finish (its lock held) must not hold up set.
func TestPoliciesRefreshInBackground(t *testing.T) {
	st := storetest.Open(t, storetest.SQLite(t))
	s := New(Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()), PolicyRefresh: time.Hour})
	before := s.set()
	cur := s.pol.current.Load()
	s.pol.current.Store(&policyState{set: cur.set, version: cur.version, checked: time.Now().Add(-2 * time.Hour)})
	s.pol.mu.Lock() // a reload under way elsewhere, not finishing
	got := make(chan *policy.Set)
	go func() { got <- s.set() }()
	select {
	case set := <-got:
		if set != before {
			t.Error("set answered another set than the one in hand")
		}
	case <-time.After(10 * time.Second): // a bound for a hang, not a timing assertion
		t.Fatal("set waited for the reload")
	}
	s.pol.mu.Unlock()
	for s.pol.reloading.Load() { // the background reload ends once it has the lock
		time.Sleep(time.Millisecond)
	}
	if c := s.pol.current.Load(); time.Since(c.checked) > time.Minute {
		t.Errorf("the background reload did not record its read: checked %s", c.checked)
	}
}
