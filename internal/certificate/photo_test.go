package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"
)

var (
	white = PhotoWhite
	blue  = PhotoBlue
	red   = color.RGBA{200, 30, 30, 255}
)

func TestCheckPhoto(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		bg   string
		msg  string
	}{
		{"a 2-inch photo on white", SamplePhoto(413, 579, white), BackgroundWhite, ""},
		{"a 2-inch photo on blue", SamplePhoto(413, 579, blue), BackgroundBlue, ""},
		{"a 1-inch photo on blue", SamplePhoto(295, 413, blue), BackgroundBlue, ""},
		{"red background", SamplePhoto(413, 579, red), "", "蓝色或白色"},
		{"landscape", SamplePhoto(579, 413, white), "", "竖向证件照"},
		{"too narrow", SamplePhoto(200, 280, white), "", "宽 200 像素"},
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
