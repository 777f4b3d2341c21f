package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"guantong"
)

// StoredPolicy is a policy file the admin uploaded: judged by from its effective date on.
type StoredPolicy struct {
	ID            int64
	PolicyID      string // the file's id
	EffectiveFrom guantong.Date
	Body          []byte // the file as uploaded
	UploadedBy    string
	UploadedAt    time.Time
}

// policiesCounter is the counter raised by every change to the stored policies, so that
// every app server sees the change by reading one row.
const policiesCounter = "policies"

// PoliciesVersion returns the counter of the stored policies: 0 before the first upload.
// It is one primary-key read, cheap enough to run before a page is served.
func (r reader) PoliciesVersion(ctx context.Context) (int64, error) {
	var v int64
	err := r.q.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = $1`, policiesCounter).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: policies version: %w", err)
	}
	return v, nil
}

// Policies returns the stored policies, earliest effective date first.
func (r reader) Policies(ctx context.Context) ([]StoredPolicy, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, policy_id, effective_from, body, uploaded_by, uploaded_at
		FROM policies ORDER BY effective_from`)
	if err != nil {
		return nil, fmt.Errorf("store: policies: %w", err)
	}
	return collect(rows, func(row scanner) (StoredPolicy, error) {
		var p StoredPolicy
		var from, body string
		var at int64
		if err := row.Scan(&p.ID, &p.PolicyID, &from, &body, &p.UploadedBy, &at); err != nil {
			return p, err
		}
		d, err := guantong.ParseDate(from)
		p.EffectiveFrom, p.Body, p.UploadedAt = d, []byte(body), fromMS(at)
		return p, err
	})
}

// InsertPolicy stores an uploaded policy and raises the policies counter. A policy whose id
// or effective date is already stored is EConflict.
func (tx *Tx) InsertPolicy(ctx context.Context, p *StoredPolicy) error {
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO policies (policy_id, effective_from, body, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, p.PolicyID, p.EffectiveFrom.String(), string(p.Body), p.UploadedBy, ms(p.UploadedAt)).Scan(&p.ID)
	if unique(err) {
		return guantong.Errorf(guantong.EConflict, "已有编号为 %s 或自 %s 施行的政策", p.PolicyID, p.EffectiveFrom)
	}
	if err != nil {
		return fmt.Errorf("store: insert policy %s: %w", p.PolicyID, err)
	}
	_, err = tx.NextNumber(ctx, policiesCounter)
	return err
}

// DeletePolicy removes a stored policy that has not yet taken effect on today, and raises
// the counter.
func (tx *Tx) DeletePolicy(ctx context.Context, policyID string, today guantong.Date) error {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM policies WHERE policy_id = $1 AND effective_from > $2`, policyID, today.String())
	if err != nil {
		return fmt.Errorf("store: delete policy %s: %w", policyID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return guantong.Errorf(guantong.EConflict, "政策 %s 不存在或已施行，不能撤回", policyID)
	}
	_, err = tx.NextNumber(ctx, policiesCounter)
	return err
}
