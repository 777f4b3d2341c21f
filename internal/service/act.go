package service

import (
	"context"
	"encoding/json"
	"slices"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Act takes one step on an application for u: submit, recommend, return, approve, reject,
// uphold, dismiss, send, grant, record_theory, record_practical, issue, register, revoke or
// withdraw (workflow.Actions). version must be the one u last read: a stale one is
// EConflict and changes nothing.
//
// The committee's decisions, pass, recognise and fail, are refused (EForbidden): they are
// computed from a review meeting's secret ballot and taken by CloseMeeting, never typed in.
//
// Everything happens in one transaction: read the application, check u's rights and the
// stage (workflow.Apply), run the engine on submission (an ineligible level is
// *guantong.Ineligible with the engine's reasons), route it, number a certificate, bar a
// person whose grant is revoked, write with the version check, and append the step to the
// audit log.
func (s *Service) Act(ctx context.Context, u *guantong.User, id int64, version int, in workflow.Input) (View, error) {
	if err := signedIn(u); err != nil {
		return View{}, err
	}
	if _, ok := workflow.ParseAction(string(in.Action)); !ok {
		return View{}, guantong.FieldErrors{{Field: "action", Message: "未知操作 " + string(in.Action)}}
	}
	if byMeeting(in.Action) {
		return View{}, guantong.Errorf(guantong.EForbidden,
			"「%s」由评审会议的无记名投票结果产生，不能手工录入（职称评审管理暂行规定；见 docs/committee.md）", in.Action.Name())
	}
	var next guantong.Application
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, version)
		if err != nil {
			return err
		}
		next, err = s.step(ctx, tx, u, app, in, map[string]any{})
		return err
	})
	if err != nil {
		return View{}, err
	}
	s.wakeMailer()
	return s.view(ctx, u, next)
}

// byMeeting reports whether an action is a committee's decision, which only a review
// meeting's outcome takes.
func byMeeting(a workflow.Action) bool {
	return a == workflow.Pass || a == workflow.Recognise || a == workflow.Fail
}

// allowed is workflow.Allowed without the decisions only a meeting takes: what a page may
// offer u.
func allowed(u *guantong.User, app *guantong.Application) []workflow.Action {
	out := []workflow.Action{}
	for _, a := range workflow.Allowed(u, app) {
		if !byMeeting(a) {
			out = append(out, a)
		}
	}
	return out
}

// step takes one step on app, as read in tx, for u: workflow.Apply, the step's effects, the
// write with app's version and the audit row, whose payload starts from extra.
func (s *Service) step(ctx context.Context, tx *store.Tx, u *guantong.User, app guantong.Application, in workflow.Input, extra map[string]any) (guantong.Application, error) {
	objections, err := tx.Objections(ctx, app.ID)
	if err != nil {
		return app, err
	}
	today := s.Today()
	wf := s.params()
	next, err := workflow.Apply(app, u, in, workflow.Facts{
		Today:                today,
		NoticeWorkdays:       wf.NoticeWorkdays,
		ResultNoticeWorkdays: wf.ResultNoticeWorkdays,
		AddWorkdays:          s.cal.AddWorkdays,
		Objections:           objections,
		TheoryPassMark:       wf.PassMark.Theory,
		PracticalPassMark:    wf.PassMark.Practical,
	})
	if err != nil {
		return app, err
	}
	if err := s.effects(ctx, tx, u, &next, in, today, extra); err != nil {
		return app, err
	}
	next.UpdatedAt = s.now().UTC()
	if next.Stage != app.Stage { // the days in each stage of the statistics
		if err := tx.RecordSpell(ctx, app, next.UpdatedAt); err != nil {
			return app, err
		}
	}
	if err := tx.UpdateApplication(ctx, &next, app.Version); err != nil {
		return app, err
	}
	if err := s.notify(ctx, tx, u, app.Stage, &next); err != nil {
		return app, err
	}
	extra["from"], extra["to"], extra["version"] = app.Stage, next.Stage, next.Version
	if in.Note != "" {
		extra["note"] = in.Note
	}
	return next, s.audit(ctx, tx, u, string(in.Action), subjectOf("application", app.ID), extra)
}

