package service_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// Issue 10 item 5: "the duplicate application is refused", on both engines, with a link to
// the first; a withdrawn one no longer counts.
func TestDuplicateApplicationRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s, zs := f.s, f.user("zhangsan")
		draft := service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级", Person: zhangsanDoc}
		first, err := s.CreateApplication(ctx, zs, draft)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateApplication(ctx, zs, draft)
		var dup *guantong.Duplicate
		if !errors.As(err, &dup) || dup.Existing != first.ID || guantong.HTTPStatus(err) != 409 ||
			!strings.Contains(err.Error(), fmt.Sprint(first.ID)) {
			t.Fatalf("a second open application of the same route, series and level: %v", err)
		}
		// Another level is another application; editing it into the first's level is refused too.
		other, err := s.CreateApplication(ctx, zs, service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "助理级", Person: zhangsanDoc})
		if err != nil {
			t.Fatalf("another level: %v", err)
		}
		if _, err := s.UpdateDraft(ctx, zs, other.ID, other.Version, draft); !errors.As(err, &dup) || dup.Existing != first.ID {
			t.Errorf("edited into a duplicate: %v", err)
		}
		// The database refuses it as well, should two requests pass the check at once.
		app, err := s.Store().Application(ctx, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		app.Level = first.Level
		if err := s.Store().Write(ctx, func(tx *store.Tx) error { return tx.UpdateApplication(ctx, &app, app.Version) }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("the unique index let a duplicate through: %v", err)
		}
		f.act("zhangsan", first.ID, workflow.Input{Action: workflow.Withdraw}, guantong.StageWithdrawn)
		if _, err := s.CreateApplication(ctx, zs, draft); err != nil {
			t.Errorf("after the first was withdrawn: %v", err)
		}
	})
}

