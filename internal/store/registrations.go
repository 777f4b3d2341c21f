package store

import (
	"context"
	"fmt"

	"guantong"
)

// Grants returns the title certificates granted from one day to another, both inclusive,
// revoked ones included, by number: the registration (上网) of a period. officeID, when not
// zero, keeps those of one 职改办's region.
func (r reader) Grants(ctx context.Context, from, to guantong.Date, officeID int64) ([]guantong.Application, error) {
	q := `SELECT ` + appColumns + ` FROM applications
		WHERE kind = $1 AND certificate_no IS NOT NULL AND certified_on >= $2 AND certified_on <= $3`
	args := []any{guantong.KindTitle, from.String(), to.String()}
	if officeID != 0 {
		q += ` AND office_id = $4`
		args = append(args, officeID)
	}
	rows, err := r.q.QueryContext(ctx, q+` ORDER BY certificate_no`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: grants %s…%s: %w", from, to, err)
	}
	return collect(rows, scanApp)
}

// ApplicationByCompactCertificate returns the application that led to a certificate number
// given without its hyphens (certificate.Compact).
func (r reader) ApplicationByCompactCertificate(ctx context.Context, compact string) (guantong.Application, error) {
	a, err := scanApp(r.q.QueryRowContext(ctx, `SELECT `+appColumns+` FROM applications
		WHERE REPLACE(certificate_no, '-', '') = $1`, compact))
	if err != nil {
		return a, notFound(err, "证书", compact)
	}
	return a, nil
}
