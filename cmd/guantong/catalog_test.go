package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"guantong/internal/catalog"
)

func TestCatalogSearch(t *testing.T) {
	tests := []struct{ args, want []string }{
		{[]string{"catalog", "钳工"}, []string{"工程", "169", "钳工", "6-20-01-01", "共 "}},
		{[]string{"catalog", "qg"}, []string{"钳工"}},
		{[]string{"catalog", "qiangong"}, []string{"钳工"}},
		{[]string{"catalog", "6-16-02-11"}, []string{"工程", "实验技术", "共 2 条"}},
		{[]string{"catalog", "不存在的工种"}, []string{"没有找到与「不存在的工种」匹配的工种"}},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, "", tt.args...)
		if code != 0 {
			t.Errorf("%v: exit %d %s", tt.args, code, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, stdout)
			}
		}
	}
}

func TestCatalogJSON(t *testing.T) {
	stdout, _, code := runCLI(t, "", "catalog", "--json", "6-20-01-01")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil || code != 0 || len(rows) != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	for _, k := range []string{"series", "seq", "occupation", "code", "note"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("no key %s in %v", k, rows[0])
		}
	}
	stdout, _, _ = runCLI(t, "", "catalog", "--json", "qqqqqq")
	if strings.TrimSpace(stdout) != "[]" {
		t.Errorf("no match gives %q, want []", stdout)
	}
	stdout, _, _ = runCLI(t, "", "catalog", "--json")
	json.Unmarshal([]byte(stdout), &rows)
	if len(rows) != 531 {
		t.Errorf("the whole table has %d rows", len(rows))
	}
}

func TestCatalogCheckCommand(t *testing.T) {
	stdout, _, code := runCLI(t, "", "catalog", "check", "../../internal/catalog/testdata/bad.csv")
	if code != 1 || !strings.Contains(stdout, `第 6 行 code: "6-2-01-01" 不是职业编码`) || !strings.Contains(stdout, "8 处问题") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	stdout, _, code = runCLI(t, "", "catalog", "check", "../../data/catalog-seed.csv")
	if code != 0 || !strings.Contains(stdout, "531 行，全部有效") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	_, stderr, code := runCLI(t, "", "catalog", "check")
	if code != 2 || !strings.Contains(stderr, "catalog check FILE") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// --catalog replaces the built-in table on every command: a complete table that has 焊工
// under 工程 makes the reverse route to 焊工 possible for an engineer.
func TestCatalogFlag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.csv")
	seed, _ := os.ReadFile("../../data/catalog-seed.csv")
	os.WriteFile(path, append(seed, []byte("工程,131,焊工,6-18-02-04,\n")...), 0o644)
	stdout, _, _ := runCLI(t, "", "catalog", "--catalog", path, "焊工")
	if !strings.Contains(stdout, "6-18-02-04") {
		t.Errorf("catalog --catalog: %s", stdout)
	}
	stdout, stderr, code := runCLI(t, "", "check", "--catalog", path, "../../examples/engineer-to-skill.json")
	if code != 0 {
		t.Fatal(stderr)
	}
	a := answerOf(t, stdout)
	if o, ok := a.FindSkill("6-18-02-04", "技师"); !ok || !o.Eligible {
		t.Errorf("焊工 with the complete table: %+v", o)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("series,seq,occupation,code,note\n工程,1,钳工,6-20-1-01,\n"), 0o644)
	_, stderr, code = runCLI(t, "", "check", "--catalog", bad, "../../examples/fitter-eligible.json")
	if code != 2 || !strings.Contains(stderr, "第 2 行 code") {
		t.Errorf("bad --catalog: exit %d %s", code, stderr)
	}
	_ = catalog.TeacherSeries
}
