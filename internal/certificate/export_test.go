package certificate

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
)

func testGrants(t *testing.T) []Grant {
	d := func(s string) guantong.Date {
		v, err := guantong.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	return []Grant{
		{Number: Number(2026, "工程", guantong.Title3, 1), Name: "张三丰", IDNumber: "130102199001011237", Series: "工程", Level: "中级",
			Specialty: "机械制造", Qualification: "工程师", Employer: "河北某钢铁有限公司", Committee: "河北省工程系列中级职称评审委员会", Granted: d("2026-11-02")},
		{Number: Number(2026, "工程", guantong.Title2, 2), Name: "李四", IDNumber: "13010219800101123X", Series: "工程", Level: "副高级",
			Specialty: "电气, \"自动化\"", Employer: "某公司\n二分厂", Committee: "河北省工程系列副高级职称评审委员会", Granted: d("2026-01-09"), Revoked: true},
	}
}

func wantRows(grants []Grant) [][]string {
	rows := [][]string{Header}
	for _, g := range grants {
		rows = append(rows, g.row())
	}
	return rows
}

func TestWriteCSV(t *testing.T) {
	grants := testGrants(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Slice(grants)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF证书编号,姓名,身份证号")) {
		t.Fatalf("no BOM or header: %q", b[:40])
	}
	got, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := wantRows(grants)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	if got[1][6] != "工程师" || got[1][9] != "2026-11-02" || got[1][10] != "有效" || got[2][10] != "已撤销" {
		t.Errorf("date or status: %q", got[1:])
	}
}

func TestWriteCSVFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Slice([]Grant{{Number: "=HYPERLINK(\"x\")", Name: "+1", Employer: "@SUM(A1)", Specialty: "-2"}})); err != nil {
		t.Fatal(err)
	}
	got, _ := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	for _, cell := range []string{got[1][0], got[1][1], got[1][5], got[1][7]} {
		if cell[0] != '\'' {
			t.Errorf("formula not defused: %q", cell)
		}
	}
}

func TestWriteExcel(t *testing.T) {
	grants := testGrants(t)
	var buf bytes.Buffer
	if err := WriteExcel(&buf, Slice(grants)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !reflect.DeepEqual(sheets, []string{SheetName}) {
		t.Fatalf("sheets %v", sheets)
	}
	got, err := f.GetRows(SheetName)
	if err != nil {
		t.Fatal(err)
	}
	if want := wantRows(grants); !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%q\nwant\n%q", got, want)
	}
	// Dates and ID numbers are text cells, not numbers or dates.
	for _, cell := range []string{"C2", "C3", "I2", "I3"} {
		typ, err := f.GetCellType(SheetName, cell)
		if err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
			t.Errorf("%s: type %v, %v", cell, typ, err)
		}
	}
	// The header is bold; the data are not.
	for cell, bold := range map[string]bool{"A1": true, "J1": true, "A2": false} {
		id, _ := f.GetCellStyle(SheetName, cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Font != nil && st.Font.Bold; got != bold {
			t.Errorf("%s bold %v", cell, got)
		}
	}
	for col, want := range map[string]float64{"A": 26, "C": 21, "G": 16, "I": 30} {
		if w, _ := f.GetColWidth(SheetName, col); w != want {
			t.Errorf("column %s width %v, want %v", col, w, want)
		}
	}
	if p, err := f.GetPanes(SheetName); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("the header does not stay in view: %+v %v", p, err)
	}
}

func TestWriteExcelEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteExcel(&buf, Slice(nil)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetName)
	if len(rows) != 1 || !reflect.DeepEqual(rows[0], Header) {
		t.Errorf("rows %q", rows)
	}
}
