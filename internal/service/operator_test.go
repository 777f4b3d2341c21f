package service_test

import (
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// TestCheckPassword: the one rule for a password someone chooses, on the pages, through the
// API and on the command line (PasswordRule).
func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		rule, username, password string
		ok                       bool
	}{
		{"10 characters, letters and digits", "chief", "Hebei2026x", true},
		{"Chinese letters count as letters", "chief", "河北人社厅密码2026", true},
		{"letters and symbols: a passphrase", "chief", "hebei-renshe-ting", true},
		{"digits and symbols", "chief", "2026-11-30-0900", true},
		{"fewer than 10 characters", "chief", "Hebei-26", false},
		{"letters only", "chief", "hebeirensheting", false},
		{"Chinese letters only", "chief", "河北省人力资源和社会保障厅", false},
		{"digits only", "chief", "2026113020261130", false},
		{"the username itself", "chief.2026", "chief.2026", false},
		{"the username itself in capitals", "chief.2026", "CHIEF.2026", false},
		{"the username and more", "chief", "chief-2026-hebei", true},
		{"more than bcrypt's 72 bytes", "chief", "a1" + strings.Repeat("x", 71), false},
	} {
		err := service.CheckPassword(tc.username, tc.password)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %q → %v", tc.rule, tc.password, err)
		}
	}
}

// Issue 10: the pages and the API (an admin creating an account, a user changing their
// own password) and the command line (user passwd) refuse the same passwords with the same
// words: 9 characters, which the pages took before, and letters only.
func TestOnePasswordRule(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, admin, zs := f.s, f.user("admin"), f.user("zhangsan")
	for _, weak := range []string{"Hebei-26x", "hebeirensheting"} {
		for _, tc := range []struct {
			who string
			err error
		}{
			{"an admin creating an account", func() error {
				_, err := s.CreateUser(ctx, admin, service.NewUser{Username: "wangwu", Password: weak, Name: "王五", Role: guantong.RoleAdmin})
				return err
			}()},
			{"a user changing their own", s.ChangePassword(ctx, zs, "", service.DemoPassword("zhangsan"), weak)},
			{"the command line", s.SetPassword(ctx, "root", "zhangsan", weak)},
		} {
			if fes, ok := tc.err.(guantong.FieldErrors); !ok || fes[0].Field != "password" || fes[0].Message != service.PasswordRule {
				t.Errorf("%s, %q: %v; want %q", tc.who, weak, tc.err, service.PasswordRule)
			}
		}
	}
}
