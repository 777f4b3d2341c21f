package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/data"
	"guantong/internal/certificate"
	"guantong/internal/committee"
	"guantong/internal/store"
)

// Certificates as issued (docs/certificates.md): the holder's photo, the 批准文号 of the
// committee's result, and the certificate as one Document that the printable page and the
// PDF both lay out.

// CertificateDocument returns a certificate as issued, for those Certificate allows (the
// holder, the committee or issuer, the admin): the holder with sex and ID number in full and
// their photo, what is certified (for a title: series, 专业, qualification name, level,
// committee and 批准文号; for a skill: occupation, level and evaluator), the issuing
// department and date, and the verification address on the site at base.
func (s *Service) CertificateDocument(ctx context.Context, u *guantong.User, number, base string) (certificate.Document, error) {
	st, err := s.Certificate(ctx, u, number)
	if err != nil {
		return certificate.Document{}, err
	}
	app, err := s.store.ApplicationByCertificate(ctx, st.Number)
	if err != nil {
		return certificate.Document{}, err
	}
	details, err := s.store.CertificateDetails(ctx, app.ID)
	if err != nil {
		return certificate.Document{}, err
	}
	d := certificate.Document{Number: st.Number, Name: st.Name, Sex: certificate.SexOf(st.IDNumber), IDNumber: st.IDNumber,
		IssuedOn: st.IssuedOn.String(), VerifyURL: certificate.VerifyURL(base, st.Number), Status: certificate.StatusName(st.Status)}
	if !st.RevokedOn.IsZero() {
		d.RevokedOn = st.RevokedOn.String()
	}
	if details.PhotoFileID != 0 {
		if _, b, err := s.store.File(ctx, app.ID, details.PhotoFileID); err == nil {
			d.Photo = b
		} else if guantong.ErrorCode(err) != guantong.ENotFound {
			return d, err
		}
	}
	if app.Kind == guantong.KindSkill {
		d.Heading, d.Department = "职业技能等级证书", st.Issuer
		occupation := app.OccupationCode
		if name, ok := s.Engine().Catalog().Name(app.OccupationCode); ok {
			occupation = name + "（" + app.OccupationCode + "）"
		}
		d.Rows = []certificate.Row{{Label: "职业（工种）", Value: occupation}, {Label: "等　　级", Value: st.Level.String()},
			{Label: "评价机构", Value: st.Issuer}}
		return d, nil
	}
	d.Heading, d.Department = "职称证书", committee.BuiltinRegulation().IssuingDepartment
	specialty := specialtyOf(app)
	qualification := "—"
	if q, ok := certificate.QualificationName(app.Series, specialty, app.Level.Title); ok {
		qualification = q.Name
	}
	d.Rows = []certificate.Row{{Label: "系　　列", Value: app.Series}, {Label: "专　　业", Value: orDash(specialty)},
		{Label: "资格名称", Value: qualification}, {Label: "级　　别", Value: st.Level.String()},
		{Label: "评审委员会", Value: st.Issuer}, {Label: "批准文号", Value: orDash(details.ApprovalNo)}}
	return d, nil
}

// specialtyOf is the 专业 an application is for, as the application form records it (issue 12
// item 2); "" for one made before the form asked.
func specialtyOf(app guantong.Application) string { return app.Specialty }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// CertificatePDF returns the certificate of CertificateDocument as a one-page A4 PDF with
// the built-in Chinese font embedded and the QR code of its verification address.
func (s *Service) CertificatePDF(ctx context.Context, u *guantong.User, number, base string) ([]byte, error) {
	d, err := s.CertificateDocument(ctx, u, number, base)
	if err != nil {
		return nil, err
	}
	qr, err := certificate.QRCodePNG(d.VerifyURL, 480)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := certificate.WritePDF(&b, &d, qr, data.CertificateFont); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SetPhoto makes an uploaded JPEG the holder's photo for the certificate of an application
// of the applicant's own, until its certificate is issued. The photo is checked
// (certificate.CheckPhoto: JPEG, size, ID-photo shape, a blue or white background) and kept
// like evidence, among the application's files; a new photo replaces the last. Audited as
// "photo".
func (s *Service) SetPhoto(ctx context.Context, u *guantong.User, id int64, name string, b []byte) (guantong.File, error) {
	if err := signedIn(u); err != nil {
		return guantong.File{}, err
	}
	info, err := certificate.CheckPhoto(b)
	if err != nil {
		return guantong.File{}, err
	}
	sum := sha256.Sum256(b)
	f := guantong.File{ApplicationID: id, Name: cleanName(name, guantong.TypeJPEG), Type: guantong.TypeJPEG, Size: int64(len(b)),
		SHA256: hex.EncodeToString(sum[:]), UploadedBy: u.Actor(), UploadedAt: s.now().UTC()}
	if !utf8.ValidString(f.Name) || f.Name == ".jpg" {
		f.Name = "照片.jpg"
	}
	err = s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, 0)
		if err != nil {
			return err
		}
		if err := photoAllowed(u, &app); err != nil {
			return err
		}
		if err := tx.InsertFile(ctx, &f, b); err != nil {
			return err
		}
		if err := tx.SetPhoto(ctx, id, f.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "photo", subjectOf("application", id), map[string]any{
			"file_id": f.ID, "sha256": f.SHA256, "width": info.Width, "height": info.Height, "background": info.Background})
	})
	return f, err
}

