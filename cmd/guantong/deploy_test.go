package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// login signs in through the API and returns the status.
func login(t *testing.T, url, username, password string) int {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"username": username, "password": password})
	resp, err := http.Post(url+"/api/v1/login", "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&s)
	if resp.StatusCode == 200 && s.Token == "" {
		t.Errorf("login of %s: 200 without a token", username)
	}
	return resp.StatusCode
}

// count runs a COUNT query on dsn.
func count(t *testing.T, dsn, query string, args ...any) int {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestFirstAdminWithoutDemo (issue 14, deployment 1): on a fresh database without --demo,
// `user add --role admin` makes an admin who signs in through the API; a weak password is
// refused with the rule; `user passwd` changes it; both are on the audit log as the
// operator's.
func TestFirstAdminWithoutDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		add := []string{"user", "add", "--db", dsn, "--role", "admin", "--username", "chief", "--name", "省人社厅 周科长", "--password-stdin"}
		for _, weak := range []string{"short1", "onlyletterslong", "1234567890123", "河北省人力资源和社会保障厅"} {
			if _, stderr, code := runCLI(t, weak+"\n", add...); code != 2 || !strings.Contains(stderr, "至少 10 个字符") {
				t.Errorf("weak password %q: exit %d %s", weak, code, stderr)
			}
		}
		if _, stderr, code := runCLI(t, "", add[:len(add)-1]...); code != 2 || !strings.Contains(stderr, "--password-stdin") {
			t.Errorf("no terminal and no --password-stdin: exit %d %s", code, stderr)
		}
		stdout, stderr, code := runCLI(t, "Hebei-rsj-2026\n", add...)
		if code != 0 || !strings.Contains(stdout, "已创建管理员账号 chief") {
			t.Fatalf("user add: exit %d %s %s", code, stdout, stderr)
		}
		if _, stderr, code := runCLI(t, "Hebei-rsj-2026\n", add...); code != 2 || !strings.Contains(stderr, "已被使用") {
			t.Errorf("the same username again: exit %d %s", code, stderr)
		}

		url, _ := serve(t, "--db", dsn)
		if status := login(t, url, "chief", "Hebei-rsj-2026"); status != 200 {
			t.Fatalf("the new admin signs in: %d", status)
		}
		passwd := []string{"user", "passwd", "--db", dsn, "--username", "chief", "--password-stdin"}
		if _, stderr, code := runCLI(t, "Zhou-new-pass-88\n", "user", "passwd", "--db", dsn, "--username", "nobody", "--password-stdin"); code != 2 || !strings.Contains(stderr, "nobody") {
			t.Errorf("passwd of an unknown user: exit %d %s", code, stderr)
		}
		t.Setenv("SUDO_USER", "zhouke") // the person who ran it with sudo is the actor
		if stdout, stderr, code := runCLI(t, "Zhou-new-pass-88\n", passwd...); code != 0 || !strings.Contains(stdout, "已修改") {
			t.Fatalf("user passwd: exit %d %s %s", code, stdout, stderr)
		}
		if status := login(t, url, "chief", "Hebei-rsj-2026"); status != 401 {
			t.Errorf("the old password after passwd: %d", status)
		}
		if status := login(t, url, "chief", "Zhou-new-pass-88"); status != 200 {
			t.Errorf("the new password: %d", status)
		}
		if n := count(t, dsn, `SELECT COUNT(*) FROM audit WHERE action = 'create_user' AND actor LIKE 'cli:%'`); n != 1 {
			t.Errorf("create_user by the operator on the audit log: %d rows", n)
		}
		if n := count(t, dsn, `SELECT COUNT(*) FROM audit WHERE action = 'set_password' AND actor = 'cli:zhouke'`); n != 1 {
			t.Errorf("set_password by the operator behind sudo on the audit log: %d rows", n)
		}
	})
}

