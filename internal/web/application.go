package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/policy"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// The page of one application, the same for every role: what is applied for, the engine's
// answer beside the evidence, the notices, the objections (for those who decide them), every
// event of its history, and the buttons of exactly the actions the service allows this user
// now (View.Actions).

// appPage is the data of templates/application.html.
type appPage struct {
	V             service.View
	What          string // 工程系列 中级职称
	Doc           *docView
	Check         *optionView // the engine's answer stored at submission
	Conditions    []noteView  // before submission: what the plan asks of the option applied for
	CheckAsOf     string
	CheckPolicy   string
	Warnings      []string
	Files         []guantong.File
	Achievements  []guantong.AchievementRecord // skill contributions (三(一)3), title applications only
	AchTypes      []string                     // the twelve types, for the form
	Events        []eventView
	Objections    []guantong.Objection
	SeeObjections bool
	Panel         []actionForm // actions taken with the common form: one button each
	NoteField     bool         // the common form has a 意见 field
	Records       []actionForm // record_theory, record_practical: their own forms
	Decide        []workflow.Action
	Editable      bool
	CanRevealID   bool        // the 职改办, HR or secretary may ask for the full ID number
	FullID        string      // the full ID number, asked for just now (and audited)
	Photo         photoView   // the holder's photo for the certificate, title applications
	Recheck       recheckView // 复查 of the committee's result, title applications
	Today         guantong.Date
	wf            policy.Workflow // notice lengths and the fraud bar, for the hints

	Done    string   // the action just taken, for the message at the top
	Problem *problem // an error shown above the application
	Failed  string   // the form the field errors belong to: an action, "objection-N" or "upload"
	Errs    errs
	Note    string     // what was typed in the failed form's 意见
	Typed   url.Values // what was typed in the failed form, for forms of several fields
}

// actionForm is one action the user may take, with what the page says beside its button.
type actionForm struct {
	Action workflow.Action
	Name   string
	Hint   string
	Danger bool // ends or sends back the application
}

// applicationPage is GET /applications/{id}.
func (s *Server) applicationPage(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	p, err := s.appPage(r, u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if a, ok := workflow.ParseAction(r.URL.Query().Get("done")); ok {
		p.Done = a.Name()
	} else if d, ok := doneMessages[r.URL.Query().Get("done")]; ok {
		p.Done = d
	}
	s.renderApp(w, r, http.StatusOK, p)
}

// doneMessages say what a form other than an action's just did.
var doneMessages = map[string]string{"created": "草稿已保存", "saved": "修改已保存", "uploaded": "材料已上传", "photo": "证件照已上传",
	"recheck": "复查申请已提交", "recheck-step": "复查已办理",
	"achievement": "业绩成果已添加", "unachievement": "业绩成果已删除"}

func (s *Server) renderApp(w http.ResponseWriter, r *http.Request, status int, p *appPage) {
	s.render(w, r, status, "application", page{Title: "申报 " + strconv.FormatInt(p.V.ID, 10) + " · " + p.What, Data: p})
}

// appPage reads everything the page shows, as u may see it.
func (s *Server) appPage(r *http.Request, u *guantong.User, id int64) (*appPage, error) {
	ctx := r.Context()
	v, err := s.svc.Application(ctx, u, id)
	if err != nil {
		return nil, err
	}
	p := &appPage{V: v, What: s.what(v.Application), Doc: s.docView(v.Document), Today: s.svc.Today(),
		wf: s.eng().Params().Workflow, CanRevealID: service.CanSeeFullID(u, &v.Application)}
	if v.Check == nil {
		p.Conditions = s.conditions(v.Application)
	}
	if c := v.Check; c != nil {
		ov := s.optionView(c.Option, c.AsOf)
		p.Check, p.CheckAsOf, p.CheckPolicy = &ov, c.AsOf.String(), s.policyName(c.Policy)
		for _, w := range c.Warnings {
			p.Warnings = append(p.Warnings, warningText(w))
		}
	}
	if p.Files, err = s.svc.Files(ctx, u, id); err != nil {
		return nil, err
	}
	if v.Kind == guantong.KindTitle {
		if p.Achievements, err = s.svc.Achievements(ctx, u, id); err != nil {
			return nil, err
		}
		p.AchTypes = committee.AchievementTypes
		if p.Photo, err = s.photoView(r, u, v); err != nil {
			return nil, err
		}
		if p.Recheck, err = s.recheckView(r, u, v.Application); err != nil {
			return nil, err
		}
	}
	events, err := s.svc.Events(ctx, u, id)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		p.Events = append(p.Events, eventOf(e))
	}
	p.Objections, err = s.svc.Objections(ctx, u, id)
	switch guantong.ErrorCode(err) {
	case "":
		p.SeeObjections = true
	case guantong.EForbidden: // the applicant and the employer see the events only
	default:
		return nil, err
	}
	p.forms()
	return p, nil
}

