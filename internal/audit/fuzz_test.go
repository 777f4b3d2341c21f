package audit_test

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"guantong"
	"guantong/internal/audit"
)

// FuzzCheckpoint feeds the verifier checkpoint files mutated from a genuine one: it never
// panics, and whatever it accepts as signed by the key says what the key signed (the same
// seq, hash and time), however the rest of the file was changed.
func FuzzCheckpoint(f *testing.F) {
	path := filepath.Join(f.TempDir(), "key.pem")
	if _, err := audit.GenerateKey(path); err != nil {
		f.Fatal(err)
	}
	key, err := audit.LoadPrivateKey(path)
	if err != nil {
		f.Fatal(err)
	}
	genuine, err := audit.Sign(key, 42, "8f4ba8e066c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b", time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	b, _ := json.Marshal(genuine)
	f.Add(b)
	f.Add([]byte(`{"format":"guantong-audit-checkpoint/1","signature_algorithm":"SM2-SM3","public_key":"","signature":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c audit.Checkpoint
		if json.Unmarshal(data, &c) != nil {
			return
		}
		c.File = "fuzz.json"
		if _, err := c.Signer(&key.PublicKey); err != nil {
			return
		}
		if c.Seq != genuine.Seq || c.Hash != genuine.Hash || !c.At.Equal(genuine.At) {
			t.Errorf("accepted as signed: seq %d hash %s at %s", c.Seq, c.Hash, c.At)
		}
		c.Signer(nil) // without a key given, too, it must not panic
	})
}

// BenchmarkHash is the cost of hashing one audit row with each algorithm: SM3 (pure Go)
// against SHA-256 (assembly), for a typical row.
func BenchmarkHash(b *testing.B) {
	e := guantong.Event{Seq: 123456, At: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC), Actor: "office1", Action: "approve",
		Subject: "application/4711", Payload: []byte(`{"from":"qualification","to":"notice","version":7,"comment":"材料齐全，符合三(一)2的条件"}`),
		PrevHash: "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"}
	for _, alg := range []string{audit.SHA256, audit.SM3} {
		b.Run(alg, func(b *testing.B) {
			e.Alg = alg
			for b.Loop() {
				audit.Hash(&e)
			}
		})
	}
}

// BenchmarkCheckpoint is the cost of signing a head and of checking the signature.
func BenchmarkCheckpoint(b *testing.B) {
	path := filepath.Join(b.TempDir(), "key.pem")
	if _, err := audit.GenerateKey(path); err != nil {
		b.Fatal(err)
	}
	key, _ := audit.LoadPrivateKey(path)
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	c, _ := audit.Sign(key, 42, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", at)
	b.Run("sign", func(b *testing.B) {
		for b.Loop() {
			audit.Sign(key, 42, c.Hash, at)
		}
	})
	b.Run("verify", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.Signer(&key.PublicKey); err != nil {
				b.Fatal(err)
			}
		}
	})
}
