package web

import (
	"encoding/base64"
	"html/template"
	"net/http"

	"guantong"
	"guantong/internal/service"
)

// The 员工导入 page (issue 10 item 3): an employer's HR uploads its staff in the staff
// template and sees, on the answer to that upload only, what was written, every bad row by
// row and column, and each new account's one-time password, also as a sheet to download. The
// passwords are never stored in the clear, so a reload cannot show them again.

// staffPage is the data of templates/staff.html.
type staffPage struct {
	GoodOnly bool
	Errs     errs
	Report   *service.StaffImport
	Sheet    template.URL // the new accounts as an Excel data: address, "" when there are none
}

// staffForm is GET /staff.
func (s *Server) staffForm(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	s.render(w, r, http.StatusOK, "staff", page{Title: "员工导入", Nav: "staff", Data: &staffPage{}})
}

// staffSubmit is POST /staff: the sheet, imported.
func (s *Server) staffSubmit(w http.ResponseWriter, r *http.Request) {
	u := s.workspace(w, r, guantong.RoleHR)
	if u == nil {
		return
	}
	name, data, problem := readUploadUpTo(w, r, service.MaxScreeningUpload, "文件超过 32 MB：请分成几个文件导入")
	d := &staffPage{GoodOnly: r.FormValue("good_only") != ""}
	var err error
	switch {
	case problem != "":
		err = guantong.FieldErrors{{Field: "file", Message: problem}}
	case data == nil:
		err = guantong.FieldErrors{{Field: "file", Message: "请选择要导入的员工信息表"}}
	default:
		var rep service.StaffImport
		if rep, err = s.svc.ImportStaff(r.Context(), u, name, data, d.GoodOnly); err == nil {
			d.Report = &rep
			if len(rep.Accounts) > 0 {
				sheet, err := service.StaffAccountsSheet(rep.Accounts)
				if err != nil {
					s.fail(w, r, err)
					return
				}
				d.Sheet = template.URL("data:" + xlsxType + ";base64," + base64.StdEncoding.EncodeToString(sheet))
			}
			// The answer holds passwords: no cache may keep it.
			w.Header().Set("Cache-Control", "no-store")
			status := http.StatusOK
			if !rep.Written {
				status = http.StatusUnprocessableEntity
			}
			s.render(w, r, status, "staff", page{Title: "员工导入", Nav: "staff", Data: d})
			return
		}
	}
	es, _, ok := fieldErrs(err)
	if !ok {
		s.fail(w, r, err)
		return
	}
	d.Errs = es
	s.render(w, r, http.StatusBadRequest, "staff", page{Title: "员工导入", Nav: "staff", Data: d})
}

// staffPersonPage is the data of templates/staffperson.html.
type staffPersonPage struct {
	Facts service.StaffFacts
	Doc   *docView
}

// staffPerson is GET /staff/people/{id}: what the employer's import registered about one of
// its staff (HR; the admin too), as the person's 自助测评 and new application start from it.
func (s *Server) staffPerson(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r, guantong.RoleHR, guantong.RoleAdmin)
	if !ok {
		return
	}
	f, err := s.svc.Facts(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "staffperson", page{Title: f.Name + "的登记信息", Nav: "accounts",
		Data: staffPersonPage{Facts: f, Doc: s.docView(f.Person)}})
}
