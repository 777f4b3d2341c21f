package service

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// What the public sees: notices as published (never an ID number or a phone, not even
// masked), objections to lodge during a notice and to follow by their receipt, and
// certificate verification by number and name.

// noticeStages are the stages of an application under a public notice.
var noticeStages = []guantong.Stage{guantong.StageNotice, guantong.StageResultNotice}

// NoticePage returns one page of the notices, as q filters them: by route, series, level,
// region and dates, and by a search of names and employers only (a search by ID number
// would tell who is behind a masked one).
func (s *Service) NoticePage(ctx context.Context, q ListQuery) (store.Page[guantong.Notice], error) {
	if err := q.check(); err != nil {
		return store.Page[guantong.Notice]{}, err
	}
	f := store.Filter{Stages: noticeStages, Kind: q.Kind, Route: q.Route, Series: q.Series, Level: q.Level, Region: q.Region, From: q.From, To: q.To}
	if len(q.Stages) > 0 {
		f.Stages = slices.DeleteFunc(slices.Clone(q.Stages), func(st guantong.Stage) bool { return !slices.Contains(noticeStages, st) })
		if len(f.Stages) == 0 {
			return store.Page[guantong.Notice]{Items: []guantong.Notice{}}, nil
		}
	}
	if !strings.ContainsAny(q.Search, "0123456789") {
		f.Search = strings.TrimSpace(q.Search)
	}
	p, err := s.store.ApplicationPage(ctx, f, q.Paging)
	if err != nil {
		return store.Page[guantong.Notice]{}, err
	}
	items, err := s.notices(ctx, p.Items)
	if err != nil {
		return store.Page[guantong.Notice]{}, err
	}
	return store.Page[guantong.Notice]{Items: items, Total: p.Total, Next: p.Next, Prev: p.Prev}, nil
}

// notices shows applications as the public sees them under notice.
func (s *Service) notices(ctx context.Context, apps []store.Listed) ([]guantong.Notice, error) {
	offices := map[int64]string{}
	out := []guantong.Notice{}
	for _, a := range apps {
		office, ok := offices[a.OfficeID]
		if !ok {
			o, err := s.store.Organisation(ctx, a.OfficeID)
			if err != nil {
				return nil, err
			}
			office, offices[a.OfficeID] = o.Name, o.Name
		}
		n := guantong.Notice{ApplicationID: a.ID, Stage: a.Stage, Name: a.Name, Employer: a.Employer, Current: CurrentOf(a.Document),
			OfficeID: a.OfficeID, Office: office, Route: a.Route, Series: a.Series, Specialty: a.Specialty, Level: a.Level}
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
	o := guantong.Objection{ApplicationID: id, Receipt: newReceipt(), Name: field("name", in.Name, 50), Contact: field("contact", in.Contact, 100),
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
			"objection_id": o.ID, "receipt": o.Receipt, "notice": o.Notice, "text": o.Text})
	})
	return o, err
}
