package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Draft is what an applicant writes: the option applied for and the person part of the
// check document (skills, titles, assessments, work, awards, education). Name, ID number and
// employer come from the person record, whatever the document says.
type Draft struct {
	Route          string          `json:"route"`           // title_review, title_recognition or skill_evaluation
	Series         string          `json:"series"`          // titles
	Level          string          `json:"level"`           // a title level, or a skill level for skill_evaluation
	Specialty      string          `json:"specialty"`       // titles: the 专业, from catalog.Specialties(series) or free text
	OccupationCode string          `json:"occupation_code"` // skills: the occupation to be evaluated in
	EvaluatorID    int64           `json:"evaluator_id"`    // skills routed to a social training evaluation organisation (三(二)5): the one chosen
	Person         json.RawMessage `json:"person"`
}

// View is an application as one user sees it: the record, who applies, and what this user
// may do with it now.
type View struct {
	guantong.Application
	Applicant Person            `json:"applicant"`
	Employer  string            `json:"employer"`
	Actions   []workflow.Action `json:"actions"` // for this user, at this stage; an action may still be refused by its conditions

	// OpenObjections counts the objections still open under the notice the application is
	// in, in lists, for those who may read objections (the 职改办, the committee, the admin).
	OpenObjections int `json:"open_objections,omitempty"`
}

// Person is who applies, as shown beside an application to those who may see it.
type Person struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"` // masked but to the applicant: the full one is FullIDNumber, audited
	Phone    string `json:"phone,omitempty"`
}

// CreateApplication starts a draft for the signed-in applicant. A person barred for fraud
// is refused (*guantong.Ineligible).
func (s *Service) CreateApplication(ctx context.Context, u *guantong.User, d Draft) (View, error) {
	if err := signedIn(u); err != nil {
		return View{}, err
	}
	if u.Role != guantong.RoleApplicant || u.PersonID == 0 {
		return View{}, guantong.Errorf(guantong.EForbidden, "只有申报人可以新建申报")
	}
	var app guantong.Application
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		p, err := tx.Applicant(ctx, u.PersonID)
		if err != nil {
			return err
		}
		if err := s.notBarred(&p); err != nil {
			return err
		}
		now := s.now().UTC()
		app = guantong.Application{PersonID: p.ID, EmployerID: p.EmployerID, Stage: guantong.StageDraft, CreatedAt: now, UpdatedAt: now}
		if err := s.applyDraft(ctx, tx, &app, &p, d); err != nil {
			return err
		}
		if err := s.notOpen(ctx, tx, &app); err != nil {
			return err
		}
		if err := tx.InsertApplication(ctx, &app); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "create", subjectOf("application", app.ID), draftPayload(&app))
	})
	if err != nil {
		return View{}, err
	}
	return s.view(ctx, u, app)
}

// UpdateDraft replaces what the applicant wrote, while the application is a draft or was
// returned to them; version must be the one last read.
func (s *Service) UpdateDraft(ctx context.Context, u *guantong.User, id int64, version int, d Draft) (View, error) {
	if err := signedIn(u); err != nil {
		return View{}, err
	}
	var app guantong.Application
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		var err error
		if app, err = s.visible(ctx, tx, u, id, version); err != nil {
			return err
		}
		if err := workflow.CanEdit(u, &app); err != nil {
			return err
		}
		p, err := tx.Applicant(ctx, app.PersonID)
		if err != nil {
			return err
		}
		if err := s.applyDraft(ctx, tx, &app, &p, d); err != nil {
			return err
		}
		if err := s.notOpen(ctx, tx, &app); err != nil {
			return err
		}
		app.UpdatedAt = s.now().UTC()
		if err := tx.UpdateApplication(ctx, &app, version); err != nil {
			return err
		}
		payload := draftPayload(&app)
		payload["version"] = app.Version
		return s.audit(ctx, tx, u, "edit", subjectOf("application", app.ID), payload)
	})
	if err != nil {
		return View{}, err
	}
	return s.view(ctx, u, app)
}

// notOpen refuses a second open application of the person for the same route, series (or
// occupation) and level as app (issue 10 item 5), naming the first: *guantong.Duplicate.
// Migration 0010's unique index refuses the same, should two requests pass here at once.
func (s *Service) notOpen(ctx context.Context, tx *store.Tx, app *guantong.Application) error {
	first, err := tx.OpenApplication(ctx, app)
	if err != nil || first == 0 {
		return err
	}
	return &guantong.Duplicate{Existing: first, Message: fmt.Sprintf("您已有一项「%s」的申报（编号 %d）正在办理，不能重复申报；请继续办理该申报", s.describe(app), first)}
}

