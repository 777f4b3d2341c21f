package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"time"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/workflow"
)

// app is what the load reads of an application.
type app struct {
	ID       int64            `json:"id"`
	Version  int              `json:"version"`
	Stage    string           `json:"stage"`
	Internal *guantong.Period `json:"internal_notice,omitempty"` // the employer's own 公示, once started
}

// checkDocument is what the public sends to POST /api/v1/check (examples/fitter-eligible.json).
var checkDocument = json.RawMessage(`{"as_of": "2026-12-31", "person": {"name": "李师傅",
	"employer": {"name": "唐山某机械厂", "kind": "企业"},
	"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "高级工", "obtained": "2016-05-20"},
		{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}],
	"work": [{"from": "2010-07-01", "to": null}]}}`)

// desk is the kth of n clients of a role: HR and the 职改办 share their queue among their
// clients as an office shares its work among its staff.
type desk struct{ k, n int }

// mine says whether a is the desk's to act on: its share of the queue, or any of it when
// the desk helps out (see work), so that two clients sometimes reach for the same
// application and the later is refused (409).
func (d desk) mine(a app, anyOf bool) bool { return anyOf || d.n <= 1 || int(a.ID%int64(d.n)) == d.k }

// client is one concurrent client of a role, working until the load is over.
func (r *run) client(ctx context.Context, i int, role string, d desk) {
	var err error
	for turn := 0; err == nil; turn++ {
		switch role {
		case "applicant": // its own applicant, or in turn each of its share when there are more
			err = r.apply(ctx, r.applicants[(d.k+turn*d.n)%len(r.applicants)])
		case "hr":
			err = r.work(ctx, d, r.hr, "submitted", workflow.Recommend)
		case "office":
			err = r.work(ctx, d, r.office, "recommended", workflow.Approve)
		default:
			err = r.public(ctx, i)
		}
	}
}

// apply is an applicant's day: a draft of something it may apply for and has not applied
// for yet; then either it abandons the draft (one in five: it withdraws it) or uploads its
// evidence and submits it. An applicant that has applied for all it may looks at its list
// instead, and again a second later.
func (r *run) apply(ctx context.Context, ap *applicant) error {
	o, ok := ap.take()
	if !ok {
		_, err := r.do(ctx, request{kind: "mine", token: ap.token, method: "GET", path: "/api/v1/applications"})
		if err != nil {
			return stopOnly(err)
		}
		return r.pause(time.Second) // until HR or the 职改办 moves something on
	}
	var a app
	status, err := r.do(ctx, request{kind: "draft", token: ap.token, method: "POST", path: "/api/v1/applications", body: o.draft(r.person), out: &a})
	if status != 201 {
		if status != 409 { // 409: open already (an earlier run on this database), so it stays taken
			ap.release(o)
		}
		return stopOnly(err)
	}
	r.ack(a)
	if mrand.IntN(5) == 0 {
		return r.withdraw(ctx, ap, o, a)
	}
	body, ct := uploadBody()
	var f struct {
		ID int64 `json:"id"`
	}
	status, err = r.do(ctx, request{kind: "upload", token: ap.token, method: "POST", path: fmt.Sprintf("/api/v1/applications/%d/files", a.ID),
		raw: body, contentType: ct, out: &f})
	if err != nil || status != 201 {
		return stopOnly(err)
	}
	a.Version++ // attaching advances the version (docs/api.md)
	r.ackFile(a, f.ID)
	return r.act(ctx, "submit", ap.token, a)
}

// withdraw is an applicant abandoning a draft: once withdrawn, the option is free again.
func (r *run) withdraw(ctx context.Context, ap *applicant, o option, a app) error {
	var after app
	status, err := r.do(ctx, request{kind: "withdraw", token: ap.token, method: "POST",
		path: fmt.Sprintf("/api/v1/applications/%d/actions/withdraw", a.ID), body: map[string]int{"version": a.Version}, out: &after})
	if err == nil && status == 200 {
		r.ack(after)
		ap.release(o)
	}
	return stopOnly(err)
}

