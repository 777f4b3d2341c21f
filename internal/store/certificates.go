package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CertificateDetails are what a title certificate prints beyond the application: the 批准文号
// of the committee's result and the holder's photo (one of the application's files).
type CertificateDetails struct {
	ApprovalNo  string
	PhotoFileID int64 // 0: none yet
}

// CertificateDetails returns an application's details; an application without any has the
// zero value.
func (r reader) CertificateDetails(ctx context.Context, applicationID int64) (CertificateDetails, error) {
	var d CertificateDetails
	var photo sql.NullInt64
	err := r.q.QueryRowContext(ctx, `SELECT approval_no, photo_file_id FROM certificate_details WHERE application_id = $1`,
		applicationID).Scan(&d.ApprovalNo, &photo)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("store: certificate details %d: %w", applicationID, err)
	}
	d.PhotoFileID = idOf(photo)
	return d, nil
}

// SetApprovalNo records the 批准文号 of an application's result.
func (tx *Tx) SetApprovalNo(ctx context.Context, applicationID int64, no string) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO certificate_details (application_id, approval_no) VALUES ($1, $2)
		ON CONFLICT (application_id) DO UPDATE SET approval_no = excluded.approval_no`, applicationID, no)
	if err != nil {
		return fmt.Errorf("store: approval number of %d: %w", applicationID, err)
	}
	return nil
}

// SetPhoto makes one of the application's files the holder's photo.
func (tx *Tx) SetPhoto(ctx context.Context, applicationID, fileID int64) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO certificate_details (application_id, photo_file_id) VALUES ($1, $2)
		ON CONFLICT (application_id) DO UPDATE SET photo_file_id = excluded.photo_file_id`, applicationID, fileID)
	if err != nil {
		return fmt.Errorf("store: photo of %d: %w", applicationID, err)
	}
	return nil
}
