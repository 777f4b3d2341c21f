package audit

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// Checkpoint is the head of the chain at one moment, signed: one JSON file in a directory
// kept outside the database. A later rewrite of the chain, however consistent, changes the
// hash of row Seq and so contradicts every checkpoint taken before it.
type Checkpoint struct {
	Format    string    `json:"format"` // checkpointFormat
	Seq       int64     `json:"seq"`
	Hash      string    `json:"hash"`
	At        time.Time `json:"at"`
	Algorithm string    `json:"signature_algorithm"` // "SM2-SM3": GB/T 32918.2 with the default user ID
	PublicKey string    `json:"public_key"`          // base64 PKIX, so that a file names its signer
	Signature string    `json:"signature"`           // base64 ASN.1 (r, s)

	File string `json:"-"` // the file's name, when read from a directory
}

const (
	checkpointFormat = "guantong-audit-checkpoint/1"
	signatureSM2     = "SM2-SM3"
)

// message is what the signature covers; it is rebuilt from the fields on verification.
func (c *Checkpoint) message() []byte {
	return fmt.Appendf(nil, "%s\nseq=%d\nhash=%s\nat=%s\n", checkpointFormat, c.Seq, c.Hash, c.At.UTC().Format(time.RFC3339Nano))
}

// Sign makes the checkpoint of the head (seq, hash) at time at, signed with key.
func Sign(key *sm2.PrivateKey, seq int64, hash string, at time.Time) (Checkpoint, error) {
	c := Checkpoint{Format: checkpointFormat, Seq: seq, Hash: hash, At: at.UTC().Truncate(time.Second), Algorithm: signatureSM2}
	der, err := smx509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return c, fmt.Errorf("audit: encode public key: %w", err)
	}
	// ForceGMSign: the message is hashed with SM3 together with Z_A (the signer's identity
	// and key), as GB/T 32918.2 has it, rather than signed as a ready digest.
	sig, err := key.Sign(rand.Reader, c.message(), sm2.NewSM2SignerOption(true, nil))
	if err != nil {
		return c, fmt.Errorf("audit: sign checkpoint: %w", err)
	}
	c.PublicKey = base64.StdEncoding.EncodeToString(der)
	c.Signature = base64.StdEncoding.EncodeToString(sig)
	return c, nil
}

// Signer returns the public key the checkpoint says signed it, after checking the
// signature with it. With want non-nil, the checkpoint must have been signed by want.
func (c *Checkpoint) Signer(want *ecdsa.PublicKey) (*ecdsa.PublicKey, error) {
	name := c.File
	if c.Format != checkpointFormat || c.Algorithm != signatureSM2 {
		return nil, fmt.Errorf("检查点 %s 的格式不是 %s / %s", name, checkpointFormat, signatureSM2)
	}
	der, err := base64.StdEncoding.DecodeString(c.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("检查点 %s 的公钥无法解码", name)
	}
	pub, err := parsePublicKey(der, "检查点 "+name)
	if err != nil {
		return nil, err
	}
	if want != nil && !want.Equal(pub) {
		return nil, fmt.Errorf("检查点 %s 不是由公钥 SM3:%s 签署的，而是由 SM3:%s", name, Fingerprint(want), Fingerprint(pub))
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !sm2.VerifyASN1WithSM2(pub, nil, c.message(), sig) {
		return nil, fmt.Errorf("检查点 %s 的签名无效：文件被修改或伪造", name)
	}
	return pub, nil
}

// fileName sorts checkpoints by seq, then time.
func (c *Checkpoint) fileName() string {
	return fmt.Sprintf("checkpoint-%012d-%s.json", c.Seq, c.At.UTC().Format("20060102T150405Z"))
}

// WriteCheckpoint writes c into dir (created if missing) under a new name, atomically: a
// reader sees the whole file or none. It returns the file's path.
func WriteCheckpoint(dir string, c Checkpoint) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".checkpoint-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if _, err = tmp.Write(append(b, '\n')); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	path := filepath.Join(dir, c.fileName())
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err == nil {
		err = syncDir(dir) // the new name survives a power cut too
	}
	if err != nil {
		return "", fmt.Errorf("audit: write checkpoint to %s: %w", dir, err)
	}
	return path, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// ReadCheckpoints reads every checkpoint-*.json of dir, oldest seq first. It does not check
// signatures (Signer does).
func ReadCheckpoints(dir string) ([]Checkpoint, error) {
	names, err := checkpointFiles(dir)
	if err != nil {
		return nil, err
	}
	out := make([]Checkpoint, 0, len(names))
	for _, n := range names {
		c, err := readCheckpoint(n)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out, nil
}

// checkpointFiles lists the checkpoint files of dir in the order of their names: by seq,
// then time.
func checkpointFiles(dir string) ([]string, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "checkpoint-*.json"))
	sort.Strings(names)
	return names, err
}

