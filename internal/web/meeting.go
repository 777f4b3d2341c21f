package web

import (
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/service"
)

// A committee's review meeting (docs/committee.md): the secretary takes attendance, opens
// the meeting when it is quorate, starts and closes each applicant's secret ballot and closes
// the meeting, which takes each computed decision (pass, recognise, fail); the experts score
// and vote on the same page, each seeing only their own part. The service checks every step;
// the page offers the steps the meeting's state allows and shows the service's refusals.

// meetingPage is the data of templates/meeting.html.
type meetingPage struct {
	M       service.MeetingView
	Done    string
	Problem *problem
	Failed  int64 // the applicant whose form the errors belong to
	Errs    errs

	// Confirm is the applicant whose vote the expert is asked to confirm, with the choice
	// (yes, no, abstain) and its name: a vote is cast only from the confirmation's form, so
	// that one click never casts it, with or without JavaScript.
	Confirm    int64
	Choice     string
	ChoiceName string
}

// Secretary reports whether the user runs the meeting.
func (p *meetingPage) Secretary() bool { return p.M.Seat == service.SeatSecretary }

// Expert reports whether the user sits in the meeting as an expert.
func (p *meetingPage) Expert() bool { return p.M.Seat == service.SeatExpert }

// ExpertName names a member of the meeting.
func (p *meetingPage) ExpertName(id int64) string {
	for _, m := range p.M.Members {
		if m.ExpertID == id {
			return m.Name
		}
	}
	return "专家 " + strconv.FormatInt(id, 10)
}

// ErrFor returns the message for a field of an applicant's forms, if they failed.
func (p *meetingPage) ErrFor(app int64, field string) string {
	if p.Failed != app {
		return ""
	}
	return p.Errs[field]
}

// AllDecided reports whether every applicant is decided, so that the meeting may close.
func (p *meetingPage) AllDecided() bool {
	for _, a := range p.M.Applicants {
		if a.Status != "decided" {
			return false
		}
	}
	return true
}

// ScoreOf is the expert's own score of a method, as entered.
func ScoreOf(a service.MeetingApplicant, method string) string {
	if a.You == nil {
		return ""
	}
	for _, sc := range a.You.Scores {
		if sc.Method == method {
			return sc.Points.String()
		}
	}
	return ""
}

// stepNames say what a step did, for the message after it.
var stepNames = map[string]string{
	"attendance": "签到已保存", "open": "会议已开始", "cancel": "会议已取消", "conflict": "回避已登记",
	"scores": "评分已保存", "start": "投票已开始", "vote": "已投票", "close-vote": "投票已结束", "close": "会议已结束，评审结果已生效",
	"approval": "批准文号已登记，将印在本次会议通过人员的职称证书上",
}

// meetingView is GET /meetings/{id}.
func (s *Server) meetingView(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	m, err := s.svc.Meeting(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &meetingPage{M: m, Done: stepNames[r.URL.Query().Get("done")]}
	s.renderMeeting(w, r, http.StatusOK, p)
}

func (s *Server) renderMeeting(w http.ResponseWriter, r *http.Request, status int, p *meetingPage) {
	nav := "committee"
	if p.Expert() {
		nav = "expert"
	}
	s.render(w, r, status, "meeting", page{Title: "评审会议 " + strconv.FormatInt(p.M.ID, 10), Nav: nav, Data: p})
}

// createMeeting is POST /meetings: the secretary sets up a meeting for the applications
// ticked (none: all awaiting review).
func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleSecretary)
	if u == nil {
		return
	}
	if !s.readForm(w, r, 64<<10) {
		return
	}
	f := r.PostForm
	in := service.NewMeeting{Place: strings.TrimSpace(f.Get("place"))}
	var es errs
	if typed := strings.TrimSpace(f.Get("held_on")); typed != "" {
		d, msg := parseDate(typed)
		if msg != "" {
			es = errs{"held_on": msg}
		}
		in.HeldOn = d
	}
	for _, raw := range f["application_id"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			in.ApplicationIDs = append(in.ApplicationIDs, id)
		}
	}
	var m service.MeetingView
	var err error
	if es == nil {
		m, err = s.svc.CreateMeeting(r.Context(), u, in)
		if err == nil {
			http.Redirect(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10), http.StatusSeeOther)
			return
		}
		var prob *problem
		var ok bool
		if es, prob, ok = fieldErrs(err); !ok {
			s.fail(w, r, err)
			return
		}
		if prob != nil {
			es = errs{"meeting": prob.Message}
		}
	}
	s.committeeWith(w, r, u, http.StatusUnprocessableEntity, es, bulkOutcome{})
}

