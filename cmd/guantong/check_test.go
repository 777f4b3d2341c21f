package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guantong"
)

var update = flag.Bool("update", false, "rewrite the golden answers in testdata/")

// Each example in examples/ gives the answer recorded in testdata/golden; read the golden
// files to see what a newcomer gets. Run with -update after a deliberate change.
func TestExamplesGolden(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) < 5 {
		t.Fatalf("only %d examples", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		if name == "malformed.json" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", "check", f)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/guantong -run Golden -update)", err)
			}
			if stdout != string(want) {
				t.Errorf("answer differs from %s:\n%s", golden, stdout)
			}
		})
	}
}

func answerOf(t *testing.T, stdout string) guantong.Answer {
	t.Helper()
	var a struct {
		AsOf     string `json:"as_of"`
		Policy   string `json:"policy"`
		Options  []map[string]any
		Warnings []string
	}
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, stdout)
	}
	var ans guantong.Answer
	if err := json.Unmarshal([]byte(stdout), &ans); err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestCheckExamples(t *testing.T) {
	tests := []struct {
		file, route, series, level string
		eligible                   bool
		yearsMetOn                 string
	}{
		{"fitter-eligible.json", "title_review", "工程", "中级", true, "2024-06-30"},     // 三(一)2
		{"welder-not-yet.json", "title_review", "工程", "中级", false, "2028-03-31"},     // 三(一)2: an 81-day gap after the certificate
		{"green-channel.json", "title_recognition", "工程", "副高级", true, ""},           // 三(一)4
		{"green-channel.json", "title_review", "实验技术", "中级", true, ""},               // 三(一)4 in the second series of 6-17-02-02
		{"school-teacher.json", "title_review", "技工院校教师", "副高级", true, "2024-12-01"}, // 二(一)
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.series+tt.level, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", "check", "../../examples/"+tt.file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			a := answerOf(t, stdout)
			o, ok := a.Find(tt.route, tt.series, tt.level)
			if !ok {
				t.Fatalf("no option %s %s %s in %s", tt.route, tt.series, tt.level, stdout)
			}
			if o.Eligible != tt.eligible || o.YearsMetOn.String() != tt.yearsMetOn {
				t.Errorf("eligible %v years_met_on %q, want %v %q", o.Eligible, o.YearsMetOn, tt.eligible, tt.yearsMetOn)
			}
		})
	}
}

func TestCheckSkillExample(t *testing.T) {
	stdout, _, _ := runCLI(t, "", "check", "../../examples/engineer-to-skill.json")
	a := answerOf(t, stdout)
	o, ok := a.FindSkill("6-18-02-04", "技师")
	if !ok {
		t.Fatalf("no 焊工 技师 option: %s", stdout)
	}
	// 三(二)2, 三(二)6: 焊工 is access-type and the occupation of the current post: the table
	// does not restrict the reverse route (contract v2), so it is eligible at its department.
	if o.Certificate != guantong.CertQualification || !o.Eligible || o.Evaluator != guantong.EvaluatorDepartment {
		t.Errorf("焊工: %+v", o)
	}
	o, _ = a.FindSkill("6-20-01-01", "技师")
	if !o.Eligible || len(o.Exempt) != 1 || !strings.Contains(o.Authority, "保定某装备公司") {
		t.Errorf("钳工: %+v", o)
	}
}

// Contract: exit 2 with one line per problem naming the field path.
func TestCheckMalformed(t *testing.T) {
	stdout, stderr, code := runCLI(t, "", "check", "../../examples/malformed.json")
	if code != 2 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, want := range []string{
		"person.id_number: ", "person.skills[0].level: ", `person.skills[0].obtained: "2021-13-01" 不是日期（YYYY-MM-DD）`,
		"person.assessments[0].year: ", "person.assessments[0].result: ",
	} {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no line starting %q in:\n%s", want, stderr)
		}
	}
	if len(lines) != 5 {
		t.Errorf("%d lines, want 5:\n%s", len(lines), stderr)
	}
}

