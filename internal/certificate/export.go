package certificate

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"guantong"
)

// Grant is one certificate granted in a period, as the registration (上网) of the period's
// grants lists it.
type Grant struct {
	Number    string `json:"number"`
	Name      string `json:"name"`
	IDNumber  string `json:"id_number"`
	Series    string `json:"series"`
	Level     string `json:"level"`
	Specialty string `json:"specialty,omitempty"`
	// Qualification is the 资格名称 (工程师), looked up by series, specialty and level
	// (QualificationName); "" when the table has none.
	Qualification string        `json:"qualification,omitempty"`
	Employer      string        `json:"employer"`
	Committee     string        `json:"committee"`
	Granted       guantong.Date `json:"granted"`
	Revoked       bool          `json:"revoked"`
}

// SheetName is the name of the sheet of the Excel export.
const SheetName = "职称登记"

// Header is the header row of both exports.
var Header = []string{"证书编号", "姓名", "身份证号", "系列", "层级", "专业", "资格名称", "工作单位", "评审委员会", "取得日期", "状态"}

// Grants yields the grants of an export one at a time, each to yield, stopping at the first
// error: a province's year is written as it is read, never held in memory.
type Grants func(yield func(Grant) error) error

// Slice yields gs, for an export of grants already in hand.
func Slice(gs []Grant) Grants {
	return func(yield func(Grant) error) error {
		for _, g := range gs {
			if err := yield(g); err != nil {
				return err
			}
		}
		return nil
	}
}

func (g Grant) row() []string {
	status := StatusValid
	if g.Revoked {
		status = StatusRevoked
	}
	return []string{g.Number, g.Name, g.IDNumber, g.Series, g.Level, g.Specialty, g.Qualification, g.Employer, g.Committee,
		g.Granted.String(), StatusName(status)}
}

// WriteCSV writes grants as CSV: UTF-8 with a byte order mark, so that Excel opens the
// Chinese correctly, the header in Chinese, dates as YYYY-MM-DD and ID numbers in full (it is
// the registration file, for the department only). A cell that would start with = + - @ or a
// tab is written with a leading apostrophe, so that a spreadsheet shows it rather than
// running it as a formula. Excel also reads an 18-digit ID number in a CSV as a number and
// loses its last digits: people should open the Excel export; the CSV is for systems.
func WriteCSV(w io.Writer, grants Grants) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("certificate: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(Header); err != nil {
		return fmt.Errorf("certificate: csv: %w", err)
	}
	err := grants(func(g Grant) error {
		row := g.row()
		for i, cell := range row {
			row[i] = defuse(cell)
		}
		return cw.Write(row)
	})
	if err != nil {
		return fmt.Errorf("certificate: csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("certificate: csv: %w", err)
	}
	return nil
}

// defuse keeps a spreadsheet from reading a cell as a formula (CSV injection).
func defuse(cell string) string {
	if cell != "" {
		switch cell[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + cell
		}
	}
	return cell
}

// widths of the Excel columns, in characters.
var widths = []float64{26, 10, 21, 10, 8, 16, 16, 28, 30, 12, 8}

// WriteExcel writes grants as an Excel workbook with one sheet, 职称登记: a bold header that
// stays in view, column widths to fit, and every cell text, so that dates read YYYY-MM-DD
// and ID numbers keep all 18 characters. Cells are written as strings, never as formulas.
// The rows go through excelize's stream writer, which keeps a large sheet in a temporary
// file rather than in memory.
func WriteExcel(w io.Writer, grants Grants) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("certificate: excel: %w", cerr)
		}
	}()
	wrap := func(err error) error { return fmt.Errorf("certificate: excel: %w", err) }
	if err := f.SetSheetName(f.GetSheetName(0), SheetName); err != nil {
		return wrap(err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	if err != nil {
		return wrap(err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is "@", text
	if err != nil {
		return wrap(err)
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return wrap(err)
	}
	for c, width := range widths {
		if err := sw.SetColWidth(c+1, c+1, width); err != nil {
			return wrap(err)
		}
	}
	if err := sw.SetColStyle(1, len(Header), text); err != nil {
		return wrap(err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return wrap(err)
	}
	row := func(r int, cells []string, style int) error {
		values := make([]any, len(cells))
		for i, v := range cells {
			values[i] = excelize.Cell{StyleID: style, Value: v}
		}
		return sw.SetRow("A"+strconv.Itoa(r), values)
	}
	if err := row(1, Header, bold); err != nil {
		return wrap(err)
	}
	r := 1
	if err := grants(func(g Grant) error { r++; return row(r, g.row(), text) }); err != nil {
		return wrap(err)
	}
	if err := sw.Flush(); err != nil {
		return wrap(err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return wrap(err)
	}
	return nil
}
