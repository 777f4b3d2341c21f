package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"guantong/internal/workbook"
)

func init() {
	commands["template"] = command{summary: "下载模板：template staff -o staff.xlsx（员工信息表，批量测评和员工导入共用）", run: runTemplate}
}

// runTemplate is `guantong template staff [-o staff.xlsx|staff.csv]`.
func runTemplate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "template", "staff [-o staff.xlsx|staff.csv]")
	out := fs.String("o", "staff.xlsx", "输出文件（.xlsx 或 .csv）")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "staff" {
		return usageError("用法：guantong template staff -o staff.xlsx（目前只有员工信息表 staff）")
	}
	write := workbook.WriteStaffTemplate
	switch strings.ToLower(filepath.Ext(*out)) {
	case ".csv":
		write = workbook.WriteStaffTemplateCSV
	case ".xlsx":
	default:
		return usageError("-o %s：模板应为 .xlsx 或 .csv", *out)
	}
	f, err := os.Create(*out)
	if err != nil {
		return usageError("无法创建 %s：%s", *out, pathError(err))
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(*out)
		return err
	}
	return f.Close()
}