// forms sorts the actions the service allows into the page's forms.
func (p *appPage) forms() {
	for _, a := range p.V.Actions {
		switch a {
		case workflow.Uphold, workflow.Dismiss:
			p.Decide = append(p.Decide, a)
		case workflow.RecordTheory, workflow.RecordPractical:
			if a == workflow.RecordTheory && p.V.ExemptTheory {
				continue // exempt (三(二)3): the facts say so; the service would refuse
			}
			p.Records = append(p.Records, actionForm{Action: a, Name: a.Name(), Hint: p.hint(a)})
		default:
			p.Panel = append(p.Panel, actionForm{Action: a, Name: a.Name(), Hint: p.hint(a), Danger: slices.Contains(dangerous, a)})
			if a != workflow.Submit && a != workflow.Withdraw {
				p.NoteField = true
			}
		}
	}
	p.Editable = slices.Contains(p.V.Actions, workflow.Submit) // a draft or returned application of one's own
}

// dangerous actions end an application or send it back; their buttons stand apart.
var dangerous = []workflow.Action{workflow.Withdraw, workflow.Return, workflow.Reject, workflow.Fail, workflow.Revoke}

// hint says what an action does, in the words of the plan and with the dates that apply.
func (p *appPage) hint(a workflow.Action) string {
	app := &p.V.Application
	switch a {
	case workflow.Submit:
		return "提交时系统按今天（" + p.Today.String() + "）的条件审查；不符合条件的不能提交，页面会列出未满足的条件和依据的条款。"
	case workflow.Withdraw:
		return "撤回后本申报终止，不能恢复。"
	case workflow.Recommend:
		return "推荐后报送职改办进行资格审核（三(一)5）。"
	case workflow.Return:
		if app.Stage == guantong.StageRecommended {
			return "退回用人单位，须在“意见”中说明理由。"
		}
		return "退回申报人修改，须在“意见”中说明理由。"
	case workflow.Approve:
		return fmt.Sprintf("资格审核通过，即日在公示栏公示，公示期为其后 %d 个法定工作日（三(一)5）。", p.wf.NoticeWorkdays)
	case workflow.Reject:
		return "资格审核不通过，申报终止，须在“意见”中说明理由。"
	case workflow.Send:
		if n := app.Notice; n != nil {
			return "公示期 " + n.From.String() + " 至 " + n.Until.String() + "；期满且异议均已处理后，提交评委会在高技能人才组评审（三(一)6）。"
		}
		return "公示期满且异议均已处理后，提交评委会评审。"
	case workflow.Pass:
		return fmt.Sprintf("评审通过（申报评审），即日公示评审结果，公示期为其后 %d 个工作日。", p.wf.ResultNoticeWorkdays)
	case workflow.Recognise:
		return "直接认定（绿色通道申报，三(一)4），即日公示评审结果。"
	case workflow.Fail:
		return "评审未通过，须在“意见”中说明理由。"
	case workflow.Grant:
		if n := app.ResultNotice; n != nil {
			return "评审结果公示期 " + n.From.String() + " 至 " + n.Until.String() + "；期满且异议均已处理后颁发证书，系统生成证书编号。"
		}
		return "评审结果公示期满后颁发证书。"
	case workflow.RecordTheory:
		return "理论知识考试成绩（三(二)3）。"
	case workflow.RecordPractical:
		return "操作技能考核成绩；各项成绩齐全后自动判定是否合格。"
	case workflow.Issue:
		return "颁发证书，系统按本机构前缀生成证书编号。"
	case workflow.Register:
		return "证书上网登记后，公众可查验。"
	case workflow.Revoke:
		return fmt.Sprintf("因弄虚作假撤销证书，持证人 %d 年内不得申报（五），须在“意见”中说明理由。", p.wf.FraudBarYears)
	}
	return ""
}

