package workflow

import "guantong"

// CanSee reports whether u may read app: the applicant their own; the employer its staff's
// once submitted; the 职改办, committee and evaluation organisation what reached them; the
// admin everything. The public sees applications only through notices.
func CanSee(u *guantong.User, app *guantong.Application) bool {
	if u == nil {
		return false
	}
	switch {
	case applicant.holds(u, app), admin.holds(u, app):
		return true
	case employer.holds(u, app), office.holds(u, app), evaluator.holds(u, app):
		return app.Stage != guantong.StageDraft
	case secretary.holds(u, app):
		return true
	}
	return false
}

// CanEdit refuses unless u is the applicant and app is still theirs to change (a draft, or
// returned by the employer): editing the document and attaching evidence.
func CanEdit(u *guantong.User, app *guantong.Application) error {
	if !applicant.holds(u, app) {
		return guantong.Errorf(guantong.EForbidden, "只有申报人本人可以修改申报")
	}
	if app.Stage != guantong.StageDraft && app.Stage != guantong.StageReturned {
		return guantong.Errorf(guantong.EConflict, "申报处于「%s」阶段，不能修改", app.Stage.Name())
	}
	return nil
}

// CanSeeObjections reports whether u may read the objections lodged against app, with the
// names and contacts of those who lodged them: the 职改办 that decides them, the committee
// and the admin. The applicant sees only the events.
func CanSeeObjections(u *guantong.User, app *guantong.Application) bool {
	return office.holds(u, app) || secretary.holds(u, app) || admin.holds(u, app)
}

// Lodgeable refuses an objection unless app is under a notice that runs today.
func Lodgeable(app *guantong.Application, today guantong.Date) error {
	var p *guantong.Period
	switch app.Stage {
	case guantong.StageNotice:
		p = app.Notice
	case guantong.StageResultNotice:
		p = app.ResultNotice
	}
	if p == nil {
		return guantong.Errorf(guantong.ENotFound, "该申报不在公示中")
	}
	if today.Before(p.From) || today.After(p.Until) {
		return guantong.Errorf(guantong.EConflict, "%s期为 %s 至 %s，已不接受异议", app.Stage.Name(), p.From, p.Until)
	}
	return nil
}
