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

// TestRecheckPages: 张三, failed by the meeting, asks for 复查 on the application's page (a
// reason is required, at its field); the committee's secretary takes it up and answers on
// the same page; 张三 reads the answer.
func TestRecheckPages(t *testing.T) {
	w := newWorld(t)
	zs, sec := w.as("zhangsan"), w.as("secretary")
	app := w.submitted(zs)
	w.toCommittee(app)
	id := strings.TrimPrefix(app, "/applications/")
	status, body := sec.post("/meetings", url.Values{"application_id": {id}})
	if status != 200 {
		t.Fatalf("meeting: %d", status)
	}
	meeting := strings.TrimPrefix(sec.last, w.ts.URL)
	present := url.Values{}
	for _, m := range regexp.MustCompile(`name="present" value="(\d+)"`).FindAllStringSubmatch(body, -1) {
		present.Add("present", m[1])
	}
	sec.post(meeting+"/attendance", present)
	sec.post(meeting+"/open", nil)
	w.as("expert2").post(meeting+"/scores", url.Values{"application_id": {id}, "method": {"业绩评审", "技能操作考核", "面试答辩"},
		"score.业绩评审": {"50"}, "score.技能操作考核": {"90"}, "score.面试答辩": {"90"}})
	sec.post(meeting+"/start", url.Values{"application_id": {id}})
	if status, _ = sec.post(meeting+"/close", nil); status != 200 {
		t.Fatalf("close: %d", status)
	}

	_, body = zs.get(app)
	mustShow(t, "the failed application", body, "评审未通过", "申请复查的理由", "30 日内申请复查")
	status, body = zs.post(app+"/rechecks", url.Values{"reason": {" "}})
	if status != 400 {
		t.Errorf("复查 without a reason: %d", status)
	}
	form := regexp.MustCompile(`(?s)<form[^>]*id="recheck-form".*?</form>`).FindString(body)
	mustShow(t, "the reason, at its field", form, "请写明申请复查的理由", `aria-invalid="true"`)
	_, body = zs.post(app+"/rechecks", url.Values{"reason": {"业绩评审评分与所附材料不符"}})
	mustShow(t, "the request", body, "复查申请已提交", "1 号复查：已申请", "业绩评审评分与所附材料不符")
	if strings.Contains(body, `id="recheck-form"`) {
		t.Errorf("a second request is offered while one is open")
	}

	_, body = sec.get(app)
	mustShow(t, "the secretary's page", body, "1 号复查：已申请", "复查中", "不予受理")
	sec.post(app+"/rechecks/1", url.Values{"to": {"accepted"}})
	status, body = sec.post(app+"/rechecks/1", url.Values{"to": {"maintained"}})
	if status != 400 || !strings.Contains(body, "「维持原评审结果」须说明理由") {
		t.Errorf("a conclusion without an answer: %d", status)
	}
	sec.post(app+"/rechecks/1", url.Values{"to": {"maintained"}, "note": {"经核对评分表，评分无误"}})
	_, body = zs.get(app)
	mustShow(t, "the answer", body, "1 号复查：维持原评审结果", "答复：经核对评分表，评分无误", "申请复查", "复查已受理")
}
