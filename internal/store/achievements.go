package store

import (
	"context"
	"database/sql"
	"fmt"

	"guantong"
)

const achievementColumns = `id, application_id, type, title, achieved_on, level, role, file_id`

func scanAchievement(row scanner) (guantong.AchievementRecord, error) {
	var a guantong.AchievementRecord
	var on string
	var file sql.NullInt64
	err := row.Scan(&a.ID, &a.ApplicationID, &a.Type, &a.Title, &on, &a.Level, &a.Role, &file)
	var c stored
	a.Date, a.FileID = c.date("achieved_on", on), idOf(file)
	return a, c.scanned(err, "achievement", a.ID)
}

// InsertAchievement stores an achievement and sets its ID.
func (tx *Tx) InsertAchievement(ctx context.Context, a *guantong.AchievementRecord) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO achievements (application_id, type, title, achieved_on, level, role, file_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		a.ApplicationID, a.Type, a.Title, a.Date.String(), a.Level, a.Role, nullID(a.FileID)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("store: insert achievement: %w", err)
	}
	return nil
}

// Achievements returns the achievements of an application, in the order entered.
func (r reader) Achievements(ctx context.Context, applicationID int64) ([]guantong.AchievementRecord, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+achievementColumns+` FROM achievements WHERE application_id = $1 ORDER BY id`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("store: achievements of %d: %w", applicationID, err)
	}
	return collect(rows, scanAchievement)
}

// DeleteAchievement removes an achievement of an application; one it does not have is
// ENotFound.
func (tx *Tx) DeleteAchievement(ctx context.Context, applicationID, id int64) error {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM achievements WHERE application_id = $1 AND id = $2`, applicationID, id)
	if err != nil {
		return fmt.Errorf("store: delete achievement %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: delete achievement %d: %w", id, err)
	}
	if n == 0 {
		return notFound(sql.ErrNoRows, "成果", id)
	}
	return nil
}
