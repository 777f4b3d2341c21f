// Package ratelimit counts failed logins, so that passwords cannot be guessed at speed
// through the pages or the API. serve gives both one Limiter, so that an address refused on
// one is refused on the other.
package ratelimit

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Failed logins are counted per username and per client address: after LoginFailures
// failures within LoginWindow, further attempts on that key are refused (429) until the
// oldest failure leaves the window. The counts live in this process's memory: several app
// servers behind one address each count on their own, so the real limit is that many times
// higher (docs say so); a restart forgets them.
const (
	LoginFailures = 5
	LoginWindow   = 15 * time.Minute
	limiterSweep  = 10000 // keys kept before expired ones are swept
)

// Limiter counts failures per key in a sliding window. It is safe for concurrent use.
type Limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

// New returns a limiter that refuses a key after max failures within window; now is its
// clock (nil: time.Now).
func New(max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{max: max, window: window, now: now, fails: map[string][]time.Time{}}
}

// recent returns the failures of key still inside the window, dropping the others.
func (l *Limiter) recent(key string, now time.Time) []time.Time {
	ts := l.fails[key]
	i := 0
	for i < len(ts) && !ts[i].After(now.Add(-l.window)) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = ts
	}
	return ts
}

// Wait returns how long until an attempt on every key is allowed again: 0 when it is now.
func (l *Limiter) Wait(keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	var wait time.Duration
	for _, k := range keys {
		ts := l.recent(k, now)
		if len(ts) >= l.max {
			// Allowed again when enough of the failures have left the window.
			if d := ts[len(ts)-l.max].Add(l.window).Sub(now); d > wait {
				wait = d
			}
		}
	}
	return wait
}

// Fail records one failure on each key.
func (l *Limiter) Fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.fails) > limiterSweep {
		for k := range l.fails {
			l.recent(k, now)
		}
	}
	for _, k := range keys {
		l.fails[k] = append(l.recent(k, now), now)
	}
}

// Reset forgets the failures of key.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	delete(l.fails, key)
	l.mu.Unlock()
}

// Logins returns the house limiter of failed logins: LoginFailures within LoginWindow.
func Logins() *Limiter { return New(LoginFailures, LoginWindow, nil) }

// Keys are the keys of a login attempt: the username (case folded) and the client address.
func Keys(username, clientIP string) (name, addr string) {
	return "user:" + strings.ToLower(strings.TrimSpace(username)), "ip:" + clientIP
}

// ClientIP is the address the request came from: the last hop of X-Forwarded-For when a
// trusted proxy sets it (the hop it added itself), else the connection's.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); ip != "" {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
