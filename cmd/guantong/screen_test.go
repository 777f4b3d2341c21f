package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong/internal/workbook"
)

// population, screen and check agree: each person's answer in the screening's JSON lines is
// the answer `guantong check` gives for that person's line.
func TestScreenAgreesWithCheck(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.jsonl")
	if _, stderr, code := runCLI(t, "", "population", "--n", "300", "--seed", "3", "-o", people); code != 0 {
		t.Fatalf("population: exit %d\n%s", code, stderr)
	}
	out := filepath.Join(dir, "result.jsonl")
	_, stderr, code := runCLI(t, "", "screen", people, "--as-of", "2026-12-31", "-o", out)
	if code != 0 || !strings.Contains(stderr, "读取人数：300") || !strings.Contains(stderr, "测评") {
		t.Fatalf("screen: exit %d\n%s", code, stderr)
	}
	in, _ := os.ReadFile(people)
	docs := strings.Split(strings.TrimSpace(string(in)), "\n")
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	n := 0
	for sc.Scan() {
		var line struct {
			Row    int             `json:"row"`
			Answer json.RawMessage `json:"answer"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		n++
		if line.Row%25 != 1 {
			continue
		}
		stdout, stderr, code := runCLI(t, docs[line.Row-1], "check", "--as-of", "2026-12-31")
		if code != 0 {
			t.Fatalf("check of line %d: exit %d %s", line.Row, code, stderr)
		}
		if !sameJSON(t, stdout, string(line.Answer)) {
			t.Errorf("line %d: screen and check differ\nscreen %s\ncheck  %s", line.Row, line.Answer, stdout)
		}
	}
	if n != 300 {
		t.Errorf("%d result lines, want 300", n)
	}
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatal(err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// The template command writes the staff template; screened as it is, its example row is
// not a person; a CSV result comes with its summary beside it.
func TestTemplateAndCSV(t *testing.T) {
	dir := t.TempDir()
	staff := filepath.Join(dir, "staff.xlsx")
	if _, stderr, code := runCLI(t, "", "template", "staff", "-o", staff); code != 0 {
		t.Fatalf("template: exit %d %s", code, stderr)
	}
	f, err := excelize.OpenFile(staff)
	if err != nil {
		t.Fatal(err)
	}
	dvs, err := f.GetDataValidations(workbook.StaffSheet)
	f.Close()
	if err != nil || len(dvs) < 10 {
		t.Errorf("the template has %d data validations (%v), want one per choice and date column", len(dvs), err)
	}
	_, stderr, code := runCLI(t, "", "screen", "-o", filepath.Join(dir, "r.csv"), staff)
	if code != 0 || !strings.Contains(stderr, "读取人数：0") {
		t.Errorf("screening the empty template: exit %d\n%s", code, stderr)
	}
	for _, name := range []string{"r.csv", "r-数据问题.csv", "r-汇总.csv", "r-按系列等级.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, _, code := runCLI(t, "", "template", "staff", "-o", filepath.Join(dir, "x.pdf")); code != 2 {
		t.Errorf("template -o x.pdf: exit %d, want 2", code)
	}
	if _, stderr, code := runCLI(t, "", "screen", filepath.Join(dir, "missing.xlsx")); code != 2 || !strings.Contains(stderr, "文件不存在") {
		t.Errorf("screen of a missing file: exit %d %s", code, stderr)
	}
}

// simulate with a draft where 技师 → 中级 needs 2 years (三(一)2) reports gainers and no
// losers; without a draft it is a usage error.
func TestSimulateCommand(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.jsonl")
	runCLI(t, "", "population", "--n", "1000", "-o", people)
	b, err := os.ReadFile("../../data/policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	draft := regexp.MustCompile(`("skill": "技师", "title": "中级", "years": )3`).ReplaceAll(b, []byte("${1}2"))
	if string(draft) == string(b) {
		t.Fatal("data/policy/hebei-2021.json no longer has the 技师 → 中级 rule as this test edits it")
	}
	path := filepath.Join(dir, "draft.json")
	os.WriteFile(path, draft, 0o644)
	stdout, stderr, code := runCLI(t, "", "simulate", "--population", people, "--policy", path, "--as-of", "2026-12-31",
		"-o", filepath.Join(dir, "sim.xlsx"))
	if code != 0 {
		t.Fatalf("simulate: exit %d\n%s", code, stderr)
	}
	gain := regexp.MustCompile(`新增可申报的人：(\d+)`).FindStringSubmatch(stdout)
	if gain == nil || gain[1] == "0" || !strings.Contains(stdout, "不再可申报的人：0") || !strings.Contains(stdout, "草案：") {
		t.Errorf("simulate output:\n%s", stdout)
	}
	if _, _, code := runCLI(t, "", "simulate", "--population", people); code != 2 {
		t.Errorf("simulate without --policy: exit %d, want 2", code)
	}
}
