package audit_test

import (
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// TestSM3 checks the hash against the test vector of GB/T 32905 (appendix A.1), and that an
// SM3 row's hash is not the SHA-256 one of the same fields.
func TestSM3(t *testing.T) {
	sum := sm3.Sum([]byte("abc"))
	if got := hex.EncodeToString(sum[:]); got != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" {
		t.Errorf(`SM3("abc") = %s`, got)
	}
	e := guantong.Event{Seq: 1, At: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Actor: "a", Action: "b", Subject: "c", Payload: []byte(`{}`)}
	old := audit.Hash(&e)
	e.Alg = audit.SHA256
	if audit.Hash(&e) != old {
		t.Errorf("a row without alg is not hashed as SHA-256")
	}
	e.Alg = audit.SM3
	if h := audit.Hash(&e); len(h) != 64 || h == old {
		t.Errorf("SM3 row hash %q (SHA-256 %q)", h, old)
	}
	if e.Alg = "md5"; audit.Hash(&e) != "" {
		t.Errorf("an unknown algorithm hashes to something")
	}
}

// rechain rewrites the whole log as a forger who knows the scheme would: mutate changes
// rows, then every prev_hash and hash and the head are recomputed, so that the chain is
// consistent again.
func rechain(t *testing.T, s *store.Store, mutate func(e *guantong.Event)) {
	t.Helper()
	rows, err := s.DB().QueryContext(ctx, `SELECT seq FROM audit ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	for rows.Next() {
		var n int64
		rows.Scan(&n)
		seqs = append(seqs, n)
	}
	rows.Close()
	prev := ""
	for _, seq := range seqs {
		var e guantong.Event
		var at int64
		var payload string
		if err := s.DB().QueryRowContext(ctx, `SELECT seq, at, actor, action, subject, payload, alg FROM audit WHERE seq = $1`, seq).
			Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &payload, &e.Alg); err != nil {
			t.Fatal(err)
		}
		e.At, e.Payload = time.UnixMilli(at).UTC(), []byte(payload)
		mutate(&e)
		e.PrevHash = prev
		e.Hash = audit.Hash(&e)
		exec(t, s, `UPDATE audit SET actor = $1, action = $2, subject = $3, payload = $4, alg = $5, prev_hash = $6, hash = $7 WHERE seq = $8`,
			e.Actor, e.Action, e.Subject, string(e.Payload), e.Alg, e.PrevHash, e.Hash, e.Seq)
		prev = e.Hash
	}
	exec(t, s, `UPDATE audit_head SET hash = $1 WHERE id = 1`, prev)
}

// TestChainAcrossTheSwitch: rows written before migration 0004 keep SHA-256 and the chain
// verifies across the switch to SM3; a row turned back to SHA-256 after SM3 rows is found.
func TestChainAcrossTheSwitch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := tamperable(t, dsn)
		fill(t, s, 6)
		rechain(t, s, func(e *guantong.Event) {
			if e.Seq <= 3 {
				e.Alg = audit.SHA256
			}
		})
		r, err := audit.Verify(ctx, s.DB())
		if err != nil || r.Problem != nil || r.Rows != 6 {
			t.Fatalf("three SHA-256 rows, then three SM3 ones: %+v %v", r, err)
		}
		rechain(t, s, func(e *guantong.Event) {
			if e.Seq == 5 {
				e.Alg = audit.SHA256
			}
		})
		r, err = audit.Verify(ctx, s.DB())
		if err != nil || r.Problem == nil || r.Problem.Seq != 5 || r.Problem.Kind != audit.Edited {
			t.Errorf("row 5 turned back to SHA-256: %+v %v", r.Problem, err)
		}
	})
}

// keyPair writes a key pair in a temporary directory and returns the private key's path.
func keyPair(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key.pem")
	if _, err := audit.GenerateKey(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// anchored is a log of five rows with two checkpoints in dir: of row 3, then of row 5.
type anchored struct {
	keyPath, dir  string
	first, second string // the checkpoints' file names
	day           time.Time
	pub           *ecdsa.PublicKey
}

func anchorTwice(t *testing.T, s *store.Store) anchored {
	t.Helper()
	a := anchored{keyPath: keyPair(t), dir: filepath.Join(t.TempDir(), "checkpoints"), day: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)}
	key, err := audit.LoadPrivateKey(a.keyPath)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []*string{&a.first, &a.second} {
		fill(t, s, 3-i) // rows 1-3, then 4-5
		c, _, err := audit.Anchor(ctx, s.DB(), key, a.dir, a.day.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		*name = c.File
	}
	if a.pub, err = audit.LoadPublicKey(audit.PublicKeyPath(a.keyPath)); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCheckpointsFindAWholeRewrite: the whole chain rewritten with a consistent new head
// passes Verify, and VerifyCheckpoints names the oldest checkpoint it contradicts.
func TestCheckpointsFindAWholeRewrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := tamperable(t, dsn)
		a := anchorTwice(t, s)
		first, second, dir, pub := a.first, a.second, a.dir, a.pub
		key, _ := audit.LoadPrivateKey(a.keyPath)
		if _, _, err := audit.Anchor(ctx, s.DB(), key, dir, a.day.Add(2*time.Hour)); !errors.Is(err, audit.ErrNothingToAnchor) {
			t.Errorf("anchoring an unchanged head: %v", err)
		}
		cps, err := audit.ReadCheckpoints(dir)
		if err != nil || len(cps) != 2 || cps[0].File != first || cps[1].File != second {
			t.Fatalf("checkpoints %+v %v", cps, err)
		}
		r, err := audit.VerifyCheckpoints(ctx, s.DB(), cps, pub)
		if err != nil || r.Problem != nil || r.Checkpoints != 2 || r.Signer != audit.Fingerprint(pub) {
			t.Fatalf("untouched: %+v %v", r, err)
		}

		rechain(t, s, func(e *guantong.Event) {
			if e.Seq == 2 {
				e.Payload = []byte(`{"to":"granted"}`)
			}
		})
		if r, err := audit.Verify(ctx, s.DB()); err != nil || r.Problem != nil {
			t.Fatalf("the rewrite is consistent, Verify alone cannot see it: %+v %v", r.Problem, err)
		}
		r, err = audit.VerifyCheckpoints(ctx, s.DB(), cps, nil)
		if err != nil || r.Problem == nil || r.Problem.Kind != audit.Rewritten || r.Problem.Checkpoint != first || r.Problem.Seq != 3 ||
			!strings.Contains(r.Problem.Message, first) || !strings.Contains(r.Problem.Message, "2 个检查点中有 2 个不符") {
			t.Errorf("rewrite: %+v %v", r.Problem, err)
		}
	})
}

// TestCheckpointsRefuseForgeries: cutting the log back below a checkpoint is found; a
// checkpoint edited, or signed by another key than the one given or than the others, is an
// error naming its file.
func TestCheckpointsRefuseForgeries(t *testing.T) {
	s := tamperable(t, storetest.SQLite(t))
	a := anchorTwice(t, s)
	first, second, dir, pub, day := a.first, a.second, a.dir, a.pub, a.day
	cps, _ := audit.ReadCheckpoints(dir)

	t.Run("cut back below a checkpoint", func(t *testing.T) {
		exec(t, s, `DELETE FROM audit WHERE seq > 3`)
		var h string
		s.DB().QueryRowContext(ctx, `SELECT hash FROM audit WHERE seq = 3`).Scan(&h)
		exec(t, s, `UPDATE audit_head SET seq = 3, hash = $1 WHERE id = 1`, h)
		r, err := audit.VerifyCheckpoints(ctx, s.DB(), cps, pub)
		if err != nil || r.Problem == nil || r.Problem.Kind != audit.Deleted || r.Problem.Checkpoint != second {
			t.Errorf("cut back: %+v %v", r.Problem, err)
		}
	})

	other := filepath.Join(t.TempDir(), "other.pem")
	if _, err := audit.GenerateKey(other); err != nil {
		t.Fatal(err)
	}
	otherKey, _ := audit.LoadPrivateKey(other)
	otherPub, _ := audit.LoadPublicKey(audit.PublicKeyPath(other))
	forged, err := audit.Sign(otherKey, cps[0].Seq, cps[0].Hash, day)
	if err != nil {
		t.Fatal(err)
	}
	forged.File = "forged.json"
	edited := cps[0]
	edited.Hash = strings.Repeat("0", 64)
	for _, tc := range []struct {
		name string
		cps  []audit.Checkpoint
		pub  *ecdsa.PublicKey
		want string
	}{
		{"hash edited in the file", []audit.Checkpoint{edited}, pub, first + " 的签名无效"},
		{"signed by another key than the one given", []audit.Checkpoint{forged}, pub, "forged.json 不是由公钥 SM3:" + audit.Fingerprint(pub) + " 签署的"},
		{"one of them signed by another key", []audit.Checkpoint{cps[0], forged}, nil, "forged.json 不是由公钥 SM3:" + audit.Fingerprint(pub)},
		{"signed by the key given", []audit.Checkpoint{forged}, otherPub, ""},
		{"no checkpoint", nil, nil, "没有检查点"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := audit.VerifyCheckpoints(ctx, s.DB(), tc.cps, tc.pub)
			if tc.want == "" {
				if err != nil {
					t.Errorf("%v", err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}

	t.Run("a checkpoint file as written", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, first))
		var c map[string]any
		if err != nil || json.Unmarshal(b, &c) != nil || c["signature_algorithm"] != "SM2-SM3" || c["seq"] != float64(3) {
			t.Errorf("%s: %s %v", first, b, err)
		}
	})
}

// TestKeyFiles: keygen refuses to overwrite a key, writes the private key 0600, and a
// private key that others may read is refused.
func TestKeyFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.pem")
	pubPath, err := audit.GenerateKey(path)
	if err != nil || pubPath != strings.TrimSuffix(path, ".pem")+".pub.pem" {
		t.Fatalf("%s %v", pubPath, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v %v", fi.Mode(), err)
	}
	if _, err := audit.GenerateKey(path); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("overwrite: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, err := audit.LoadPrivateKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a private key readable by others: %v", err)
	}
	if _, err := audit.LoadPublicKey(path); err == nil {
		t.Errorf("a private key read as a public one")
	}
}
