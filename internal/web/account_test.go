package web

import (
	"net/url"
	"time"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
)

// accountSamples is sample data for the templates of accounts and messages, for
// TestTemplates: every branch, with text that needs escaping.
func accountSamples() map[string][]any {
	evil := `<script>alert(1)</script>`
	at := time.Date(2026, 12, 31, 4, 0, 0, 0, time.UTC)
	a := guantong.User{ID: 3, Username: "zhangsan", Name: evil, Role: guantong.RoleApplicant, Phone: evil, Email: "a@example.com"}
	off := guantong.User{ID: 4, Username: "office", Name: "刘洋", Role: guantong.RoleOffice, OrgID: 1, Disabled: true}
	form := url.Values{"name": {evil}, "org_id": {"1"}, "role": {"office"}}
	return map[string][]any{
		"password": {passwordPage{}, passwordPage{OneTime: true, Errs: errs{"current": evil, "password": "x", "confirm": "y"}}, passwordPage{Done: true}},
		"notifications": {notificationsPage{List: dirList0()}, notificationsPage{List: sampleDirList(evil), Unread: 1, Items: []guantong.Notification{
			{ID: 1, Text: evil, Link: "/applications/7", CreatedAt: at}, {ID: 2, Text: "已读", Read: true, Link: "/applications/8", CreatedAt: at},
			{ID: 3, Text: "无链接", CreatedAt: at}}}},
		"account": {accountPage{Account: a, Form: form, Back: "/employer/accounts"},
			accountPage{Account: off, Admin: true, Roles: guantong.Roles, Orgs: []guantong.Organisation{{ID: 1, Name: evil, Kind: guantong.OrgOffice}},
				Form: form, Errs: errs{"name": evil, "email": "x", "role": "y", "org_id": "z"}, OneTime: &service.OneTime{Username: "office", Password: "abcdEFGH2345"}, Saved: "1"}},
		"staffaccounts": {staffAccountsPage{List: dirList0()}, staffAccountsPage{List: sampleDirList(evil), Accounts: []store.UserListed{{User: a}, {User: off}, {User: guantong.User{ID: 5, Username: "x", MustChangePassword: true}}}}},
	}
}
