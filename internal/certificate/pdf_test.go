package certificate

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"guantong"
	"guantong/data"
)

var keepPDF = flag.String("pdf-out", "", "write the test certificate's PDF and PNG into this folder, to look at")

func sampleDocument(t testing.TB, photo bool) *Document {
	n := Number(2027, "工程", guantong.Title3, 1)
	d := &Document{Heading: "职称证书", Number: n, Name: "张三", Sex: SexOf("130102199001011237"), IDNumber: "130102199001011237",
		Rows: []Row{{"系　　列", "工程"}, {"专　　业", "机械工程"}, {"资格名称", "工程师"}, {"级　　别", "中级"},
			{"评审委员会", "河北省工程系列中级职称评审委员会"}, {"批准文号", "冀人社职改〔2027〕3号"}},
		Department: "河北省人力资源和社会保障厅", IssuedOn: "2027-02-20", VerifyURL: VerifyURL("https://zc.example.gov.cn", n), Status: "有效"}
	if photo {
		d.Photo = SamplePhoto(413, 579, PhotoBlue)
	}
	return d
}

// TestWritePDF renders the certificate's PDF, converts its page to PNG with pdftoppm and
// checks that it is one A4 page that is not blank: the heading, the text and the QR code are
// drawn in dark ink, the photo in its place. With -pdf-out DIR the files stay there.
func TestWritePDF(t *testing.T) {
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	if *keepPDF != "" {
		dir = *keepPDF
	}
	for _, c := range []struct {
		name  string
		photo bool
	}{{"with-photo", true}, {"without-photo", false}} {
		d := sampleDocument(t, c.photo)
		var b bytes.Buffer
		qr, err := QRCodePNG(d.VerifyURL, 240)
		if err != nil {
			t.Fatal(err)
		}
		if err := WritePDF(&b, d, qr, data.CertificateFont); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) || bytes.Count(b.Bytes(), []byte("/Type /Page\n")) != 1 && bytes.Count(b.Bytes(), []byte("/Type /Page ")) != 1 {
			t.Errorf("%s: not a one-page PDF", c.name)
		}
		if b.Len() > 2<<20 {
			t.Errorf("%s: %d bytes: the font is not subset", c.name, b.Len())
		}
		var again bytes.Buffer
		if err := WritePDF(&again, d, qr, data.CertificateFont); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
			t.Errorf("%s: the same certificate gave another file", c.name)
		}
		file := filepath.Join(dir, c.name+".pdf")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(dir, c.name)
		if out, err := exec.Command(pdftoppm, "-png", "-r", "60", "-singlefile", file, base).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		f, err := os.Open(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		// A4 at 60 dpi is 496 × 702 pixels.
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w < 490 || w > 500 || h < 695 || h > 705 {
			t.Errorf("%s: page of %d×%d pixels, want A4 (496×702 at 60 dpi)", c.name, w, h)
		}
		dark := func(r image.Rectangle) int { // pixels with ink: thin text anti-aliased at 60 dpi is grey

			n := 0
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					cr, cg, cb, _ := img.At(x, y).RGBA()
					if cr+cg+cb < 3*0xc000 {
						n++
					}
				}
			}
			return n
		}
		mm := func(x0, y0, x1, y1 float64) image.Rectangle { // millimetres to pixels at 60 dpi
			p := func(v float64) int { return int(v * 60 / 25.4) }
			return image.Rect(p(x0), p(y0), p(x1), p(y1))
		}
		for _, area := range []struct {
			what string
			r    image.Rectangle
			min  int
		}{
			{"the heading", mm(15, 30, 195, 46), 100},
			{"the holder's lines", mm(28, 62, 140, 130), 400},
			{"the QR code", mm(28, 212, 64, 248), 800},
			{"the department and date", mm(100, 222, 185, 238), 100},
		} {
			if n := dark(area.r); n < area.min {
				t.Errorf("%s: %s has %d dark pixels: blank", c.name, area.what, n)
			}
		}
		if got, photoArea := dark(mm(149, 61, 182, 108)), c.photo; photoArea != (got > 300) {
			t.Errorf("%s: the photo's place has %d dark pixels", c.name, got)
		}
	}
}

// BenchmarkWritePDF: one certificate with a photo, the font parsed and subset each time.
func BenchmarkWritePDF(b *testing.B) {
	d := sampleDocument(b, true)
	qr, err := QRCodePNG(d.VerifyURL, 480)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var out bytes.Buffer
		if err := WritePDF(&out, d, qr, data.CertificateFont); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(out.Len()))
	}
}
