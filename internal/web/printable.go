package web

import (
	"net/http"
	"strconv"

	"guantong"
	"guantong/internal/service"
)

// Printable documents (issue 12 item 6), each an A4 sheet (.paper in site.css) that the
// browser prints or saves as a PDF: the application's 评审表, the employer's 推荐表 and the
// meeting's record. The result notice is the 评审结果公示 of notices.go.

// printPage is the data of the application's printable documents: its page's data, and for
// the 推荐表 the employer's recommendation as recorded.
type printPage struct {
	*appPage
	Recommended *eventView
}

// reviewFormPage is GET /applications/{id}/review-form: the 评审表, everything the committee
// reads, for anyone who may see the application.
func (s *Server) reviewFormPage(w http.ResponseWriter, r *http.Request) {
	s.printApp(w, r, "reviewform", "职称评审表")
}

// recommendFormPage is GET /applications/{id}/recommend-form: the employer's 推荐表 with the
// recommendation as the audit record has it.
func (s *Server) recommendFormPage(w http.ResponseWriter, r *http.Request) {
	s.printApp(w, r, "recommendform", "职称申报单位推荐表")
}

func (s *Server) printApp(w http.ResponseWriter, r *http.Request, name, title string) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	p, err := s.appPage(r, u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := printPage{appPage: p}
	for i := range p.Events {
		if p.Events[i].What == "单位推荐" {
			d.Recommended = &p.Events[i] // the last recommendation stands
		}
	}
	s.render(w, r, http.StatusOK, name, page{Title: title + " · 申报 " + strconv.FormatInt(id, 10), Data: d})
}

// meetingRecordPage is GET /meetings/{id}/record: the meeting's record for the secretary and
// the admin: attendance, quorum, each applicant's score summary and vote counts. The service's
// view of a meeting holds no expert's vote, so neither does the record.
func (s *Server) meetingRecordPage(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	m, err := s.svc.Meeting(r.Context(), u, id)
	if err == nil && m.Seat != service.SeatSecretary && m.Seat != service.SeatAdmin {
		err = guantong.Errorf(guantong.EForbidden, "会议记录只有评委会秘书和管理员可以打印")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meetingrecord", page{Title: "评审会议记录 " + strconv.FormatInt(id, 10), Nav: "committee", Data: m})
}
