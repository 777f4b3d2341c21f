package service_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

const crashChild = "GUANTONG_CRASH_CHILD"

var ctx = context.Background()

var t0 = time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC)

var doc = json.RawMessage(`{"skills": [{"occupation_code": "6-20-01-01", "level": "技师", "obtained": "2021-06-30"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "合格"}, {"year": 2025, "result": "合格"}]}`)

func open(t testing.TB, dsn string) *service.Service {
	s, err := openStore(t, dsn)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openStore is open for a goroutine of a test: it returns the error instead of failing.
func openStore(t testing.TB, dsn string) (*service.Service, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { st.Close() })
	return service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: func() time.Time { return t0 }, BcryptCost: bcrypt.MinCost}), nil
}

// A process killed with SIGKILL in the middle of many transitions leaves a database that
// opens, whose audit log verifies, and that holds every transition it acknowledged.
func TestKillMidTransitions(t *testing.T) {
	if dsn := os.Getenv(crashChild); dsn != "" {
		runCrashChild(t, dsn)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dsn := storetest.SQLite(t)
	s := open(t, dsn)
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	s.Store().Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidTransitions$", "-test.v")
	cmd.Env = append(os.Environ(), crashChild+"="+dsn)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	type ack struct {
		id      int64
		version int
	}
	var acks []ack
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "ack" {
			continue
		}
		id, _ := strconv.ParseInt(f[1], 10, 64)
		v, _ := strconv.Atoi(f[2])
		acks = append(acks, ack{id, v})
		if len(acks) == 300 {
			cmd.Process.Signal(syscall.SIGKILL) // mid-flight: other transitions are in progress
			break
		}
	}
	go func() {
		for sc.Scan() { // drain what was already written
		}
	}()
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die by SIGKILL: %v (%d acks)", err, len(acks))
	}

	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer st.Close()
	r, err := audit.Verify(ctx, st.DB())
	if err != nil || r.Problem != nil {
		t.Fatalf("audit after the kill: %+v %v", r.Problem, err)
	}
	for _, a := range acks {
		app, err := st.Application(ctx, a.id)
		if err != nil {
			t.Fatalf("acknowledged application %d is gone: %v", a.id, err)
		}
		if app.Version < a.version {
			t.Errorf("application %d at version %d, but version %d was acknowledged", a.id, app.Version, a.version)
		}
		events, _ := st.Events(ctx, fmt.Sprintf("application/%d", a.id))
		found := false
		for _, e := range events {
			var p struct{ Version int }
			json.Unmarshal(e.Payload, &p)
			found = found || p.Version == a.version
		}
		if !found {
			t.Errorf("no audit row for application %d version %d", a.id, a.version)
		}
	}
	t.Logf("%d transitions acknowledged before the kill; %d audit rows; all there", len(acks), r.Rows)
}

// runCrashChild takes applications round the submit → return loop from four goroutines
// until killed, printing "ack ID VERSION" after each committed transition.
func runCrashChild(t *testing.T, dsn string) {
	s := open(t, dsn)
	applicant, err := s.Authenticate(ctx, mustLogin(t, s, "zhangsan"))
	if err != nil {
		t.Fatal(err)
	}
	hr, err := s.Authenticate(ctx, mustLogin(t, s, "hr"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	say := func(id int64, version int) {
		mu.Lock()
		fmt.Fprintf(os.Stdout, "ack %d %d\n", id, version)
		mu.Unlock()
	}
	// Four people, one application each: a person has one open application per route, series
	// and level (issue 10 item 5).
	admin, err := s.Authenticate(ctx, mustLogin(t, s, "admin"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Me(ctx, &applicant)
	if err != nil {
		t.Fatal(err)
	}
	applicants := []guantong.User{applicant}
	for i, id := range []string{"130102198501011239", "130102198602022340", "130102198703033452"} {
		u, err := s.CreateUser(ctx, &admin, service.NewUser{Username: fmt.Sprintf("worker%d", i), Password: "a-long-passphrase",
			Role: guantong.RoleApplicant, Person: &guantong.Applicant{Name: "工人", IDNumber: id, EmployerID: p.Person.EmployerID}})
		if err != nil {
			t.Fatal(err)
		}
		applicants = append(applicants, u)
	}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			applicant := applicants[i]
			v, err := s.CreateApplication(ctx, &applicant, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: doc})
			if err != nil {
				panic(err)
			}
			say(v.ID, v.Version)
			for {
				if v, err = s.Act(ctx, &applicant, v.ID, v.Version, workflow.Input{Action: workflow.Submit}); err != nil {
					panic(err)
				}
				say(v.ID, v.Version)
				if v, err = s.Act(ctx, &hr, v.ID, v.Version, workflow.Input{Action: workflow.Return, Note: "再改改"}); err != nil {
					panic(err)
				}
				say(v.ID, v.Version)
			}
		}()
	}
	wg.Wait()
}

func mustLogin(t *testing.T, s *service.Service, username string) string {
	sess, err := s.Login(ctx, username, service.DemoPassword(username))
	if err != nil {
		t.Fatal(err)
	}
	return sess.Token
}
