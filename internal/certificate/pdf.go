package certificate

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"
)

// WritePDF writes a certificate as a one-page A4 PDF: the heading, the holder's photo (or an
// empty frame), the holder and what is certified, the number, the issuing department and
// date, and the QR code of the verification address (qr: a PNG, QRCodePNG) with the address
// printed under it. font is a single-file TrueType font with the Chinese characters
// (data.CertificateFont); the PDF embeds the subset it uses, so that it prints the same
// everywhere. The file is the same for the same document: no creation time is written.
func WritePDF(w io.Writer, d *Document, qr, font []byte) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.SetTitle(d.Heading+" "+d.Number, true)
	pdf.SetCatalogSort(true) // the same document, the same bytes
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("cjk", "", font)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("certificate pdf: font: %w", err)
	}
	pdf.AddPage()

	// A double frame, as printed certificates have.
	pdf.SetDrawColor(150, 30, 30)
	pdf.SetLineWidth(1.2)
	pdf.Rect(12, 12, 186, 273, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(15, 15, 180, 267, "D")

	pdf.SetTextColor(150, 30, 30)
	pdf.SetFont("cjk", "", 30)
	pdf.SetXY(15, 30)
	pdf.CellFormat(180, 16, d.Heading, "", 1, "C", false, 0, "")

	// The photo, 35 × 49 mm (二寸), top right.
	pdf.SetDrawColor(120, 120, 120)
	const px, py, pw, ph = 148.0, 60.0, 35.0, 49.0
	if len(d.Photo) > 0 {
		opt := fpdf.ImageOptions{ImageType: "JPG"}
		pdf.RegisterImageOptionsReader("photo", opt, bytes.NewReader(d.Photo))
		pdf.ImageOptions("photo", px, py, pw, ph, false, opt, 0, "")
	} else {
		pdf.Rect(px, py, pw, ph, "D")
		pdf.SetTextColor(150, 150, 150)
		pdf.SetFont("cjk", "", 10)
		pdf.SetXY(px, py+ph/2-3)
		pdf.CellFormat(pw, 6, "照片", "", 0, "C", false, 0, "")
	}

	pdf.SetTextColor(20, 20, 20)
	y := 62.0
	line := func(label, value string) {
		pdf.SetFont("cjk", "", 11)
		pdf.SetTextColor(90, 90, 90)
		pdf.SetXY(28, y)
		pdf.CellFormat(30, 9, label, "", 0, "L", false, 0, "")
		pdf.SetFont("cjk", "", 13)
		pdf.SetTextColor(20, 20, 20)
		pdf.SetXY(58, y)
		width := 86.0
		if y > py+ph+2 {
			width = 125 // below the photo the line may run on
		}
		pdf.MultiCell(width, 9, value, "", "L", false)
		y = pdf.GetY() + 1.5
	}
	line("姓　　名", d.Name)
	if d.Sex != "" {
		line("性　　别", d.Sex)
	}
	line("身份证号", d.IDNumber)
	for _, r := range d.Rows {
		line(r.Label, r.Value)
	}
	line("证书编号", d.Number)

	// The issuing department and the date, bottom right; the QR code, bottom left.
	pdf.SetFont("cjk", "", 13)
	pdf.SetXY(100, 222)
	pdf.CellFormat(85, 8, d.Department, "", 2, "R", false, 0, "")
	pdf.SetX(100)
	pdf.CellFormat(85, 8, "发证日期："+d.IssuedOn, "", 2, "R", false, 0, "")

	opt := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("qr", opt, bytes.NewReader(qr))
	pdf.ImageOptions("qr", 28, 212, 36, 36, false, opt, 0, "")
	pdf.SetFont("cjk", "", 8)
	pdf.SetTextColor(60, 60, 60)
	pdf.SetXY(28, 249)
	pdf.MultiCell(120, 4.5, "扫描二维码或访问 "+d.VerifyURL+" 查验本证书", "", "L", false)

	if d.RevokedOn != "" {
		pdf.SetTextColor(200, 0, 0)
		pdf.SetDrawColor(200, 0, 0)
		pdf.SetLineWidth(1)
		pdf.Rect(120, 120, 60, 22, "D")
		pdf.SetFont("cjk", "", 22)
		pdf.SetXY(120, 122)
		pdf.CellFormat(60, 11, "已撤销", "", 2, "C", false, 0, "")
		pdf.SetFont("cjk", "", 10)
		pdf.SetX(120)
		pdf.CellFormat(60, 7, d.RevokedOn, "", 0, "C", false, 0, "")
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("certificate pdf: %w", err)
	}
	return pdf.Output(w)
}
