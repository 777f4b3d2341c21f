package certificate

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"guantong"
)

// The holder's photo on a title certificate: a JPEG the applicant uploads, of the size and
// shape of a 2-inch ID photo (二寸, 35×49 mm: 413×579 pixels at 300 dpi; at least the 1-inch
// 295×413), on a blue or white background. These bounds are what offices ask of a
// certificate photo; the page says them before the upload.
const (
	PhotoMinBytes  = 10 << 10
	PhotoMaxBytes  = 500 << 10
	PhotoMinWidth  = 295
	PhotoMaxWidth  = 1200
	PhotoMinRatioX = 125 // height / width, in hundredths: 1.25 …
	PhotoMaxRatioX = 150 // … 1.50 (35×49 mm is 1.40)
)

// Backgrounds of a photo.
const (
	BackgroundWhite = "white"
	BackgroundBlue  = "blue"
)

// PhotoInfo is what CheckPhoto found.
type PhotoInfo struct {
	Width, Height int
	Background    string // BackgroundWhite or BackgroundBlue
}

// CheckPhoto checks an uploaded photo: a JPEG (by its content) of PhotoMinBytes to
// PhotoMaxBytes, PhotoMinWidth to PhotoMaxWidth pixels wide, portrait in ID-photo proportion,
// on a white or blue background. The background is judged by sampling the border where a
// head-and-shoulders photo shows only background: the top edge and the upper two thirds of
// the side edges; 90% of the samples must be of one colour. Every problem is EInvalid, in
// words an applicant can act on, at the field "photo".
func CheckPhoto(b []byte) (PhotoInfo, error) {
	bad := func(format string, args ...any) (PhotoInfo, error) {
		return PhotoInfo{}, guantong.FieldErrors{{Field: "photo", Message: fmt.Sprintf(format, args...)}}
	}
	if len(b) < PhotoMinBytes || len(b) > PhotoMaxBytes {
		return bad("照片文件大小为 %d KB，须在 %d 至 %d KB 之间", len(b)>>10, PhotoMinBytes>>10, PhotoMaxBytes>>10)
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return bad("照片须为 JPEG（.jpg）格式的图片")
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if w < PhotoMinWidth || w > PhotoMaxWidth {
		return bad("照片宽 %d 像素，须在 %d 至 %d 像素之间（二寸证件照 413×579）", w, PhotoMinWidth, PhotoMaxWidth)
	}
	if r := h * 100 / w; r < PhotoMinRatioX || r > PhotoMaxRatioX {
		return bad("照片为 %d×%d 像素，须为竖向证件照（高约为宽的 1.4 倍，如 413×579）", w, h)
	}
	bg, share := background(img)
	if bg == "" {
		return bad("照片背景须为蓝色或白色（边缘只有 %d%% 为同一底色）", share)
	}
	return PhotoInfo{Width: w, Height: h, Background: bg}, nil
}

// background samples the border of a photo and returns its colour, white or blue, when at
// least 90% of the samples have it; otherwise "" and the largest share found, in percent.
func background(img image.Image) (string, int) {
	r := img.Bounds()
	var white, blue, n int
	sample := func(x, y int) {
		cr, cg, cb, _ := img.At(x, y).RGBA()
		red, green, bl := int(cr>>8), int(cg>>8), int(cb>>8)
		n++
		switch {
		case red > 200 && green > 200 && bl > 200 && max(red, green, bl)-min(red, green, bl) < 30:
			white++
		case bl > 120 && bl > red+40 && bl > green+10:
			blue++
		}
	}
	const step = 4
	inset := 2 // JPEG edges can ring: sample just inside them
	for x := r.Min.X + inset; x < r.Max.X-inset; x += step {
		sample(x, r.Min.Y+inset)
	}
	for y := r.Min.Y + inset; y < r.Min.Y+r.Dy()*2/3; y += step {
		sample(r.Min.X+inset, y)
		sample(r.Max.X-1-inset, y)
	}
	switch {
	case white*10 >= n*9:
		return BackgroundWhite, white * 100 / n
	case blue*10 >= n*9:
		return BackgroundBlue, blue * 100 / n
	}
	return "", max(white, blue) * 100 / n
}
