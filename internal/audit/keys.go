package audit

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/smx509"
)

// The signing key of checkpoints is an SM2 key pair in two PEM files: the private key
// (PKCS#8, "PRIVATE KEY", mode 0600) kept by the operator outside the database, and the
// public key (PKIX, "PUBLIC KEY") beside it, which anyone may have to verify.

// GenerateKey writes a new SM2 key pair: the private key to privPath (0600) and the public
// key to PublicKeyPath(privPath). It refuses to overwrite either file, since losing a key
// would leave earlier checkpoints unverifiable. It returns the public key's path.
func GenerateKey(privPath string) (string, error) {
	key, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		return "", fmt.Errorf("audit: generate SM2 key: %w", err)
	}
	der, err := smx509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("audit: encode private key: %w", err)
	}
	pubDER, err := smx509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return "", fmt.Errorf("audit: encode public key: %w", err)
	}
	pubPath := PublicKeyPath(privPath)
	if _, err := os.Stat(pubPath); err == nil {
		return "", fmt.Errorf("%s 已存在：不覆盖已有的密钥", pubPath)
	}
	if err := writeNew(privPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return "", err
	}
	if err := writeNew(pubPath, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		os.Remove(privPath) // a private key without its public half is of no use
		return "", err
	}
	return pubPath, nil
}

// PublicKeyPath is where the public key of the private key file privPath is kept:
// key.pem → key.pub.pem.
func PublicKeyPath(privPath string) string {
	return strings.TrimSuffix(privPath, ".pem") + ".pub.pem"
}

// writeNew creates path with data and mode, failing if it exists, and syncs it.
func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s 已存在：不覆盖已有的密钥", path)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// LoadPrivateKey reads an SM2 private key written by GenerateKey. Like ssh, it refuses a
// file that others than its owner may read: a key anyone on the server can read anchors
// nothing.
func LoadPrivateKey(path string) (*sm2.PrivateKey, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("私钥文件 %s 的权限为 %04o，其他用户可读：请 chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	block, err := readPEM(path, "PRIVATE KEY")
	if err != nil {
		return nil, err
	}
	k, err := smx509.ParsePKCS8PrivateKey(block)
	if err != nil {
		return nil, fmt.Errorf("%s 不是 PKCS#8 私钥：%w", path, err)
	}
	key, ok := k.(*sm2.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s 不是 SM2 私钥", path)
	}
	return key, nil
}

// LoadPublicKey reads an SM2 public key in a PEM file.
func LoadPublicKey(path string) (*ecdsa.PublicKey, error) {
	der, err := readPEM(path, "PUBLIC KEY")
	if err != nil {
		return nil, err
	}
	return parsePublicKey(der, path)
}

func parsePublicKey(der []byte, source string) (*ecdsa.PublicKey, error) {
	k, err := smx509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("%s 不是公钥：%w", source, err)
	}
	pub, ok := k.(*ecdsa.PublicKey)
	if !ok || !sm2.IsSM2PublicKey(pub) {
		return nil, fmt.Errorf("%s 不是 SM2 公钥", source)
	}
	return pub, nil
}

func readPEM(path, typ string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != typ {
		return nil, fmt.Errorf("%s 不是 PEM 格式的 %s", path, typ)
	}
	return block.Bytes, nil
}

// Fingerprint names a public key: the hex SM3 of its PKIX encoding, to compare by eye with
// the one `guantong audit keygen` printed.
func Fingerprint(pub *ecdsa.PublicKey) string {
	der, err := smx509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sm3.Sum(der)
	return hex.EncodeToString(sum[:])
}
