package store

import (
	"context"
	"fmt"

	"guantong"
)

// Evidence contents are kept in the database, one row per SHA-256, so that a backup holds
// them and app servers sharing a PostgreSQL database all see them.

const fileColumns = `id, application_id, sha256, name, type, size, uploaded_by, uploaded_at`

func scanFile(row scanner) (guantong.File, error) {
	var f guantong.File
	var at int64
	err := row.Scan(&f.ID, &f.ApplicationID, &f.SHA256, &f.Name, &f.Type, &f.Size, &f.UploadedBy, &at)
	f.UploadedAt = fromMS(at)
	return f, err
}

// InsertFile stores the contents (once per SHA-256) and the file record, and sets its ID.
func (tx *Tx) InsertFile(ctx context.Context, f *guantong.File, data []byte) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO blobs (sha256, type, size, data) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO NOTHING`, f.SHA256, f.Type, f.Size, data)
	if err != nil {
		return fmt.Errorf("store: insert blob %s: %w", f.SHA256, err)
	}
	err = tx.tx.QueryRowContext(ctx, `INSERT INTO files (application_id, sha256, name, type, size, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		f.ApplicationID, f.SHA256, f.Name, f.Type, f.Size, f.UploadedBy, ms(f.UploadedAt)).Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("store: insert file: %w", err)
	}
	return nil
}

// Files returns the files of an application, oldest first.
func (r reader) Files(ctx context.Context, applicationID int64) ([]guantong.File, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+fileColumns+` FROM files WHERE application_id = $1 ORDER BY id`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("store: files of %d: %w", applicationID, err)
	}
	return collect(rows, scanFile)
}

// File returns one file of an application and its contents.
func (r reader) File(ctx context.Context, applicationID, id int64) (guantong.File, []byte, error) {
	f, err := scanFile(r.q.QueryRowContext(ctx, `SELECT `+fileColumns+` FROM files WHERE id = $1 AND application_id = $2`, id, applicationID))
	if err != nil {
		return f, nil, notFound(err, "文件", id)
	}
	var data []byte
	if err := r.q.QueryRowContext(ctx, `SELECT data FROM blobs WHERE sha256 = $1`, f.SHA256).Scan(&data); err != nil {
		return f, nil, notFound(err, "文件内容", f.SHA256)
	}
	return f, data, nil
}
