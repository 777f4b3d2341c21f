package ratelimit

import (
	"net/http/httptest"
	"testing"
	"time"
)

// TestLimiter: five failures in fifteen minutes block a key until the oldest of them leaves
// the window; other keys are not affected; a reset forgives.
func TestLimiter(t *testing.T) {
	now := time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC)
	l := New(5, 15*time.Minute, func() time.Time { return now })
	for i := range 4 {
		l.Fail("user:office", "ip:10.0.0.1")
		now = now.Add(time.Minute)
		if w := l.Wait("user:office"); w != 0 {
			t.Fatalf("after %d failures: wait %v", i+1, w)
		}
	}
	l.Fail("user:office", "ip:10.0.0.1") // the fifth, at 9:04
	if w := l.Wait("user:office"); w != 11*time.Minute {
		t.Errorf("after 5 failures, the last at 9:04: wait %v, want 11m (the first, at 9:00, leaves the window at 9:15)", w)
	}
	if w := l.Wait("user:hr", "ip:10.0.0.2"); w != 0 {
		t.Errorf("another user from another address: wait %v", w)
	}
	if w := l.Wait("user:hr", "ip:10.0.0.1"); w == 0 {
		t.Errorf("another user from the same address is not blocked")
	}
	now = now.Add(11 * time.Minute) // 9:15: the failure of 9:00 has left the window
	if w := l.Wait("user:office"); w != 0 {
		t.Errorf("at 9:15: wait %v", w)
	}
	l.Fail("user:office")
	if w := l.Wait("user:office"); w != time.Minute {
		t.Errorf("a new failure at 9:15 with four since 9:01: wait %v, want 1m", w)
	}
	l.Reset("user:office")
	if w := l.Wait("user:office"); w != 0 {
		t.Errorf("after a reset: wait %v", w)
	}
}

func TestClientIP(t *testing.T) {
	r := httptest.NewRequest("POST", "/login", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	r.Header.Set("X-Forwarded-For", "203.0.113.9, 198.51.100.3")
	if ip := ClientIP(r, false); ip != "192.0.2.7" {
		t.Errorf("without a trusted proxy: %s", ip)
	}
	if ip := ClientIP(r, true); ip != "198.51.100.3" {
		t.Errorf("behind a trusted proxy: %s, want the hop the proxy added", ip)
	}
}
