package service

import (
	"context"
	"fmt"
	"strings"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Certificates are numbered by internal/certificate's one scheme, whose check character lets
// a typo be refused before any look-up (docs/committee.md §6), verified by number by anyone,
// printed with a QR code of their verification address, and exported for registration.

// number gives a title granted or a skill certificate issued in year its number: the next of
// the counter of the year and series (titles) or of the issuer's prefix and year (skills).
func (s *Service) number(ctx context.Context, tx *store.Tx, app *guantong.Application, year int) (string, error) {
	if app.Kind == guantong.KindTitle {
		n, err := tx.NextNumber(ctx, certificate.Counter(year, app.Series))
		if err != nil {
			return "", err
		}
		return certificate.Number(year, app.Series, app.Level.Title, int(n)), nil
	}
	issuer, err := tx.Organisation(ctx, app.EvaluatorID)
	if err != nil {
		return "", err
	}
	prefix := issuerPrefix(&issuer)
	n, err := tx.NextNumber(ctx, certificate.SkillCounter(prefix, year))
	if err != nil {
		return "", err
	}
	number, err := certificate.SkillNumber(prefix, year, int(n))
	if err != nil {
		return "", guantong.Errorf(guantong.EConflict, "%s的证书编号前缀不可用（%s），请管理员修改", issuer.Name, err.Error())
	}
	return number, nil
}

// issuerPrefix is the prefix of an issuer's skill certificates: its own, or HBJN (河北技能)
// and its ID.
func issuerPrefix(o *guantong.Organisation) string {
	if o.CertPrefix != "" {
		return o.CertPrefix
	}
	return fmt.Sprintf("HBJN%04d", o.ID)
}

// VerifyCertificate answers anyone whether a certificate issued through guantong stands:
// valid, revoked, or issued but not yet registered, with the holder's name and ID number
// masked (certificate.Public). The number is read as certificate.ParseNumber reads it (case,
// full-width characters, dashes and spaces folded), and one with a wrong check character is
// refused (EInvalid, "编号有误") before any look-up. name is optional; when given it must be
// the holder's, and a mismatch is ENotFound, like an unknown number, saying nothing of which
// part was wrong.
//
// A skill certificate verifies publicly only once registered (上网, workflow.Register): before
// that it is ENotFound saying so, to the public as to anyone, while its holder, issuer and
// the admin read it in full (Certificate). Titles are registered with their grant.
func (s *Service) VerifyCertificate(ctx context.Context, number, name string) (guantong.CertificateStatus, error) {
	st, app, err := s.certificateStatus(ctx, number, name)
	if err != nil {
		return guantong.CertificateStatus{}, err
	}
	if app.Kind == guantong.KindSkill && app.RegisteredOn.IsZero() {
		return guantong.CertificateStatus{}, errNotRegistered
	}
	return certificate.Public(st), nil
}

// Certificate returns a certificate as VerifyCertificate does, but with the name and ID number
// in full for those who may see the application that led to it (the holder, the committee or
// issuer, the admin): what the printable certificate shows. Anyone else is EForbidden.
func (s *Service) Certificate(ctx context.Context, u *guantong.User, number string) (guantong.CertificateStatus, error) {
	if err := signedIn(u); err != nil {
		return guantong.CertificateStatus{}, err
	}
	st, app, err := s.certificateStatus(ctx, number, "")
	if err != nil {
		return st, err
	}
	if !workflow.CanSee(u, &app) {
		return guantong.CertificateStatus{}, guantong.Errorf(guantong.EForbidden, "只有持证人、发证机构和管理员可以查看证书全文")
	}
	return st, nil
}

func (s *Service) certificateStatus(ctx context.Context, number, name string) (guantong.CertificateStatus, guantong.Application, error) {
	name = strings.TrimSpace(name)
	app, p, err := s.certified(ctx, number)
	if err == errNoCertificate && name != "" {
		err = errNoMatch
	}
	if err != nil {
		return guantong.CertificateStatus{}, app, err
	}
	if name != "" && name != p.Name {
		return guantong.CertificateStatus{}, app, errNoMatch
	}
	issuerID := app.CommitteeID
	if app.Kind == guantong.KindSkill {
		issuerID = app.EvaluatorID
	}
	issuer, err := s.store.Organisation(ctx, issuerID)
	if err != nil {
		return guantong.CertificateStatus{}, app, err
	}
	st := guantong.CertificateStatus{Number: app.Certificate, Name: p.Name, IDNumber: p.IDNumber, Kind: app.Kind,
		Series: app.Series, OccupationCode: app.OccupationCode, Level: app.Level, Issuer: issuer.Name,
		IssuedOn: app.CertifiedOn, RegisteredOn: app.RegisteredOn, RevokedOn: app.RevokedOn, Status: certificate.StatusValid}
	switch app.Stage {
	case guantong.StageRevoked:
		st.Status = certificate.StatusRevoked
	case guantong.StageIssued:
		st.Status = certificate.StatusIssued
	}
	return st, app, nil
}

// errNoCertificate and errNoMatch say nothing of which part was wrong: an unknown number
// with a name is errNoMatch too.
var (
	errNoCertificate = guantong.Errorf(guantong.ENotFound, "未找到该编号的证书")
	errNoMatch       = guantong.Errorf(guantong.ENotFound, "未找到与该编号和姓名相符的证书")
	errNotRegistered = guantong.Errorf(guantong.ENotFound, "该证书尚未上网登记，登记后方可公开查验")
)

// certified reads a certificate number and returns the application that led to it and its
// holder.
func (s *Service) certified(ctx context.Context, number string) (guantong.Application, guantong.Applicant, error) {
	if strings.TrimSpace(number) == "" {
		return guantong.Application{}, guantong.Applicant{}, guantong.FieldErrors{{Field: "number", Message: "须提供证书编号"}}
	}
	var app guantong.Application
	var err error
	if n := certificate.Normalize(number); strings.Contains(n, "-") {
		var parts certificate.Parts
		if parts, err = certificate.ParseNumber(n); err != nil {
			return app, guantong.Applicant{}, guantong.FieldErrors{{Field: "number", Message: err.Error()}}
		}
		app, err = s.store.ApplicationByCertificate(ctx, parts.Number)
	} else {
		var compact string
		if compact, err = certificate.ParseCompact(n); err != nil {
			return app, guantong.Applicant{}, guantong.FieldErrors{{Field: "number", Message: err.Error()}}
		}
		app, err = s.store.ApplicationByCompactCertificate(ctx, compact)
	}
	if guantong.ErrorCode(err) == guantong.ENotFound {
		return app, guantong.Applicant{}, errNoCertificate
	}
	if err != nil {
		return app, guantong.Applicant{}, err
	}
	p, err := s.store.Applicant(ctx, app.PersonID)
	return app, p, err
}

// CertificateQR returns a PNG QR code, at most size pixels wide, of the verification address
// of a certificate on the site at base (https://zc.example.gov.cn): base/verify/{number}. The
// certificate must exist, so that the site draws no codes for numbers it never issued.
func (s *Service) CertificateQR(ctx context.Context, number, base string, size int) ([]byte, error) {
	app, _, err := s.certified(ctx, number)
	if err != nil {
		return nil, err
	}
	return certificate.QRCodePNG(certificate.VerifyURL(base, app.Certificate), size)
}
