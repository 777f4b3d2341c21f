package service

import (
	"context"
	"strings"

	"guantong"
	"guantong/internal/committee"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Achievements are an applicant's skill contributions as structured evidence (三(一)3): a type
// of the twelve, a title, a date, a level, the applicant's role and, where there is one, the
// evidence file. The committee's rules give each type points that the experts see beside the
// 业绩评审 score (docs/committee.md §1).

// AddAchievement records an achievement on a draft or returned application of u's own.
// Like attaching evidence, it advances the application's version.
func (s *Service) AddAchievement(ctx context.Context, u *guantong.User, id int64, in committee.Achievement) (guantong.AchievementRecord, error) {
	if err := signedIn(u); err != nil {
		return guantong.AchievementRecord{}, err
	}
	in.Title, in.Level, in.Role = strings.TrimSpace(in.Title), strings.TrimSpace(in.Level), strings.TrimSpace(in.Role)
	var es guantong.FieldErrors
	committee.CheckAchievement(in, &es, "achievement")
	for i := range es {
		es[i].Field = strings.TrimPrefix(es[i].Field, "achievement.")
	}
	if err := es.Err(); err != nil {
		return guantong.AchievementRecord{}, err
	}
	a := guantong.AchievementRecord{ApplicationID: id, Achievement: in}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, 0)
		if err != nil {
			return err
		}
		if err := workflow.CanEdit(u, &app); err != nil {
			return err
		}
		if in.FileID != 0 {
			if _, _, err := tx.File(ctx, id, in.FileID); err != nil {
				return guantong.FieldErrors{{Field: "file_id", Message: "须为本申报已上传的证明材料"}}
			}
		}
		if err := tx.InsertAchievement(ctx, &a); err != nil {
			return err
		}
		app.UpdatedAt = s.now().UTC()
		if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "add_achievement", subjectOf("application", id), map[string]any{
			"achievement_id": a.ID, "achievement": a.Achievement, "version": app.Version})
	})
	return a, err
}

// RemoveAchievement takes back an achievement from a draft or returned application of u's
// own, as the applicant may still change everything else in it. Like adding one, it advances
// the application's version and is audited.
func (s *Service) RemoveAchievement(ctx context.Context, u *guantong.User, id, achievementID int64) error {
	if err := signedIn(u); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, 0)
		if err != nil {
			return err
		}
		if err := workflow.CanEdit(u, &app); err != nil {
			return err
		}
		if err := tx.DeleteAchievement(ctx, id, achievementID); err != nil {
			return err
		}
		app.UpdatedAt = s.now().UTC()
		if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "remove_achievement", subjectOf("application", id), map[string]any{
			"achievement_id": achievementID, "version": app.Version})
	})
}

// Achievements lists the achievements of an application u may see.
func (s *Service) Achievements(ctx context.Context, u *guantong.User, id int64) ([]guantong.AchievementRecord, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return nil, err
	}
	return s.store.Achievements(ctx, id)
}
