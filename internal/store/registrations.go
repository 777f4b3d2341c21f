package store

import (
	"context"

	"guantong"
)

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
