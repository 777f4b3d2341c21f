// Package ratelimit counts failed logins, so that passwords cannot be guessed at speed
// through the pages or the API. The counts are in the database (store.LoginFailures): the
// pages and the API of every app server on one database share them, and a restart forgets
// none.
package ratelimit

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"guantong"
	"guantong/internal/store"
)

// Failed logins are counted per username and per client address: after LoginFailures
// failures within LoginWindow, further attempts on that key are refused (429) until the
// oldest failure leaves the window.
const (
	LoginFailures = 5
	LoginWindow   = 15 * time.Minute
)

// Limiter counts failures per key in a sliding window, in the database. It is safe for
// concurrent use, and app servers with a Limiter each on one database share the counts.
type Limiter struct {
	st     *store.Store
	max    int
	window time.Duration
	now    func() time.Time
}

// New returns a limiter on st that refuses a key after max failures within window; now is
// its clock (nil: time.Now).
func New(st *store.Store, max int, window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{st: st, max: max, window: window, now: now}
}

// Logins returns the house limiter of failed logins on st: LoginFailures within LoginWindow.
func Logins(st *store.Store) *Limiter { return New(st, LoginFailures, LoginWindow, nil) }

// Attempt runs login, one attempt to sign in as the username of name from the address of
// addr (see Keys), unless either key has had max failures within the window: then it
// returns how long until an attempt is allowed again, without running login.
//
// Checking and counting are one step: in one transaction holding the keys' locks, the
// attempt is counted against both keys (pending) before login runs; it becomes a failure
// when login says EUnauthorized and is taken back otherwise. So attempts that run at the
// same time, on one server or on several, check at most max passwords between them. When
// failures and pending attempts together reach max, a username is refused at once (one
// person does not sign in many times at once), while an address waits for the pending
// attempts to end (many people may sign in at once from behind one address). A success
// also forgives the username's failures, not the address's: signing in to one's own account
// must not reset the count of an address that is guessing others'.
func (l *Limiter) Attempt(ctx context.Context, name, addr string, login func() error) (wait time.Duration, err error) {
	var b [16]byte
	rand.Read(b[:])
	attempt := hex.EncodeToString(b[:])
	for {
		var busy bool
		wait, busy, err = l.reserve(ctx, attempt, name, addr)
		if err != nil || wait > 0 {
			return wait, err
		}
		if !busy {
			break
		}
		select { // pending attempts from the address: wait for them, then count again
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Duration(20+mrand.IntN(40)) * time.Millisecond):
		}
	}
	err = login()
	detached := context.WithoutCancel(ctx) // settle the attempt even when the client has gone
	if guantong.ErrorCode(err) == guantong.EUnauthorized {
		if cerr := l.st.ConfirmLoginFailure(detached, attempt); cerr != nil {
			return 0, cerr
		}
		return 0, err
	}
	var forgive []string
	if err == nil {
		forgive = []string{name}
	}
	if ferr := l.st.ForgetLoginFailures(detached, attempt, l.now().Add(-l.window), forgive...); ferr != nil && err == nil {
		return 0, ferr
	}
	return 0, err
}

// reserve counts the attempt against name and addr when both allow it. Otherwise it returns
// how long until they do, or busy when addr has only pending attempts in the way.
func (l *Limiter) reserve(ctx context.Context, attempt, name, addr string) (wait time.Duration, busy bool, err error) {
	keys := []string{name, addr}
	slices.Sort(keys) // one order of locks everywhere: no two attempts wait for each other
	now := l.now()
	err = l.st.Write(ctx, func(tx *store.Tx) error {
		for _, k := range keys {
			if err := tx.Lock(ctx, k); err != nil {
				return err
			}
		}
		for _, k := range keys {
			fs, err := tx.LoginFailures(ctx, k, now.Add(-l.window))
			if err != nil {
				return err
			}
			var failed []time.Time
			for _, f := range fs {
				// A pending attempt older than staleAttempt is one whose server stopped
				// before settling it: it counts as a failure.
				if !f.Pending || now.Sub(f.At) > staleAttempt {
					failed = append(failed, f.At)
				}
			}
			switch {
			case len(failed) >= l.max: // allowed again when enough failures have left the window
				wait = max(wait, failed[len(failed)-l.max].Add(l.window).Sub(now))
			case len(fs) >= l.max && k == name:
				wait = max(wait, time.Second)
			case len(fs) >= l.max:
				busy = true
			}
		}
		if wait > 0 || busy {
			return nil
		}
		for _, k := range keys {
			if err := tx.AddLoginFailure(ctx, attempt, k, now); err != nil {
				return err
			}
		}
		return nil
	})
	return wait, busy, err
}

// staleAttempt is how long an attempt may stay pending before it counts as a failure.
const staleAttempt = time.Minute

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