// TestMigrateAlone: `guantong migrate` creates and migrates a database and exits; run again
// it changes nothing.
func TestMigrateAlone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	for range 2 {
		stdout, stderr, code := runCLI(t, "", "migrate", "--db", db)
		if code != 0 || !strings.Contains(stdout, "已迁移到第") {
			t.Fatalf("migrate: exit %d %s %s", code, stdout, stderr)
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM audit`); n != 0 {
		t.Errorf("migrate wrote %d audit rows", n)
	}

	// A database that lacks a migration (as before an upgrade): the commands that only read
	// or append refuse it rather than migrate it under app servers of the older version.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var last int
	var name string
	raw.QueryRow(`SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1`).Scan(&last, &name)
	if _, err := raw.Exec(`DELETE FROM schema_migrations WHERE version = $1`, last); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"audit", "verify", "--db", db}, {"backup", "--db", db, filepath.Join(t.TempDir(), "b.db")}} {
		if _, stderr, code := runCLI(t, "", args...); code != 2 || !strings.Contains(stderr, "请先运行 guantong migrate") {
			t.Errorf("%s on an older schema: exit %d %s", args[0], code, stderr)
		}
	}
	// And one with a migration this binary does not know (the old binary after an upgrade).
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0), (9999, '9999_future.sql', 0)`, last, name); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "", "audit", "verify", "--db", db); code != 2 || !strings.Contains(stderr, "比本程序新") {
		t.Errorf("verify on a newer schema: exit %d %s", code, stderr)
	}
}

