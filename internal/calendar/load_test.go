package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"guantong"
	"guantong/data"
)

func TestLoadBuiltIn(t *testing.T) {
	c, err := Load(bytes.NewReader(data.Holidays))
	if err != nil {
		t.Fatal(err)
	}
	if c.Covers(guantong.MakeDate(2019, 12, 31)) || !c.Covers(guantong.MakeDate(2020, 1, 1)) {
		t.Error("the built-in table should start on 2020-01-01")
	}
}

func TestLoad(t *testing.T) {
	c, err := Load(strings.NewReader(`{"source": "test", "days": [
		{"date": "2031-10-01", "name": "国庆节", "kind": "rest"},
		{"date": "2031-09-28", "name": "国庆节", "kind": "work"}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := c.Years(); first != 2031 || last != 2031 {
		t.Errorf("Years() = %d, %d; want 2031, 2031", first, last)
	}
	if c.IsWorkday(guantong.MakeDate(2031, 10, 1)) || !c.IsWorkday(guantong.MakeDate(2031, 9, 28)) {
		t.Error("entries out of date order were not applied")
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		field string // the field of the first error
		text  string // a part of its message
	}{
		{"not JSON", `{"days": [`, "(文件)", "JSON"},
		{"empty file", ``, "(文件)", "文件为空"},
		{"no days", `{"source": "x", "days": []}`, "days", "至少需要一个条目"},
		{"unknown top-level field", `{"dayz": []}`, "dayz", "未知字段"},
		{"unknown field in an entry", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
			{"date": "2024-02-04", "name": "春节", "knd": "work"}]}`, "days[1].knd", "未知字段"},
		{"entry of the wrong type", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"}, 5]}`, "days[1]", "类型不对"},
		{"date that does not exist", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
			{"date": "2024-02-30", "name": "春节", "kind": "rest"}]}`, "days[1].date", `"2024-02-30" 不是日期`},
		{"date not YYYY-MM-DD", `{"days": [{"date": "2024/1/1", "name": "元旦", "kind": "rest"}]}`, "days[0].date", "不是日期"},
		{"date listed twice", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
			{"date": "2024-02-04", "name": "春节", "kind": "work"},
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"}]}`, "days[2].date", "已在 days[0] 出现过"},
		{"unknown kind", `{"days": [{"date": "2024-01-01", "name": "元旦", "kind": "holiday"}]}`, "days[0].kind", `"holiday" 不是 work`},
		{"work on a weekday", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
			{"date": "2024-02-05", "name": "春节", "kind": "work"}]}`, "days[1].kind", "2024-02-05 是星期一"},
		{"weekend rest outside any block (a 调休 day typed as rest)", `{"days": [
			{"date": "2024-02-04", "name": "春节", "kind": "rest"},
			{"date": "2024-02-10", "name": "春节", "kind": "rest"},
			{"date": "2024-02-11", "name": "春节", "kind": "rest"},
			{"date": "2024-02-12", "name": "春节", "kind": "rest"}]}`, "days[0].kind", "是否应为 work"},
		{"missing name", `{"days": [{"date": "2024-01-01", "name": " ", "kind": "rest"}]}`, "days[0].name", "缺少节日名称"},
		{"a year missing in between", `{"days": [
			{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
			{"date": "2026-01-01", "name": "元旦", "kind": "rest"}]}`, "days", "2025 年没有任何条目"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(strings.NewReader(tt.json))
			if err == nil {
				t.Fatalf("Load succeeded (%v), want an error", c)
			}
			if c != nil {
				t.Error("Load returned a calendar with its error")
			}
			var es guantong.FieldErrors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("Load error %T %v is not guantong.FieldErrors", err, err)
			}
			if es[0].Field != tt.field || !strings.Contains(es[0].Message, tt.text) {
				t.Errorf("first error = %s: %s; want %s: …%s…", es[0].Field, es[0].Message, tt.field, tt.text)
			}
		})
	}
}

// TestLoadReportsEveryProblem checks that one bad entry does not hide the next.
func TestLoadReportsEveryProblem(t *testing.T) {
	_, err := Load(strings.NewReader(`{"days": [
		{"date": "2024-13-01", "name": "元旦", "kind": "rest"},
		{"date": "2024-02-04", "name": "", "kind": "work"},
		{"date": "2024-02-06", "name": "春节", "kind": "work"},
		{"date": "2024-02-03", "name": "春节", "kind": "rest"}]}`))
	var es guantong.FieldErrors
	if !errors.As(err, &es) {
		t.Fatalf("Load error = %v, want guantong.FieldErrors", err)
	}
	var fields []string
	for _, e := range es {
		fields = append(fields, e.Field)
	}
	if got, want := strings.Join(fields, " "), "days[0].date days[1].name days[2].kind days[3].kind"; got != want {
		t.Errorf("fields = %s, want %s", got, want)
	}
}

func FuzzLoad(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, and the whole built-in table
	// would take it minutes each time.
	f.Add([]byte(`{"days": [{"date": "2024-02-04", "name": "春节", "kind": "work"}]}`))
	f.Add([]byte(`{"source": "s", "days": [
		{"date": "2023-12-31", "name": "元旦", "kind": "rest"},
		{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
		{"date": "2024-02-12", "name": "春节", "kind": "rest"},
		{"date": "2024-02-18", "name": "春节", "kind": "work"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		// Whatever loads must answer without panicking, inside and around its years.
		first, last := c.Years()
		from := guantong.MakeDate(first-1, 12, 1)
		to := guantong.MakeDate(last+1, 1, 31)
		if got, want := c.WorkdaysBetween(from, to), slowCount(c, from, to); got != want {
			t.Fatalf("WorkdaysBetween = %d, counting gives %d", got, want)
		}
		_ = c.AddWorkdays(from, 10)
	})
}

func TestLoadWeekendInsideBlock(t *testing.T) {
	_, err := Load(strings.NewReader(`{"source": "s", "days": [
		{"date": "2023-12-31", "name": "元旦", "kind": "rest"},
		{"date": "2024-01-01", "name": "元旦", "kind": "rest"},
		{"date": "2024-02-12", "name": "春节", "kind": "rest"},
		{"date": "2024-02-18", "name": "春节", "kind": "work"}]}`))
	if err != nil {
		t.Errorf("a weekend day off joined to a weekday one was refused: %v", err)
	}
}