// act is POST /applications/{id}/act: one action, named by the button pressed, with the
// version the page was showing. Success goes back to the application (303); an error is
// shown on the application as it is now: the engine's reasons (422), a field error next to
// its field (400), or, when someone else acted first, "该申报已被他人处理，请刷新后重试" (409).
func (s *Server) act(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	if !s.readForm(w, r, 64<<10) {
		return
	}
	f := r.PostForm
	version, _ := strconv.Atoi(f.Get("version"))
	in := workflow.Input{Action: workflow.Action(f.Get("action")), Note: strings.TrimSpace(f.Get("note"))}
	in.ObjectionID, _ = strconv.ParseInt(f.Get("objection_id"), 10, 64)
	switch f.Get("passed") {
	case "yes":
		in.Passed = ptr(true)
	case "no":
		in.Passed = ptr(false)
	}
	if sc := strings.TrimSpace(f.Get("score")); sc != "" {
		if v, err := strconv.ParseFloat(sc, 64); err == nil {
			in.Score = &v
		} else {
			in.Score = ptr(-1.0) // the service says what a score must be
		}
	}
	_, err := s.svc.Act(r.Context(), u, id, version, in)
	if err == nil {
		http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done="+string(in.Action), http.StatusSeeOther)
		return
	}
	failed := string(in.Action)
	if in.ObjectionID != 0 {
		failed = "objection-" + strconv.FormatInt(in.ObjectionID, 10)
	}
	s.showError(w, r, u, id, version, failed, url.Values{"note": {in.Note}}, err)
}

// showFormError shows err on the application as it is now, with what was typed in the form
// named failed kept in it.
func (s *Server) showFormError(w http.ResponseWriter, r *http.Request, u *guantong.User, id int64, failed string, typed url.Values, err error) {
	s.showError(w, r, u, id, 0, failed, typed, err)
}

// showError shows err on the application as it is now: field errors at the fields of the
// form that failed, and above the application those of fields that form does not show.
// version is the one the form was sent with (0: none), to tell a stale page.
func (s *Server) showError(w http.ResponseWriter, r *http.Request, u *guantong.User, id int64, version int, failed string, typed url.Values, err error) {
	es, prob, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return
	}
	p, perr := s.appPage(r, u, id)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	status := guantong.HTTPStatus(err)
	if guantong.ErrorCode(err) == guantong.EConflict && version != 0 && version != p.V.Version {
		prob = &problem{Message: "该申报已被他人处理，请刷新后重试。下面是它现在的状态：" + p.V.StageName + "。", Stale: true}
	} else if prob == nil && len(es) > 0 && !showsAny(failed, es) {
		prob = &problem{Message: joinErrs(es)} // a field this form does not show
	}
	p.Problem, p.Errs, p.Failed = prob, es, failed
	if !p.Problem.isStale() {
		p.Note, p.Typed = typed.Get("note"), typed
	}
	s.renderApp(w, r, status, p)
}

