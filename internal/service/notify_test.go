package service_test

import (
	"encoding/base64"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// smtpServer is a loopback SMTP server that accepts every message and hands each on the
// channel: enough of RFC 5321 for net/smtp's SendMail without authentication.
type mailed struct {
	to   string
	data string
}

func smtpServer(t *testing.T) (addr string, got <-chan mailed) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	ch := make(chan mailed, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveSMTP(c, ch)
		}
	}()
	return ln.Addr().String(), ch
}

func serveSMTP(c net.Conn, ch chan<- mailed) {
	defer c.Close()
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 localhost test")
	var m mailed
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			tp.PrintfLine("250 localhost")
		case "RCPT":
			m.to = strings.Trim(strings.TrimPrefix(line[strings.Index(line, ":")+1:], " "), "<>")
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go on")
			b, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			m.data = string(b)
			tp.PrintfLine("250 queued")
			ch <- m
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default: // MAIL, RSET, NOOP
			tp.PrintfLine("250 ok")
		}
	}
}

// body decodes the base64 body of a message the mailer wrote.
func body(t *testing.T, data string) string {
	_, enc, ok := strings.Cut(data, "\n\n")
	if !ok {
		t.Fatalf("no body in %q", data)
	}
	b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(enc), ""))
	if err != nil {
		t.Fatalf("body %q: %v", enc, err)
	}
	return string(b)
}

// Issue 10 item 6: "a notification arrives in-site and by e-mail to a loopback SMTP server".
func TestNotificationInSiteAndByEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		// The same store, with e-mail switched on as serve --smtp-addr does.
		f.s = service.New(service.Config{Store: f.s.Store(), Engine: policy.New(policy.Default(), catalog.Default()),
			Calendar: calendar.Default(), Now: f.clock.Now, BcryptCost: bcrypt.MinCost, Email: true})
		s := f.s
		hr := f.user("hr")
		if _, err := s.UpdateUser(ctx, f.user("admin"), hr.ID, service.UserEdit{Name: hr.Name, Email: "hr@jigang.example"}); err != nil {
			t.Fatal(err)
		}
		v, err := s.CreateApplication(ctx, f.user("zhangsan"), service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc})
		if err != nil {
			t.Fatal(err)
		}
		f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)

		// In-site: the employer's HR is to act next; the applicant took the step, so is not told.
		p, err := s.ListNotifications(ctx, hr, service.DirectoryQuery{})
		hrMessage := p.Items
		if list := p.Items; err != nil || p.Unread != 1 || p.Total != 1 || len(list) != 1 || list[0].ApplicationID != v.ID || !strings.Contains(list[0].Text, "待您办理") {
			t.Fatalf("HR's messages: %+v %v", p, err)
		}
		if n, _ := s.UnreadCount(ctx, f.user("zhangsan")); n != 0 {
			t.Errorf("the applicant was told of their own step: %d", n)
		}
		if n, _ := s.UnreadCount(ctx, f.user("hr2")); n != 0 {
			t.Errorf("another employer's HR was told: %d", n)
		}
		// A stale step changes nothing and tells no one: the message is in the step's transaction.
		f.refused("hr", v.ID, workflow.Input{Action: workflow.Reject}, guantong.EForbidden)
		f.recommend(v.ID) // after the employer's own 公示 (人社部令第40号)
		if p, _ := s.ListNotifications(ctx, f.user("zhangsan"), service.DirectoryQuery{Unread: true}); p.Unread != 1 || p.Total != 1 || !strings.Contains(p.Items[0].Text, "转入「待资格审核」") {
			t.Errorf("the applicant at a change of stage: %+v", p)
		}
		if n, _ := s.UnreadCount(ctx, f.user("office")); n != 1 {
			t.Errorf("the 职改办 to act next: %d unread", n)
		}
		if _, err := s.MarkRead(ctx, f.user("zhangsan"), hrMessage[0].ID); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("marked another user's message read: %v", err)
		}
		if n, err := s.MarkRead(ctx, hr, 0); err != nil || n != 1 {
			t.Errorf("all read: %d %v", n, err)
		}
		if n, _ := s.UnreadCount(ctx, hr); n != 0 {
			t.Errorf("after all read: %d", n)
		}

		// By e-mail: a server that is down leaves the message pending for a retry…
		down, _ := net.Listen("tcp", "127.0.0.1:0")
		downAddr := down.Addr().String()
		down.Close()
		m := s.Mailer(service.SMTP{Addr: downAddr, From: "noreply@guantong.example", PublicURL: "https://zc.example"})
		if sent, err := m.Deliver(ctx); err != nil || sent != 0 {
			t.Fatalf("deliver to a closed port: %d %v", sent, err)
		}
		if st, attempts, _ := s.Store().EmailStatus(ctx, hrMessage[0].ID); st != store.EmailPending || attempts != 1 {
			t.Errorf("after a failed attempt: %s, %d attempts", st, attempts)
		}
		if sent, _ := m.Deliver(ctx); sent != 0 {
			t.Errorf("retried before the backoff: %d", sent)
		}
		// …and once the backoff is over, the server that works gets it, once.
		f.clock.Advance(2 * time.Minute)
		addr, got := smtpServer(t)
		m = s.Mailer(service.SMTP{Addr: addr, From: "noreply@guantong.example", PublicURL: "https://zc.example"})
		if sent, err := m.Deliver(ctx); err != nil || sent != 1 {
			t.Fatalf("deliver: %d %v", sent, err)
		}
		mail := <-got
		text := body(t, strings.ReplaceAll(mail.data, "\r\n", "\n"))
		if mail.to != "hr@jigang.example" || !strings.Contains(text, "待您办理") || !strings.Contains(text, "https://zc.example/applications/") {
			t.Errorf("mail to %s: %q", mail.to, text)
		}
		if st, _, _ := s.Store().EmailStatus(ctx, hrMessage[0].ID); st != store.EmailSent {
			t.Errorf("after sending: %s", st)
		}
		if sent, _ := m.Deliver(ctx); sent != 0 {
			t.Errorf("sent twice: %d", sent)
		}
	})
}
