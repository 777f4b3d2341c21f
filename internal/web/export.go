package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/service"
)

// exportHeader are the columns of a list downloaded as Excel.
var exportHeader = []any{"申报编号", "姓名", "身份证号", "工作单位", "类别", "途径", "系列", "职业（工种）", "级别", "阶段", "证书编号", "提交时间", "更新时间"}

// exportSheet is the name of the sheet.
const exportSheet = "申报"

// applicationsFile is GET /applications.xlsx: every application of a list's current view
// (the page named by view, its section, the filters; not only the page shown), streamed
// row by row into the workbook, so that a province's list needs no more memory than a page.
func (s *Server) applicationsFile(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	key, id := r.URL.Query().Get("view"), r.URL.Query().Get("section")
	v, ok := listViews[key]
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "没有这个列表", "请从列表页下方的“下载 Excel”下载。")
		return
	}
	l := listFilters(r, key)
	if len(l.Errs) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "筛选条件有误", "请回到列表页改正筛选条件后再下载。")
		return
	}
	q, some := v.sectionQuery(r, l, id) // !some: the filter leaves this list empty, a sheet of headers only
	each := s.svc.EachApplication
	if !some {
		each = func(context.Context, *guantong.User, service.ListQuery, func(service.View) error) error { return nil }
	}
	s.sheetFile(w, r, sheetFile{sheet: exportSheet, header: exportHeader, name: "applications-" + key, cnName: "申报-" + key},
		func(add func(...any) error) error {
			return each(r.Context(), u, q, func(a service.View) error {
				occupation := a.OccupationCode
				if name, ok := s.catalog.Name(a.OccupationCode); ok {
					occupation = name + "（" + a.OccupationCode + "）"
				}
				kind := "职称"
				if a.Kind == guantong.KindSkill {
					kind = "职业技能等级"
				}
				return add(a.ID, a.Applicant.Name, a.Applicant.IDNumber, a.Employer, kind, routeName(a.Route), a.Series,
					occupation, a.Level.String(), a.StageName, a.Certificate, when(a.CreatedAt), when(a.UpdatedAt))
			})
		})
}

// sheetFile names a list's download: its sheet, its header row and the file's name (ASCII
// and Chinese, without the date and .xlsx).
type sheetFile struct {
	sheet        string
	header       []any
	name, cnName string
}

// sheetFile sends a workbook of one sheet, the header and then a row for each call of add
// that each makes, streamed into the workbook as each reads them. X-Rows says how many.
func (s *Server) sheetFile(w http.ResponseWriter, r *http.Request, file sheetFile, each func(add func(cells ...any) error) error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), file.sheet); err != nil {
		s.fail(w, r, err)
		return
	}
	sw, err := f.NewStreamWriter(file.sheet)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := sw.SetRow("A1", file.header); err != nil {
		s.fail(w, r, err)
		return
	}
	row := 1
	err = each(func(cells ...any) error {
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, cells)
	})
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	day := s.svc.Today().String()
	h.Set("Content-Disposition", `attachment; filename="`+file.name+"-"+day+`.xlsx"; filename*=UTF-8''`+pathEscape(file.cnName+"-"+day+".xlsx"))
	h.Set("Cache-Control", "private, no-store") // ID numbers, phones in full
	h.Set("X-Rows", strconv.Itoa(row-1))
	if _, err := f.WriteTo(w); err != nil {
		s.log.Warn("web: "+file.name+".xlsx", "err", err)
	}
}
