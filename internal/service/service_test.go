package service_test

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

func TestLoginAndSessions(t *testing.T) {
	s := open(t, storetest.SQLite(t))
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := s.LoadDemo(ctx) // a second start changes nothing
	if err != nil || len(again) != 17 {
		t.Fatalf("demo twice: %d %v", len(again), err)
	}
	_, err1 := s.Login(ctx, "zhangsan", "wrong-password")
	_, err2 := s.Login(ctx, "nobody", "wrong-password")
	if guantong.ErrorCode(err1) != guantong.EUnauthorized || err1.Error() != err2.Error() {
		t.Errorf("wrong password %v, unknown user %v: must not tell which", err1, err2)
	}
	sess, err := s.Login(ctx, "zhangsan", service.DemoPassword("zhangsan"))
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.Authenticate(ctx, sess.Token); err != nil || u.Username != "zhangsan" {
		t.Errorf("authenticate: %v %v", u, err)
	}
	if err := s.Logout(ctx, sess.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, sess.Token); guantong.ErrorCode(err) != guantong.EUnauthorized {
		t.Errorf("after logout: %v", err)
	}
	if err := s.Logout(ctx, sess.Token); err != nil { // twice: nothing to end, nothing recorded
		t.Fatal(err)
	}

	// Every sign-in, wrong password and sign-out of an account is on its audit record (五:
	// every step traceable); an unknown username leaves none, so that guessing cannot fill it.
	u, _, err := s.Store().UserByUsername(ctx, "zhangsan")
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Store().Events(ctx, fmt.Sprintf("user/%d", u.ID))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Actor+" "+e.Action)
	}
	if want := []string{"demo create_user", "public login_failed", "zhangsan login", "zhangsan logout"}; !slices.Equal(got, want) {
		t.Errorf("zhangsan's record: %q, want %q", got, want)
	}
}

func TestSessionExpires(t *testing.T) {
	clock := service.NewClock(func() time.Time { return t0 })
	s := open(t, storetest.SQLite(t))
	s = service.New(service.Config{Store: s.Store(), Engine: s.Engine(), Now: clock.Now, SessionTTL: time.Hour, BcryptCost: 4})
	s.LoadDemo(ctx)
	sess, err := s.Login(ctx, "hr", service.DemoPassword("hr"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Minute)
	if _, err := s.Authenticate(ctx, sess.Token); err != nil {
		t.Errorf("before expiry: %v", err)
	}
	clock.Advance(time.Minute)
	if _, err := s.Authenticate(ctx, sess.Token); guantong.ErrorCode(err) != guantong.EUnauthorized {
		t.Errorf("at expiry: %v", err)
	}
}

func TestEvidenceTypesAndNames(t *testing.T) {
	s := open(t, storetest.SQLite(t))
	s.LoadDemo(ctx)
	u, _ := s.Authenticate(ctx, mustLogin(t, s, "zhangsan"))
	v, err := s.CreateApplication(ctx, &u, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: doc})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, data, wantName, wantType string
	}{
		{"证书.pdf", "%PDF-1.7 …", "证书.pdf", guantong.TypePDF},
		{`C:\scans\photo.JPG`, "\xff\xd8\xff\xe0\x00\x10JFIF\x00", "photo.jpg", guantong.TypeJPEG},
		{"../../etc/passwd.png", "\x89PNG\r\n\x1a\n\x00", "passwd.png", guantong.TypePNG},
		{"scan.pdf.exe", "%PDF-1.4", "scan.pdf.pdf", guantong.TypePDF}, // named by its content
		{"page.pdf", "<!DOCTYPE html><script>", "", ""},
		{"a.zip", "PK\x03\x04", "", ""},
		{"empty.pdf", "", "", ""},
	} {
		f, err := s.AddFile(ctx, &u, v.ID, c.name, []byte(c.data))
		if c.wantType == "" {
			if _, ok := err.(guantong.FieldErrors); !ok {
				t.Errorf("%s: %v, want a field error", c.name, err)
			}
			continue
		}
		if err != nil || f.Name != c.wantName || f.Type != c.wantType {
			t.Errorf("%s: %+v %v", c.name, f, err)
		}
	}
	big := make([]byte, guantong.MaxFileSize+1)
	copy(big, "%PDF-1.4")
	if _, err := s.AddFile(ctx, &u, v.ID, "big.pdf", big); err == nil {
		t.Error("a file over 10 MiB was accepted")
	}
}

// A demo database written before the expert pool existed gets the demo experts on the next
// start, once.
func TestDemoExpertsAddedToAnOldDemo(t *testing.T) {
	dsn := storetest.SQLite(t)
	s := open(t, dsn)
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	w, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, q := range []string{`DELETE FROM committee_members`, `DELETE FROM experts`, `DELETE FROM users WHERE role = 'expert'`} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := s.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	es, err := s.Store().Experts(ctx)
	if err != nil || len(es) != 9 {
		t.Fatalf("experts %d %v", len(es), err)
	}
	if _, err := s.Login(ctx, "expert1", service.DemoPassword("expert1")); err != nil {
		t.Error(err)
	}
}