// effects does what a step changes beyond the application's own fields, and records in
// extra what the audit row should carry.
func (s *Service) effects(ctx context.Context, tx *store.Tx, u *guantong.User, app *guantong.Application, in workflow.Input, today guantong.Date, extra map[string]any) error {
	switch in.Action {
	case workflow.Submit:
		if err := s.submit(ctx, tx, app, today); err != nil {
			return err
		}
		extra["check"] = map[string]any{"as_of": app.Check.AsOf, "policy": app.Check.Policy, "eligible": app.Check.Option.Eligible,
			"authority": app.Check.Option.Authority}
		extra["office_id"], extra["evaluator_id"], extra["exempt_theory"] = app.OfficeID, app.EvaluatorID, app.ExemptTheory
	case workflow.PublishInternal:
		extra["internal_notice"] = app.InternalNotice
	case workflow.Approve:
		extra["notice"] = app.Notice
	case workflow.Send:
		c, err := tx.CommitteeFor(ctx, app.Series, app.Level.Title)
		if err != nil {
			return missing(err)
		}
		app.CommitteeID = c.ID
		extra["committee_id"], extra["review_group"] = c.ID, app.ReviewGroup
	case workflow.Pass, workflow.Recognise, workflow.Fail:
		extra["decision"], extra["result_notice"] = app.Decision, app.ResultNotice
	case workflow.Uphold, workflow.Dismiss:
		o := guantong.Objection{ID: in.ObjectionID, Status: guantong.ObjectionDismissed, Note: in.Note, DecidedBy: u.Actor(), DecidedAt: s.now().UTC()}
		if in.Action == workflow.Uphold {
			o.Status = guantong.ObjectionUpheld
		}
		if err := tx.DecideObjection(ctx, &o); err != nil {
			return err
		}
		extra["objection_id"], extra["objection"] = o.ID, o.Status
	case workflow.RecordTheory, workflow.RecordPractical:
		extra["theory"], extra["practical"] = app.Theory, app.Practical
	case workflow.Grant, workflow.Issue:
		number, err := s.number(ctx, tx, app, today.Year())
		if err != nil {
			return err
		}
		app.Certificate = number
		extra["certificate_no"] = app.Certificate
	case workflow.Register:
		extra["certificate_no"] = app.Certificate
	case workflow.Revoke:
		p, err := tx.Applicant(ctx, app.PersonID)
		if err != nil {
			return err
		}
		until := today.AddYears(s.params().FraudBarYears)
		if until.After(p.BarredUntil) {
			p.BarredUntil = until
		}
		p.BarReason = "证书 " + app.Certificate + " 因弄虚作假于 " + today.String() + " 被撤销：" + in.Note
		if err := tx.UpdateApplicant(ctx, &p, p.Version); err != nil {
			return err
		}
		extra["certificate_no"], extra["barred_until"] = app.Certificate, p.BarredUntil
		if _, err := tx.Audit(ctx, s.now(), u.Actor(), "bar", subjectOf("person", p.ID), mustJSON(map[string]any{
			"barred_until": p.BarredUntil, "reason": p.BarReason, "application_id": app.ID})); err != nil {
			return err
		}
	}
	return nil
}

// submit runs the engine on the application as of today and routes it. A level the engine
// finds ineligible, or a person barred for fraud, is *guantong.Ineligible with the reasons.
func (s *Service) submit(ctx context.Context, tx *store.Tx, app *guantong.Application, today guantong.Date) error {
	p, err := tx.Applicant(ctx, app.PersonID)
	if err != nil {
		return err
	}
	if err := s.notBarred(&p); err != nil {
		return err
	}
	emp, err := tx.Organisation(ctx, p.EmployerID)
	if err != nil {
		return err
	}
	app.EmployerID = emp.ID
	req, err := s.request(app, &p, &emp)
	if err != nil {
		return err
	}
	req.AsOf = today
	answer := s.set().Check(req) // the policy in force on the day of submission; the record names it
	var opt guantong.Option
	var found bool
	if app.Kind == guantong.KindTitle {
		opt, found = answer.Find(app.Route, app.Series, app.Level.String())
	} else {
		opt, found = answer.FindSkill(app.OccupationCode, app.Level.String())
	}
	if !found {
		return &guantong.Ineligible{Message: "按所填情况，方案未为申报人列出「" + s.describe(app) + "」这一选项", Reasons: []guantong.Reason{}}
	}
	if !opt.Eligible {
		return &guantong.Ineligible{Message: "申报人于 " + today.String() + " 尚不符合「" + s.describe(app) + "」的申报条件", Reasons: opt.Reasons}
	}
	app.Check = &guantong.CheckRecord{AsOf: answer.AsOf, Policy: answer.Policy, Option: opt, Warnings: answer.Warnings}
	if app.Check.Warnings == nil {
		app.Check.Warnings = []string{}
	}
	if app.Kind == guantong.KindTitle {
		office, err := tx.OfficeFor(ctx, emp.Region)
		if err != nil {
			return missing(err)
		}
		app.OfficeID = office.ID
		return nil
	}
	app.ExemptTheory = slices.Contains(opt.Exempt, guantong.ExemptTheoryExam)
	return s.route(ctx, tx, app, &opt, &emp)
}

