package certificate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"guantong"
)

// tool returns the path of a command the test needs: skipped without it, failed under CI
// (.ci/run installs it).
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: CI must have it (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// TestQRDecodesToASCII: the QR code of a title's and of a skill certificate's verification
// address, read back by a real decoder (zbarimg), is that address, in ASCII only, so that it
// can be typed as printed.
func TestQRDecodesToASCII(t *testing.T) {
	zbar := tool(t, "zbarimg", "zbar-tools")
	skill, err := SkillNumber("JZZP", 2026, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{Number(2026, "工程", guantong.Title3, 123), skill} {
		addr := VerifyURL("https://zc.example.gov.cn", n)
		b, err := QRCodePNG(addr, 300)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "qr.png")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--raw", "-q", file).Output()
		if err != nil {
			t.Fatalf("zbarimg: %v", err)
		}
		got := strings.TrimRight(string(out), "\n")
		if got != addr {
			t.Errorf("the QR code reads %q, want %q", got, addr)
		}
		for i := 0; i < len(got); i++ {
			if got[i] > 0x7e || got[i] < 0x21 {
				t.Errorf("%q has a byte that is not printable ASCII at %d", got, i)
			}
		}
	}
}
