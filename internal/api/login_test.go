package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"guantong/internal/service"
	"guantong/internal/store/storetest"
)

// Passwords cannot be guessed at speed through the API either: five failures for a username
// within 15 minutes refuse it (429, Retry-After), even with the right password, as the login
// page does; other usernames from other addresses are not affected.
func TestLoginRateLimit(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	login := map[string]string{"username": "office", "password": "wrong-password"}
	for range 5 {
		w.call("", "POST", "/api/v1/login", login, 401, nil)
	}
	login["password"] = service.DemoPassword("office")
	body := w.call("", "POST", "/api/v1/login", login, 429, nil)
	if !strings.Contains(string(body), "登录尝试过多") || !strings.Contains(string(body), `"too_many"`) {
		t.Errorf("the refusal: %s", body)
	}
	req, _ := http.NewRequest("POST", w.srv.URL+"/api/v1/login", bytes.NewReader([]byte(`{"username":"office","password":"x"}`)))
	resp, err := w.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "900" {
		t.Errorf("again: %d, Retry-After %q, want 429 and 900 seconds", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
