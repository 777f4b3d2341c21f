package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"time"

	"guantong"
	"guantong/internal/certificate"
)

// app is what the load reads of an application.
type app struct {
	ID       int64           `json:"id"`
	Version  int             `json:"version"`
	Stage    string          `json:"stage"`
	Internal json.RawMessage `json:"internal_notice,omitempty"` // the employer's own 公示, once started
}

// person is the draft's person: 钳工 技师 since 2021-06-30 with three good years, eligible
// for 工程 中级 (三(一)2). Name, ID number and employer come from the applicant's record.
const person = `{"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}]}`

// checkDocument is what the public sends to POST /api/v1/check (examples/fitter-eligible.json).
var checkDocument = json.RawMessage(`{"as_of": "2026-12-31", "person": {"name": "李师傅",
	"employer": {"name": "唐山某机械厂", "kind": "企业"},
	"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "高级工", "obtained": "2016-05-20"},
		{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2021-06-30"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}],
	"work": [{"from": "2010-07-01", "to": null}]}}`)

// setup signs in the demo's admin, HR of 河北冀钢集团有限公司, the 职改办 of 石家庄市 and 张三,
// and creates cfg.Accounts applicants at 张三's employer.
func (r *run) setup(ctx context.Context) error {
	r.person = []byte(person)
	var err error
	if r.admin, err = r.login(ctx, "admin", "admin-demo-2026"); err != nil {
		return err
	}
	if r.hr, err = r.login(ctx, "hr", "hr-demo-2026"); err != nil {
		return err
	}
	if r.office, err = r.login(ctx, "office", "office-demo-2026"); err != nil {
		return err
	}
	zs, err := r.login(ctx, "zhangsan", "zhangsan-demo-2026")
	if err != nil {
		return err
	}
	r.applicants = append(r.applicants, zs)
	var orgs struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	path := "/api/v1/organisations?kind=employer&q=" + url.QueryEscape("河北冀钢集团有限公司") // a page of the list: found by name
	if _, err := r.call(ctx, request{token: r.admin, method: "GET", path: path, out: &orgs}); err != nil {
		return err
	}
	var employer int64
	for _, o := range orgs.Items {
		if o.Name == "河北冀钢集团有限公司" {
			employer = o.ID
		}
	}
	if employer == 0 {
		return fmt.Errorf("没有演示单位「河北冀钢集团有限公司」：目标须以 serve --demo 运行")
	}
	var b [4]byte
	rand.Read(b[:])
	runID := hex.EncodeToString(b[:])
	for i := range r.cfg.Accounts {
		username, password := fmt.Sprintf("load-%s-%d", runID, i), "load-"+runID+"-password"
		_, err := r.call(ctx, request{token: r.admin, method: "POST", path: "/api/v1/users", body: map[string]any{
			"username": username, "password": password, "name": fmt.Sprintf("压测申报人%d", i), "role": "applicant",
			"person": map[string]any{"name": fmt.Sprintf("压测申报人%d", i), "id_number": idNumber(), "employer_id": employer}}})
		if err != nil {
			return err
		}
		tok, err := r.login(ctx, username, password)
		if err != nil {
			return err
		}
		r.applicants = append(r.applicants, tok)
	}
	return nil
}

func (r *run) login(ctx context.Context, username, password string) (string, error) {
	var s struct {
		Token string `json:"token"`
	}
	_, err := r.call(ctx, request{method: "POST", path: "/api/v1/login", body: map[string]string{"username": username, "password": password}, out: &s})
	return s.Token, err
}

// idNumber is a random valid resident ID number (GB 11643) of someone born 1965-1999.
func idNumber() string {
	born := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, mrand.IntN(35*365))
	s := "130102" + born.Format("20060102") + fmt.Sprintf("%03d", mrand.IntN(1000))
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return s + string("10X98765432"[sum%11])
}

// client is one concurrent client of a role, working until the load is over.
func (r *run) client(ctx context.Context, i int, role string) {
	var err error
	for err == nil {
		switch role {
		case "applicant":
			err = r.apply(ctx, r.applicants[i%len(r.applicants)])
		case "hr":
			err = r.work(ctx, r.hr, "submitted", "recommend")
		case "office":
			err = r.work(ctx, r.office, "recommended", "approve")
		default:
			err = r.public(ctx, i)
		}
	}
}

// apply is an applicant's day: a draft, its evidence, and the submission.
func (r *run) apply(ctx context.Context, token string) error {
	var a app
	status, err := r.do(ctx, request{kind: "draft", token: token, method: "POST", path: "/api/v1/applications",
		body: map[string]any{"route": "title_review", "series": "工程", "level": "中级", "person": json.RawMessage(r.person)}, out: &a})
	if err != nil || status != 201 {
		return stopOnly(err)
	}
	r.ack(a)
	body, ct := uploadBody()
	var f struct {
		ID int64 `json:"id"`
	}
	status, err = r.do(ctx, request{kind: "upload", token: token, method: "POST", path: fmt.Sprintf("/api/v1/applications/%d/files", a.ID),
		raw: body, contentType: ct, out: &f})
	if err != nil || status != 201 {
		return stopOnly(err)
	}
	a.Version++ // attaching advances the version (docs/api.md)
	r.ackFile(a, f.ID)
	return r.act(ctx, "submit", token, a)
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

// work is HR or the 职改办 taking up to three applications of their queue (stage) and acting
// on each; two clients may take the same one, and the later is told so (409).
func (r *run) work(ctx context.Context, token, stage, action string) error {
	var page struct {
		Items []app `json:"items"` // the first page of the list (docs/api.md: {items, total, next, prev})
	}
	status, err := r.do(ctx, request{kind: "queue", token: token, method: "GET", path: "/api/v1/applications?stage=" + stage, out: &page})
	if err != nil || status != 200 {
		return stopOnly(err)
	}
	queue := page.Items
	mrand.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	for _, a := range queue[:min(3, len(queue))] {
		act := action
		if action == "recommend" && len(a.Internal) == 0 { // 人社部令第40号: the employer's own 公示 first
			act = "publish_internal"
		}
		if err := r.act(ctx, act, token, a); err != nil {
			return err
		}
	}
	if len(queue) == 0 { // nothing to do yet: look again soon, as a person would
		select {
		case <-r.over.Done():
			return errStop
		case <-time.After(50 * time.Millisecond):
		}
	}
	return nil
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
