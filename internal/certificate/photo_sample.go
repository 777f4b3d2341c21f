package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
)

// Backgrounds of SamplePhoto.
var (
	PhotoWhite = color.RGBA{250, 250, 250, 255}
	PhotoBlue  = color.RGBA{67, 142, 219, 255}
)

// SamplePhoto draws a stand-in ID photo of w×h pixels on a background: a dark head and
// shoulders on it, and a little noise, as a camera gives, so that the JPEG has the size of a
// real one. The demo's applicants and the tests use it; it passes CheckPhoto when its size
// and background do.
func SamplePhoto(w, h int, bg color.RGBA) []byte {
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
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = jitter(c.R, n), jitter(c.G, n), jitter(c.B, n), 255
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}) // writing to memory does not fail
	return b.Bytes()
}

func jitter(v, n uint8) uint8 {
	if v > 250-n {
		return v - n
	}
	return v + n
}
