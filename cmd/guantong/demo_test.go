package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// guantong demo writes a province the audit verification accepts; a run without a count is
// a usage error.
func TestDemoProvince(t *testing.T) {
	db := filepath.Join(t.TempDir(), "province.db")
	out, errOut, code := runCLI(t, "", "demo", "--applications", "120", "--seed", "9", "--db", db)
	if code != 0 || !strings.Contains(out, "120 份申报") || !strings.Contains(out, "zhangsan") {
		t.Fatalf("demo: exit %d\n%s\n%s", code, out, errOut)
	}
	if out, _, code := runCLI(t, "", "audit", "verify", "--db", db); code != 0 || !strings.Contains(out, "审计日志完整") {
		t.Errorf("audit verify after demo: exit %d\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "", "demo", "--db", db); code != 2 || !strings.Contains(errOut, "--applications") {
		t.Errorf("demo without a count: exit %d, %s", code, errOut)
	}
}
