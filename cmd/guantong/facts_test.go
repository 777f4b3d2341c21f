package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/catalog"
	"guantong/internal/document"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// factsSheet is a staff sheet of one 钳工 技师 of HR's employer (三(一)2), with the facts the
// check reads: a certificate, assessments, work.
const factsSheet = "\uFEFF姓名,证件号码,证书1职业编码,证书1等级,证书1取得日期,证书2职业编码,证书2等级,证书2取得日期,年度考核,工作经历\n" +
	"赵一,130102199003071233,6-20-01-01,高级工,2016-06-30,6-20-01-01,技师,2021-06-30,2023:合格；2024:优秀；2025:合格,2012-07-01至2019-12-31；2020-01-01至今\n"

// Issue 10 item 3: a check from the facts an employer's import stored is the check
// `guantong check` gives on the same document, on two dates either side of the 3 years.
func TestFactsCheckAgreesWithCLI(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := service.New(service.Config{Store: st, Engine: policy.New(policy.Default(), catalog.Default()),
		Calendar: calendar.Default(), Now: func() time.Time { return time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC) }, BcryptCost: bcrypt.MinCost})
	if _, err := svc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	hr, _, err := st.UserByUsername(ctx, "hr")
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := svc.ImportStaff(ctx, &hr, "员工.csv", []byte(factsSheet), false); err != nil || !rep.Written {
		t.Fatalf("import: %+v %v", rep, err)
	}
	p, err := st.ApplicantByIDNumber(ctx, "130102199003071233")
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2024-06-29", "2026-11-28"} { // 三(一)2: 技师 for 3 years on 2024-06-30
		asOf, _ := guantong.ParseDate(day)
		ans, facts, err := svc.CheckFacts(ctx, &hr, p.ID, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := document.WriteAnswer(&want, ans); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "facts.json")
		doc := `{"as_of": "` + day + `", "person": ` + string(facts.Person) + `}`
		if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout, stderr, code := runCLI(t, "", "check", file)
		if code != 0 {
			t.Fatalf("guantong check: exit %d: %s\n%s", code, stderr, doc)
		}
		if stdout != want.String() {
			t.Errorf("%s: guantong check on the facts' document:\n%s\nthe check from the stored facts:\n%s", day, stdout, want.String())
		}
		// The facts were read: 工程 中级 by review, eligible from 2024-06-30 only.
		eligible := map[bool]string{false: "2024-06-29", true: "2026-11-28"}
		found := false
		for _, o := range ans.Options {
			if o.Route == guantong.RouteTitleReview && o.Series == "工程" && o.Level.String() == "中级" {
				found = true
				if eligible[o.Eligible] != day {
					t.Errorf("%s: 工程 中级 eligible %v (三(一)2: 技师 3 years on 2024-06-30)", day, o.Eligible)
				}
			}
		}
		if !found {
			t.Errorf("%s: no 工程 中级 option for a 钳工 技师: %s", day, want.String())
		}
	}
}
