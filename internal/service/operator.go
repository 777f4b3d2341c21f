package service

import (
	"context"
	"strings"
	"unicode"

	"guantong"
	"guantong/internal/store"
)

// The command line on the server (guantong user add, user passwd) acts as an operator: a
// person with the database in hand, who creates the first admin of a fresh database and
// resets passwords. What they do goes through the same service methods as the admin's pages
// and onto the audit log as "cli:{their system account}".

// PasswordRule is the rule for passwords set from the command line, said to the operator.
const PasswordRule = "密码须至少 10 个字符，同时包含字母和数字，且不能包含用户名"

// StrongPassword checks a password set from the command line, where the accounts made are
// admins and resets: at least 10 characters, letters and digits, not containing the
// username; and at most 72 bytes, all that bcrypt reads.
func StrongPassword(username, password string) error {
	var letter, digit bool
	for _, r := range password {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	weak := len([]rune(password)) < 10 || !letter || !digit ||
		(username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)))
	switch {
	case weak:
		return guantong.FieldErrors{{Field: "password", Message: PasswordRule}}
	case len(password) > 72:
		return guantong.FieldErrors{{Field: "password", Message: "密码不能超过 72 字节"}}
	}
	return nil
}

// operator is the user the command line acts as: an admin that no one can sign in as.
func operator(name string) *guantong.User {
	return &guantong.User{Username: "cli:" + name, Name: "命令行操作员", Role: guantong.RoleAdmin}
}

// AddUser creates an account from the command line, as CreateUser does for an admin, with
// the stronger password rule. osUser names the operator in the audit log.
func (s *Service) AddUser(ctx context.Context, osUser string, in NewUser) (guantong.User, error) {
	if err := StrongPassword(in.Username, in.Password); err != nil {
		return guantong.User{}, err
	}
	return s.CreateUser(ctx, operator(osUser), in)
}

// SetPassword changes or resets the password of username from the command line and ends
// the account's sessions, in one transaction with its audit row (which never holds the
// password nor its hash).
func (s *Service) SetPassword(ctx context.Context, osUser, username, password string) error {
	u, _, err := s.store.UserByUsername(ctx, username)
	if err != nil {
		return err
	}
	if err := StrongPassword(username, password); err != nil {
		return err
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(ctx, u.ID, hash, false, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, operator(osUser), "set_password", subjectOf("user", u.ID), map[string]string{"username": u.Username})
	})
}
