package service

import (
	"context"

	"guantong"
	"guantong/internal/store"
)

// The command line on the server (guantong user add, user passwd) acts as an operator: a
// person with the database in hand, who creates the first admin of a fresh database and
// resets passwords. What they do goes through the same service methods as the admin's pages
// and onto the audit log as "cli:{their system account}".

// operator is the user the command line acts as: an admin that no one can sign in as.
func operator(name string) *guantong.User {
	return &guantong.User{Username: "cli:" + name, Name: "命令行操作员", Role: guantong.RoleAdmin}
}

// AddUser creates an account from the command line, as CreateUser does for an admin (with
// the same password rule, CheckPassword). osUser names the operator in the audit log.
func (s *Service) AddUser(ctx context.Context, osUser string, in NewUser) (guantong.User, error) {
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
	if err := CheckPassword(username, password); err != nil {
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
