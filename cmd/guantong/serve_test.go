package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// syncBuffer is a buffer a running server writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve starts `guantong serve` on a free port and returns its base URL and output.
func serve(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	e := &env{stdin: strings.NewReader(""), stdout: out, stderr: io.Discard, now: time.Now}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), e) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	// No deadline of its own: loading the demo on a busy machine takes what it takes, and
	// go test's timeout ends a server that never starts.
	for {
		if u := re.FindString(out.String()); u != "" {
			return u, out
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, out)
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func TestServeDemoCreatesTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	url, out := serve(t, "--db", db, "--demo")
	if !strings.Contains(out.String(), "zhangsan-demo-2026") {
		t.Errorf("demo passwords not printed:\n%s", out)
	}
	resp, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz %d", resp.StatusCode)
	}
	resp, err = http.Post(url+"/api/v1/login", "application/json", strings.NewReader(`{"username":"office","password":"office-demo-2026"}`))
	if err != nil {
		t.Fatal(err)
	}
	var s struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&s)
	resp.Body.Close()
	if resp.StatusCode != 200 || s.Token == "" {
		t.Errorf("login %d", resp.StatusCode)
	}
	resp, err = http.Get(url + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("openapi.json %d", resp.StatusCode)
	}
}

func TestAuditVerifyAndBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	serve(t, "--db", db, "--demo") // writes the demo province, every row audited

	stdout, stderr, code := runCLI(t, "", "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(stdout, "审计日志完整") {
		t.Fatalf("verify: %d %s %s", code, stdout, stderr)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if stdout, stderr, code = runCLI(t, "", "backup", "--db", db, copyPath); code != 0 {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	if _, _, code = runCLI(t, "", "audit", "verify", "--db", copyPath); code != 0 {
		t.Errorf("the backup does not verify")
	}
	if _, _, code = runCLI(t, "", "backup", "--db", db, copyPath); code == 0 {
		t.Errorf("backup over an existing file")
	}

	raw, err := sql.Open("sqlite", copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE audit SET actor = 'someone' WHERE seq = 7`); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, "", "audit", "verify", "--db", copyPath)
	if code != 1 || !strings.Contains(stderr, "第 7 条") || !strings.Contains(stderr, "edited") {
		t.Errorf("tampered: %d %s", code, stderr)
	}
	if _, stderr, code = runCLI(t, "", "audit", "verify", "--db", filepath.Join(dir, "none.db")); code != 2 {
		t.Errorf("a missing database: %d %s", code, stderr)
	}
}

// TestServePublicURL: --public-url (or GUANTONG_PUBLIC_URL) must be an absolute http(s)
// address without query or fragment, since it is printed on certificates. (That the pages
// then draw it in the QR code is TestCertificatePages' in internal/web.)
func TestServePublicURL(t *testing.T) {
	for _, bad := range []string{"zc.example.gov.cn", "ftp://zc.example.gov.cn", "https://", "https://zc.example.gov.cn/?a=1", "https://zc.example.gov.cn/#top", "/verify"} {
		db := filepath.Join(t.TempDir(), "g.db")
		_, stderr, code := runCLI(t, "", "serve", "--addr", "127.0.0.1:0", "--db", db, "--public-url", bad)
		if code != 2 || !strings.Contains(stderr, "--public-url") {
			t.Errorf("--public-url %q: exit %d, stderr %q", bad, code, stderr)
		}
	}
	t.Setenv("GUANTONG_PUBLIC_URL", "zc.example.gov.cn")
	if _, stderr, code := runCLI(t, "", "serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "g.db")); code != 2 || !strings.Contains(stderr, "--public-url") {
		t.Errorf("GUANTONG_PUBLIC_URL wrong: exit %d, stderr %q", code, stderr)
	}
	for in, want := range map[string]string{"https://zc.example.gov.cn/": "https://zc.example.gov.cn", "http://10.0.0.1:8080/zc": "http://10.0.0.1:8080/zc", "": ""} {
		if got, err := publicURL(in); err != nil || got != want {
			t.Errorf("publicURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}

	t.Setenv("GUANTONG_PUBLIC_URL", "")
	url, _ := serve(t, "--db", filepath.Join(t.TempDir(), "g.db"), "--demo", "--public-url", "https://zc.example.gov.cn/")
	resp, err := http.Get(url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("login page with --public-url: %d", resp.StatusCode)
	}
}
