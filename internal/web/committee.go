package web

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// committeeSections are the committee secretary's work (三(一)6). The committee's decision
// is not typed in: it is the outcome of a review meeting's secret ballot (meeting.go), which
// takes it when the meeting closes; the grant after the result notice is a button of the
// application's page, as the service allows, or many at once from the result section.
var committeeSections = []section{
	{"review", "待评审", "职改办公示期满后提交的申报，按高技能人才组单独评审（三(一)6）。在下方安排评审会议，由专家评分、无记名投票。", "没有待评审的申报。",
		[]guantong.Stage{guantong.StageCommittee}, nil},
	{"result", "评审结果公示", "评审结果公示期满且异议均已处理后颁发证书，可勾选多项一次颁发。", "没有公示中的评审结果。",
		[]guantong.Stage{guantong.StageResultNotice}, []batchButton{{Action: workflow.Grant, Label: "所选颁发证书"}}},
	{"done", "已办结", "", "暂无。", nil, nil},
}

// committeePage is the data of templates/committee.html: the queue, the meetings, and the
// form that sets up the next one.
type committeePage struct {
	queuePage
	Meetings []service.MeetingSummary
	Waiting  []queueRow // awaiting review: the choices of the new meeting
	Errs     errs
	Board    *membersPage // the committee's members, read-only; nil when the user's organisation is no committee
}

// committeePage is GET /committee: what was sent to the user's committee, and its meetings.
func (s *Server) committeePage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleSecretary)
	if u == nil {
		return
	}
	s.committeeWith(w, r, u, http.StatusOK, nil, bulkOutcome{})
}

// committeeBatch is POST /committee/batch: grants many at once.
func (s *Server) committeeBatch(w http.ResponseWriter, r *http.Request) {
	s.batchPost([]string{guantong.RoleSecretary}, func(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, out bulkOutcome) {
		s.committeeWith(w, r, u, status, nil, out)
	})(w, r)
}

func (s *Server) committeeWith(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, es errs, out bulkOutcome) {
	ctx := r.Context()
	q, err := s.queue(r, u, "committee")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, q.Org, err = s.profile(ctx, u); err != nil {
		s.fail(w, r, err)
		return
	}
	meetings, err := s.svc.Meetings(ctx, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	board, err := s.membersData(ctx, u, u.OrgID)
	if err != nil && guantong.ErrorCode(err) != guantong.ENotFound {
		s.fail(w, r, err)
		return
	}
	q.BatchURL, q.Bulk = "/committee/batch", out
	q.keepComment()
	d := committeePage{queuePage: q, Meetings: meetings, Errs: es, Waiting: q.Sections[0].Rows, Board: board}
	s.render(w, r, status, "committee", page{Title: "评审工作台", Nav: "committee", Data: d})
}

// expertPage is GET /expert: the meetings an expert sits in.
func (s *Server) expertPage(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleExpert)
	if u == nil {
		return
	}
	meetings, err := s.svc.Meetings(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "expert", page{Title: "评审会议", Nav: "expert", Data: meetings})
}