// route sends a skill application where the engine says (三(二)4-6): to the department of an
// access-type occupation, to the employer when it evaluates its own staff, else to the
// social training evaluation organisation the applicant chose (or the only one there is).
func (s *Service) route(ctx context.Context, tx *store.Tx, app *guantong.Application, opt *guantong.Option, emp *guantong.Organisation) error {
	switch opt.Evaluator {
	case guantong.EvaluatorEmployer:
		app.EvaluatorID = emp.ID
		return nil
	case guantong.EvaluatorDepartment:
		deps, err := tx.Organisations(ctx, guantong.OrgDepartment)
		if err != nil {
			return err
		}
		for _, d := range deps {
			if d.Evaluates(app.OccupationCode) {
				app.EvaluatorID = d.ID
				return nil
			}
		}
		return guantong.Errorf(guantong.EConflict, "系统中没有负责 %s 鉴定的部门（%s），请联系管理员", app.OccupationCode, opt.Authority)
	}
	if app.EvaluatorID != 0 {
		o, err := tx.Organisation(ctx, app.EvaluatorID)
		if err != nil || o.Kind != guantong.OrgEvaluator || !o.Evaluates(app.OccupationCode) {
			return guantong.FieldErrors{{Field: "evaluator_id", Message: "所选社会培训评价组织不开展该职业的评价"}}
		}
		return nil
	}
	orgs, err := tx.Organisations(ctx, guantong.OrgEvaluator)
	if err != nil {
		return err
	}
	var names []string
	var only int64
	for _, o := range orgs {
		if o.Evaluates(app.OccupationCode) {
			names = append(names, o.Name)
			only = o.ID
		}
	}
	switch len(names) {
	case 0:
		return guantong.Errorf(guantong.EConflict, "系统中没有开展 %s 评价的社会培训评价组织，请联系管理员", app.OccupationCode)
	case 1:
		app.EvaluatorID = only
		return nil
	}
	return guantong.FieldErrors{{Field: "evaluator_id", Message: "请在草稿中选择社会培训评价组织（三(二)5）"}}
}

// request builds the check request of an application: the applicant's document with the
// name, ID number and employer taken from the records, and the occupation applied for among
// the targets. Problems in the document are FieldErrors under "person.".
func (s *Service) request(app *guantong.Application, p *guantong.Applicant, emp *guantong.Organisation) (guantong.Request, error) {
	var person map[string]any
	if err := json.Unmarshal(app.Document, &person); err != nil || person == nil {
		return guantong.Request{}, guantong.FieldErrors{{Field: "person", Message: "须为 JSON 对象"}}
	}
	person["name"] = p.Name
	person["id_number"] = p.IDNumber
	if p.IDType != "" { // a passport holder's number is checked as a passport's
		person["id_type"] = p.IDType
	}
	person["employer"] = map[string]any{"name": emp.Name, "kind": emp.EmployerKind, "self_evaluation": emp.SelfEvaluation}
	if app.Kind == guantong.KindSkill {
		targets, _ := person["targets"].([]any)
		if !slices.ContainsFunc(targets, func(t any) bool { return targetCode(t) == app.OccupationCode }) {
			person["targets"] = append(targets, app.OccupationCode)
		}
	}
	req, err := document.Decode(mustJSON(map[string]any{"person": person}))
	if err != nil {
		return req, err
	}
	return req, nil
}

// targetCode is the occupation code of a target as the document gives it: a code string, or
// an object with occupation_code (and perhaps a sub-item, which must not be lost to a
// plain duplicate).
func targetCode(t any) string {
	switch t := t.(type) {
	case string:
		return t
	case map[string]any:
		code, _ := t["occupation_code"].(string)
		return code
	}
	return ""
}

// notBarred refuses a person barred for fraud (五: 严厉打击弄虚作假行为).
func (s *Service) notBarred(p *guantong.Applicant) error {
	today := s.Today()
	if !p.Barred(today) {
		return nil
	}
	text := "因弄虚作假被撤销证书，" + p.BarredUntil.String() + " 前不得申报"
	if p.BarReason != "" {
		text += "（" + p.BarReason + "）"
	}
	return &guantong.Ineligible{Message: text, Reasons: []guantong.Reason{{Clause: "五", Met: false, Text: text}}}
}

// describe names what an application is for: 工程系列中级职称, 钳工(6-20-01-01)技师.
func (s *Service) describe(app *guantong.Application) string {
	if app.Kind == guantong.KindTitle {
		return app.Series + "系列" + app.Level.String() + "职称"
	}
	name, _ := s.Engine().Catalog().Name(app.OccupationCode)
	return name + "(" + app.OccupationCode + ")" + app.Level.String()
}

// missing turns the absence of the 职改办 or committee an application must go to into
// EConflict: the request is right, the province's set-up is not.
func missing(err error) error {
	if guantong.ErrorCode(err) == guantong.ENotFound {
		return guantong.Errorf(guantong.EConflict, "%s，请联系管理员", err.Error())
	}
	return err
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of plain values are passed
	}
	return b
}