func TestCheckStdinAndAsOf(t *testing.T) {
	doc := `{"person": {"skills": [{"occupation_code": "6-20-01-01", "level": "技师", "obtained": "2021-06-30"}]}}`
	// No as_of and no --as-of: today in Asia/Shanghai (the test clock says 2026-11-28).
	stdout, _, code := runCLI(t, doc, "check")
	if a := answerOf(t, stdout); code != 0 || a.AsOf.String() != "2026-11-28" {
		t.Errorf("exit %d, as_of %s", code, a.AsOf)
	}
	stdout, _, _ = runCLI(t, `{"as_of": "2030-01-01", "person": {}}`, "check", "--as-of", "2024-06-29", "-")
	if a := answerOf(t, stdout); a.AsOf.String() != "2024-06-29" {
		t.Errorf("--as-of did not override: %s", a.AsOf)
	}
	_, stderr, code := runCLI(t, doc, "check", "--as-of", "2024-02-30")
	if code != 2 || !strings.Contains(stderr, "--as-of") {
		t.Errorf("bad --as-of: exit %d, %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "check", "no-such-file.json")
	if code != 2 || !strings.Contains(stderr, "文件不存在") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}

func TestCheckWithPolicyFile(t *testing.T) {
	raw, err := os.ReadFile("../../data/policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	// A new policy year: 技师 needs 4 years instead of 3.
	changed := strings.Replace(string(raw), `{"skill": "技师", "title": "中级", "years": 3}`, `{"skill": "技师", "title": "中级", "years": 4}`, 1)
	changed = strings.Replace(changed, `"id": "hebei-2021"`, `"id": "hebei-2027"`, 1)
	path := filepath.Join(t.TempDir(), "hebei-2027.json")
	os.WriteFile(path, []byte(changed), 0o644)
	stdout, stderr, code := runCLI(t, "", "check", "--policy", path, "../../examples/fitter-eligible.json")
	if code != 0 {
		t.Fatal(stderr)
	}
	a := answerOf(t, stdout)
	o, _ := a.Find("title_review", "工程", "中级")
	if a.Policy != "hebei-2027" || o.YearsMetOn.String() != "2025-06-30" {
		t.Errorf("policy %s, years_met_on %s", a.Policy, o.YearsMetOn)
	}

	bad := strings.Replace(changed, `"years": 4`, `"years": 0`, 1)
	bad = strings.Replace(bad, `"min_skill_level": "高级工"`, `"min_skill_level": "高级"`, 1)
	os.WriteFile(path, []byte(bad), 0o644)
	_, stderr, code = runCLI(t, "", "check", "--policy", path, "../../examples/fitter-eligible.json")
	if code != 2 || !strings.Contains(stderr, "forward[1].years: 须为正整数") || !strings.Contains(stderr, `min_skill_level: "高级" 不是职业技能等级`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	os.WriteFile(path, []byte(strings.Replace(changed, `"title":`, `"titel":`, 1)), 0o644)
	_, stderr, code = runCLI(t, "", "policy", "--policy", path)
	if code != 2 || !strings.Contains(stderr, "titel: 未知字段") {
		t.Errorf("unknown key: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestPolicyCommand(t *testing.T) {
	stdout, stderr, code := runCLI(t, "", "policy")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"hebei-2021", "【三(一)2】", "取得技师后从事技术技能工作满3年，可申报评审中级职称", "【三(二)6】", "焊工", "享受国务院特殊津贴"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("policy output lacks %q", want)
		}
	}
	// Words for people: no keys of the policy file, no code, no stray punctuation.
	for _, bad := range []string{"occupation_years", "internal/", ".go", "。；", "；。"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("policy output shows %q", bad)
		}
	}
	if stdout, _, _ := runCLI(t, "", "policy", "--as-of", "2026-12-31"); !strings.Contains(stdout, "施行日期：2021-01-01（2026-12-31 施行的政策）") {
		t.Errorf("policy --as-of: %s", stdout[:min(len(stdout), 300)])
	}
	stdout, _, _ = runCLI(t, "", "policy", "--json")
	var out struct {
		Rules []struct{ Clause, Checks, Text string }
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || len(out.Rules) < 10 {
		t.Fatalf("%v: %s", err, stdout)
	}
}

// The contract's own example (its section "The answer") is answered exactly as it shows the
// 工程 中级 option, and the others it names are there.
func TestCheckContractExample(t *testing.T) {
	stdout, stderr, code := runCLI(t, "", "check", "../../examples/contract.json")
	if code != 0 {
		t.Fatal(stderr)
	}
	a := answerOf(t, stdout)
	o, _ := a.Find("title_review", "工程", "中级")
	got, _ := json.Marshal(o)
	want := `{"route":"title_review","series":"工程","level":"中级","occupation_code":"6-20-01-01","status":"eligible","eligible":true,` +
		`"years_met_on":"2024-06-30","authority":"工程系列中级职称评审委员会（高技能人才组）","reasons":[` +
		`{"clause":"三(一)1","met":true,"text":"持有钳工技师证书（高级工及以上）"},` +
		`{"clause":"三(一)2","met":true,"text":"取得技师后从事技术技能工作满3年：2024-06-30 已满"},` +
		`{"clause":"三(一)2","met":true,"text":"近3年（2023—2025）年度考核均合格"},` +
		`{"clause":"二(三)","met":true,"text":"钳工(6-20-01-01) 对应 工程 系列"}]}`
	if string(got) != want {
		t.Errorf("工程 中级:\n got %s\nwant %s", got, want)
	}
	if o, ok := a.Find("title_review", "工程", "助理级"); !ok || o.Status != "ineligible" {
		t.Errorf("工程 助理级, already held: %+v", o)
	}
	if o, ok := a.Find("title_recognition", "工程", "副高级"); !ok || o.Status != "eligible" {
		t.Errorf("副高级 recognition by the award: %+v", o)
	}
	if o, ok := a.FindSkill("6-20-01-01", "高级技师"); !ok || o.Status != "eligible" {
		t.Errorf("钳工 高级技师 on the reverse route: %+v", o)
	}
	if len(a.Options) != 4 || len(a.NotApplicable) != 0 || len(a.Warnings) != 0 || a.Policy != "hebei-2021" {
		t.Errorf("options %s, not_applicable %v, warnings %v, policy %s", summaryOf(a), a.NotApplicable, a.Warnings, a.Policy)
	}
}

func summaryOf(a guantong.Answer) string {
	var parts []string
	for _, o := range a.Options {
		parts = append(parts, o.Route+"/"+o.Series+"/"+o.OccupationCode+"/"+o.Level.String()+"/"+o.Status)
	}
	return strings.Join(parts, ", ")
}
