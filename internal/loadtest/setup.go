package loadtest

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"sync"
	"time"

	"guantong"
)

// person is the draft's person: 钳工 高级技师 since 2021-06-30 and 炼钢工 高级技师 since
// 2020-09-01, in work since 2008 with three good years, eligible for 助理级, 中级 and 副高级
// in 工程 and in 实验技术 (三(一)2, 三(一)3). Name, ID number and employer come from the
// applicant's record.
const person = `{"skills": [{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "高级工", "obtained": "2012-05-20"},
		{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "技师", "obtained": "2016-06-30"},
		{"occupation_code": "6-20-01-01", "occupation": "钳工", "level": "高级技师", "obtained": "2021-06-30"},
		{"occupation_code": "6-17-02-02", "occupation": "炼钢工", "level": "高级技师", "obtained": "2020-09-01"}],
	"assessments": [{"year": 2023, "result": "合格"}, {"year": 2024, "result": "优秀"}, {"year": 2025, "result": "合格"}],
	"work": [{"from": "2008-07-01", "to": null}]}`

// options are what person may apply for: a second open application of one of them is
// refused (one open application per person, route, series and level), so each applicant
// drafts those it has none open of.
var options = []option{
	{"工程", "助理级"}, {"工程", "中级"}, {"工程", "副高级"},
	{"实验技术", "助理级"}, {"实验技术", "中级"}, {"实验技术", "副高级"},
}

// option is a title the person may apply for by review (title_review).
type option struct{ series, level string }

// SeedsPerApplicant is how many applications of each applicant the setup takes through
// the employer's own 公示 before the load, so that HR has applications to recommend.
const SeedsPerApplicant = 2

// applicant is one applicant account and the options it has an application open of. A
// client takes a free option under mu, so that clients sharing an applicant never draft
// the same one twice.
type applicant struct {
	token string
	mu    sync.Mutex
	open  map[option]bool
}

// take reserves a free option at random; false when every one is open.
func (a *applicant) take() (option, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var free []option
	for _, o := range options {
		if !a.open[o] {
			free = append(free, o)
		}
	}
	if len(free) == 0 {
		return option{}, false
	}
	o := free[mrand.IntN(len(free))]
	a.open[o] = true
	return o, true
}

// release frees an option whose application was withdrawn (or never written).
func (a *applicant) release(o option) {
	a.mu.Lock()
	delete(a.open, o)
	a.mu.Unlock()
}

// setup signs in the demo's admin, HR of 河北冀钢集团有限公司, the 职改办 of 石家庄市 and 张三,
// creates cfg.Accounts applicants at 张三's employer, and seeds HR's queue: each applicant
// submits SeedsPerApplicant applications, HR starts their 公示, and the demo clock of every
// server is moved past its end, as the demo's walkthrough does (docs/api.md).
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
	employer, err := r.demoEmployer(ctx)
	if err != nil {
		return err
	}
	r.applicants = make([]*applicant, 1+r.cfg.Accounts)
	r.applicants[0] = &applicant{token: zs, open: map[option]bool{}}
	var b [4]byte
	rand.Read(b[:])
	runID := hex.EncodeToString(b[:])
	err = parallel(r.cfg.Accounts, func(i int) error {
		username, password := fmt.Sprintf("load-%s-%d", runID, i), "load-"+runID+"-pw2026"
		_, err := r.call(ctx, request{token: r.admin, method: "POST", path: "/api/v1/users", body: map[string]any{
			"username": username, "password": password, "name": fmt.Sprintf("压测申报人%d", i), "role": "applicant",
			"person": map[string]any{"name": fmt.Sprintf("压测申报人%d", i), "id_number": idNumber(), "employer_id": employer}}})
		if err != nil {
			return err
		}
		tok, err := r.login(ctx, username, password)
		r.applicants[1+i] = &applicant{token: tok, open: map[option]bool{}}
		return err
	})
	if err != nil {
		return err
	}
	return r.seed(ctx)
}

// seed takes SeedsPerApplicant applications of each applicant to HR's queue with the
// employer's 公示 started, then moves the clock of every server past the last day of those
// 公示 (the same number of days on each, so that they keep one time).
func (r *run) seed(ctx context.Context) error {
	var mu sync.Mutex
	var first, last guantong.Date
	err := parallel(len(r.applicants)*SeedsPerApplicant, func(i int) error {
		ap := r.applicants[i/SeedsPerApplicant]
		o, ok := ap.take()
		if !ok {
			return nil
		}
		var a app
		status, err := r.send(ctx, request{token: ap.token, method: "POST", path: "/api/v1/applications", body: o.draft(r.person), out: &a}, false)
		if status == 409 { // open already (an earlier run on this database): it stays taken
			return nil
		}
		if err != nil {
			ap.release(o)
			return err
		}
		r.ack(a)
		for _, step := range []struct{ token, action string }{{ap.token, "submit"}, {r.hr, "publish_internal"}} {
			if _, err := r.call(ctx, request{token: step.token, method: "POST", path: fmt.Sprintf("/api/v1/applications/%d/actions/%s", a.ID, step.action),
				body: map[string]int{"version": a.Version}, out: &a}); err != nil {
				return err
			}
			r.ack(a)
		}
		if a.Internal == nil {
			return fmt.Errorf("申报 %d 的单位内部公示没有开始", a.ID)
		}
		r.seeded.Add(1)
		mu.Lock()
		if first.IsZero() || a.Internal.From.Before(first) {
			first = a.Internal.From
		}
		if a.Internal.Until.After(last) {
			last = a.Internal.Until
		}
		mu.Unlock()
		return nil
	})
	if err != nil || first.IsZero() {
		return err
	}
	days := first.DaysUntil(last) + 1
	r.clockDays = days
	for _, t := range r.cfg.Targets {
		var now struct {
			Today guantong.Date `json:"today"`
		}
		if _, err := r.call(ctx, request{target: t, token: r.admin, method: "POST", path: "/api/v1/demo/clock", body: map[string]int{"days": days}, out: &now}); err != nil {
			return fmt.Errorf("调快演示时钟（目标须以 serve --demo 运行）：%w", err)
		}
		if now.Today.After(r.today) {
			r.today = now.Today
		}
	}
	return nil
}

// draft is the body of a new application of o.
func (o option) draft(person []byte) map[string]any {
	return map[string]any{"route": "title_review", "series": o.series, "level": o.level, "person": json.RawMessage(person)}
}

// demoEmployer is the ID of 河北冀钢集团有限公司, the demo's employer of 张三 and HR.
func (r *run) demoEmployer(ctx context.Context) (int64, error) {
	var orgs struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	path := "/api/v1/organisations?kind=employer&q=" + url.QueryEscape("河北冀钢集团有限公司") // a page of the list: found by name
	if _, err := r.call(ctx, request{token: r.admin, method: "GET", path: path, out: &orgs}); err != nil {
		return 0, err
	}
	for _, o := range orgs.Items {
		if o.Name == "河北冀钢集团有限公司" {
			return o.ID, nil
		}
	}
	return 0, errors.New("没有演示单位「河北冀钢集团有限公司」：目标须以 serve --demo 运行")
}

// parallel runs fn(0) … fn(n-1) on eight goroutines and returns the first error, after
// which no more are started. The setup is not measured; eight at a time keeps it short
// without crowding the servers.
func parallel(n int, fn func(i int) error) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for range 8 {
		wg.Go(func() {
			for j := range jobs {
				if err := fn(j); err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for j := range n {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	return first
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
