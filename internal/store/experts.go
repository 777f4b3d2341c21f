package store

import (
	"context"
	"database/sql"
	"fmt"

	"guantong"
)

const expertColumns = `id, name, employer_id, series, specialty, title_level, skill_level, skilled, user_id, active, created_at`

func scanExpert(row scanner) (guantong.Expert, error) { return scanExpertAnd(row) }

// scanExpertAnd reads expertColumns and then the columns of more, for queries that join
// something about the expert.
func scanExpertAnd(row scanner, more ...any) (guantong.Expert, error) {
	var e guantong.Expert
	var title, skill string
	var user sql.NullInt64
	var created int64
	err := row.Scan(append([]any{&e.ID, &e.Name, &e.EmployerID, &e.Series, &e.Specialty, &title, &skill, &e.Skilled, &user, &e.Active, &created}, more...)...)
	var c stored
	e.Title, e.Skill = c.title("title_level", title), c.skill("skill_level", skill)
	e.UserID, e.CreatedAt = idOf(user), fromMS(created)
	return e, c.scanned(err, "expert", e.ID)
}

// InsertExpert stores a new expert and sets the ID. A login already linked to another expert
// is EConflict.
func (tx *Tx) InsertExpert(ctx context.Context, e *guantong.Expert) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO experts
		(name, employer_id, series, specialty, title_level, skill_level, skilled, user_id, active, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		e.Name, e.EmployerID, e.Series, e.Specialty, e.Title.String(), e.Skill.String(), e.Skilled, nullID(e.UserID),
		e.Active, ms(e.CreatedAt)).Scan(&e.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "账号 %d 已关联其他专家", e.UserID)
	}
	if err != nil {
		return fmt.Errorf("store: insert expert %q: %w", e.Name, err)
	}
	return nil
}

// UpdateExpert stores what the pool says of an expert: name, employer, series, specialty,
// levels and the skilled mark; the login, whether they are active and when they were added
// stay.
func (tx *Tx) UpdateExpert(ctx context.Context, e guantong.Expert) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE experts SET name = $1, employer_id = $2, series = $3, specialty = $4,
		title_level = $5, skill_level = $6, skilled = $7 WHERE id = $8`,
		e.Name, e.EmployerID, e.Series, e.Specialty, e.Title.String(), e.Skill.String(), e.Skilled, e.ID)
	return stale(res, err, "专家", e.ID)
}

// SetExpertActive takes an expert out of the pool (false) or back into it (true).
func (tx *Tx) SetExpertActive(ctx context.Context, id int64, active bool) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE experts SET active = $1 WHERE id = $2`, active, id)
	return stale(res, err, "专家", id)
}

// ExpertCommittees returns the IDs of the committees an expert sits on, in order.
func (r reader) ExpertCommittees(ctx context.Context, expertID int64) ([]int64, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT committee_id FROM committee_members WHERE expert_id = $1 ORDER BY committee_id`, expertID)
	if err != nil {
		return nil, fmt.Errorf("store: committees of expert %d: %w", expertID, err)
	}
	return collect(rows, func(row scanner) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
}

// LockCommittees locks the rows of every committee until the transaction ends, as
// LockCommittee locks one: a change to the pool that depends on who sits where (taking an
// expert out, unmarking a skilled one) then waits for a membership being set, and the other
// way round.
func (tx *Tx) LockCommittees(ctx context.Context) error {
	if _, err := tx.tx.ExecContext(ctx, `UPDATE organisations SET kind = kind WHERE kind = $1`, guantong.OrgCommittee); err != nil {
		return fmt.Errorf("store: lock committees: %w", err)
	}
	return nil
}

// Expert returns one expert.
func (r reader) Expert(ctx context.Context, id int64) (guantong.Expert, error) {
	e, err := scanExpert(r.q.QueryRowContext(ctx, `SELECT `+expertColumns+` FROM experts WHERE id = $1`, id))
	if err != nil {
		return e, notFound(err, "专家", id)
	}
	return e, nil
}

// ExpertByUser returns the expert a login belongs to; a login of no expert is ENotFound.
func (r reader) ExpertByUser(ctx context.Context, userID int64) (guantong.Expert, error) {
	e, err := scanExpert(r.q.QueryRowContext(ctx, `SELECT `+expertColumns+` FROM experts WHERE user_id = $1`, userID))
	if err == sql.ErrNoRows {
		return e, guantong.Errorf(guantong.ENotFound, "该账号未关联专家库中的专家")
	}
	if err != nil {
		return e, fmt.Errorf("store: expert of user %d: %w", userID, err)
	}
	return e, nil
}

// Experts returns the expert pool, by ID.
func (r reader) Experts(ctx context.Context) ([]guantong.Expert, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+expertColumns+` FROM experts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: experts: %w", err)
	}
	return collect(rows, scanExpert)
}

// SetCommitteeMembers replaces the membership of a committee. Meetings already set up keep
// the members they were set up with (meeting_members).
func (tx *Tx) SetCommitteeMembers(ctx context.Context, committeeID int64, members []guantong.Member) error {
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM committee_members WHERE committee_id = $1`, committeeID); err != nil {
		return fmt.Errorf("store: committee %d members: %w", committeeID, err)
	}
	for _, m := range members {
		if _, err := tx.tx.ExecContext(ctx, `INSERT INTO committee_members (committee_id, expert_id, role, appointed_on) VALUES ($1, $2, $3, $4)`,
			committeeID, m.ID, m.Role, m.AppointedOn.String()); err != nil {
			return fmt.Errorf("store: committee %d member %d: %w", committeeID, m.ID, err)
		}
	}
	return nil
}

// CommitteeMembers returns the members of a committee, chair first, then by expert ID.
func (r reader) CommitteeMembers(ctx context.Context, committeeID int64) ([]guantong.Member, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT e.id, e.name, e.employer_id, e.series, e.specialty, e.title_level, e.skill_level,
		e.skilled, e.user_id, e.active, e.created_at, m.role, m.appointed_on
		FROM committee_members m JOIN experts e ON e.id = m.expert_id
		WHERE m.committee_id = $1
		ORDER BY CASE m.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 ELSE 2 END, e.id`, committeeID)
	if err != nil {
		return nil, fmt.Errorf("store: committee %d members: %w", committeeID, err)
	}
	return collect(rows, func(row scanner) (guantong.Member, error) {
		var m guantong.Member
		var appointed string
		var err error
		m.Expert, err = scanExpertAnd(row, &m.Role, &appointed)
		var c stored
		m.AppointedOn = c.date("appointed_on", appointed)
		if err == nil {
			err = c.scanned(nil, "committee member", m.ID)
		}
		return m, err
	})
}
