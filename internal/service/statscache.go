package service

import (
	"context"
	"sync"
	"time"

	"guantong"
	"guantong/internal/stats"
	"guantong/internal/store"
)

// The dashboard counts a whole province's applications, objections and stage spells: at a
// million applications, seconds of database work. It is the same for everyone who asks
// within a minute, so each server keeps the last one of each scope and answers from it,
// saying when it was counted (Dashboard.AsOf); one older than Config.StatsMaxAge is counted
// again in the background while the last one is still shown. Only the first request of a
// scope on a server waits for the count, and requests arriving meanwhile wait for that same
// count rather than start their own. Lists and their totals are never cached.

// statsCache holds the last dashboard of each scope.
type statsCache struct {
	maxAge time.Duration
	mu     sync.Mutex
	scopes map[store.Scope]*statsEntry
}

type statsEntry struct {
	ready      chan struct{} // closed when the first count is in
	dash       stats.Dashboard
	err        error
	counted    time.Time // by the wall clock, whatever clock the service runs on
	refreshing bool
}

// dashboard returns the dashboard of sc, counted by build now or within maxAge.
func (c *statsCache) dashboard(ctx context.Context, sc store.Scope, build func(context.Context) (stats.Dashboard, error)) (stats.Dashboard, error) {
	if c.maxAge <= 0 {
		return build(ctx)
	}
	c.mu.Lock()
	e := c.scopes[sc]
	if e == nil || (e.err != nil && !e.refreshing && isClosed(e.ready)) {
		e = &statsEntry{ready: make(chan struct{}), refreshing: true}
		c.scopes[sc] = e
		c.mu.Unlock()
		d, err := build(context.WithoutCancel(ctx)) // the others waiting need it even if this client leaves
		c.mu.Lock()
		e.dash, e.err, e.counted, e.refreshing = d, err, time.Now(), false
		c.mu.Unlock()
		close(e.ready)
		return d, err
	}
	c.mu.Unlock()
	select {
	case <-e.ready:
	case <-ctx.Done():
		return stats.Dashboard{}, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !e.refreshing && time.Since(e.counted) > c.maxAge {
		e.refreshing = true
		go func() {
			d, err := build(context.WithoutCancel(ctx))
			c.mu.Lock()
			defer c.mu.Unlock()
			if err == nil { // a failed recount keeps the last good one
				e.dash, e.err = d, nil
			}
			e.counted, e.refreshing = time.Now(), false
		}()
	}
	return e.dash, e.err
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// WarmStats counts the province's dashboard and each region's, one after another, so that
// the first to ask on a server that has just started is answered from a count too; serve
// runs it in the background at start when the dashboard is kept (Config.StatsMaxAge). A
// failed count is logged and left for the first request to make again.
func (s *Service) WarmStats(ctx context.Context) {
	if s.stats.maxAge <= 0 {
		return
	}
	for _, region := range append([]string{""}, guantong.Regions...) {
		if ctx.Err() != nil {
			return
		}
		sc := store.Scope{Region: region}
		if _, err := s.stats.dashboard(ctx, sc, s.buildStats(sc)); err != nil && ctx.Err() == nil { // not a server stopping
			s.log.Error("counting the statistics", "region", region, "err", err)
		}
	}
}
