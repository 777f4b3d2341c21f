package stats

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// SheetName is the sheet a chart's workbook holds its numbers in.
const SheetName = "数据"

// WriteExcel writes the chart's numbers as a workbook: the title in A1, the scope in A2, the
// header in row 3 (the label column, then Columns) and one row per Row, values as numbers,
// exactly the figures the chart draws.
func WriteExcel(w io.Writer, scope string, c Chart) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return fmt.Errorf("stats: excel: %w", err)
	}
	set := func(col, row int, v any) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(SheetName, cell, v)
	}
	if err := set(1, 1, c.Title); err != nil {
		return fmt.Errorf("stats: excel: %w", err)
	}
	if err := set(1, 2, "范围："+scope); err != nil {
		return fmt.Errorf("stats: excel: %w", err)
	}
	header := append([]string{c.Label}, c.Columns...)
	for i, h := range header {
		if err := set(i+1, 3, h); err != nil {
			return fmt.Errorf("stats: excel: %w", err)
		}
	}
	for r, row := range c.Rows {
		if err := set(1, r+4, row.Label); err != nil {
			return fmt.Errorf("stats: excel: %w", err)
		}
		for i, v := range row.Values {
			if err := set(i+2, r+4, v); err != nil {
				return fmt.Errorf("stats: excel: %w", err)
			}
		}
	}
	if err := f.SetColWidth(SheetName, "A", "A", 36); err != nil {
		return fmt.Errorf("stats: excel: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("stats: excel: %w", err)
	}
	return nil
}
