package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"guantong"
)

const orgColumns = `id, kind, name, region, employer_kind, self_evaluation, series, level, occupations, cert_prefix, created_at`

type scanner interface{ Scan(dest ...any) error }

func scanOrg(row scanner) (guantong.Organisation, error) {
	var o guantong.Organisation
	var level, occupations string
	var created int64
	err := row.Scan(&o.ID, &o.Kind, &o.Name, &o.Region, &o.EmployerKind, &o.SelfEvaluation, &o.Series, &level, &occupations, &o.CertPrefix, &created)
	var c stored
	o.Level = c.title("level", level)
	o.Occupations = strings.Fields(occupations)
	o.CreatedAt = fromMS(created)
	return o, c.scanned(err, "organisation", o.ID)
}

// InsertOrganisation stores a new organisation and sets its ID. A second organisation of
// the same kind and name is EConflict.
func (tx *Tx) InsertOrganisation(ctx context.Context, o *guantong.Organisation) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO organisations
		(kind, name, region, employer_kind, self_evaluation, series, level, occupations, cert_prefix, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		o.Kind, o.Name, o.Region, o.EmployerKind, o.SelfEvaluation, o.Series, o.Level.String(),
		strings.Join(o.Occupations, " "), o.CertPrefix, ms(o.CreatedAt)).Scan(&o.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "已有名为「%s」的%s", o.Name, guantong.OrgKindName(o.Kind))
	}
	if err != nil {
		return fmt.Errorf("store: insert organisation %q: %w", o.Name, err)
	}
	return nil
}

// Organisation returns one organisation.
func (r reader) Organisation(ctx context.Context, id int64) (guantong.Organisation, error) {
	o, err := scanOrg(r.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organisations WHERE id = $1`, id))
	if err != nil {
		return o, notFound(err, "单位", id)
	}
	return o, nil
}

// Organisations returns the organisations of a kind ("" for all), by ID.
func (r reader) Organisations(ctx context.Context, kind string) ([]guantong.Organisation, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+orgColumns+` FROM organisations WHERE kind = $1 OR $1 = '' ORDER BY id`, kind)
	if err != nil {
		return nil, fmt.Errorf("store: organisations: %w", err)
	}
	return collect(rows, scanOrg)
}

// OfficeFor returns the 职改办 of a region (a city or a provincial department).
func (r reader) OfficeFor(ctx context.Context, region string) (guantong.Organisation, error) {
	o, err := scanOrg(r.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organisations
		WHERE kind = $1 AND region = $2 ORDER BY id LIMIT 1`, guantong.OrgOffice, region))
	if err == sql.ErrNoRows {
		return o, guantong.Errorf(guantong.ENotFound, "「%s」没有职改办，无法受理职称申报", region)
	}
	if err != nil {
		return o, fmt.Errorf("store: office of %q: %w", region, err)
	}
	return o, nil
}

// CommitteeFor returns the committee that reviews a series at a level.
func (r reader) CommitteeFor(ctx context.Context, series string, level guantong.TitleLevel) (guantong.Organisation, error) {
	o, err := scanOrg(r.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organisations
		WHERE kind = $1 AND series = $2 AND level = $3 ORDER BY id LIMIT 1`, guantong.OrgCommittee, series, level.String()))
	if err == sql.ErrNoRows {
		return o, guantong.Errorf(guantong.ENotFound, "没有%s系列%s职称评审委员会", series, level)
	}
	if err != nil {
		return o, fmt.Errorf("store: committee %s %s: %w", series, level, err)
	}
	return o, nil
}

// collect scans every row with scan.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}
