package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
)

// `guantong policy --db` lists and shows the policies uploaded to a database beside the
// built-in ones: each with its date, status on --as-of and who uploaded it; --id shows one
// (here 三(一)2 with 2 years instead of 3), and a later --as-of shows it in force. Without
// --db an uploaded policy is unknown, and the message says to add --db.
func TestPolicyCommandWithDB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../../data/policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(string(raw), `"id": "hebei-2021"`, `"id": "hebei-2027"`, 1)
	body = strings.Replace(body, `"effective_from": "2021-01-01"`, `"effective_from": "2027-06-01"`, 1)
	body = strings.Replace(body, `{"skill": "技师", "title": "中级", "years": 3}`, `{"skill": "技师", "title": "中级", "years": 2}`, 1)
	err = st.Write(context.Background(), func(tx *store.Tx) error {
		return tx.InsertPolicy(context.Background(), &store.StoredPolicy{PolicyID: "hebei-2027", EffectiveFrom: guantong.MakeDate(2027, 6, 1),
			Body: []byte(body), UploadedBy: "admin 周科长", UploadedAt: time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)})
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	stdout, stderr, code := runCLI(t, "", "policy", "--list", "--db", db, "--as-of", "2026-12-31")
	if code != 0 {
		t.Fatalf("policy --list --db: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"hebei-2021（2021-01-01 起施行，现行，内置）", "hebei-2027（2027-06-01 起施行，已排定，admin 周科长 上传于 2026-11-30）"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("policy --list --db lacks %q:\n%s", want, stdout)
		}
	}
	if stdout, _, _ := runCLI(t, "", "policy", "--list"); strings.Contains(stdout, "hebei-2027") {
		t.Errorf("policy --list without --db lists the uploaded policy:\n%s", stdout)
	}
	stdout, _, _ = runCLI(t, "", "policy", "--list", "--json", "--db", db, "--as-of", "2027-07-01")
	var vs []struct{ ID, Status string }
	if err := json.Unmarshal([]byte(stdout), &vs); err != nil || len(vs) != 2 || vs[1].ID != "hebei-2027" || vs[1].Status != "现行" || vs[0].Status != "已被取代" {
		t.Errorf("policy --list --json on 2027-07-01: %v %s", err, stdout)
	}
	stdout, stderr, code = runCLI(t, "", "policy", "--id", "hebei-2027", "--db", db)
	if code != 0 || !strings.Contains(stdout, "政策 hebei-2027") || !strings.Contains(stdout, "施行日期：2027-06-01") || !strings.Contains(stdout, "【三(一)2】") {
		t.Errorf("policy --id hebei-2027 --db: exit %d\n%s%s", code, stderr, stdout[:min(len(stdout), 400)])
	}
	if _, stderr, code := runCLI(t, "", "policy", "--id", "hebei-2027"); code != 2 || !strings.Contains(stderr, "--db") {
		t.Errorf("policy --id of an uploaded policy without --db: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "policy", "--list", "--db", filepath.Join(t.TempDir(), "none.db")); code != 2 || !strings.Contains(stderr, "文件不存在") {
		t.Errorf("policy --db of a missing file: exit %d\n%s", code, stderr)
	}
}
