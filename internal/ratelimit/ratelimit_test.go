package ratelimit_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"guantong"
	"guantong/internal/ratelimit"
	"guantong/internal/store/storetest"
)

var ctx = context.Background()

var (
	wrong = func() error { return guantong.Errorf(guantong.EUnauthorized, "用户名或密码错误") }
	right = func() error { return nil }
)

// TestLimiter: five failures in fifteen minutes block a key until the oldest of them leaves
// the window; other keys are not affected; a success forgives the username, not the address;
// the counts are in the database, so a second limiter on it (another server, or this one
// restarted) sees them.
func TestLimiter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := storetest.Open(t, dsn)
		now := time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		l := ratelimit.New(st, 5, 15*time.Minute, clock)
		try := func(l *ratelimit.Limiter, name, addr string, login func() error) time.Duration {
			t.Helper()
			ran := false
			wait, err := l.Attempt(ctx, name, addr, func() error { ran = true; return login() })
			if wait > 0 && ran {
				t.Errorf("%s %s: refused after the password was checked", name, addr)
			}
			if wait == 0 && guantong.ErrorCode(err) != guantong.ErrorCode(login()) {
				t.Errorf("%s %s: %v", name, addr, err)
			}
			return wait
		}
		for i := range 5 {
			if w := try(l, "user:office", "ip:10.0.0.1", wrong); w != 0 {
				t.Fatalf("failure %d: wait %v", i+1, w)
			}
			if i < 4 {
				now = now.Add(time.Minute)
			}
		}
		// The fifth failure was at 9:04; the first, at 9:00, leaves the window at 9:15.
		if w := try(l, "user:office", "ip:10.0.0.9", right); w != 11*time.Minute {
			t.Errorf("after 5 failures, the right password: wait %v, want 11m", w)
		}
		if w := try(l, "user:hr", "ip:10.0.0.2", right); w != 0 {
			t.Errorf("another user from another address: wait %v", w)
		}
		if w := try(l, "user:hr", "ip:10.0.0.1", right); w != 11*time.Minute {
			t.Errorf("another user from the guessing address: wait %v", w)
		}
		other := ratelimit.New(storetest.Open(t, dsn), 5, 15*time.Minute, clock) // another server
		if w := try(other, "user:office", "ip:10.0.0.3", right); w == 0 {
			t.Errorf("another server on the same database does not see the failures")
		}
		now = now.Add(11 * time.Minute) // 9:15
		if w := try(l, "user:office", "ip:10.0.0.1", wrong); w != 0 {
			t.Errorf("at 9:15: wait %v", w)
		}
		if w := try(l, "user:office", "ip:10.0.0.3", right); w != time.Minute {
			t.Errorf("a new failure at 9:15 with four since 9:01: wait %v, want 1m", w)
		}
		now = now.Add(time.Minute) // 9:16: four failures in the window
		if w := try(l, "user:office", "ip:10.0.0.3", right); w != 0 {
			t.Errorf("at 9:16: wait %v", w)
		}
		if w := try(l, "user:office", "ip:10.0.0.3", wrong); w != 0 { // forgiven: the first of a new count
			t.Errorf("after a success: wait %v", w)
		}
		if w := try(l, "user:office", "ip:10.0.0.3", right); w != 0 {
			t.Errorf("one failure after a success: wait %v", w)
		}
		// Another error than a wrong password counts for nothing.
		for range 6 {
			wait, err := l.Attempt(ctx, "user:admin", "ip:10.0.0.4", func() error { return errors.New("database down") })
			if wait != 0 || err == nil {
				t.Fatalf("an error that is no failure: wait %v, %v", wait, err)
			}
		}
	})
}

func TestClientIP(t *testing.T) {
	r := httptest.NewRequest("POST", "/login", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.3")
	if ip := ratelimit.ClientIP(r, false); ip != "192.0.2.7" {
		t.Errorf("without a trusted proxy: %s", ip)
	}
	if ip := ratelimit.ClientIP(r, true); ip != "198.51.100.3" {
		t.Errorf("behind a trusted proxy: %s, want the hop the proxy added", ip)
	}
}
