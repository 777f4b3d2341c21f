package policy_test

import (
	"strings"
	"testing"

	"guantong"
	"guantong/data"
	"guantong/internal/policy"
)

// Every built-in policy file loads clean.
func TestBuiltInPolicies(t *testing.T) {
	files, err := data.Policies.ReadDir("policy")
	if err != nil || len(files) == 0 {
		t.Fatalf("no policy files: %v", err)
	}
	for _, f := range files {
		r, _ := data.Policies.Open("policy/" + f.Name())
		p, err := policy.Load(r)
		if err != nil {
			t.Errorf("%s: %v", f.Name(), err)
			continue
		}
		if p.ID+".json" != f.Name() {
			t.Errorf("%s declares id %q", f.Name(), p.ID)
		}
	}
	p := policy.Default()
	if len(p.Forward) != 3 || p.Forward[1].Years != 3 || len(p.GreenChannel) != 11 || len(p.Series) != 8 ||
		p.Reverse.TitleToSkill[guantong.Title3].Skill != guantong.Skill2 || p.Workflow.FraudBarYears != 3 ||
		p.Reverse.TitleToSkill[guantong.Title1].Skill != guantong.Skill1 || p.Assessment.DueMonth != 3 || p.Assessment.DueDay != 31 {
		t.Errorf("hebei-2021 = %+v", p)
	}
}

// 三(二)3: each part's pass mark is 60 in hebei-2021, and 60 in a file that names none.
func TestPassMark(t *testing.T) {
	if m := policy.Default().Workflow.PassMark; m.Theory != 60 || m.Practical != 60 {
		t.Errorf("hebei-2021 pass mark = %+v", m)
	}
	raw, _ := data.Policies.ReadFile("policy/hebei-2021.json")
	for _, tt := range []struct {
		name, from, to string
		want           policy.PassMark
	}{
		{"named", `"pass_mark": {"theory": 60, "practical": 60}`, `"pass_mark": {"theory": 50, "practical": 70}`, policy.PassMark{Theory: 50, Practical: 70}},
		{"absent: the default", `,
    "pass_mark": {"theory": 60, "practical": 60}`, ``, policy.PassMark{Theory: policy.DefaultPassMark, Practical: policy.DefaultPassMark}},
	} {
		changed := strings.Replace(string(raw), tt.from, tt.to, 1)
		if changed == string(raw) {
			t.Fatalf("%s: test text not found in the policy file", tt.name)
		}
		p, err := policy.Load(strings.NewReader(changed))
		if err != nil || p.Workflow.PassMark != tt.want {
			t.Errorf("%s: %+v %v, want %+v", tt.name, p, err, tt.want)
		}
	}
}

func TestLoadErrorsNameTheKey(t *testing.T) {
	raw, _ := data.Policies.ReadFile("policy/hebei-2021.json")
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown key", `"title":`, `"titel":`, "titel: 未知字段"},
		{"bad level", `"skill": "技师", "title": "中级"`, `"skill": "技术员", "title": "中级"`, `forward[1].skill: "技术员" 不是职业技能等级`},
		{"zero years", `"title": "中级", "years": 3`, `"title": "中级", "years": 0`, "forward[1].years: 须为正整数"},
		{"bad route", `"route": "title_review", "level": "中级"}`, `"route": "review", "level": "中级"}`, `green_channel[8].route: "review"`},
		{"duplicate award", `"award": "中华技能大奖"`, `"award": "享受国务院政府特殊津贴"`, `green_channel[1].award: "享受国务院政府特殊津贴" 与 green_channel[0] 重复`},
		{"bad access code", `"codes_2015": ["6-18-02-04"]`, `"codes_2015": ["6-18-2-4"]`, `access[0].codes_2015[0]: "6-18-2-4" 不是职业编码`},
		{"a word both passing and failing", `"failing": ["基本称职"`, `"failing": ["良好"`, `assessment.failing[0]: "良好" 已列为合格`},
		{"bad due date", `"due": "03-31"`, `"due": "02-30"`, `assessment.due: "02-30" 不是月日`},
		{"an alias given twice", `"aliases": ["中华技能大奖获得者"]`, `"aliases": ["享受国务院特殊津贴"]`, `green_channel[1].aliases[0]: "享受国务院特殊津贴" 与 green_channel[0] 重复`},
		{"self-evaluation by an unknown kind", `"self_evaluation_kinds": ["企业"]`, `"self_evaluation_kinds": ["公司"]`, `self_evaluation_kinds[0]: "公司" 不是单位类型`},
		{"wrong type", `"years": 3,`, `"years": "3",`, "assessment.years: 类型不对"},
		{"bad date", `"effective_from": "2021-01-01"`, `"effective_from": "2021-02-30"`, "effective_from:"},
		{"broken JSON", `"id": "hebei-2021",`, `"id": "hebei-2021"`, "不是有效的 JSON"},
		{"三(二)3 a pass mark above 100", `"theory": 60,`, `"theory": 160,`, "workflow.pass_mark.theory: 须大于 0 且不超过 100"},
		{"三(二)3 a pass mark of 0", `"practical": 60}`, `"practical": 0}`, "workflow.pass_mark.practical: 须大于 0 且不超过 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := strings.Replace(string(raw), tt.from, tt.to, 1)
			if changed == string(raw) {
				t.Fatalf("test text %q not found in the policy file", tt.from)
			}
			_, err := policy.Load(strings.NewReader(changed))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestExplainCoversTheClauses(t *testing.T) {
	rules := policy.Explain(policy.Default())
	seen := map[string]bool{}
	for _, r := range rules {
		seen[r.Clause] = true
		if r.Checks == "" || r.Code == "" {
			t.Errorf("%s: empty rule %+v", r.Clause, r)
		}
	}
	for _, c := range []string{"二(一)", "二(三)", "三(一)1", "三(一)2", "三(一)4", "三(二)2", "三(二)3", "三(二)4", "三(二)5", "三(二)6"} {
		if !seen[c] {
			t.Errorf("clause %s not explained", c)
		}
	}
}
