package policy_test

import (
	"bytes"
	"strings"
	"testing"

	"guantong"
	"guantong/data"
	"guantong/internal/catalog"
	"guantong/internal/policy"
)

// A later policy year, as a new file would give it: the same file with another id, date and
// number of years for 技师 → 中级.
func laterPolicy(t *testing.T) *policy.Params {
	raw, _ := data.Policies.ReadFile("policy/hebei-2021.json")
	s := strings.Replace(string(raw), `"id": "hebei-2021"`, `"id": "hebei-2027"`, 1)
	s = strings.Replace(s, `"effective_from": "2021-01-01"`, `"effective_from": "2027-07-01"`, 1)
	s = strings.Replace(s, `"title": "中级", "years": 3`, `"title": "中级", "years": 2`, 1)
	p, err := policy.Load(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Default 9: with several policy files, the one in force on as_of decides, and the answer
// names it; before every effective date the earliest stands, with a warning.
func TestSetDefault9(t *testing.T) {
	set, err := policy.NewSet([]*policy.Params{laterPolicy(t), policy.Default()}, catalog.Default())
	if err != nil {
		t.Fatal(err)
	}
	person := guantong.Person{Skills: []guantong.Skill{fitter(guantong.Skill2, "2025-03-01")}, Assessments: passed(2024, 2025, 2026)}
	for _, tt := range []struct {
		asOf, policy, status, warning string
	}{
		{"2027-06-30", "hebei-2021", "not_yet", ""},
		{"2027-07-01", "hebei-2027", "eligible", ""},
		{"2020-06-30", "hebei-2021", "", "早于政策 hebei-2021 施行日期 2021-01-01"},
	} {
		a := set.Check(guantong.Request{AsOf: date(tt.asOf), Person: person})
		if a.Policy != tt.policy {
			t.Errorf("%s: policy %s, want %s", tt.asOf, a.Policy, tt.policy)
		}
		if o, ok := a.Find("title_review", "工程", "中级"); tt.status != "" && (!ok || o.Status != tt.status) {
			t.Errorf("%s: 工程 中级 %+v, want %s", tt.asOf, o, tt.status)
		}
		if tt.warning != "" && !containsPrefix(a.Warnings, "评估日期 "+tt.asOf+" "+tt.warning) {
			t.Errorf("%s: warnings %q, want %q", tt.asOf, a.Warnings, tt.warning)
		}
	}
	if _, err := policy.NewSet([]*policy.Params{policy.Default(), policy.Default()}, catalog.Default()); err == nil {
		t.Error("two policies in force from the same date were accepted")
	}
	if got := policy.DefaultSet().For(date("2026-12-31")).Params().ID; got != policy.DefaultID {
		t.Errorf("built-in set on 2026-12-31: %s", got)
	}
}

// guantong policy shows words, not the keys of the policy file, and no stray 。；.
func TestExplainInWords(t *testing.T) {
	var all bytes.Buffer
	for _, r := range policy.Explain(policy.Default()) {
		all.WriteString(r.Checks)
	}
	text := all.String()
	for _, bad := range []string{"occupation_years", "related_codes", "education.", "_", "。；", "；。", "。。", "；；", "，。"} {
		if strings.Contains(text, bad) {
			t.Errorf("the rules show %q: %s", bad, text)
		}
	}
	for _, want := range []string{"享受国务院特殊津贴", "良好", "3月31日", "游泳、滑雪、潜水、攀岩", "4-14-05-03", "民法典第二百零二条"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rules do not say %q", want)
		}
	}
}
