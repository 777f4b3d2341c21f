package service

import (
	"context"
	"fmt"

	"guantong"
	"guantong/internal/store"
)

// Notifications (站内信): at each change of stage the applicant and whoever must act next are
// told, in the transaction of the change, so that a change is never without its message nor a
// message without its change. Users with an e-mail address also get a copy through the
// outbox when e-mail is configured (Mailer).

// nextParty says whose turn an application is at each stage: a role and the organisation
// whose staff of that role act (0: every account of the role). Stages that end the path
// have no one; the applicant is told of every change anyway.
func nextParty(app *guantong.Application) (roles []string, orgID int64) {
	switch app.Stage {
	case guantong.StageSubmitted:
		return []string{guantong.RoleHR}, app.EmployerID
	case guantong.StageRecommended, guantong.StageNotice:
		return []string{guantong.RoleOffice}, app.OfficeID
	case guantong.StageCommittee, guantong.StageResultNotice:
		return []string{guantong.RoleSecretary}, app.CommitteeID
	case guantong.StageAssessing, guantong.StagePassed:
		// a self-evaluating employer's HR evaluates its own staff (三(二)4)
		return []string{guantong.RoleEvaluator, guantong.RoleHR}, app.EvaluatorID
	case guantong.StageIssued:
		return []string{guantong.RoleAdmin}, 0
	}
	return nil, 0
}

// notify writes the messages of app's move from stage from, taken by u, in tx. The one who
// took the step is not told of it.
func (s *Service) notify(ctx context.Context, tx *store.Tx, u *guantong.User, from guantong.Stage, app *guantong.Application) error {
	if from == app.Stage {
		return nil
	}
	what := fmt.Sprintf("申报 %d「%s」", app.ID, s.describe(app))
	told := map[int64]bool{u.ID: true}
	send := func(users []guantong.User, text string) error {
		for _, to := range users {
			if told[to.ID] {
				continue
			}
			told[to.ID] = true
			n := guantong.Notification{UserID: to.ID, ApplicationID: app.ID, Text: text,
				Link: fmt.Sprintf("/applications/%d", app.ID), CreatedAt: s.now().UTC()}
			email := ""
			if s.email {
				email = to.Email
			}
			if err := tx.InsertNotification(ctx, &n, email); err != nil {
				return err
			}
		}
		return nil
	}
	roles, org := nextParty(app)
	if roles != nil && (org != 0 || roles[0] == guantong.RoleAdmin) {
		for _, role := range roles {
			users, err := tx.UsersActingFor(ctx, role, org)
			if err != nil {
				return err
			}
			if err := send(users, fmt.Sprintf("%s已转入「%s」，待您办理", what, app.Stage.Name())); err != nil {
				return err
			}
		}
	}
	applicants, err := tx.UsersOfPerson(ctx, app.PersonID)
	if err != nil {
		return err
	}
	return send(applicants, fmt.Sprintf("您的%s已由「%s」转入「%s」", what, from.Name(), app.Stage.Name()))
}

// UnreadCount is the number in the header.
func (s *Service) UnreadCount(ctx context.Context, u *guantong.User) (int, error) {
	if err := signedIn(u); err != nil {
		return 0, err
	}
	return s.store.UnreadCount(ctx, u.ID)
}

// MarkRead marks one of u's messages read, or all of them when id is 0, and returns how many
// changed. Reading is not audited: it changes nothing anyone decides on.
func (s *Service) MarkRead(ctx context.Context, u *guantong.User, id int64) (int64, error) {
	if err := signedIn(u); err != nil {
		return 0, err
	}
	var n int64
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		var err error
		n, err = tx.MarkRead(ctx, u.ID, id, s.now())
		return err
	})
	return n, err
}
