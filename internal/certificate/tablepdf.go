package certificate

import (
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"
)

// Sheet is a printed document that is mostly a table, as a public notice is: a title, an
// opening paragraph, facts (公示单位, 公示期), the table, closing facts (where to object) and
// who signs.
type Sheet struct {
	Title   string
	Intro   string
	Facts   []Row
	Header  []string
	Widths  []float64 // of the table's columns in mm; they should add up to 180
	Rows    [][]string
	Closing string
	After   []Row
	Sign    []string // right-aligned lines at the end: the office, the date
}

// WriteSheetPDF writes s as an A4 PDF with the same embedded Chinese font as the
// certificate (font: data.CertificateFont), the table's cells wrapped and its rows kept on
// one page each, the header repeated on a new page. No creation time is written: the same
// sheet, the same bytes.
func WriteSheetPDF(w io.Writer, s *Sheet, font []byte) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.SetTitle(s.Title, true)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(false, 15)
	pdf.AddUTF8FontFromBytes("cjk", "", font)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("sheet pdf: font: %w", err)
	}
	pdf.AddPage()
	pdf.SetFont("cjk", "", 16)
	pdf.MultiCell(180, 9, s.Title, "", "C", false)
	pdf.Ln(3)
	pdf.SetFont("cjk", "", 10.5)
	if s.Intro != "" {
		pdf.MultiCell(180, 6, s.Intro, "", "L", false)
		pdf.Ln(2)
	}
	facts := func(rows []Row) {
		for _, r := range rows {
			pdf.CellFormat(28, 6, r.Label, "", 0, "L", false, 0, "")
			pdf.MultiCell(152, 6, r.Value, "", "L", false)
		}
	}
	facts(s.Facts)
	pdf.Ln(3)

	const lineH = 5.5
	pdf.SetFont("cjk", "", 9.5)
	header := func() {
		x, y := pdf.GetXY()
		for i, h := range s.Header {
			pdf.Rect(x, y, s.Widths[i], lineH+2, "D")
			pdf.SetXY(x, y+1)
			pdf.CellFormat(s.Widths[i], lineH, h, "", 0, "C", false, 0, "")
			x += s.Widths[i]
		}
		pdf.SetXY(15, y+lineH+2)
	}
	header()
	for _, row := range s.Rows {
		lines := make([][]string, len(row))
		n := 1
		for i, cell := range row {
			lines[i] = pdf.SplitText(cell, s.Widths[i]-2)
			n = max(n, len(lines[i]))
		}
		h := float64(n)*lineH + 2
		if pdf.GetY()+h > 282 {
			pdf.AddPage()
			header()
		}
		x, y := pdf.GetXY()
		for i := range row {
			pdf.Rect(x, y, s.Widths[i], h, "D")
			for j, l := range lines[i] {
				pdf.SetXY(x+1, y+1+float64(j)*lineH)
				pdf.CellFormat(s.Widths[i]-2, lineH, l, "", 0, "L", false, 0, "")
			}
			x += s.Widths[i]
		}
		pdf.SetXY(15, y+h)
	}
	pdf.Ln(4)
	pdf.SetFont("cjk", "", 10.5)
	if pdf.GetY() > 240 {
		pdf.AddPage()
	}
	if s.Closing != "" {
		pdf.MultiCell(180, 6, s.Closing, "", "L", false)
	}
	facts(s.After)
	pdf.Ln(8)
	for _, l := range s.Sign {
		pdf.CellFormat(180, 6, l, "", 1, "R", false, 0, "")
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("sheet pdf: %w", err)
	}
	return nil
}
