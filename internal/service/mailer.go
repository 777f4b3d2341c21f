package service

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"mime"
	"net/smtp"
	"strings"
	"time"

	"guantong/internal/store"
)

// SMTP is where notification e-mails go: serve --smtp-addr host:port --smtp-from addr
// --smtp-user name, the password from GUANTONG_SMTP_PASSWORD.
type SMTP struct {
	Addr     string // host:port
	From     string
	User     string // empty: no authentication (a relay on the local network)
	Password string
	// PublicURL starts the links in the messages (https://zc.example.gov.cn); empty: the
	// path alone.
	PublicURL string
}

// Mailer delivers the outbox of notifications by e-mail. Run one per app server: each
// claims its messages with a conditional UPDATE (store.ClaimEmails), so several servers on
// one database share the work and never send a message twice at once.
type Mailer struct {
	svc  *Service
	smtp SMTP
	log  *slog.Logger

	// Poll is how often the outbox is read when nothing wakes the mailer; Lease how long a
	// claim lasts before another server may retry it; Attempts how many tries a message gets
	// before it is given up; Backoff the wait after the first failure, doubled after each.
	Poll, Lease, Backoff time.Duration
	Attempts             int
	send                 func(addr string, a smtp.Auth, from string, to []string, msg []byte) error
}

// Mailer returns a mailer for the service's outbox.
func (s *Service) Mailer(cfg SMTP) *Mailer {
	return &Mailer{svc: s, smtp: cfg, log: s.log, Poll: 30 * time.Second, Lease: 5 * time.Minute,
		Backoff: time.Minute, Attempts: 5, send: smtp.SendMail}
}

// wakeMailer tells the mailer, if there is one, that a committed step may have queued mail.
func (s *Service) wakeMailer() {
	if !s.email {
		return
	}
	select {
	case s.mailWake <- struct{}{}:
	default: // already woken
	}
}

// Run delivers until ctx ends.
func (m *Mailer) Run(ctx context.Context) {
	t := time.NewTicker(m.Poll)
	defer t.Stop()
	for {
		if _, err := m.Deliver(ctx); err != nil && ctx.Err() == nil {
			m.log.Error("mailer", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-m.svc.mailWake:
		}
	}
}

// Deliver sends what is due in the outbox now and returns how many were sent. A failure is
// tried again after the backoff, until the attempts are spent.
func (m *Mailer) Deliver(ctx context.Context) (int, error) {
	sent := 0
	for {
		now := m.svc.now()
		batch, err := m.svc.store.ClaimEmails(ctx, now, m.Lease, 20)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for _, o := range batch {
			sendErr := m.send(m.smtp.Addr, m.auth(), m.smtp.From, []string{o.To}, m.message(o))
			var retry time.Time
			if sendErr != nil {
				m.log.Warn("mailer: send failed", "notification", o.ID, "attempt", o.Attempts, "err", sendErr)
				if o.Attempts < m.Attempts {
					retry = now.Add(m.Backoff << (o.Attempts - 1))
				}
			} else {
				sent++
			}
			if err := m.svc.store.EmailDone(ctx, o.ID, sendErr, retry); err != nil {
				return sent, err
			}
		}
	}
}

func (m *Mailer) auth() smtp.Auth {
	if m.smtp.User == "" {
		return nil
	}
	host, _, _ := strings.Cut(m.smtp.Addr, ":")
	return smtp.PlainAuth("", m.smtp.User, m.smtp.Password, host)
}

// message is the e-mail of a notification: UTF-8 text, base64 in transit, the subject
// encoded by RFC 2047 so that Chinese survives any relay.
func (m *Mailer) message(o store.Outgoing) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", m.smtp.From, o.To, mime.BEncoding.Encode("UTF-8", "贯通：申报进展通知"))
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n")
	fmt.Fprintf(&b, "Date: %s\r\n\r\n", m.svc.now().Format(time.RFC1123Z))
	body := o.Text + "\r\n"
	if o.Link != "" {
		body += "\r\n" + strings.TrimRight(m.smtp.PublicURL, "/") + o.Link + "\r\n"
	}
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}
