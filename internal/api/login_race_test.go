package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong/internal/apptest"
	"guantong/internal/store/storetest"
)

// appServer starts one app server on dsn (apptest.Start) at the scenarios' time; cmp, when
// not nil, wraps every password comparison.
func appServer(t *testing.T, dsn string, cmp func(hash, password []byte) error) *httptest.Server {
	return apptest.Start(t, dsn, apptest.Config{Now: func() time.Time { return start }, ComparePassword: cmp})
}

// countingCompare counts the password comparisons of one or more servers.
type countingCompare struct{ n atomic.Int64 }

func (c *countingCompare) compare(hash, password []byte) error {
	c.n.Add(1)
	return bcrypt.CompareHashAndPassword(hash, password)
}

// login signs in as username through the API (page false) or the login page (page true)
// and returns the status and, for the API, the token.
func login(t *testing.T, srv *httptest.Server, page bool, username, password string) (int, string) {
	var resp *http.Response
	var err error
	if page {
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err = client.PostForm(srv.URL+"/login", url.Values{"username": {username}, "password": {password}})
	} else {
		body, _ := json.Marshal(map[string]string{"username": username, "password": password})
		resp, err = http.Post(srv.URL+"/api/v1/login", "application/json", bytes.NewReader(body))
	}
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var s struct{ Token string }
	json.Unmarshal(b, &s)
	if resp.StatusCode == http.StatusSeeOther { // the page signed in
		return http.StatusOK, "cookie"
	}
	return resp.StatusCode, s.Token
}

// Issue 13.1: 40 logins for one user at once, the 25th with the right password, while the
// first wrong ones are still being checked: no token, and only 5 passwords checked. Before,
// the limiter's check and its count were two steps with bcrypt between: the right password
// got through.
func TestLoginConcurrentRightPassword25th(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		const right = "office-demo-2026"
		var checks atomic.Int64
		entered := make(chan struct{}, 64)
		gate := make(chan struct{})
		srv := appServer(t, dsn, func(hash, password []byte) error {
			checks.Add(1)
			if string(password) != right {
				entered <- struct{}{}
				<-gate // the wrong passwords are held until the 25th attempt has had its answer
			}
			return bcrypt.CompareHashAndPassword(hash, password)
		})
		statuses := make([]int, 40)
		tokens := make([]string, 40)
		var wg sync.WaitGroup
		send := func(i int) {
			wg.Go(func() {
				password := "wrong-password"
				if i == 24 {
					password = right
				}
				statuses[i], tokens[i] = login(t, srv, i%2 == 1, "office", password)
			})
		}
		for i := range 24 {
			send(i)
		}
		for range 5 { // five wrong passwords are being checked
			<-entered
		}
		send(24)
		close(gate)
		for i := 25; i < 40; i++ {
			send(i)
		}
		wg.Wait()
		if statuses[24] != http.StatusTooManyRequests || tokens[24] != "" {
			t.Errorf("the right password 25th: %d, token %q; want 429 and none", statuses[24], tokens[24])
		}
		counts := map[int]int{}
		for _, s := range statuses {
			counts[s]++
		}
		if counts[http.StatusUnauthorized] != 5 || counts[http.StatusTooManyRequests] != 35 || checks.Load() != 5 {
			t.Errorf("statuses %v, %d passwords checked; want 5 × 401, 35 × 429 and 5 checked", counts, checks.Load())
		}
	})
}

// Issue 13.1: 60 wrong passwords for one user at once, through the API and the login page,
// check at most 5 passwords.
func TestLoginConcurrentWrongPasswords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		var c countingCompare
		srv := appServer(t, dsn, c.compare)
		statuses := loginStorm(t, []*httptest.Server{srv}, 60)
		if c.n.Load() > 5 || statuses[http.StatusUnauthorized]+statuses[http.StatusTooManyRequests] != 60 {
			t.Errorf("%d passwords checked, statuses %v; want at most 5, each 401 or 429", c.n.Load(), statuses)
		}
	})
}

// loginStorm sends n wrong passwords for "hr" at once, spread over the servers, the API and
// the login page, and counts the statuses.
func loginStorm(t *testing.T, srvs []*httptest.Server, n int) map[int]int {
	start := make(chan struct{})
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			statuses[i], _ = login(t, srvs[i%len(srvs)], i/len(srvs)%2 == 1, "hr", fmt.Sprint("wrong-password-", i))
		})
	}
	close(start)
	wg.Wait()
	counts := map[int]int{}
	for _, s := range statuses {
		counts[s]++
	}
	return counts
}

// Issue 13.1: two app servers on one PostgreSQL share one limit: 60 wrong passwords at once
// through both check at most 5 between them; then the right password is refused on either,
// and on a server started afterwards (a restart forgets nothing).
func TestLoginLimitAcrossServers(t *testing.T) {
	dsn := storetest.Postgres(t)
	var c countingCompare
	a, b := appServer(t, dsn, c.compare), appServer(t, dsn, c.compare)
	statuses := loginStorm(t, []*httptest.Server{a, b}, 60)
	if c.n.Load() > 5 {
		t.Errorf("two servers checked %d passwords between them (statuses %v), want at most 5", c.n.Load(), statuses)
	}
	later := appServer(t, dsn, c.compare)
	for name, srv := range map[string]*httptest.Server{"a": a, "b": b, "started later": later} {
		for _, page := range []bool{false, true} {
			if status, tok := login(t, srv, page, "hr", "hr-demo-2026"); status != http.StatusTooManyRequests || tok != "" {
				t.Errorf("server %s (page %v), the right password after the storm: %d", name, page, status)
			}
		}
	}
	if status, _ := login(t, b, false, "office", "office-demo-2026"); status != http.StatusTooManyRequests {
		t.Errorf("another user from the guessing address: %d, want 429", status)
	}
}
