package api_test

import (
	"fmt"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// Issue 10 items 4-6 through the API: the duplicate refused with a link to the first, a
// one-time password that allows nothing but changing it, the messages of a change of stage.
func TestAccountsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		w := newWorld(t, dsn)
		draft := map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": zhangsanDoc}
		var first struct{ ID int64 }
		w.call("zhangsan", "POST", "/api/v1/applications", draft, 201, &first)
		var dup struct {
			Error    struct{ Code, Message string }
			Existing struct {
				ID   int64
				Href string
			}
		}
		w.call("zhangsan", "POST", "/api/v1/applications", draft, 409, &dup)
		if dup.Error.Code != "conflict" || dup.Existing.ID != first.ID || dup.Existing.Href != fmt.Sprintf("/api/v1/applications/%d", first.ID) {
			t.Errorf("the duplicate's answer: %+v", dup)
		}

		// Submitting tells the employer's HR.
		w.act("zhangsan", first.ID, "submit", nil, 200)
		var inbox struct {
			Items []struct {
				ID            int64
				ApplicationID int64 `json:"application_id"`
				Text          string
				Read          bool
			}
			Unread int
		}
		w.call("hr", "GET", "/api/v1/notifications", nil, 200, &inbox)
		if inbox.Unread != 1 || len(inbox.Items) != 1 || inbox.Items[0].ApplicationID != first.ID {
			t.Fatalf("HR's messages: %+v", inbox)
		}
		w.call("zhangsan", "POST", fmt.Sprintf("/api/v1/notifications/%d/read", inbox.Items[0].ID), nil, 404, nil)
		var marked struct{ Marked int }
		w.call("hr", "POST", fmt.Sprintf("/api/v1/notifications/%d/read", inbox.Items[0].ID), nil, 200, &marked)
		w.call("hr", "GET", "/api/v1/notifications", nil, 200, &inbox)
		if marked.Marked != 1 || inbox.Unread != 0 || !inbox.Items[0].Read {
			t.Errorf("after reading: %d marked, %+v", marked.Marked, inbox)
		}

		// HR resets its employee's password; the one-time password opens only the change.
		var me struct{ User struct{ ID int64 } }
		w.call("zhangsan", "GET", "/api/v1/me", nil, 200, &me)
		var once struct{ Username, Password string }
		w.call("hr2", "POST", fmt.Sprintf("/api/v1/users/%d/password-reset", me.User.ID), nil, 403, nil)
		w.call("hr", "POST", fmt.Sprintf("/api/v1/users/%d/password-reset", me.User.ID), nil, 200, &once)
		var sess struct {
			Token string
			User  struct {
				MustChange bool `json:"must_change_password"`
			}
		}
		w.call("", "POST", "/api/v1/login", map[string]string{"username": "zhangsan", "password": once.Password}, 200, &sess)
		if !sess.User.MustChange {
			t.Errorf("a one-time sign-in is not marked: %+v", sess)
		}
		w.toks["once"] = sess.Token
		body := w.call("once", "GET", "/api/v1/applications", nil, 403, nil)
		if !strings.Contains(string(body), "一次性密码") {
			t.Errorf("the refusal: %s", body)
		}
		w.call("once", "GET", "/api/v1/me", nil, 200, nil)
		w.call("once", "POST", "/api/v1/me/password", map[string]string{"current": once.Password, "password": "x"}, 400, nil)
		w.call("once", "POST", "/api/v1/me/password", map[string]string{"current": once.Password, "password": "zhangsan-own-pass"}, 204, nil)
		w.call("once", "GET", "/api/v1/applications", nil, 200, nil)

		// Editing, disabling, an organisation's region.
		var edited struct{ Email string }
		w.call("hr", "PUT", fmt.Sprintf("/api/v1/users/%d", me.User.ID), map[string]any{"name": "张三", "email": "zs@example.com"}, 200, &edited)
		if edited.Email != "zs@example.com" {
			t.Errorf("edit: %+v", edited)
		}
		w.call("admin", "POST", fmt.Sprintf("/api/v1/users/%d/disable", me.User.ID), nil, 200, nil)
		w.call("once", "GET", "/api/v1/me", nil, 401, nil)
		w.call("", "POST", "/api/v1/login", map[string]string{"username": "zhangsan", "password": "zhangsan-own-pass"}, 403, nil)
		w.call("admin", "POST", fmt.Sprintf("/api/v1/users/%d/enable", me.User.ID), nil, 200, nil)
		w.call("", "POST", "/api/v1/login", map[string]string{"username": "zhangsan", "password": "zhangsan-own-pass"}, 200, nil)
		var org struct{ ID int64 }
		w.call("admin", "POST", "/api/v1/organisations", map[string]any{"kind": "employer", "name": "衡水某厂", "region": "衡水", "employer_kind": "企业"}, 201, &org)
		var out struct{ Region string }
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/organisations/%d", org.ID), map[string]any{"name": "衡水某厂", "region": "雄安新区", "employer_kind": "企业"}, 200, &out)
		if out.Region != "雄安新区" {
			t.Errorf("region: %+v", out)
		}
		w.call("admin", "PUT", fmt.Sprintf("/api/v1/organisations/%d", org.ID), map[string]any{"name": "衡水某厂", "region": "火星", "employer_kind": "企业"}, 400, nil)
		var regions []string
		w.call("", "GET", "/api/v1/regions", nil, 200, &regions)
		if len(regions) != 15 || regions[0] != "石家庄市" {
			t.Errorf("regions: %v", regions)
		}
	})
}
