package web

import (
	"bytes"
	"image/color"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"guantong/internal/certificate"
)

// TestCertificateAsIssued: the applicant's photo is checked on upload (a red background is
// refused at the field, a blue 2-inch JPEG kept and shown); after the meeting the secretary
// records the 批准文号; the certificate shows the photo and the number, and downloads as a PDF
// for its holder and no one else.
func TestCertificateAsIssued(t *testing.T) {
	w := newWorld(t)
	zs, sec := w.as("zhangsan"), w.as("secretary")
	app := w.submitted(zs)

	status, body := zs.postFile(app+"/photo", nil, "red.jpg", certificate.SamplePhoto(413, 579, color.RGBA{200, 30, 30, 255}))
	if status != 400 {
		t.Errorf("a red background: %d", status)
	}
	photoForm := regexp.MustCompile(`(?s)<form[^>]*id="photo-form".*?</form>`).FindString(body)
	mustShow(t, "a red background, at the field", photoForm, "照片背景须为蓝色或白色", `aria-invalid="true"`)
	status, body = zs.postFile(app+"/photo", nil, "me.jpg", certificate.SamplePhoto(413, 579, certificate.PhotoBlue))
	if status != 200 {
		t.Fatalf("a good photo: %d\n%.500s", status, body)
	}
	mustShow(t, "the photo", body, "证件照已上传", `src="`+app+`/photo"`, "更换证件照")
	if status, b := zs.get(app + "/photo"); status != 200 || !strings.HasPrefix(b, "\xff\xd8") {
		t.Errorf("the photo: %d", status)
	}
	if status, _ := w.as("lisi").get(app + "/photo"); status != 403 {
		t.Errorf("another applicant's photo: %d", status)
	}

	w.toCommittee(app)
	meeting := w.holdMeeting(sec, strings.TrimPrefix(app, "/applications/"))
	status, body = sec.post(meeting+"/approval", url.Values{"approval_no": {" "}})
	if status != 400 || !strings.Contains(body, "请填写批准文号") {
		t.Errorf("an empty 批准文号: %d", status)
	}
	status, body = sec.post(meeting+"/approval", url.Values{"approval_no": {"冀人社职改〔2027〕3号"}})
	if status != 200 {
		t.Fatalf("批准文号: %d", status)
	}
	mustShow(t, "批准文号", body, "批准文号已登记")
	w.as("admin").post("/admin/clock", url.Values{"days": {"20"}})
	m := regexp.MustCompile(`id="certificate-no">([^<]+)<`).FindStringSubmatch(w.act(sec, app, "grant"))
	if m == nil {
		t.Fatal("no certificate number after the grant")
	}
	number := m[1]
	if status, _ := zs.postFile(app+"/photo", nil, "me.jpg", certificate.SamplePhoto(413, 579, certificate.PhotoWhite)); status != 409 {
		t.Errorf("a new photo after the grant: %d", status)
	}

	_, body = zs.get("/certificates/" + number)
	mustShow(t, "the certificate", body, "冀人社职改〔2027〕3号", `id="cert-photo"`, `src="data:image/jpeg;base64,`)

	resp, pdf := download(t, zs, "/certificates/"+number+"/pdf")
	if resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "certificate-"+number+".pdf") {
		t.Errorf("the PDF: %s, %s, %.8q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), pdf)
	}
	if status, _ := w.as("lisi").get("/certificates/" + number + "/pdf"); status != 403 {
		t.Errorf("another applicant's PDF: %d", status)
	}
}
