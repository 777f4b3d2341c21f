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

// GrantFilter selects the title certificates granted from one day to another, both
// inclusive, revoked ones included: the registration (上网) of a period. OfficeID, when not
// zero, keeps those of one 职改办's region; Search and Codes find as an application list's
// search does (Filter).
type GrantFilter struct {
	From, To guantong.Date
	OfficeID int64
	Search   string
	Codes    []string
}

func (f GrantFilter) where() *where {
	w := Filter{OfficeID: f.OfficeID, Kind: guantong.KindTitle, Search: f.Search, Codes: f.Codes}.where()
	w.add("a.certificate_no IS NOT NULL")
	w.add("a.certified_on >= " + w.arg(f.From.String()))
	w.add("a.certified_on <= " + w.arg(f.To.String()))
	return w
}

// GrantPage returns one page of a period's certificates, by the day their applications were
// made, with the total.
func (r reader) GrantPage(ctx context.Context, f GrantFilter, p Paging) (Page[Listed], error) {
	return r.listedPage(ctx, "grants", f.where(), p, nil)
}

// EachGrant calls fn for every certificate of a period the filter selects, by number, as one
// stream: the download of the registration list, a province's year of grants.
func (r reader) EachGrant(ctx context.Context, f GrantFilter, fn func(Listed) error) error {
	return r.applications().stream(ctx, f.where(), " ORDER BY a.certificate_no", fn)
}
