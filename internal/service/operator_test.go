package service_test

import (
	"strings"
	"testing"

	"guantong/internal/service"
)

// TestStrongPassword: the rule for passwords set from the command line (PasswordRule).
func TestStrongPassword(t *testing.T) {
	for _, tc := range []struct {
		rule, username, password string
		ok                       bool
	}{
		{"10 characters, letters and digits", "chief", "Hebei-2026", true},
		{"Chinese letters count as letters", "chief", "河北人社厅密码2026", true},
		{"fewer than 10 characters", "chief", "Hebei-26", false},
		{"letters only", "chief", "hebei-renshe-ting", false},
		{"digits only", "chief", "2026113020261130", false},
		{"contains the username", "chief", "chief-2026-hebei", false},
		{"contains the username in capitals", "chief", "CHIEF-2026-hebei", false},
		{"more than bcrypt's 72 bytes", "chief", "a1" + strings.Repeat("x", 71), false},
	} {
		err := service.StrongPassword(tc.username, tc.password)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %q → %v", tc.rule, tc.password, err)
		}
	}
}
