package main

import (
	"encoding/json"
	"fmt"
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
	stdout, stderr, code := runCLI(t, "", "catalog", "check", "../../internal/catalog/testdata/bad.csv")
	if code != 1 || !strings.Contains(stdout, `第 6 行 code: "6-2-01-01" 不是职业编码`) || !strings.Contains(stderr, "8 处问题") {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
	// stdout is the problems, one a line, each naming its line: a script can read them.
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.HasPrefix(l, "第 ") {
			t.Errorf("not a problem line: %q", l)
		}
	}
	stdout, _, code = runCLI(t, "", "catalog", "check", "../../data/catalog-seed.csv")
	if code != 0 || !strings.Contains(stdout, "531 行，全部有效") {
		t.Errorf("exit %d: %s", code, stdout)
	}
	seed, _ := os.ReadFile("../../data/catalog-seed.csv")
	stdout, _, code = runCLI(t, string(seed), "catalog", "check", "-")
	if code != 0 || stdout != "-：531 行，全部有效\n" {
		t.Errorf("from stdin: exit %d: %s", code, stdout)
	}
	stdout, _, code = runCLI(t, "", "catalog", "check", "--catalog", "../../data/catalog-seed.csv")
	if code != 0 || !strings.Contains(stdout, "531 行，全部有效") {
		t.Errorf("as --catalog: exit %d: %s", code, stdout)
	}
	usage := []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "check"}, "catalog check FILE"},
		{[]string{"catalog", "check", "a.csv", "b.csv"}, "catalog check FILE"},
		{[]string{"catalog", "check", "--catalog", "a.csv", "b.csv"}, "catalog check FILE"},
		{[]string{"catalog", "check", "no-such-table.csv"}, "无法打开对应表 no-such-table.csv：文件不存在"},
		{[]string{"catalog", "check", "--bogus", "a.csv"}, "flag provided but not defined"},
	}
	for _, tt := range usage {
		_, stderr, code := runCLI(t, "", tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// The query form's command line: one query at most, known flags only, a readable table file.
func TestCatalogUsage(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("series,seq,occupation,code,note\n工程,1,钳工,6-20-1-01,\n艺术,x,,4-01-01-01,\n"), 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "钳工", "管工"}, "只接受一个查询词"},
		{[]string{"catalog", "--xml", "钳工"}, "flag provided but not defined"},
		{[]string{"catalog", "--catalog", "no-such-table.csv", "钳工"}, "文件不存在"},
		{[]string{"catalog", "--catalog", bad, "钳工"}, "第 2 行 code: \"6-20-1-01\" 不是职业编码（d-dd-dd-dd）\n第 3 行 seq"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, "", tt.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
	if _, _, code := runCLI(t, "", "catalog", "-h"); code != 0 {
		t.Errorf("catalog -h exits %d", code)
	}
}

// The text table lines up in a terminal, where a Chinese character takes two columns.
func TestCatalogTable(t *testing.T) {
	stdout, _, _ := runCLI(t, "", "catalog", "6-20-01-0")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "系列") || lines[len(lines)-1] != fmt.Sprintf("共 %d 条", len(lines)-2) {
		t.Fatalf("table:\n%s", stdout)
	}
	col := func(l, cell string) int { return displayWidth(l[:strings.Index(l, cell)]) }
	for _, l := range lines[1 : len(lines)-1] {
		if !strings.HasPrefix(l, "工程") {
			t.Errorf("row %q", l)
		}
		if col(l, "6-20-01-0") != col(lines[0], "编码") {
			t.Errorf("code column of %q is not under 编码:\n%s", l, stdout)
		}
	}
	if !strings.Contains(stdout, "弹簧工") || !strings.Contains(stdout, "方案原文缺编码") {
		t.Errorf("the note of a row is lost:\n%s", stdout)
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
