package workbook_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/workbook"
)

// readAll reads every record of a file.
func readAll(t *testing.T, path string) []workbook.Record {
	t.Helper()
	r, err := workbook.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []workbook.Record
	for {
		raw, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Decode(raw))
	}
}

// fillTemplate writes the staff template to dir and adds rows below its example, by header.
func fillTemplate(t *testing.T, dir string, rows ...map[string]any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.WriteStaffTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	headers := workbook.StaffHeaders()
	for i, row := range rows {
		for j, h := range headers {
			if v, ok := row[h]; ok {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+3)
				if err := f.SetCellValue(workbook.StaffSheet, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	path := filepath.Join(dir, "staff.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var fitter = map[string]any{
	"姓名": "李四", "证件号码": "130102199001011237", "手机号码": "13900139000", "所在地区": "唐山市",
	"工作单位": "某钢铁公司", "单位类型": "企业", "自主评价企业": "是",
	"证书1职业编码": "6-20-01-01", "证书1职业名称": "钳工", "证书1等级": "技师", "证书1取得日期": "2021-06-30",
	"职称1系列": "工程", "职称1等级": "助理级", "职称1取得日期": "2019/12/1",
	"年度考核": "2023:合格；2024:优秀;2025：合格", "工作经历": "2012-07-01至2018-03-31\n2018-06-01至今",
	"奖项": "河北省技术能手:2022:6-20-01-01", "学历": "大专:机电一体化技术:6-20-01-01、6-20-01-02",
	"现岗位职业编码": "6-20-01-01；4-13-04-01:游泳",
}

func date(s string) guantong.Date {
	d, err := guantong.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// The template's example row is skipped, and a filled row reads into the person the check
// document would give, every list cell included; a date Excel stores as a day number reads
// the same as one typed as text.
func TestTemplateRoundTrip(t *testing.T) {
	excelDate := maps.Clone(fitter)
	excelDate["证书1取得日期"] = time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC)
	path := fillTemplate(t, t.TempDir(), fitter, excelDate)
	recs := readAll(t, path)
	if len(recs) != 2 {
		t.Fatalf("read %d records, want 2 (the example row is skipped)", len(recs))
	}
	if !reflect.DeepEqual(recs[0].Person, recs[1].Person) {
		t.Errorf("a date cell reads differently from a date typed as text:\n%+v\n%+v", recs[0].Person, recs[1].Person)
	}
	rec := recs[0]
	if len(rec.Problems) > 0 {
		t.Fatalf("problems: %v", rec.Problems)
	}
	if rec.Row != 3 || rec.Region != "唐山市" || rec.Phone != "13900139000" {
		t.Errorf("row %d region %q phone %q", rec.Row, rec.Region, rec.Phone)
	}
	want := guantong.Person{
		Name: "李四", IDNumber: "130102199001011237",
		Employer:    guantong.Employer{Name: "某钢铁公司", Kind: "企业", SelfEvaluation: true},
		Skills:      []guantong.Skill{{OccupationCode: "6-20-01-01", Occupation: "钳工", Level: guantong.Skill2, Obtained: date("2021-06-30")}},
		Titles:      []guantong.Title{{Series: "工程", Level: guantong.Title4, Obtained: date("2019-12-01")}},
		Assessments: []guantong.Assessment{{Year: 2023, Result: "合格"}, {Year: 2024, Result: "优秀"}, {Year: 2025, Result: "合格"}},
		Work:        []guantong.WorkPeriod{{From: date("2012-07-01"), To: date("2018-03-31")}, {From: date("2018-06-01")}},
		Awards:      []guantong.Award{{Name: "河北省技术能手", Year: 2022, OccupationCode: "6-20-01-01"}},
		Education:   []guantong.Education{{Level: "大专", Major: "机电一体化技术", RelatedCodes: []string{"6-20-01-01", "6-20-01-02"}}},
		Targets:     []guantong.Target{{OccupationCode: "6-20-01-01"}, {OccupationCode: "4-13-04-01", Item: "游泳"}},
	}
	if !reflect.DeepEqual(rec.Person, want) {
		t.Errorf("person\n got %+v\nwant %+v", rec.Person, want)
	}
}

// Each bad cell is reported by row, column letter and header, and the good rows around it
// are read.
func TestBadRowsNamed(t *testing.T) {
	bad := map[string]any{"姓名": "王五", "证件号码": "130102199001011238", "证书1职业编码": "6-20-01-01",
		"证书1等级": "大师", "证书1取得日期": "2021-13-01", "所在地区": "石家庄", "年度考核": "2024:良"}
	noName := map[string]any{"证书1职业编码": "6-20-01-01", "证书1等级": "技师"}
	recs := readAll(t, fillTemplate(t, t.TempDir(), fitter, bad, fitter, noName))
	if len(recs) != 4 {
		t.Fatalf("read %d records, want 4", len(recs))
	}
	if len(recs[0].Problems)+len(recs[2].Problems) != 0 {
		t.Errorf("good rows have problems: %v %v", recs[0].Problems, recs[2].Problems)
	}
	var got []string
	for _, p := range recs[1].Problems {
		got = append(got, p.String())
	}
	want := []string{
		`第4行 C列（证件号码）："130102199001011238" 校验码错误`,
		`第4行 E列（所在地区）："石家庄" 不是河北省的地区`,
		`第4行 K列（证书1等级）："大师" 不是职业技能等级`,
		`第4行 L列（证书1取得日期）："2021-13-01" 不是日期（如 2021-06-30）`,
		`第4行 AF列（年度考核）：第1项 "2024:良" 的结果应为`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems of row 4:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	var noNameGot []string
	for _, p := range recs[3].Problems {
		noNameGot = append(noNameGot, p.String())
	}
	wantNoName := []string{"第6行 A列（姓名）：不能为空", "第6行 L列（证书1取得日期）：填了证书的其他栏，此栏不能为空"}
	if !reflect.DeepEqual(noNameGot, wantNoName) {
		t.Errorf("row 6:\n got %q\nwant %q", noNameGot, wantNoName)
	}
}

// The CSV template reads like the Excel one; a sheet without 姓名 is refused at its header.
func TestCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "staff.csv")
	var buf bytes.Buffer
	if err := workbook.WriteStaffTemplateCSV(&buf); err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(&buf)
	headers := workbook.StaffHeaders()
	row := make([]string, len(headers))
	for i, h := range headers {
		if v, ok := fitter[h]; ok {
			row[i] = v.(string)
		}
	}
	w.Write(row)
	w.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, path)
	if len(recs) != 1 || len(recs[0].Problems) > 0 || recs[0].Row != 3 || recs[0].Person.Name != "李四" {
		t.Fatalf("records %+v", recs)
	}
	if got := recs[0].Person.Titles[0].Obtained.String(); got != "2019-12-01" {
		t.Errorf("2019/12/1 read as %q", got)
	}

	noName := filepath.Join(dir, "bad.csv")
	os.WriteFile(noName, []byte("名字,证件号码\n张三,1\n"), 0o644)
	_, err := workbook.Open(noName)
	var ps workbook.Problems
	if !errors.As(err, &ps) || !strings.HasPrefix(ps[0].String(), "第1行：缺少“姓名”列") {
		t.Errorf("a sheet without 姓名: %v", err)
	}
}

// Dates as people type them, and as Excel stores them.
func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2021-06-30", "2021-06-30"}, {"2021/6/30", "2021-06-30"}, {"2021.06.30", "2021-06-30"},
		{"2021年6月30日", "2021-06-30"}, {"44377", "2021-06-30"}, {"2021-02-30", ""}, {"六月", ""},
	} {
		d, ok := workbook.ParseDate(tc.in)
		if got := d.String(); ok != (tc.want != "") || got != tc.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// A JSON line is a check document; its region is checked against Hebei's districts and its
// field problems keep their paths.
func TestJSONLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.jsonl")
	lines := `{"region":"廊坊市","person":{"name":"甲","skills":[{"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-06-30"}]}}

{"person":{"name":"乙"},"region":"北京市"}
{"person":{"name":"丙","skills":[{"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-13-01"}]}}
`
	os.WriteFile(path, []byte(lines), 0o644)
	recs := readAll(t, path)
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3 (the blank line skipped)", len(recs))
	}
	if recs[0].Region != "廊坊市" || len(recs[0].Problems) > 0 {
		t.Errorf("line 1: %+v", recs[0])
	}
	if len(recs[1].Problems) != 1 || !strings.HasPrefix(recs[1].Problems[0].String(), `第3行 region："北京市" 不是河北省的地区`) {
		t.Errorf("line 3: %v", recs[1].Problems)
	}
	if len(recs[2].Problems) != 1 || recs[2].Problems[0].Field != "person.skills[0].obtained" || recs[2].Row != 4 {
		t.Errorf("line 4: %+v", recs[2])
	}
}
