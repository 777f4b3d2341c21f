package loadtest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"guantong/internal/apptest"
	"guantong/internal/loadtest"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// Issue 13.6: a few seconds of the mixed load against one server on SQLite and two on one
// PostgreSQL: every kind of request is made, no answer is a 5xx, every acknowledged write is
// found afterwards. Issue 10: drafts are writes, not refusals of a second open application
// (one open application per person, route, series and level), and HR recommends what has
// been through the employer's own 公示 (人社部令第40号), which the 职改办 then approves.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of load")
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		targets := []string{apptest.Start(t, dsn, apptest.Config{DemoClock: true}).URL}
		if store.IsPostgres(dsn) {
			targets = append(targets, apptest.Start(t, dsn, apptest.Config{DemoClock: true}).URL)
		}
		rep, err := loadtest.Run(context.Background(), loadtest.Config{Targets: targets, Clients: 40, Duration: 3 * time.Second, Accounts: 2})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		rep.Write(&out)
		t.Log("\n" + out.String())
		if n := rep.ServerErrors(); n > 0 || rep.Lost > 0 {
			t.Errorf("%d answers 5xx or none, %d acknowledged writes lost", n, rep.Lost)
		}
		kinds := map[string]loadtest.Kind{}
		for _, k := range rep.Kinds {
			kinds[k.Name] = k
		}
		for _, k := range []string{"draft", "upload", "submit", "queue", "check", "verify", "notices"} {
			if kinds[k].Requests == 0 {
				t.Errorf("no %s request was made", k)
			}
		}
		// One open application per person, route, series and level: each applicant drafts
		// only what it has none open of, so no draft is refused as a second one.
		if d := kinds["draft"]; d.Status[201] == 0 || d.Status[409] > 0 {
			t.Errorf("drafts answered %v: want writes (201), no refusal (409)", d.Status)
		}
		// 人社部令第40号: recommended after the employer's own 公示, then approved.
		for _, k := range []string{"publish_internal", "recommend", "approve"} {
			if kinds[k].Status[200] == 0 {
				t.Errorf("no %s was done: %v", k, kinds[k].Status)
			}
		}
		if rep.Acknowledged == 0 {
			t.Error("no write was acknowledged")
		}
	})
}

// The tool loads only this machine.
func TestCheckTarget(t *testing.T) {
	for _, tt := range []struct {
		rule, target string
		ok           bool
	}{
		{"IPv4 loopback", "http://127.0.0.1:8080", true},
		{"anywhere in 127.0.0.0/8", "http://127.0.0.2:8080/", true},
		{"IPv6 loopback", "http://[::1]:8080", true},
		{"localhost", "http://localhost:8080", true},
		{"another machine's address", "http://10.0.0.5:8080", false},
		{"a public name", "https://zc.example.gov.cn", false},
		{"a name that only looks local", "http://127.0.0.1.example.com", false},
		{"not http", "ftp://127.0.0.1", false},
		{"a path beyond the root", "http://127.0.0.1:8080/api", false},
	} {
		if _, err := loadtest.CheckTarget(tt.target); (err == nil) != tt.ok {
			t.Errorf("%s: CheckTarget(%q): %v", tt.rule, tt.target, err)
		}
	}
	if _, err := loadtest.Run(context.Background(), loadtest.Config{Targets: []string{"http://192.0.2.1"}, Clients: 10, Duration: time.Second}); err == nil {
		t.Error("Run accepted a target that is not loopback")
	}
}
