package committee

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"guantong"
	"guantong/data"
)

const validRules = `{
  "id": "x", "name": "某评委会", "series": "工程", "level": "中级",
  "groups": [
    {"name": "高技能人才组", "skilled": true, "methods": [
      {"method": "业绩评审", "weight": 70, "pass_score": 60}, {"method": "技能操作考核", "weight": 30}
    ], "achievements": [{"type": "行业工法", "points": 10, "cap": 30}]},
    {"name": "专业技术人才组", "methods": [{"method": "面试答辩", "weight": 100}]}
  ]
}`

func TestLoadRules(t *testing.T) {
	r, err := LoadRules(strings.NewReader(validRules))
	if err != nil {
		t.Fatal(err)
	}
	if r.Quorum != TwoThirds || r.Pass != TwoThirds || r.PassBase != BaseEligible {
		t.Errorf("defaults: quorum %s pass %s base %s", r.Quorum, r.Pass, r.PassBase)
	}
	g, ok := r.Group(SkilledGroup)
	if !ok || !g.Skilled || g.Methods[0].PassScore != 6000 || g.AchievementCap != 100 {
		t.Errorf("skilled group %+v", g)
	}
	if r.Level != guantong.Title3 {
		t.Errorf("level %v", r.Level)
	}
}

func TestLoadRulesErrors(t *testing.T) {
	// Each case edits the valid file; want is the key the error must name.
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"weights sum to 100", `"weight": 30`, `"weight": 20`, "groups[0].methods"},
		{"a weight of 0", `"weight": 30`, `"weight": 0`, "groups[0].methods[1].weight"},
		{"known methods", `"技能操作考核"`, `"笔试"`, "groups[0].methods[1].method"},
		{"a method twice", `"技能操作考核"`, `"业绩评审"`, "groups[0].methods[1].method"},
		{"known achievement types", `"行业工法"`, `"论文"`, "groups[0].achievements[0].type"},
		{"achievement points", `"points": 10`, `"points": 0`, "groups[0].achievements[0].points"},
		{"achievement cap below points", `"cap": 30`, `"cap": 5`, "groups[0].achievements[0].cap"},
		{"pass score within 100", `"pass_score": 60`, `"pass_score": 101`, "groups[0].methods[0].pass_score"},
		{"pass score two decimals", `"pass_score": 60`, `"pass_score": 60.125`, "groups[0].methods[0].pass_score"},
		{"quorum fraction in (0,1]", `"level": "中级",`, `"level": "中级", "quorum": "4/3",`, "quorum"},
		{"pass fraction not zero", `"level": "中级",`, `"level": "中级", "pass": "0/3",`, "pass"},
		{"pass fraction not a float", `"level": "中级",`, `"level": "中级", "pass": "0.667",`, "pass"},
		{"pass base", `"level": "中级",`, `"level": "中级", "pass_base": "all",`, "pass_base"},
		{"unique group names", `"专业技术人才组"`, `"高技能人才组", "skilled": true`, "groups[1].name"},
		{"a skilled group present", `"高技能人才组", "skilled": true`, `"技能组", "skilled": true`, "groups"},
		{"the skilled group marked skilled", `"高技能人才组", "skilled": true`, `"高技能人才组", "skilled": false`, "groups[0].skilled"},
		{"a regular group present", `"专业技术人才组"`, `"其他组", "skilled": true`, "groups"},
		{"a group without methods", `"methods": [{"method": "面试答辩", "weight": 100}]`, `"methods": []`, "groups[1].methods"},
		{"level", `"level": "中级"`, `"level": "高级"`, "level"},
		{"series and level together", `"series": "工程",`, ``, "series"},
		{"id", `"id": "x"`, `"id": ""`, "id"},
		{"unknown key", `"id": "x"`, `"id": "x", "weights": 1`, "weights"},
		{"type", `"weight": 30`, `"weight": "30"`, "groups.methods.weight"},
	} {
		in := strings.Replace(validRules, c.old, c.new, 1)
		if in == validRules {
			t.Fatalf("%s: edit did not apply", c.name)
		}
		_, err := LoadRules(strings.NewReader(in))
		var fe guantong.FieldErrors
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want field errors", c.name, err)
			continue
		}
		found := false
		for _, e := range fe {
			found = found || e.Field == c.want
		}
		if !found {
			t.Errorf("%s: errors %v do not name %s", c.name, fe, c.want)
		}
	}
}

