package service

import (
	"context"

	"guantong"
	"guantong/internal/store"
)

// Who sees an applicant's full ID number (issue 12 item 4): the applicant, on their own
// records; the 职改办 the application went to, the employer's HR and the secretary of the
// committee reviewing it, each by asking for it (FullIDNumber), which the audit record keeps.
// Everyone else, and every list, sees it masked; the public never sees it at all.

// canSeeFullID reports whether u's task on app needs the full ID number: checking it against
// the certificates (职改办, HR) or the committee's file (secretary).
func canSeeFullID(u *guantong.User, app *guantong.Application) bool {
	switch {
	case u == nil || u.OrgID == 0:
		return false
	case u.Role == guantong.RoleOffice:
		return u.OrgID == app.OfficeID
	case u.Role == guantong.RoleHR:
		return u.OrgID == app.EmployerID
	case u.Role == guantong.RoleSecretary:
		return u.OrgID == app.CommitteeID
	}
	return false
}

// CanSeeFullID reports whether u may ask for the full ID number of app's applicant: what the
// application page offers as 显示完整证件号.
func CanSeeFullID(u *guantong.User, app *guantong.Application) bool { return canSeeFullID(u, app) }

// FullIDNumber returns the full ID number of the applicant of application id to the 职改办,
// HR or committee secretary whose task needs it, and writes the view on the audit record in
// the same transaction: no view goes unrecorded. Anyone else is EForbidden.
func (s *Service) FullIDNumber(ctx context.Context, u *guantong.User, id int64) (string, error) {
	if err := signedIn(u); err != nil {
		return "", err
	}
	var number string
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := tx.Application(ctx, id)
		if err != nil {
			return err
		}
		if !canSeeFullID(u, &app) {
			return guantong.Errorf(guantong.EForbidden, "只有受理的职改办、所在单位和评委会秘书可以查看完整证件号")
		}
		p, err := tx.Applicant(ctx, app.PersonID)
		if err != nil {
			return err
		}
		number = p.IDNumber
		return s.audit(ctx, tx, u, "view_id_number", subjectOf("application", id), map[string]any{"person_id": p.ID, "stage": app.Stage})
	})
	return number, err
}

// shownID is the ID number u sees beside app without asking: in full on the applicant's own
// application, masked everywhere else.
func shownID(u *guantong.User, app *guantong.Application, id string) string {
	if u != nil && u.Role == guantong.RoleApplicant && u.PersonID != 0 && u.PersonID == app.PersonID {
		return id
	}
	return guantong.MaskID(id)
}
