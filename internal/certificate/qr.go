package certificate

import (
	"net/url"
	"strings"

	"github.com/skip2/go-qrcode"

	"guantong"
)

// VerifyPath is where a certificate is verified on the public site: /verify/{number}. The
// address is printed on paper, in the QR code, so it must never change.
const VerifyPath = "/verify/"

// VerifyURL returns the verification address of a certificate on the site at base
// (https://zc.example.gov.cn).
func VerifyURL(base, number string) string {
	return strings.TrimRight(base, "/") + VerifyPath + url.PathEscape(Normalize(number))
}

// QRCodePNG returns a PNG QR code of a verification address, for the printable certificate.
// The image is square and at most size pixels wide: the largest whole multiple of the
// code's module count (quiet zone included) that fits, so that every module has the same
// number of pixels and prints crisply; never less than one pixel per module. The error
// correction level is M (15%), enough for a stamp or a crease.
func QRCodePNG(address string, size int) ([]byte, error) {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, guantong.Errorf(guantong.EInvalid, "二维码内容须为 http(s) 网址：%q", address)
	}
	if size < 1 || size > 4096 {
		return nil, guantong.Errorf(guantong.EInvalid, "二维码尺寸 %d 须在 1 至 4096 像素之间", size)
	}
	q, err := qrcode.New(address, qrcode.Medium)
	if err != nil {
		return nil, guantong.Errorf(guantong.EInvalid, "不能生成二维码：%v", err)
	}
	scale := size / len(q.Bitmap())
	if scale < 1 {
		scale = 1
	}
	return q.PNG(-scale)
}
