package service

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// StaffAccountsSheet is the downloadable sheet of the accounts an import created: row, name,
// username and one-time password, for HR to hand to each person. It is made from the import's
// answer and never stored, so the passwords exist only in that answer.
func StaffAccountsSheet(accounts []StaffAccount) ([]byte, error) {
	const sheet = "新账号"
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("service: accounts sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("service: accounts sheet: %w", err)
	}
	sw.SetColWidth(1, 4, 22)
	rows := [][]any{{"表中行号", "姓名", "账号", "一次性密码（首次登录后须修改）"}}
	for _, a := range accounts {
		rows = append(rows, []any{a.Row, a.Name, a.Username, a.Password})
	}
	for i, row := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+1), row); err != nil {
			return nil, fmt.Errorf("service: accounts sheet: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, fmt.Errorf("service: accounts sheet: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("service: accounts sheet: %w", err)
	}
	return buf.Bytes(), nil
}
