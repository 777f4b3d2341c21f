package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
)

// testPhoto draws an ID photo of w×h on a background: a dark head and shoulders in the
// middle, and noise, so that the JPEG is of a realistic size.
func testPhoto(t testing.TB, w, h int, bg color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			c := bg
			dx, dy := x-w/2, y-h*2/5
			if dx*dx+dy*dy < (w/4)*(w/4) || (y > h*2/3 && x > w/8 && x < w*7/8) {
				c = color.RGBA{60, 40, 30, 255}
			}
			n := uint8(rng.IntN(9))
			img.Set(x, y, color.RGBA{sat(c.R, n), sat(c.G, n), sat(c.B, n), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sat(v, n uint8) uint8 {
	if v > 250-n {
		return v - n
	}
	return v + n
}

var (
	white = color.RGBA{250, 250, 250, 255}
	blue  = color.RGBA{67, 142, 219, 255}
	red   = color.RGBA{200, 30, 30, 255}
)

func TestCheckPhoto(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		bg   string
		msg  string
	}{
		{"a 2-inch photo on white", testPhoto(t, 413, 579, white), BackgroundWhite, ""},
		{"a 2-inch photo on blue", testPhoto(t, 413, 579, blue), BackgroundBlue, ""},
		{"a 1-inch photo on blue", testPhoto(t, 295, 413, blue), BackgroundBlue, ""},
		{"red background", testPhoto(t, 413, 579, red), "", "蓝色或白色"},
		{"landscape", testPhoto(t, 579, 413, white), "", "竖向证件照"},
		{"too narrow", testPhoto(t, 200, 280, white), "", "宽 200 像素"},
		{"not a JPEG", pngOf(t), "", "JPEG"},
		{"too small a file", []byte("\xff\xd8\xff tiny"), "", "文件大小"},
		{"too large a file", bytes.Repeat([]byte{0xff}, PhotoMaxBytes+1), "", "文件大小"},
	} {
		info, err := CheckPhoto(c.b)
		if c.msg == "" {
			if err != nil || info.Background != c.bg {
				t.Errorf("%s: %+v %v", c.name, info, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "photo") {
			t.Errorf("%s: %v, want %q at photo", c.name, err, c.msg)
		}
	}
}

func pngOf(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 413, 579))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()[:PhotoMaxBytes-1]
}
