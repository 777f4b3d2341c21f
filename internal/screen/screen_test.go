package screen_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/policy"
	"guantong/internal/population"
	"guantong/internal/screen"
	"guantong/internal/workbook"
)

var asOf = guantong.MakeDate(2026, 12, 31)

// sheetRows reads a sheet of a result workbook, and its continuations （2）… if any, without
// the header rows.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	for _, name := range f.GetSheetList() {
		if name != sheet && !strings.HasPrefix(name, sheet+"（") {
			continue
		}
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(headersOf(sheet), ",") {
			t.Fatalf("sheet %s: header %v", name, rows[0:1])
		}
		out = append(out, rows[1:]...)
	}
	return out
}

func headersOf(sheet string) []string {
	if sheet == "测评结果" {
		return screen.ResultHeaders
	}
	return screen.ProblemHeaders
}

// cell returns row[i], "" past its end (excelize drops empty trailing cells).
func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// expectedRows is the result sheet as the engine decides it for each person: row number,
// route, series, occupation code, level, status and opening date.
func expectedRows(e *policy.Engine, g *population.Generator, n, firstRow int) []string {
	var want []string
	for i := range n {
		p := g.Person(i)
		a := e.Check(guantong.Request{AsOf: asOf, Person: p.Person})
		row := strconv.Itoa(firstRow + i)
		if len(a.Options) == 0 {
			want = append(want, strings.Join([]string{row, p.Person.Name, "", "", "", "", "无可申报项", ""}, "|"))
		}
		for _, o := range a.Options {
			want = append(want, strings.Join([]string{row, p.Person.Name, screen.RouteLabel(o.Route), o.Series, o.OccupationCode,
				o.Level.String(), screen.StatusLabel(o.Status), screen.Opens(o, asOf).String()}, "|"))
		}
	}
	return want
}

func gotRows(rows [][]string) []string {
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{cell(r, 0), cell(r, 1), cell(r, 4), cell(r, 5), cell(r, 6), cell(r, 7),
			cell(r, 8), cell(r, 9)}, "|"))
	}
	return got
}

// The result workbook, read back with excelize, says for each person and option what the
// engine says for that person, whether the people came as JSON lines or in the staff
// template.
func TestResultMatchesEngine(t *testing.T) {
	const n = 1500
	dir := t.TempDir()
	e := policy.New(policy.Default(), catalog.Default())
	g := population.New(1, guantong.Date{}, catalog.Default())

	jsonl := writePopulation(t, dir, n)
	staff := filepath.Join(dir, "staff.xlsx")
	w, err := workbook.Create(staff)
	if err != nil {
		t.Fatal(err)
	}
	tab, _ := w.Table(workbook.StaffSheet, workbook.StaffHeaders())
	for i := range n {
		p := g.Person(i)
		var cells []any
		for _, c := range workbook.StaffRow(p.Region, "", p.Person) {
			cells = append(cells, c)
		}
		tab.Row(cells...)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name, in string
		firstRow int
	}{{"jsonl", jsonl, 1}, {"xlsx", staff, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+"-result.xlsx")
			sum := screenFile(t, tc.in, out, e)
			got := gotRows(sheetRows(t, out, "测评结果"))
			want := expectedRows(e, g, n, tc.firstRow)
			if len(got) != len(want) {
				t.Fatalf("%d result rows, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("result row %d\n got %s\nwant %s", i+2, got[i], want[i])
				}
			}
			if sum.Read != n || sum.Bad != 0 {
				t.Errorf("summary read %d bad %d", sum.Read, sum.Bad)
			}
			people := sum.NoOption
			for _, c := range sum.People {
				people += c
			}
			if people != n || sum.People[screen.Now] == 0 || sum.People[screen.NextYear] == 0 {
				t.Errorf("summary people %v + %d none, want %d in all, some now and some next year", sum.People, sum.NoOption, n)
			}
		})
	}
}

// Bad rows are listed by row and column on the 数据问题 sheet, and the rows after them are
// screened.
func TestBadRowsReported(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "staff.csv")
	csv := "\uFEFF姓名,证件号码,证书1职业编码,证书1等级,证书1取得日期,年度考核\n" +
		"张三,130102199001011237,6-20-01-01,技师,2021-06-30,2023:合格；2024:合格；2025:合格\n" +
		"李四,130102199001011238,6-20-01-01,技师,2021-06-31,\n" +
		",,,,,\n" +
		"王五,,6-20-01-01,高级工,2020-01-01,2024:良\n" +
		"赵六,,6-20-01-01,技师,2024-06-30,\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "result.xlsx")
	e := policy.New(policy.Default(), catalog.Default())
	sum := screenFile(t, in, out, e)
	if sum.Read != 4 || sum.Bad != 2 {
		t.Errorf("read %d bad %d, want 4 and 2", sum.Read, sum.Bad)
	}
	var problems []string
	for _, r := range sheetRows(t, out, "数据问题") {
		problems = append(problems, strings.Join(r[:3], " "))
	}
	want := []string{"3 B 证件号码", "3 E 证书1取得日期", "5 F 年度考核"}
	if strings.Join(problems, ";") != strings.Join(want, ";") {
		t.Errorf("problems %q, want %q", problems, want)
	}
	names := map[string]bool{}
	for _, r := range sheetRows(t, out, "测评结果") {
		names[r[0]+r[1]] = true
	}
	if !names["2张三"] || !names["6赵六"] || names["3李四"] || names["5王五"] {
		t.Errorf("result rows for %v; want 张三 (row 2) and 赵六 (row 6) only", names)
	}
}
