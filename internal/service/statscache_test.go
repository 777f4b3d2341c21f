package service

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/stats"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// counter builds dashboards numbered by how many times it was called; a build waits for
// release when it is given.
type counter struct {
	n       atomic.Int32
	release chan struct{}
	done    chan int32
	fail    bool
}

func (c *counter) build(context.Context) (stats.Dashboard, error) {
	n := c.n.Add(1)
	if c.release != nil {
		<-c.release
	}
	defer func() {
		if c.done != nil {
			c.done <- n
		}
	}()
	if c.fail {
		return stats.Dashboard{}, errors.New("数据库不可用")
	}
	return stats.Dashboard{Scope: string(rune('0' + n))}, nil
}

// The dashboard is counted once for the requests of a scope that arrive together, answered
// from that count while it is young, counted again in the background once it is old (the
// old one answering meanwhile), and counted again after a failure; with no maximum age it is
// counted on every request.
func TestStatsCache(t *testing.T) {
	ctx := context.Background()
	province, region := store.Scope{}, store.Scope{Region: "唐山市"}

	t.Run("no maximum age: every request counts", func(t *testing.T) {
		c := &statsCache{scopes: map[store.Scope]*statsEntry{}}
		var b counter
		for range 3 {
			c.dashboard(ctx, province, b.build)
		}
		if b.n.Load() != 3 {
			t.Errorf("%d counts for 3 requests", b.n.Load())
		}
	})

	t.Run("requests arriving together wait for one count", func(t *testing.T) {
		c := &statsCache{maxAge: time.Hour, scopes: map[store.Scope]*statsEntry{}}
		b := counter{release: make(chan struct{})}
		var wg sync.WaitGroup
		got := make([]string, 10)
		for i := range got {
			wg.Go(func() {
				d, err := c.dashboard(ctx, province, b.build)
				if err != nil {
					t.Error(err)
				}
				got[i] = d.Scope
			})
		}
		for b.n.Load() == 0 {
			time.Sleep(time.Millisecond) // until the first count has begun
		}
		close(b.release)
		wg.Wait()
		for _, s := range got {
			if s != "1" {
				t.Fatalf("answers %v: every request should have the first count", got)
			}
		}
		if d, _ := c.dashboard(ctx, region, b.build); d.Scope != "2" || b.n.Load() != 2 {
			t.Errorf("another scope is counted apart: %q after %d counts", d.Scope, b.n.Load())
		}
	})

	t.Run("an old count answers while the next is made", func(t *testing.T) {
		c := &statsCache{maxAge: time.Nanosecond, scopes: map[store.Scope]*statsEntry{}}
		b := counter{done: make(chan int32, 4)}
		if d, _ := c.dashboard(ctx, province, b.build); d.Scope != "1" {
			t.Fatalf("first: %q", d.Scope)
		}
		<-b.done
		time.Sleep(time.Millisecond) // older than the maximum age
		if d, _ := c.dashboard(ctx, province, b.build); d.Scope != "1" {
			t.Fatalf("an old count should answer while the next is made: %q", d.Scope)
		}
		if n := <-b.done; n != 2 { // the background count
			t.Fatalf("background count %d", n)
		}
		if d, _ := c.dashboard(ctx, province, b.build); d.Scope != "2" {
			t.Errorf("after the background count: %q", d.Scope)
		}
	})

	t.Run("a failed count is counted again", func(t *testing.T) {
		c := &statsCache{maxAge: time.Hour, scopes: map[store.Scope]*statsEntry{}}
		b := counter{fail: true}
		if _, err := c.dashboard(ctx, province, b.build); err == nil {
			t.Fatal("the failure was not reported")
		}
		b.fail = false
		if d, err := c.dashboard(ctx, province, b.build); err != nil || d.Scope != "2" {
			t.Errorf("after a failure: %q, %v", d.Scope, err)
		}
	})
}

// A server that keeps the dashboard counts the province's and every region's at start, so
// that the first to ask is not the one who waits; with nothing kept it counts none.
func TestWarmStats(t *testing.T) {
	st := storetest.Open(t, storetest.SQLite(t))
	engine := policy.New(policy.Default(), catalog.Default())
	cold := New(Config{Store: st, Engine: engine})
	cold.WarmStats(context.Background())
	if n := len(cold.stats.scopes); n != 0 {
		t.Errorf("without StatsMaxAge, %d dashboards counted", n)
	}
	s := New(Config{Store: st, Engine: engine, StatsMaxAge: time.Hour})
	s.WarmStats(context.Background())
	if n := len(s.stats.scopes); n != 1+len(guantong.Regions) {
		t.Fatalf("%d dashboards counted, want the province's and %d regions'", n, len(guantong.Regions))
	}
	for sc, e := range s.stats.scopes {
		if !isClosed(e.ready) || e.err != nil || e.dash.AsOf.IsZero() {
			t.Errorf("scope %q: counted %v, %v", sc.Region, isClosed(e.ready), e.err)
		}
	}
}