func draftPayload(a *guantong.Application) map[string]any {
	return map[string]any{"kind": a.Kind, "route": a.Route, "series": a.Series, "specialty": a.Specialty, "level": a.Level.String(),
		"occupation_code": a.OccupationCode, "evaluator_id": a.EvaluatorID, "document": a.Document, "version": a.Version}
}

// applyDraft validates d and writes it into app: every problem is a FieldError.
func (s *Service) applyDraft(ctx context.Context, tx *store.Tx, app *guantong.Application, p *guantong.Applicant, d Draft) error {
	var es guantong.FieldErrors
	kind := guantong.KindOf(d.Route)
	switch {
	case kind == "":
		es.Add("route", "须为 %s、%s 或 %s", guantong.RouteTitleReview, guantong.RouteTitleRecognition, guantong.RouteSkillEvaluation)
	case app.Kind != "" && kind != app.Kind:
		es.Add("route", "职称申报与职业技能评价申报不能互改，请另建申报")
	}
	app.Kind, app.Route = kind, d.Route
	app.Series, app.OccupationCode, app.EvaluatorID, app.Level, app.Specialty = "", "", 0, guantong.Level{}, ""
	switch kind {
	case guantong.KindTitle:
		params := s.Engine().Params()
		if !slices.Contains(params.Series, d.Series) {
			es.Add("series", "须为 %s 之一", strings.Join(params.Series, "、"))
		}
		l, ok := guantong.ParseTitleLevel(d.Level)
		if !ok {
			es.Add("level", "须为职称层级（%s）", strings.Join(guantong.TitleLevels(), "、"))
		}
		app.Series, app.Level = d.Series, guantong.Level{Title: l}
		app.Specialty = strings.TrimSpace(d.Specialty)
		if utf8.RuneCountInString(app.Specialty) > 30 {
			es.Add("specialty", "专业不能超过 30 个字")
		}
		if d.OccupationCode != "" {
			es.Add("occupation_code", "职称申报不填写此项")
		}
	case guantong.KindSkill:
		if !catalog.ValidCode(d.OccupationCode) {
			es.Add("occupation_code", "%q 不是职业编码（如 6-20-01-01）", d.OccupationCode)
		}
		l, ok := guantong.ParseSkillLevel(d.Level)
		if !ok {
			es.Add("level", "须为职业技能等级（%s）", strings.Join(guantong.SkillLevels(), "、"))
		}
		app.OccupationCode, app.Level = d.OccupationCode, guantong.Level{Skill: l}
		if d.Series != "" {
			es.Add("series", "职业技能评价申报不填写此项")
		}
		if strings.TrimSpace(d.Specialty) != "" {
			es.Add("specialty", "职业技能评价申报不填写专业")
		}
		if d.EvaluatorID != 0 {
			o, err := tx.Organisation(ctx, d.EvaluatorID)
			if err != nil || o.Kind != guantong.OrgEvaluator {
				es.Add("evaluator_id", "须为一个社会培训评价组织的编号")
			} else if !o.Evaluates(d.OccupationCode) {
				es.Add("evaluator_id", "%s 不开展 %s 的评价", o.Name, d.OccupationCode)
			}
			app.EvaluatorID = d.EvaluatorID
		}
	}
	doc := bytes.TrimSpace(d.Person)
	if len(doc) == 0 || bytes.Equal(doc, []byte("null")) {
		doc = []byte("{}")
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, doc); err != nil || doc[0] != '{' {
		es.Add("person", "须为 JSON 对象（测评文档中的 person）")
		return es
	}
	app.Document = compact.Bytes()
	if len(es) > 0 {
		return es
	}
	emp, err := tx.Organisation(ctx, p.EmployerID)
	if err != nil {
		return err
	}
	if _, err := s.request(app, p, &emp); err != nil {
		return err
	}
	return nil
}

// Application returns one application as u sees it; one u may not see is EForbidden.
func (s *Service) Application(ctx context.Context, u *guantong.User, id int64) (View, error) {
	if err := signedIn(u); err != nil {
		return View{}, err
	}
	app, err := s.visible(ctx, s.store, u, id, 0)
	if err != nil {
		return View{}, err
	}
	return s.view(ctx, u, app)
}

// ListFilter narrows a listing.
type ListFilter struct {
	Stages []guantong.Stage // none: every stage
	Kind   string           // "": both kinds
}

