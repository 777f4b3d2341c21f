package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/ratelimit"
	"guantong/internal/store"
)

// Sessions serve both the API (a bearer token) and the web pages (the same token in a
// cookie): the token is 32 random bytes given to the client once; the database keeps only
// its SHA-256, so a leaked backup opens no session.

// dummyHash is compared against when the username is unknown, so that a wrong username
// takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("guantong-no-such-user"), bcrypt.DefaultCost)
	return h
})

// Login checks a username and password and opens a session. A wrong username or password is
// EUnauthorized with the same message for both.
func (s *Service) Login(ctx context.Context, username, password string) (guantong.Session, error) {
	u, hash, err := s.store.UserByUsername(ctx, username)
	if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
		return guantong.Session{}, err
	}
	if err != nil {
		hash = string(dummyHash())
	}
	if s.cmp([]byte(hash), []byte(password)) != nil || err != nil {
		if err == nil { // a wrong password for an account that exists: on its record
			if aerr := s.store.Write(ctx, func(tx *store.Tx) error {
				_, err := tx.Audit(ctx, s.now(), "public", "login_failed", subjectOf("user", u.ID), []byte(`{}`))
				return err
			}); aerr != nil {
				return guantong.Session{}, aerr
			}
		}
		return guantong.Session{}, guantong.Errorf(guantong.EUnauthorized, "用户名或密码错误")
	}
	if u.Disabled { // told only to whoever knows the password
		return guantong.Session{}, guantong.Errorf(guantong.EForbidden, "账号已停用，请联系单位人事或管理员")
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return guantong.Session{}, fmt.Errorf("service: session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now()
	sess := guantong.Session{Token: token, User: u, ExpiresAt: now.Add(s.ttl).UTC()}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		if err := tx.InsertSession(ctx, tokenHash(token), u.ID, now, sess.ExpiresAt); err != nil {
			return err
		}
		return s.audit(ctx, tx, &u, "login", subjectOf("user", u.ID), map[string]any{"expires_at": sess.ExpiresAt})
	})
	return sess, err
}

// SignIn is Login under the limit of failed logins (internal/ratelimit): the pages and the
// API sign people in through it. clientIP is the address the attempt came from. When the
// username or the address has had too many failures, it checks no password and returns how
// long until an attempt is allowed again.
func (s *Service) SignIn(ctx context.Context, username, password, clientIP string) (guantong.Session, time.Duration, error) {
	name, addr := ratelimit.Keys(username, clientIP)
	var sess guantong.Session
	wait, err := s.logins.Attempt(ctx, name, addr, func() (err error) {
		sess, err = s.Login(ctx, username, password)
		return err
	})
	return sess, wait, err
}

// Authenticate returns the user of a session token; an unknown or expired one is
// EUnauthorized.
func (s *Service) Authenticate(ctx context.Context, token string) (guantong.User, error) {
	if token == "" {
		return guantong.User{}, guantong.Errorf(guantong.EUnauthorized, "请先登录")
	}
	u, _, err := s.store.SessionUser(ctx, tokenHash(token), s.now())
	return u, err
}

// Logout ends a session; ending one that is not there (expired, already ended) is no error
// and leaves no audit row.
func (s *Service) Logout(ctx context.Context, token string) error {
	u, _, err := s.store.SessionUser(ctx, tokenHash(token), s.now())
	if guantong.ErrorCode(err) == guantong.EUnauthorized {
		return s.store.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, tokenHash(token)) })
	}
	if err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSession(ctx, tokenHash(token)); err != nil {
			return err
		}
		return s.audit(ctx, tx, &u, "logout", subjectOf("user", u.ID), struct{}{})
	})
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// hashPassword hashes a password; one someone chose has passed CheckPassword first. It
// refuses more than bcrypt's 72 bytes, which bcrypt would cut silently.
func (s *Service) hashPassword(password string) (string, error) {
	if len(password) > 72 {
		return "", guantong.FieldErrors{{Field: "password", Message: "密码不能超过 72 字节"}}
	}
	b, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return "", fmt.Errorf("service: hash password: %w", err)
	}
	return string(b), nil
}
