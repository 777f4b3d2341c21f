package service

import (
	"sync"
	"time"
)

// Clock is a clock that can be moved forward. The demo uses it: a notice runs five working
// days, and someone trying the API with curl has minutes, so `serve --demo` lets the admin
// advance the clock (POST /api/v1/demo/clock). Production uses time.Now.
type Clock struct {
	mu     sync.Mutex
	base   func() time.Time
	offset time.Duration
}

// NewClock returns a clock reading base (time.Now when nil) plus what it has been advanced.
func NewClock(base func() time.Time) *Clock {
	if base == nil {
		base = time.Now
	}
	return &Clock{base: base}
}

// Now returns the time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.base().Add(c.offset)
}

// Advance moves the clock forward by d; a clock never goes back.
func (c *Clock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}