// formFields are the fields at which a form of the page shows its errors; the action forms
// show note, passed and score.
var formFields = map[string][]string{
	"upload":      {"file"},
	"achievement": {"type", "title", "date", "level", "role", "file_id"},
	"photo":       {"photo"},
	"recheck":     {"reason"},
}

// showsAny reports whether the form named failed shows an error of es at one of its fields.
func showsAny(failed string, es errs) bool {
	fields, ok := formFields[failed]
	if !ok {
		fields = []string{"note", "passed", "score"}
	}
	return slices.ContainsFunc(fields, func(f string) bool { return es[f] != "" })
}

func (p *problem) isStale() bool { return p != nil && p.Stale }

func joinErrs(es errs) string {
	var out []string
	for f, m := range es {
		if strings.HasPrefix(f, "person") { // the document's problem, said by row and field
			m = pathWords(f) + "：" + messageText(m)
		}
		out = append(out, m)
	}
	slices.Sort(out)
	return strings.Join(out, "；")
}

// upload is POST /applications/{id}/files: one piece of evidence, checked by the service.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	s.uploaded(w, r, "upload", "file", "请选择要上传的文件", "uploaded#evidence", s.svc.AddFile)
}

// uploaded reads the multipart "file" posted to the application at {id} and hands it to
// keep (AddFile, SetPhoto); then the page again with the message done (and its anchor), or
// the form named form with the refusal at field (none chosen: missing).
func (s *Server) uploaded(w http.ResponseWriter, r *http.Request, form, field, missing, done string,
	keep func(ctx context.Context, u *guantong.User, id int64, name string, data []byte) (guantong.File, error)) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	name, data, problem := readUpload(w, r)
	var err error
	if problem == "" && data == nil {
		problem = missing
	}
	if problem != "" {
		err = guantong.FieldErrors{{Field: field, Message: problem}}
	} else {
		_, err = keep(r.Context(), u, id, name, data)
	}
	if err == nil {
		http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
		return
	}
	s.showFormError(w, r, u, id, form, nil, err)
}

// download is GET /applications/{id}/files/{file}: evidence, always as an attachment with
// its stored type, never shown inline.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	id, ok1 := pathID(r, "id")
	fid, ok2 := pathID(r, "file")
	if !ok1 || !ok2 {
		s.notFound(w, r)
		return
	}
	f, data, err := s.svc.File(r.Context(), u, id, fid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	attach(w, f.Name, f.Type, data)
}

// pathID reads a positive integer from the path.
func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

func ptr[T any](v T) *T { return &v }

// ErrFor returns the message for field of the form named form, if that form failed: "panel"
// is the common form, otherwise an action (record_theory), "objection-N" or "upload".
func (p *appPage) ErrFor(form, field string) string {
	if !p.failedForm(form) {
		return ""
	}
	return p.Errs[field]
}

// TypedFor returns what was typed in field of the form named form, if that form failed.
func (p *appPage) TypedFor(form, field string) string {
	if !p.failedForm(form) {
		return ""
	}
	return p.Typed.Get(field)
}

// FileName names an uploaded file of the application, for an achievement's evidence.
func (p *appPage) FileName(id int64) string {
	for _, f := range p.Files {
		if f.ID == id {
			return f.Name
		}
	}
	return "证明材料 " + strconv.FormatInt(id, 10)
}

// NoteFor returns the note typed in the form named form, if that form failed.
func (p *appPage) NoteFor(form string) string {
	if !p.failedForm(form) {
		return ""
	}
	return p.Note
}

func (p *appPage) failedForm(form string) bool {
	if form == "panel" {
		return slices.ContainsFunc(p.Panel, func(f actionForm) bool { return string(f.Action) == p.Failed })
	}
	return form == p.Failed
}

// Decidable reports whether the objection can be decided on this page now: it is open, of
// the notice running, and the service allows this user to decide.
func (p *appPage) Decidable(o guantong.Objection) bool {
	return len(p.Decide) > 0 && o.Status == guantong.ObjectionOpen && o.Notice == p.V.Stage
}
