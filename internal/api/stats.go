package api

import (
	"errors"
	"io"
	"net/http"

	"guantong"
)

// The statistics and the policy versions over the API: the same figures as the 统计 page,
// and the admin's policy files.

// stats is GET /api/v1/stats: every chart of the dashboard (a 职改办: its region; the admin:
// the province, or ?region=).
func (a *API) stats(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		return a.svc.Stats(r.Context(), u, r.URL.Query().Get("region"))
	})
}

// statsChart is GET /api/v1/stats/{chart}: one chart's figures.
func (a *API) statsChart(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		d, err := a.svc.Stats(r.Context(), u, r.URL.Query().Get("region"))
		if err != nil {
			return nil, err
		}
		c, ok := d.Chart(r.PathValue("chart"))
		if !ok {
			return nil, guantong.Errorf(guantong.ENotFound, "没有统计图 %s", r.PathValue("chart"))
		}
		return c, nil
	})
}

// policies is GET /api/v1/policies: every policy of the set (admin).
func (a *API) policies(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusOK, func(u *guantong.User, _ int64) (any, error) {
		return a.svc.PolicyVersions(r.Context(), u)
	})
}

// schedulePolicy is POST /api/v1/policies: the body is a policy file; it is stored to take
// effect on its effective_from (201), or with ?dry_run=true only checked and compared with
// the policy in force (200).
func (a *API) schedulePolicy(w http.ResponseWriter, r *http.Request) {
	dry := r.URL.Query().Get("dry_run") == "true"
	status := http.StatusCreated
	if dry {
		status = http.StatusOK
	}
	a.serve(w, r, status, func(u *guantong.User, _ int64) (any, error) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, guantong.MaxFileSize))
		if big := new(http.MaxBytesError); errors.As(err, &big) {
			return nil, guantong.FieldErrors{{Field: "file", Message: "政策文件超过 10 MiB"}}
		}
		if err != nil {
			return nil, guantong.FieldErrors{{Field: "file", Message: "无法读取请求体"}}
		}
		if dry {
			return a.svc.PreviewPolicy(r.Context(), u, body)
		}
		return a.svc.SchedulePolicy(r.Context(), u, body)
	})
}

// withdrawPolicy is DELETE /api/v1/policies/{policy}: a scheduled policy taken back before its
// date (admin).
func (a *API) withdrawPolicy(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, http.StatusNoContent, func(u *guantong.User, _ int64) (any, error) {
		return nil, a.svc.WithdrawPolicy(r.Context(), u, r.PathValue("policy"))
	})
}