// TestRestoreDrill is docs/deploy.md's drill on both engines: a province with a signed
// checkpoint is backed up while it runs, restored into an empty database, and there the
// audit chain verifies against the checkpoint and the data is all present. Restoring over
// a database that holds data is refused.
func TestRestoreDrill(t *testing.T) {
	for _, engine := range []string{store.SQLite, store.Postgres} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			live, empty := filepath.Join(dir, "live.db"), filepath.Join(dir, "restored.db")
			if engine == store.Postgres {
				live, empty = storetest.PostgresDatabase(t), storetest.PostgresDatabase(t)
			}
			key, checkpoints, backup := filepath.Join(dir, "key.pem"), filepath.Join(dir, "checkpoints"), filepath.Join(dir, "backup")
			mustRun(t, "", "audit", "keygen", "--out", key)
			liveURL, _ := serve(t, "--db", live, "--demo") // the demo province: every role, every row audited
			mustRun(t, "", "audit", "checkpoint", "--db", live, "--key", key, "--dir", checkpoints)
			mustRun(t, "", "backup", "--db", live, backup)
			users := count(t, live, `SELECT COUNT(*) FROM users`)
			login(t, liveURL, "office", "office-demo-2026") // the service goes on after the backup,
			mustRun(t, "", "audit", "checkpoint", "--db", live, "--key", key, "--dir", checkpoints)

			stdout := mustRun(t, "", "restore", "--db", empty, backup)
			if !strings.Contains(stdout, "审计日志完整") {
				t.Errorf("restore: %s", stdout)
			}
			verify := []string{"audit", "verify", "--db", empty, "--checkpoints", checkpoints, "--pubkey", strings.TrimSuffix(key, ".pem") + ".pub.pem"}
			if _, stderr, code := runCLI(t, "", verify...); code != 1 || !strings.Contains(stderr, "deleted") {
				t.Errorf("the restored copy lacks the rows of the later checkpoint: exit %d %s", code, stderr)
			}
			stdout = mustRun(t, "", append(verify, "--skip-later")...)
			if !strings.Contains(stdout, "与 1 个签名检查点相符") || !strings.Contains(stdout, "另有 1 个检查点超出本库链头") {
				t.Errorf("verify after restore: %s", stdout)
			}
			if n := count(t, empty, `SELECT COUNT(*) FROM users`); n != users {
				t.Errorf("users: %d at the backup, %d restored", users, n)
			}
			for _, q := range []string{`SELECT COUNT(*) FROM organisations`, `SELECT COUNT(*) FROM experts`, `SELECT COUNT(*) FROM people`} {
				if a, b := count(t, live, q), count(t, empty, q); a == 0 || a != b {
					t.Errorf("%s: %d live, %d restored", q, a, b)
				}
			}
			url, _ := serve(t, "--db", empty)
			if status := login(t, url, "office", "office-demo-2026"); status != 200 {
				t.Errorf("a demo account signs in on the restored database: %d", status)
			}
			if _, stderr, code := runCLI(t, "", "restore", "--db", empty, backup); code != 1 || !strings.Contains(stderr, "不会覆盖") {
				t.Errorf("restore over a database with data: exit %d %s", code, stderr)
			}
		})
	}
}

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	stdout, stderr, code := runCLI(t, stdin, args...)
	if code != 0 {
		t.Fatalf("guantong %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// TestCheckpointCommands: keygen, checkpoint on demand and on serve's schedule, and verify
// --checkpoints finding the log cut back below a checkpoint with a consistent head, which
// verify alone cannot see.
func TestCheckpointCommands(t *testing.T) {
	dir := t.TempDir()
	db, key, cps := filepath.Join(dir, "g.db"), filepath.Join(dir, "key.pem"), filepath.Join(dir, "cps")
	if stdout := mustRun(t, "", "audit", "keygen", "--out", key); !strings.Contains(stdout, "公钥指纹 SM3:") {
		t.Errorf("keygen: %s", stdout)
	}
	if _, stderr, code := runCLI(t, "", "audit", "keygen", "--out", key); code != 2 || !strings.Contains(stderr, "已存在") {
		t.Errorf("keygen over a key: exit %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "serve", "--db", db, "--checkpoint-key", key); code != 2 || !strings.Contains(stderr, "--checkpoint-dir") {
		t.Errorf("--checkpoint-key alone: exit %d %s", code, stderr)
	}

	url, _ := serve(t, "--db", db, "--demo", "--checkpoint-key", key, "--checkpoint-dir", cps)
	if status := login(t, url, "admin", "admin-demo-2026"); status != 200 { // one more audit row
		t.Fatalf("login %d", status)
	}
	if stdout := mustRun(t, "", "audit", "checkpoint", "--db", db, "--key", key, "--dir", cps); !strings.Contains(stdout, "已签署检查点") {
		t.Errorf("checkpoint on demand: %s", stdout)
	}
	names, _ := filepath.Glob(filepath.Join(cps, "checkpoint-*.json"))
	if len(names) != 2 {
		t.Fatalf("serve's checkpoint at start and the one on demand: %v", names)
	}
	if stdout := mustRun(t, "", "audit", "verify", "--db", db, "--checkpoints", cps); !strings.Contains(stdout, "与 2 个签名检查点相符") {
		t.Errorf("verify --checkpoints: %s", stdout)
	}

	// Cut the log back to the first checkpoint's head minus one row, head included: a
	// consistent chain that verify alone accepts.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var seq int64
	var hash string
	raw.QueryRow(`SELECT MAX(seq) - 3 FROM audit`).Scan(&seq)
	raw.QueryRow(`SELECT hash FROM audit WHERE seq = $1`, seq).Scan(&hash)
	if _, err := raw.Exec(`DELETE FROM audit WHERE seq > $1`, seq); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_head SET seq = $1, hash = $2`, seq, hash); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "", "audit", "verify", "--db", db)
	_, stderr, code := runCLI(t, "", "audit", "verify", "--db", db, "--checkpoints", cps)
	if code != 1 || !strings.Contains(stderr, filepath.Base(names[0])) || !strings.Contains(stderr, "deleted") {
		t.Errorf("verify after the cut: exit %d %s", code, stderr)
	}

	os.Chmod(key, 0o644)
	if _, stderr, code := runCLI(t, "", "audit", "checkpoint", "--db", db, "--key", key, "--dir", cps); code != 2 || !strings.Contains(stderr, "chmod 600") {
		t.Errorf("a key readable by others: exit %d %s", code, stderr)
	}
}