// meetingStep is POST /meetings/{id}/{step}: one step of the meeting, by the secretary or an
// expert, as the service allows it.
func (s *Server) meetingStep(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	if !s.readForm(w, r, 64<<10) {
		return
	}
	f := r.PostForm
	step := r.PathValue("step")
	app, _ := strconv.ParseInt(f.Get("application_id"), 10, 64)
	ctx := r.Context()
	var err error
	switch step {
	case "attendance":
		var present []int64
		for _, raw := range f["present"] {
			if e, perr := strconv.ParseInt(raw, 10, 64); perr == nil {
				present = append(present, e)
			}
		}
		_, err = s.svc.SetAttendance(ctx, u, id, present)
	case "open":
		_, err = s.svc.OpenMeeting(ctx, u, id)
	case "cancel":
		_, err = s.svc.CancelMeeting(ctx, u, id)
	case "conflict":
		expert, _ := strconv.ParseInt(f.Get("expert_id"), 10, 64)
		_, err = s.svc.DeclareConflict(ctx, u, id, service.ConflictInput{ApplicationID: app, ExpertID: expert, Reason: f.Get("reason")})
	case "scores":
		err = s.enterScores(r, u, id, app)
	case "start":
		_, err = s.svc.StartVote(ctx, u, id, app)
	case "vote":
		if f.Get("confirm") != "1" {
			s.confirmVote(w, r, u, id, app, f.Get("choice"))
			return
		}
		_, err = s.svc.CastBallot(ctx, u, id, app, f.Get("choice"))
	case "close-vote":
		_, err = s.svc.CloseVote(ctx, u, id, app)
	case "close":
		_, err = s.svc.CloseMeeting(ctx, u, id)
	case "approval":
		_, err = s.svc.RecordApproval(ctx, u, id, f.Get("approval_no"))
	default:
		s.notFound(w, r)
		return
	}
	if err == nil {
		to := "/meetings/" + strconv.FormatInt(id, 10) + "?done=" + step
		if app != 0 {
			to += "#app-" + strconv.FormatInt(app, 10)
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	es, prob, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return
	}
	m, merr := s.svc.Meeting(ctx, u, id)
	if merr != nil {
		s.fail(w, r, merr)
		return
	}
	if prob == nil && es != nil && app == 0 {
		prob = &problem{Message: joinErrs(es)}
	}
	s.renderMeeting(w, r, guantong.HTTPStatus(err), &meetingPage{M: m, Problem: prob, Failed: app, Errs: es})
}

// enterScores reads an expert's scores of one applicant: a field per method, "85.5".
func (s *Server) enterScores(r *http.Request, u *guantong.User, id, app int64) error {
	in := service.ScoreInput{ApplicationID: app, Replace: r.PostForm.Get("replace") != ""}
	var es guantong.FieldErrors
	for _, method := range r.PostForm["method"] {
		typed := strings.TrimSpace(r.PostForm.Get("score." + method))
		if typed == "" {
			continue
		}
		p, err := committee.ParsePoints(typed)
		if err != nil {
			es.Add("score."+method, "%s", err.Error())
			continue
		}
		in.Scores = append(in.Scores, service.ScoreEntry{Method: method, Points: p})
	}
	if err := es.Err(); err != nil {
		return err
	}
	_, err := s.svc.EnterScores(r.Context(), u, id, in)
	return err
}

// confirmVote shows the meeting with the expert's choice on an applicant to confirm or
// change: the first step of a vote.
func (s *Server) confirmVote(w http.ResponseWriter, r *http.Request, u *guantong.User, id, app int64, choice string) {
	m, err := s.svc.Meeting(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &meetingPage{M: m}
	c, ok := committee.ParseChoice(choice)
	if !ok {
		p.Failed, p.Errs = app, errs{"choice": "请选择同意、不同意或弃权"}
		s.renderMeeting(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	p.Confirm, p.Choice, p.ChoiceName = app, c.String(), c.Name()
	s.renderMeeting(w, r, http.StatusOK, p)
}
