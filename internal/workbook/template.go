package workbook

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/catalog"
)

// templateRows is how many rows below the header the template's drop-down lists and date
// checks cover.
const templateRows = 20000

// example is the template's example row, by header; its 姓名 begins with 示例, so that a
// sheet sent back with it still in place does not count it as a person.
var example = map[string]string{
	colName: "示例：张三", colIDType: guantong.IDResident, colIDNumber: "130102199001011237", colPhone: "13800138000",
	colRegion: "石家庄市", colEmployer: "某钢铁有限公司", colKind: guantong.KindEnterprise, colSelfEval: "否",
	"证书1职业编码": "6-20-01-01", "证书1职业名称": "钳工", "证书1等级": "高级工", "证书1取得日期": "2017-06-30", "证书1证书编号": "S000012344",
	"证书2职业编码": "6-20-01-01", "证书2职业名称": "钳工", "证书2等级": "技师", "证书2取得日期": "2021-06-30", "证书2证书编号": "S000012345",
	"职称1系列": "工程", "职称1专业": "机械", "职称1等级": "助理级", "职称1取得日期": "2019-12-01",
	colAssessments: "2023:合格；2024:优秀；2025:合格", colWork: "2012-07-01至今", colAwards: "河北省技术能手:2022:6-20-01-01",
	colEducation: "大专:机电一体化技术:6-20-01-01", colTargets: "6-20-01-01",
}

// Guide is the 填写说明 sheet: what each column takes.
var Guide = [][2]string{
	{colName, "必填。每行一人；姓名以“示例”开头的行不读取。"},
	{colIDType, "留空即居民身份证；可选 " + strings.Join(guantong.IDTypes, "、") + "。"},
	{colIDNumber, "居民身份证及三种居住证为 18 位（末位可为 X）；护照等为 5—20 位字母或数字。该列为文本格式，请勿改为数字。"},
	{colPhone, "11 位手机号码（员工导入时用于开通账号；测评不使用）。"},
	{colRegion, "单位所在地区，从下拉列表选择：" + strings.Join(guantong.Districts, "、") + "。"},
	{colKind, "从下拉列表选择：" + strings.Join(guantong.EmployerKinds, "、") + "。"},
	{colSelfEval, "单位为经批准的技能人才自主评价企业时填“是”。"},
	{"证书N…", "每张职业资格或职业技能等级证书一组（证书1、证书2、证书3）；不够时可在表头后加“证书4职业编码”等同名列。职业编码如 6-20-01-01；等级为 " + strings.Join(guantong.SkillLevels(), "、") + "；日期如 2021-06-30。"},
	{"职称N…", "已取得的职称一组；等级为 " + strings.Join(guantong.TitleLevels(), "、") + "。"},
	{colAssessments, "近几年的年度考核，“年份:结果”，多项用分号分隔，如 2023:合格；2024:优秀。结果为 " + strings.Join(guantong.AssessmentResults, "、") + "。"},
	{colWork, "从事技术技能工作的时段，“开始日期至结束日期”或“开始日期至今”，多段用分号分隔；不填则按一直在岗计算。"},
	{colAwards, "“奖项名称:年份”或“奖项名称:年份:获奖职业编码”，多项用分号分隔。"},
	{colEducation, "“学历:专业”或“学历:专业:相关职业编码”（多个编码用顿号分隔），用于理论知识考试免试。"},
	{colTargets, "职称人员申请职业技能评价时，现岗位对应的职业编码；社会体育指导员等有项目的写成“4-13-04-01:游泳”。多项用分号分隔。"},
}

// WriteStaffTemplate writes the staff template as an Excel workbook: the 员工信息 sheet with
// its headers, the example row, drop-down lists for every choice and a date check on every
// date, text format for ID numbers and phones; and the 填写说明 sheet.
func WriteStaffTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", StaffSheet); err != nil {
		return err
	}
	headers := StaffHeaders()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": the cell is text
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	last := ColumnName(len(headers))
	if err := f.SetColWidth(StaffSheet, "A", last, 14); err != nil {
		return err
	}
	for i, h := range headers {
		col := ColumnName(i + 1)
		style, list, isDate := text, []string(nil), false
		switch {
		case h == colIDType:
			list = guantong.IDTypes
		case h == colRegion:
			list = guantong.Districts
		case h == colKind:
			list = guantong.EmployerKinds
		case h == colSelfEval:
			list = []string{"是", "否"}
		case strings.HasPrefix(h, "证书") && strings.HasSuffix(h, skillLevel):
			list = guantong.SkillLevels()
		case strings.HasPrefix(h, "职称") && strings.HasSuffix(h, titleLevel):
			list = guantong.TitleLevels()
		case strings.HasPrefix(h, "职称") && strings.HasSuffix(h, titleSeries):
			list = catalog.SeriesNames()
		case strings.HasSuffix(h, skillDate):
			style, isDate = date, true
		}
		if err := f.SetColStyle(StaffSheet, col, style); err != nil {
			return err
		}
		if h == colAssessments || h == colWork || h == colAwards || h == colEducation {
			f.SetColWidth(StaffSheet, col, col, 30)
		}
		rng := col + "2:" + col + itoa(templateRows+1)
		if list != nil {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			if err := dv.SetDropList(list); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, h, "请从下拉列表中选择")
			if err := f.AddDataValidation(StaffSheet, dv); err != nil {
				return err
			}
		}
		if isDate {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			// Excel day numbers of 1949-01-01 and 2100-12-31.
			if err := dv.SetRange(17899, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, h, "请填写日期，如 2021-06-30")
			if err := f.AddDataValidation(StaffSheet, dv); err != nil {
				return err
			}
		}
		if err := f.SetCellValue(StaffSheet, col+"1", h); err != nil {
			return err
		}
		if v, ok := example[h]; ok {
			if isDate {
				d, _ := ParseDate(v)
				err = f.SetCellValue(StaffSheet, col+"2", d.Time())
			} else {
				err = f.SetCellStr(StaffSheet, col+"2", v)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(StaffSheet, "A1", last+"1", head); err != nil {
		return err
	}
	for i, h := range headers {
		if strings.HasSuffix(h, skillDate) {
			col := ColumnName(i + 1)
			if err := f.SetCellStyle(StaffSheet, col+"2", col+"2", date); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(StaffSheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := writeGuide(f); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeGuide(f *excelize.File) error {
	const sheet = "填写说明"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	f.SetColWidth(sheet, "A", "A", 16)
	f.SetColWidth(sheet, "B", "B", 100)
	if err := f.SetSheetRow(sheet, "A1", &[]any{"列", "填写方法"}); err != nil {
		return err
	}
	for i, g := range Guide {
		if err := f.SetSheetRow(sheet, "A"+itoa(i+2), &[]any{g[0], g[1]}); err != nil {
			return err
		}
	}
	return nil
}

// WriteStaffTemplateCSV writes the template's headers and example row as CSV (UTF-8 with the
// byte-order mark Excel needs).
func WriteStaffTemplateCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	headers := StaffHeaders()
	row := make([]string, len(headers))
	for i, h := range headers {
		row[i] = example[h]
	}
	cw.Write(headers)
	cw.Write(row)
	cw.Flush()
	return cw.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }
