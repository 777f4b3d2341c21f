package service

import (
	"context"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
)

// 复查 (docs/committee.md §10): the applicant asks, within the regulation's RecheckDays of the
// meeting that decided against them, that the result be checked again; the committee's
// secretary (or the admin) takes it up or refuses it, then concludes: the result maintained,
// or found wrong and sent for a new review. Each step is one transaction with its audit row
// on the application.

// RequestRecheck records the applicant's request for 复查 of a committee's result on their
// own application: a result of failed, decided by a closed meeting no more than RecheckDays
// ago, with no other 复查 open. The reason is required.
func (s *Service) RequestRecheck(ctx context.Context, u *guantong.User, id int64, reason string) (guantong.Recheck, error) {
	if err := signedIn(u); err != nil {
		return guantong.Recheck{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 2000 {
		return guantong.Recheck{}, guantong.FieldErrors{{Field: "reason", Message: "请写明申请复查的理由（不超过 2000 字）"}}
	}
	var c guantong.Recheck
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, 0)
		if err != nil {
			return err
		}
		if u.Role != guantong.RoleApplicant || u.PersonID != app.PersonID {
			return guantong.Errorf(guantong.EForbidden, "只有申报人本人可以申请复查")
		}
		meeting, closedAt, err := tx.Decided(ctx, id)
		if guantong.ErrorCode(err) == guantong.ENotFound || app.Decision != guantong.DecisionFailed {
			return guantong.Errorf(guantong.EConflict, "只有评审会议作出的未通过结果可以申请复查")
		}
		if err != nil {
			return err
		}
		days := committee.BuiltinRegulation().RecheckDays
		if last := guantong.Today(closedAt).AddDays(days); s.Today().After(last) {
			return guantong.Errorf(guantong.EConflict, "申请复查的期限为评审结果作出之日起 %d 日，已于 %s 届满", days, last)
		}
		old, err := tx.Rechecks(ctx, id)
		if err != nil {
			return err
		}
		for _, o := range old {
			if committee.RecheckOpen(o.Stage) {
				return guantong.Errorf(guantong.EConflict, "已有复查申请（编号 %d）正在办理", o.ID)
			}
		}
		c = guantong.Recheck{ApplicationID: id, MeetingID: meeting, Reason: reason, Stage: committee.RecheckRequested,
			RequestedBy: u.Actor(), RequestedAt: s.now().UTC()}
		if err := tx.InsertRecheck(ctx, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "recheck_request", subjectOf("application", id), map[string]any{
			"recheck_id": c.ID, "meeting": meeting, "reason": reason})
	})
	return c, err
}

// Rechecks lists the 复查 of an application to those who may see it.
func (s *Service) Rechecks(ctx context.Context, u *guantong.User, id int64) ([]guantong.Recheck, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return nil, err
	}
	return s.store.Rechecks(ctx, id)
}

// HandleRecheck takes a 复查 one step (committee.RecheckStep): accepted, refused, maintained
// or revised, with the answer the applicant reads. Only the secretary of the committee that
// decided, or the admin, may.
func (s *Service) HandleRecheck(ctx context.Context, u *guantong.User, recheckID int64, to, note string) (guantong.Recheck, error) {
	if err := signedIn(u); err != nil {
		return guantong.Recheck{}, err
	}
	note = strings.TrimSpace(note)
	var c guantong.Recheck
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		var err error
		if c, err = tx.Recheck(ctx, recheckID); err != nil {
			return err
		}
		app, err := tx.Application(ctx, c.ApplicationID)
		if err != nil {
			return err
		}
		if u.Role != guantong.RoleAdmin && !(u.Role == guantong.RoleSecretary && u.OrgID != 0 && u.OrgID == app.CommitteeID) {
			return guantong.Errorf(guantong.EForbidden, "只有作出评审结果的评委会秘书或管理员可以办理复查")
		}
		if err := committee.RecheckStep(c.Stage, to, note); err != nil {
			return err
		}
		from := c.Stage
		c.Stage, c.Note, c.HandledBy, c.HandledAt = to, note, u.Actor(), s.now().UTC()
		if err := tx.UpdateRecheck(ctx, c, from); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "recheck_"+to, subjectOf("application", c.ApplicationID), map[string]any{
			"recheck_id": c.ID, "note": note})
	})
	return c, err
}