// photoAllowed refuses a photo but from the applicant, on a title application, until its
// certificate is granted.
func photoAllowed(u *guantong.User, app *guantong.Application) error {
	if u.Role != guantong.RoleApplicant || u.PersonID != app.PersonID {
		return guantong.Errorf(guantong.EForbidden, "只有申报人本人可以上传证件照")
	}
	if app.Kind != guantong.KindTitle || app.Certificate != "" || closed(app.Stage) {
		return guantong.Errorf(guantong.EConflict, "申报处于「%s」阶段，不能再更换照片", app.Stage.Name())
	}
	return nil
}

// PhotoState says whether an application u may see has a photo, and whether u may upload
// one now.
func (s *Service) PhotoState(ctx context.Context, u *guantong.User, id int64) (has, upload bool, err error) {
	if err := signedIn(u); err != nil {
		return false, false, err
	}
	app, err := s.visible(ctx, s.store, u, id, 0)
	if err != nil {
		return false, false, err
	}
	d, err := s.store.CertificateDetails(ctx, id)
	if err != nil {
		return false, false, err
	}
	return d.PhotoFileID != 0, photoAllowed(u, &app) == nil, nil
}

// closed reports whether an application has ended without a certificate to print.
func closed(st guantong.Stage) bool {
	switch st {
	case guantong.StageWithdrawn, guantong.StageRejected, guantong.StageFailed, guantong.StageRevoked:
		return true
	}
	return false
}

// Photo returns the holder's photo of an application, to those who may see it; ENotFound
// when there is none.
func (s *Service) Photo(ctx context.Context, u *guantong.User, id int64) ([]byte, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return nil, err
	}
	d, err := s.store.CertificateDetails(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.PhotoFileID == 0 {
		return nil, guantong.Errorf(guantong.ENotFound, "申报 %d 尚未上传证件照", id)
	}
	_, b, err := s.store.File(ctx, id, d.PhotoFileID)
	return b, err
}

// RecordApproval records the 批准文号 of a closed meeting's result (the document by which the
// department approved it, 冀人社职改〔2027〕3号) on every application the meeting passed or
// recognised; their certificates print it. The committee's secretary records it, once the
// meeting is closed, and may correct it until a certificate is granted. Audited on each
// application as "approval_no".
func (s *Service) RecordApproval(ctx context.Context, u *guantong.User, id int64, no string) (MeetingView, error) {
	no = strings.TrimSpace(no)
	if no == "" || utf8.RuneCountInString(no) > 50 {
		return MeetingView{}, guantong.FieldErrors{{Field: "approval_no", Message: "请填写批准文号（不超过 50 字），如 冀人社职改〔2027〕3号"}}
	}
	return s.act(ctx, u, id, []string{SeatSecretary}, func(tx *store.Tx, st *sitting) error {
		if st.rec.Status != store.MeetingClosed {
			return guantong.Errorf(guantong.EConflict, "会议%s，结束后方可登记批准文号", meetingStatusNames[st.rec.Status])
		}
		n := 0
		for _, ma := range st.rec.Applications {
			o, err := st.m.Outcome(ma.ApplicationID)
			if err != nil {
				return err
			}
			if o.Decision == guantong.DecisionFailed {
				continue
			}
			if app := st.apps[ma.ApplicationID]; app.Certificate != "" {
				continue // granted: the certificate printed carries the number it had
			}
			if err := tx.SetApprovalNo(ctx, ma.ApplicationID, no); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, u, "approval_no", subjectOf("application", ma.ApplicationID),
				map[string]any{"meeting": st.rec.ID, "approval_no": no}); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return guantong.Errorf(guantong.EConflict, "本次会议没有待颁证的通过人员")
		}
		return nil
	})
}