func readCheckpoint(path string) (Checkpoint, error) {
	var c Checkpoint
	b, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("检查点 %s 不是有效的 JSON：%w", filepath.Base(path), err)
	}
	c.File = filepath.Base(path)
	return c, nil
}

// newest reads the last checkpoint of dir by name; ok is false when there is none (or no
// dir). A schedule reads one file an hour, not a year of them.
func newest(dir string) (c Checkpoint, ok bool, err error) {
	names, err := checkpointFiles(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(names) == 0) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c, err = readCheckpoint(names[len(names)-1])
	return c, err == nil, err
}

// Head returns the chain's head, after checking that the row it names is there with that
// hash: a checkpoint should not sign a head the rows do not support.
func Head(ctx context.Context, q Querier) (seq int64, hash string, err error) {
	var rowHash *string
	err = q.QueryRowContext(ctx, `SELECT h.seq, h.hash, a.hash FROM audit_head h LEFT JOIN audit a ON a.seq = h.seq WHERE h.id = 1`).
		Scan(&seq, &hash, &rowHash)
	if err != nil {
		return 0, "", fmt.Errorf("audit: read head: %w", err)
	}
	if seq > 0 && (rowHash == nil || *rowHash != hash) {
		return 0, "", fmt.Errorf("审计日志的链头（第 %d 条）与日志不符：请先运行 guantong audit verify", seq)
	}
	return seq, hash, nil
}

// ErrNothingToAnchor is Anchor's answer when there is no new head to sign: the log is empty,
// or the newest checkpoint in the directory already holds this head.
var ErrNothingToAnchor = errors.New("audit: nothing new to anchor")

// Anchor signs the current head with key and writes it into dir, unless the newest
// checkpoint there already has this head (ErrNothingToAnchor): a quiet night leaves one
// file, not one an hour.
func Anchor(ctx context.Context, q Querier, key *sm2.PrivateKey, dir string, now time.Time) (Checkpoint, string, error) {
	seq, hash, err := Head(ctx, q)
	if err != nil {
		return Checkpoint{}, "", err
	}
	if seq == 0 {
		return Checkpoint{}, "", ErrNothingToAnchor
	}
	if last, ok, err := newest(dir); err != nil {
		return Checkpoint{}, "", err
	} else if ok && last.Seq == seq && last.Hash == hash {
		return last, filepath.Join(dir, last.File), ErrNothingToAnchor
	}
	c, err := Sign(key, seq, hash, now)
	if err != nil {
		return c, "", err
	}
	path, err := WriteCheckpoint(dir, c)
	c.File = filepath.Base(path)
	return c, path, err
}

// checkSigners checks every checkpoint's signature, with pub when given; without it, all
// must be signed by one key, which it returns so that the caller can show its fingerprint.
func checkSigners(cps []Checkpoint, pub *ecdsa.PublicKey) (*ecdsa.PublicKey, error) {
	var errs []string
	signer := pub
	for i := range cps {
		got, err := cps[i].Signer(signer)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		signer = got
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return signer, nil
}
