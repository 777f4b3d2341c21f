package api_test

import (
	"fmt"
	"image/color"
	"io"
	"net/http"
	"strings"
	"testing"

	"guantong/internal/certificate"
	"guantong/internal/store/storetest"
)

// TestPhotoRecheckAndApproval over HTTP: the applicant's photo (a red background refused),
// a meeting that fails 张三, his 复查 through its stages, and the 批准文号 refused on a
// meeting that passed no one.
func TestPhotoRecheckAndApproval(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	zs := w.toCommittee(t, "zhangsan", "hr", zhangsanDoc, "中级")
	photo := fmt.Sprintf("/api/v1/applications/%d/photo", zs)
	w.uploadTo("zhangsan", photo, "red.jpg", certificate.SamplePhoto(413, 579, color.RGBA{200, 30, 30, 255}), 400, nil)
	var f struct{ Type string }
	w.uploadTo("zhangsan", photo, "me.jpg", certificate.SamplePhoto(413, 579, certificate.PhotoWhite), 201, &f)
	if f.Type != "image/jpeg" {
		t.Errorf("the photo kept as %q", f.Type)
	}
	w.uploadTo("hr", photo, "me.jpg", certificate.SamplePhoto(413, 579, certificate.PhotoWhite), 403, nil)

	var m meeting
	w.call("secretary", "POST", "/api/v1/meetings", map[string]any{}, 201, &m)
	var present []int64
	for _, mb := range m.Members {
		present = append(present, mb.ExpertID)
	}
	w.meetingAct("secretary", m.ID, "attendance", map[string]any{"present": present}, 200)
	w.meetingAct("secretary", m.ID, "open", nil, 200)
	w.meetingAct("expert2", m.ID, "scores", map[string]any{"application_id": zs, "scores": []map[string]any{
		{"method": "业绩评审", "points": 50}, {"method": "技能操作考核", "points": 90}, {"method": "面试答辩", "points": 90}}}, 200)
	w.meetingAct("secretary", m.ID, fmt.Sprintf("applicants/%d/start-vote", zs), nil, 200)
	w.meetingAct("secretary", m.ID, "close", nil, 200)
	w.meetingAct("secretary", m.ID, "approval", map[string]any{"approval_no": "冀人社职改〔2027〕3号"}, 409) // no one passed

	rechecks := fmt.Sprintf("/api/v1/applications/%d/rechecks", zs)
	w.call("zhangsan", "POST", rechecks, map[string]any{"reason": ""}, 400, nil)
	var c struct {
		ID    int64
		Stage string
		Note  string
	}
	w.call("zhangsan", "POST", rechecks, map[string]any{"reason": "业绩评审评分与材料不符"}, 201, &c)
	if c.Stage != "requested" {
		t.Errorf("复查 %+v", c)
	}
	w.call("zhangsan", "POST", rechecks, map[string]any{"reason": "again"}, 409, nil)
	step := fmt.Sprintf("/api/v1/rechecks/%d", c.ID)
	w.call("zhangsan", "POST", step, map[string]any{"to": "accepted"}, 403, nil)
	w.call("secretary", "POST", step, map[string]any{"to": "accepted"}, 200, &c)
	w.call("secretary", "POST", step, map[string]any{"to": "revised"}, 400, nil)
	w.call("secretary", "POST", step, map[string]any{"to": "revised", "note": "面试答辩评分漏计，提交评委会重新评审"}, 200, &c)
	var list []struct{ Stage, Note string }
	w.call("zhangsan", "GET", rechecks, nil, 200, &list)
	if len(list) != 1 || list[0].Stage != "revised" || list[0].Note == "" {
		t.Errorf("the applicant's 复查: %+v", list)
	}
}

// pdfOf fetches a certificate's PDF as user.
func (w *world) pdfOf(user, number string, want int) []byte {
	w.t.Helper()
	req, _ := http.NewRequest("GET", w.srv.URL+"/api/v1/certificates/"+number+"/pdf", nil)
	req.Header.Set("Authorization", "Bearer "+w.as(user))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		w.t.Fatalf("GET %s pdf: %d, want %d", number, resp.StatusCode, want)
	}
	if want == 200 && (resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(b), "%PDF-")) {
		w.t.Errorf("not a PDF: %s", resp.Header.Get("Content-Type"))
	}
	return b
}