// act takes an action on a at the version last read, and remembers it when acknowledged.
func (r *run) act(ctx context.Context, action, token string, a app) error {
	var after app
	status, err := r.do(ctx, request{kind: action, token: token, method: "POST",
		path: fmt.Sprintf("/api/v1/applications/%d/actions/%s", a.ID, action), body: map[string]int{"version": a.Version}, out: &after})
	if err == nil && status == 200 {
		r.ack(after)
	}
	return stopOnly(err)
}

// work is HR or the 职改办 taking up to three applications of their share of the queue
// (stage) and acting on each; two clients may take the same one, and the later is told so
// (409). HR looks at
// its queue oldest first, to recommend what has been through the employer's own 公示, or
// newest first, to start the 公示 of what was just submitted; it leaves alone what is still
// under 公示, as a person would.
func (r *run) work(ctx context.Context, d desk, token, stage string, action workflow.Action) error {
	var page struct {
		Items []app `json:"items"` // the first page of the list (docs/api.md: {items, total, next, prev})
	}
	path := "/api/v1/applications?stage=" + stage
	oldest := action == workflow.Recommend && mrand.IntN(2) == 0
	if oldest {
		path += "&sort=oldest"
	}
	status, err := r.do(ctx, request{kind: "queue", token: token, method: "GET", path: path, out: &page})
	if err != nil || status != 200 {
		return stopOnly(err)
	}
	var todo []app
	anyOf := mrand.IntN(50) == 0 // a colleague helping out, with one application
	for _, a := range page.Items {
		switch {
		case !d.mine(a, anyOf):
			continue
		case action != workflow.Recommend:
		case a.Internal == nil: // 人社部令第40号: the employer's own 公示 first
			if oldest {
				continue
			}
		case !r.today.After(a.Internal.Until): // still under 公示
			continue
		}
		todo = append(todo, a)
	}
	mrand.Shuffle(len(todo), func(i, j int) { todo[i], todo[j] = todo[j], todo[i] })
	take := 3
	if anyOf {
		take = 1
	}
	for _, a := range todo[:min(take, len(todo))] {
		act := action
		if a.Internal == nil && action == workflow.Recommend {
			act = workflow.PublishInternal
		}
		if err := r.act(ctx, string(act), token, a); err != nil {
			return err
		}
	}
	if len(todo) == 0 { // nothing to do yet: look again soon
		return r.pause(50 * time.Millisecond)
	}
	return nil
}

// pause is a client with nothing to do waiting for d before it looks again, as a person
// would.
func (r *run) pause(d time.Duration) error {
	select {
	case <-r.over.Done():
		return errStop
	case <-time.After(d):
		return nil
	}
}

// public is one visit of the public: the eligibility check, a certificate verified, or the
// notices read.
func (r *run) public(ctx context.Context, i int) error {
	var err error
	switch mrand.IntN(3) {
	case 0:
		_, err = r.do(ctx, request{kind: "check", method: "POST", path: "/api/v1/check", body: checkDocument})
	case 1:
		// A well-formed number (its check character holds), so that it is looked up.
		n := certificate.Number(2026, "工程", guantong.Title3, 1+i%50)
		_, err = r.do(ctx, request{kind: "verify", method: "GET", path: "/api/v1/certificates/" + url.PathEscape(n)})
	default:
		_, err = r.do(ctx, request{kind: "notices", method: "GET", path: "/api/v1/notices"})
	}
	return stopOnly(err)
}

// stopOnly keeps errStop and drops any other error: a failed request is counted in the
// stats, and the client goes on.
func stopOnly(err error) error {
	if err == errStop {
		return err
	}
	return nil
}

// ack remembers what the servers acknowledged of an application.
func (r *run) ack(a app) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.acked[a.ID]
	if k == nil {
		k = &ack{}
		r.acked[a.ID] = k
	}
	if a.Version >= k.version {
		k.version, k.stage = a.Version, a.Stage
	}
}

func (r *run) ackFile(a app, file int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.acked[a.ID]
	if a.Version > k.version {
		k.version = a.Version // the stage is unchanged by an upload
	}
	k.files = append(k.files, file)
}
