package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"unicode"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// Evidence files are checked by their contents, not by the name or type the client gives:
// only PDF, JPEG and PNG up to guantong.MaxFileSize are kept, stored by SHA-256, and served
// back only as attachments.

// AddFile attaches evidence to a draft or returned application of u's own. Attaching
// advances the application's version, so that a submission made on a stale view of the
// evidence is refused.
func (s *Service) AddFile(ctx context.Context, u *guantong.User, id int64, name string, data []byte) (guantong.File, error) {
	if err := signedIn(u); err != nil {
		return guantong.File{}, err
	}
	if len(data) == 0 {
		return guantong.File{}, guantong.FieldErrors{{Field: "file", Message: "文件为空"}}
	}
	if len(data) > guantong.MaxFileSize {
		return guantong.File{}, guantong.FieldErrors{{Field: "file", Message: "文件超过 10 MiB"}}
	}
	typ := http.DetectContentType(data)
	if typ != guantong.TypePDF && typ != guantong.TypeJPEG && typ != guantong.TypePNG {
		return guantong.File{}, guantong.FieldErrors{{Field: "file", Message: "只接受 PDF、JPEG、PNG 文件（收到的内容为 " + typ + "）"}}
	}
	sum := sha256.Sum256(data)
	f := guantong.File{ApplicationID: id, Name: cleanName(name, typ), Type: typ, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), UploadedBy: u.Actor(), UploadedAt: s.now().UTC()}
	err := s.store.Write(ctx, func(tx *store.Tx) error {
		app, err := s.visible(ctx, tx, u, id, 0)
		if err != nil {
			return err
		}
		if err := workflow.CanEdit(u, &app); err != nil {
			return err
		}
		if err := tx.InsertFile(ctx, &f, data); err != nil {
			return err
		}
		app.UpdatedAt = f.UploadedAt
		if err := tx.UpdateApplication(ctx, &app, app.Version); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "attach", subjectOf("application", id), map[string]any{
			"file_id": f.ID, "name": f.Name, "type": f.Type, "size": f.Size, "sha256": f.SHA256, "version": app.Version})
	})
	return f, err
}

// cleanName keeps a file name printable and short, and gives it the extension of its type;
// direction controls go, so that "\u202egnp.exe" is not shown as "exe.png".
func cleanName(name, typ string) string {
	name = path.Base(strings.ReplaceAll(guantong.CleanText(name), `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`"/\<>:|?*`, r) {
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	ext := map[string]string{guantong.TypePDF: ".pdf", guantong.TypeJPEG: ".jpg", guantong.TypePNG: ".png"}[typ]
	base := strings.TrimSuffix(name, path.Ext(name))
	if base == "" || base == "." {
		base = "file"
	}
	return base + ext
}

// Files lists the evidence of an application u may see.
func (s *Service) Files(ctx context.Context, u *guantong.User, id int64) ([]guantong.File, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return nil, err
	}
	return s.store.Files(ctx, id)
}

// File returns one piece of evidence and its contents, to someone who may see the
// application. Serve it as an attachment with its stored type and nosniff, never inline.
func (s *Service) File(ctx context.Context, u *guantong.User, id, fileID int64) (guantong.File, []byte, error) {
	if err := signedIn(u); err != nil {
		return guantong.File{}, nil, err
	}
	if _, err := s.visible(ctx, s.store, u, id, 0); err != nil {
		return guantong.File{}, nil, err
	}
	return s.store.File(ctx, id, fileID)
}
