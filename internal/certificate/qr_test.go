package certificate

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/skip2/go-qrcode"

	"guantong"
)

func TestVerifyURL(t *testing.T) {
	n := Number(2026, "工程", guantong.Title3, 1)
	if got := VerifyURL("https://zc.example.gov.cn/", " "+n); got != "https://zc.example.gov.cn/verify/"+n {
		t.Errorf("VerifyURL = %q", got)
	}
	s, _ := SkillNumber("JZZP", 2026, 1)
	if got := VerifyURL("https://zc.example.gov.cn", s); got != "https://zc.example.gov.cn/verify/"+s {
		t.Errorf("VerifyURL = %q", got)
	}
}

// TestQRCodePNG decodes the PNG and compares it, module by module, with the code's bitmap.
func TestQRCodePNG(t *testing.T) {
	addr := VerifyURL("https://zc.example.gov.cn", Number(2026, "工程", guantong.Title3, 123))
	b, err := QRCodePNG(addr, 300)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	q, _ := qrcode.New(addr, qrcode.Medium)
	bitmap := q.Bitmap()
	w := img.Bounds().Dx()
	if w != img.Bounds().Dy() || w > 300 || w%len(bitmap) != 0 || w/len(bitmap) != 300/len(bitmap) {
		t.Fatalf("image %v for %d modules", img.Bounds(), len(bitmap))
	}
	scale := w / len(bitmap)
	for y, row := range bitmap {
		for x, dark := range row {
			for _, p := range []image.Point{{x * scale, y * scale}, {x*scale + scale - 1, y*scale + scale - 1}} {
				r, _, _, _ := img.At(p.X, p.Y).RGBA()
				if (r < 0x8000) != dark {
					t.Fatalf("module (%d,%d) pixel %v: dark %v", x, y, p, dark)
				}
			}
		}
	}
	again, _ := QRCodePNG(addr, 300)
	if !bytes.Equal(b, again) {
		t.Error("the same address gave another image")
	}
	if small, err := QRCodePNG(addr, 10); err != nil {
		t.Error(err)
	} else if img, _ := png.Decode(bytes.NewReader(small)); img.Bounds().Dx() != len(bitmap) {
		t.Errorf("a size below the module count: %v", img.Bounds())
	}
	for _, c := range []struct {
		addr string
		size int
	}{{"javascript:alert(1)", 300}, {"/verify/x", 300}, {"", 300}, {addr, 0}, {addr, 5000}} {
		if _, err := QRCodePNG(c.addr, c.size); guantong.ErrorCode(err) != guantong.EInvalid {
			t.Errorf("QRCodePNG(%q, %d): %v", c.addr, c.size, err)
		}
	}
}