// Issue 10 item 4: one's own password, a one-time password from HR or the admin that must be
// changed at first sign-in, disabling, editing within one's rights, all audited.
func TestAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s, admin, hr, zs := f.s, f.user("admin"), f.user("hr"), f.user("zhangsan")
		token := mustLogin(t, s, "zhangsan")
		other := mustLogin(t, s, "zhangsan")
		pw := service.DemoPassword("zhangsan")

		// Changing one's own password needs the current one and ends the other sessions.
		if err := s.ChangePassword(ctx, zs, token, "wrong-password", "new-passphrase-1"); fieldsOf(err) != "current" {
			t.Errorf("wrong current password: %v", err)
		}
		if err := s.ChangePassword(ctx, zs, token, pw, "short"); fieldsOf(err) != "password" {
			t.Errorf("a short password: %v", err)
		}
		if err := s.ChangePassword(ctx, zs, token, pw, "new-passphrase-1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, token); err != nil {
			t.Errorf("the session the change was made from ended: %v", err)
		}
		if _, err := s.Authenticate(ctx, other); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("another session survived a password change: %v", err)
		}
		if _, err := s.Login(ctx, "zhangsan", "new-passphrase-1"); err != nil {
			t.Errorf("the new password: %v", err)
		}

		// HR resets its own staff's password; the one-time password must then be changed.
		tests := []struct {
			name   string
			by     string
			target string
			code   string
		}{
			{"HR resets its own employee", "hr", "zhangsan", ""},
			{"HR may not reset another employer's employee", "hr2", "zhangsan", guantong.EForbidden},
			{"HR may not reset a staff account", "hr", "office", guantong.EForbidden},
			{"an applicant resets nobody", "lisi", "zhangsan", guantong.EForbidden},
			{"the admin resets anyone", "admin", "office", ""},
		}
		var once service.OneTime
		for _, tt := range tests {
			got, err := s.ResetPassword(ctx, f.user(tt.by), f.user(tt.target).ID)
			if guantong.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v", tt.name, err)
			}
			if tt.by == "hr" && err == nil {
				once = got
			}
		}
		if once.Username != "zhangsan" || len(once.Password) != 12 {
			t.Fatalf("one-time password: %+v", once)
		}
		if _, err := s.Authenticate(ctx, token); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("a session survived a reset: %v", err)
		}
		sess, err := s.Login(ctx, "zhangsan", once.Password)
		if err != nil || !sess.User.MustChangePassword {
			t.Fatalf("sign-in with the one-time password: %+v %v", sess.User, err)
		}
		u := sess.User
		if err := s.ChangePassword(ctx, &u, sess.Token, once.Password, "my-own-passphrase"); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Authenticate(ctx, sess.Token); again.MustChangePassword {
			t.Error("still must change after changing")
		}

		// Disabled: cannot sign in, sessions end; enabled again: can.
		tok := mustLogin(t, s, "lisi")
		lisi := f.user("lisi")
		if _, err := s.SetUserDisabled(ctx, admin, lisi.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, tok); guantong.ErrorCode(err) != guantong.EUnauthorized {
			t.Errorf("a disabled account's session: %v", err)
		}
		if _, err := s.Login(ctx, "lisi", service.DemoPassword("lisi")); guantong.ErrorCode(err) != guantong.EForbidden || !strings.Contains(err.Error(), "停用") {
			t.Errorf("a disabled account signed in: %v", err)
		}
		if _, err := s.SetUserDisabled(ctx, admin, admin.ID, true); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("the admin disabled themselves: %v", err)
		}
		if _, err := s.SetUserDisabled(ctx, admin, lisi.ID, false); err != nil {
			t.Fatal(err)
		}
		mustLogin(t, s, "lisi")

		// Editing within one's rights.
		edits := []struct {
			name   string
			by     string
			target string
			in     service.UserEdit
			fields string
		}{
			{"HR edits its employee's name, phone and e-mail", "hr", "zhangsan", service.UserEdit{Name: "张三", Phone: "13800000000", Email: "zs@example.com"}, ""},
			{"HR may not change a role", "hr", "zhangsan", service.UserEdit{Name: "张三", Role: guantong.RoleAdmin}, "role"},
			{"a bad e-mail", "admin", "office", service.UserEdit{Name: "刘洋", Email: "not an address"}, "email"},
			{"an empty name", "admin", "office", service.UserEdit{Name: " "}, "name"},
			{"a staff role in an organisation of another kind", "admin", "office", service.UserEdit{Name: "刘洋", Role: guantong.RoleSecretary}, "org_id"},
			{"an applicant cannot become staff", "admin", "zhangsan", service.UserEdit{Name: "张三", Role: guantong.RoleOffice}, "role"},
		}
		for _, tt := range edits {
			_, err := s.UpdateUser(ctx, f.user(tt.by), f.user(tt.target).ID, tt.in)
			if got := fieldsOf(err); got != tt.fields {
				t.Errorf("%s: fields %q (%v), want %q", tt.name, got, err, tt.fields)
			}
		}
		if p, err := s.Me(ctx, zs); err != nil || p.Person.Phone != "13800000000" {
			t.Errorf("the person record follows the account: %+v %v", p.Person, err)
		}
		if staff, err := s.ListUsers(ctx, hr, service.DirectoryQuery{}); err != nil || !strings.Contains(usernames(accounts(staff.Items)), " zhangsan ") || strings.Contains(usernames(accounts(staff.Items)), " hr ") || staff.Total != len(staff.Items) {
			t.Errorf("HR's accounts: %s %v", usernames(accounts(staff.Items)), err)
		}

		// Every change is on the account's record, and no password is in it.
		events, err := s.Store().Events(ctx, fmt.Sprintf("user/%d", zs.ID))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range events {
			if strings.Contains(string(e.Payload), once.Password) || strings.Contains(string(e.Payload), "passphrase") {
				t.Errorf("a password in the audit log: %s", e.Payload)
			}
			if e.Action != "login" && e.Action != "login_failed" {
				got = append(got, e.Actor+" "+e.Action)
			}
		}
		for _, want := range []string{"zhangsan change_password", "hr reset_password", "hr edit_user"} {
			if !slices.Contains(got, want) {
				t.Errorf("zhangsan's record %q lacks %q", got, want)
			}
		}
	})
}

// Issue 10 item 4: the region is one of the fixed list; a typed one is normalised where it is
// unambiguous, refused otherwise; organisations are the admin's to edit.
func TestOrganisationRegion(t *testing.T) {
	f := newFlow(t, storetest.SQLite(t))
	s, admin := f.s, f.user("admin")
	o, err := s.CreateOrganisation(ctx, admin, guantong.Organisation{Kind: guantong.OrgEmployer, Name: "唐山某厂", Region: "唐山", EmployerKind: guantong.EmployerKinds[0]})
	if err != nil || o.Region != "唐山市" {
		t.Fatalf("唐山 → 唐山市: %+v %v", o, err)
	}
	if _, err := s.CreateOrganisation(ctx, admin, guantong.Organisation{Kind: guantong.OrgOffice, Name: "北京职改办", Region: "北京市"}); fieldsOf(err) != "region" {
		t.Errorf("a region outside Hebei: %v", err)
	}
	o.Name, o.Region = "唐山某机械厂", "省直"
	edited, err := s.UpdateOrganisation(ctx, admin, o.ID, o)
	if err != nil || edited.Name != "唐山某机械厂" || edited.Region != "省直" || edited.Kind != guantong.OrgEmployer {
		t.Errorf("edit: %+v %v", edited, err)
	}
	if _, err := s.UpdateOrganisation(ctx, f.user("hr"), o.ID, o); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("HR edited an organisation: %v", err)
	}
}

// accounts returns the accounts of a list's rows.
func accounts(rows []store.UserListed) []guantong.User {
	out := make([]guantong.User, len(rows))
	for i, r := range rows {
		out[i] = r.User
	}
	return out
}
