package service

import (
	"context"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// What the public sees: notices (with ID numbers and phones masked), objections to lodge
// during a notice, and certificate verification by number and name.

// Notices lists the applications under a qualification or result notice, newest first.
func (s *Service) Notices(ctx context.Context) ([]guantong.Notice, error) {
	apps, err := s.store.Applications(ctx, store.Filter{Stages: []guantong.Stage{guantong.StageNotice, guantong.StageResultNotice}})
	if err != nil {
		return nil, err
	}
	out := []guantong.Notice{}
	for _, a := range apps {
		n := guantong.Notice{ApplicationID: a.ID, Stage: a.Stage, Name: a.Name, IDNumber: guantong.MaskID(a.IDNumber),
			Phone: guantong.MaskPhone(a.Phone), Employer: a.Employer, Route: a.Route, Series: a.Series, Level: a.Level}
		period := a.Notice
		n.Kind = "资格审核公示"
		if a.Stage == guantong.StageResultNotice {
			period, n.Kind, n.Decision = a.ResultNotice, "评审结果公示", a.Decision
		}
		if period != nil {
			n.From, n.Until = period.From, period.Until
		}
		out = append(out, n)
	}
	return out, nil
}

// ObjectionInput is an objection as lodged: who (a name and a way to reach them, which only
// the 职改办, the committee and the admin see) and why.
type ObjectionInput struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
	Text    string `json:"text"`
}

// LodgeObjection records an objection against an application under notice; anyone may
// lodge one, signed in or not (u may be nil). It does not change the application's version:
// the 职改办 decides it with uphold or dismiss.
func (s *Service) LodgeObjection(ctx context.Context, u *guantong.User, id int64, in ObjectionInput) (guantong.Objection, error) {
	var es guantong.FieldErrors
	field := func(name, v string, max int) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			es.Add(name, "不能为空")
		case utf8.RuneCountInString(v) > max:
			es.Add(name, "不能超过 %d 个字", max)
		}
		return v
	}
	o := guantong.Objection{ApplicationID: id, Name: field("name", in.Name, 50), Contact: field("contact", in.Contact, 100),
		Text: field("text", in.Text, 2000), Status: guantong.ObjectionOpen, LodgedAt: s.now().UTC()}
	if len(es) > 0 {
		return o, es
	}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := tx.Application(ctx, id)
		if err != nil {
			return err
		}
		if err := workflow.Lodgeable(&app, s.Today()); err != nil {
			return err
		}
		o.Notice = app.Stage
		if err := tx.InsertObjection(ctx, &o); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "object", subjectOf("application", id), map[string]any{
			"objection_id": o.ID, "notice": o.Notice, "text": o.Text})
	})
	return o, err
}