func TestBuiltin(t *testing.T) {
	all := Builtin()
	// The series of the plan, read from the policy file rather than through internal/policy.
	b, err := data.Policies.ReadFile("policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Series []string }
	if err := json.Unmarshal(b, &p); err != nil || len(p.Series) == 0 {
		t.Fatalf("policy series: %v", err)
	}
	series := p.Series
	ids := map[string]bool{}
	for _, r := range all {
		ids[r.ID] = true
		if !r.IsDefault() && !known(series, r.Series) {
			t.Errorf("%s: series %q is not one of the plan's (%v)", r.ID, r.Series, series)
		}
		if r.Quorum != TwoThirds || r.Pass != TwoThirds {
			t.Errorf("%s: quorum %s pass %s", r.ID, r.Quorum, r.Pass)
		}
	}
	for _, id := range []string{DefaultID, "gongcheng-zhongji", "gongcheng-fugaoji"} {
		if !ids[id] {
			t.Errorf("no built-in rules %s", id)
		}
	}
	if r := For("工程", guantong.Title2); r.ID != "gongcheng-fugaoji" {
		t.Errorf("For(工程, 副高级) = %s", r.ID)
	}
	r := For("农业", guantong.Title3)
	if r.ID != DefaultID || r.Series != "农业" || r.Level != guantong.Title3 {
		t.Errorf("For(农业, 中级) = %s %s %s", r.ID, r.Series, r.Level)
	}
	if d, _ := ByID(DefaultID); d.Series != "" {
		t.Error("For changed the default rules")
	}
}

func TestLoadFS(t *testing.T) {
	def := strings.NewReplacer(`"id": "x"`, `"id": "default"`, `"series": "工程", "level": "中级"`, `"series": "", "level": ""`).Replace(validRules)
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"id must match the file name", map[string]string{"d/default.json": def, "d/y.json": validRules}, "须与文件名"},
		{"one default", map[string]string{"d/x.json": validRules}, "默认规则"},
		{"a broken file names itself", map[string]string{"d/default.json": def, "d/x.json": `{`}, "x.json"},
		{"one file per series and level", map[string]string{"d/default.json": def, "d/x.json": validRules,
			"d/z.json": strings.Replace(validRules, `"id": "x"`, `"id": "z"`, 1)}, "同为"},
	} {
		fsys := fstest.MapFS{}
		for name, body := range c.files {
			fsys[name] = &fstest.MapFile{Data: []byte(body)}
		}
		_, err := LoadFS(fsys, "d")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestMembers(t *testing.T) {
	r, _ := LoadRules(strings.NewReader(strings.Replace(validRules, `"id": "x",`, `"id": "x", "min_members": 3, "min_skilled_members": 1,`, 1)))
	pool := []Expert{{ID: 1, Name: "甲"}, {ID: 2, Name: "乙", Skilled: true}, {ID: 3, Name: "丙"}, {ID: 4, Name: "丁"}}
	ms, err := r.Members(pool, []int64{1, 2, 3})
	if err != nil || len(ms) != 3 || !ms[1].Skilled {
		t.Fatalf("members %+v, %v", ms, err)
	}
	for _, c := range []struct {
		name string
		ids  []int64
		want string
	}{
		{"not in the pool", []int64{1, 2, 3, 9}, "不在专家库中"},
		{"twice", []int64{1, 2, 3, 2}, "重复"},
		{"too few", []int64{1, 2}, "少于 3 人"},
		{"no skilled expert (三(一)6)", []int64{1, 3, 4}, "高技能人才专家 0 人"},
	} {
		if _, err := r.Members(pool, c.ids); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
