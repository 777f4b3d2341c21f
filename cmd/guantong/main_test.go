package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// runCLI drives the whole command line as a user would, returning stdout, stderr and the
// exit code.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) },
	}
	err := run(context.Background(), args, e)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func TestUnknownCommand(t *testing.T) {
	_, stderr, code := runCLI(t, "", "frobnicate")
	if code != 2 || !strings.Contains(stderr, "未知命令") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}

func TestHelp(t *testing.T) {
	stdout, _, code := runCLI(t, "", "help")
	if code != 0 || !strings.Contains(stdout, "check") || !strings.Contains(stdout, "policy") {
		t.Errorf("code %d, stdout %q", code, stdout)
	}
	_, _, code = runCLI(t, "", "check", "-h")
	if code != 0 {
		t.Errorf("check -h exits %d", code)
	}
}

var _ = io.Discard
