package api

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/ratelimit"
	"guantong/internal/service"
)

// health answers 200 when the database does.
func (a *API) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	engine, err := a.svc.Health(ctx)
	if err != nil {
		a.log.Error("api: health", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": engine})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": engine})
}

// check is the eligibility check of the contract (docs/check.md): the same answer as
// `guantong check`, 400 with field paths for a malformed document.
func (a *API) check(w http.ResponseWriter, r *http.Request) {
	req, err := document.Read(r.Body) // as the command line reads it: the same limits, the same errors
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := document.WriteAnswer(w, a.svc.Check(req)); err != nil {
		a.log.Error("api: write answer", "err", err)
	}
}

func (a *API) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	s, wait, err := a.svc.SignIn(r.Context(), in.Username, in.Password, ratelimit.ClientIP(r, a.proxy))
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		err = guantong.Errorf(guantong.ETooMany, "登录尝试过多，请 %d 分钟后再试", int(math.Ceil(wait.Minutes())))
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func (a *API) logout(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusNoContent, func(*guantong.User, int64) (any, error) {
		return nil, a.svc.Logout(r.Context(), bearer(r))
	})
}

func (a *API) me(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) { return a.svc.Me(r.Context(), u) })
}

// notices is GET /api/v1/notices: one page of the notices, for anyone, whatever token comes
// with the request.
func (a *API) notices(w http.ResponseWriter, r *http.Request) {
	q, err := service.ParseListQuery(r.URL.Query())
	var ns any
	if err == nil {
		ns, err = a.svc.NoticePage(r.Context(), q)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ns)
}

// lodgeObjection is open to anyone; a signed-in user is recorded as such.
func (a *API) lodgeObjection(w http.ResponseWriter, r *http.Request) {
	a.servePublic(w, r, http.StatusCreated, body(w, r, func(u *guantong.User, id int64, in service.ObjectionInput) (any, error) {
		o, err := a.svc.LodgeObjection(r.Context(), u, id, in)
		if err != nil {
			return nil, err
		}
		return map[string]any{"id": o.ID, "receipt": o.Receipt, "application_id": o.ApplicationID, "notice": o.Notice,
			"status": o.Status, "lodged_at": o.LodgedAt}, nil
	}))
}

// advanceClock moves the demo clock forward (admin only, demo only), so that a notice of
// five working days can end during a demonstration.
func (a *API) advanceClock(w http.ResponseWriter, r *http.Request) {
	if a.clock == nil {
		a.fail(w, r, guantong.Errorf(guantong.ENotFound, "只有演示模式（serve --demo）可以调整时钟"))
		return
	}
	type advance struct {
		Days int `json:"days"`
	}
	a.serve(w, r, http.StatusOK, body(w, r, func(u *guantong.User, _ int64, in advance) (any, error) {
		if u.Role != guantong.RoleAdmin {
			return nil, guantong.Errorf(guantong.EForbidden, "只有管理员可以调整演示时钟")
		}
		if in.Days < 1 || in.Days > 366 {
			return nil, guantong.FieldErrors{{Field: "days", Message: "须在 1 到 366 之间"}}
		}
		a.clock.Advance(time.Duration(in.Days) * 24 * time.Hour)
		return map[string]any{"now": a.svc.Now().UTC(), "today": a.svc.Today()}, nil
	}))
}