// Applications lists every application u may see, newest first: the applicant their own,
// the employer its staff's, the 职改办 its region's, the committee what was sent to it, the
// evaluation organisation what was routed to it, the admin all. Pages and the API list with
// ListApplications, a page at a time.
func (s *Service) Applications(ctx context.Context, u *guantong.User, lf ListFilter) ([]View, error) {
	out := []View{}
	err := s.EachApplication(ctx, u, ListQuery{Stages: lf.Stages, Kind: lf.Kind}, func(v View) error {
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Events returns the history of an application from the audit log, oldest first.
func (s *Service) Events(ctx context.Context, u *guantong.User, id int64) ([]guantong.Event, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return nil, err
	}
	es, err := s.store.Events(ctx, subjectOf("application", id))
	if es == nil {
		es = []guantong.Event{}
	}
	return es, err
}

// Objections returns the objections lodged against an application, with who lodged them:
// for the 职改办, the committee and the admin.
func (s *Service) Objections(ctx context.Context, u *guantong.User, id int64) ([]guantong.Objection, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	app, err := s.visible(ctx, s.store, u, id, 0)
	if err != nil {
		return nil, err
	}
	if !workflow.CanSeeObjections(u, &app) {
		return nil, guantong.Errorf(guantong.EForbidden, "异议由职改办处理，只有职改办、评委会和管理员可以查看")
	}
	return s.store.Objections(ctx, id)
}

// reader is what visible needs: the store, or a transaction.
type reader interface {
	Application(ctx context.Context, id int64) (guantong.Application, error)
	ReviewSeats(ctx context.Context, userID, applicationID int64) ([]store.ReviewSeat, error)
	User(ctx context.Context, id int64) (guantong.User, error)
	Applicant(ctx context.Context, id int64) (guantong.Applicant, error)
}

// visible reads an application u may see, refusing with EForbidden otherwise; a version
// other than 0 must match (EConflict).
func (s *Service) visible(ctx context.Context, r reader, u *guantong.User, id int64, version int) (guantong.Application, error) {
	app, err := r.Application(ctx, id)
	if err != nil {
		return app, err
	}
	if !workflow.CanSee(u, &app) {
		if err := reviewing(ctx, r, u, id); err != nil {
			return app, err
		}
	}
	if version != 0 && version != app.Version {
		return app, guantong.Errorf(guantong.EConflict, "申报 %d 已被修改（当前版本 %d，提交的版本 %d），请刷新后重试", id, app.Version, version)
	}
	return app, nil
}

// reviewing lets an expert read an application, its evidence and its history while they sit
// in a meeting that reviews it (三(一)6: the committee judges the evidence), unless they have
// withdrawn from that applicant (回避: they take no part in that review). Anyone else is
// refused, as workflow.CanSee says.
func reviewing(ctx context.Context, r reader, u *guantong.User, id int64) error {
	refused := guantong.Errorf(guantong.EForbidden, "无权查看申报 %d", id)
	if u == nil || u.Role != guantong.RoleExpert {
		return refused
	}
	seats, err := r.ReviewSeats(ctx, u.ID, id)
	if err != nil {
		return err
	}
	for _, s := range seats {
		if !s.Withdrawn {
			return nil
		}
	}
	if len(seats) > 0 {
		return guantong.Errorf(guantong.EForbidden, "您已回避申报 %d 的评审，不能查看其材料", id)
	}
	return guantong.Errorf(guantong.EForbidden, "申报 %d 不在您参加的评审会议中，不能查看", id)
}

// view adds to app what u sees beside it.
func (s *Service) view(ctx context.Context, u *guantong.User, app guantong.Application) (View, error) {
	p, err := s.store.Applicant(ctx, app.PersonID)
	if err != nil {
		return View{}, err
	}
	emp, err := s.store.Organisation(ctx, app.EmployerID)
	if err != nil {
		return View{}, err
	}
	return listedView(u, store.Listed{Application: app, Name: p.Name, IDNumber: p.IDNumber, Phone: p.Phone, Employer: emp.Name}), nil
}

// listedView is what u sees of an application read with its list's joins. The count of open
// objections goes only to those who may read them.
func listedView(u *guantong.User, l store.Listed) View {
	v := View{Application: l.Application, Actions: allowed(u, &l.Application), Employer: l.Employer,
		Applicant: Person{Name: l.Name, IDNumber: shownID(u, &l.Application, l.IDNumber), Phone: l.Phone}}
	v.StageName = l.Stage.Name()
	if workflow.CanSeeObjections(u, &l.Application) {
		v.OpenObjections = l.OpenObjections
	}
	return v
}
