package workbook

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxSheetRows is Excel's limit of rows per sheet; a longer table goes on in another sheet
// of the same name with （2）, （3） after it, each with the header row.
const maxSheetRows = 1 << 20

// Writer writes tables to an Excel workbook (one sheet per table) or to CSV files (the first
// table to the file named, each other table beside it: result.csv, result-汇总.csv). Rows are
// streamed: excelize keeps a sheet's rows in a temporary file, not in memory. Nothing
// appears under the final name until Close succeeds.
type Writer struct {
	path   string
	format Format
	xf     *excelize.File
	bold   int
	tables []*Table
}

// Table is one table of a Writer.
type Table struct {
	w       *Writer
	name    string
	headers []string
	widths  []float64
	// Excel
	sw   *excelize.StreamWriter
	part int
	row  int
	// CSV
	file *os.File
	buf  *bufio.Writer
	cw   *csv.Writer
	tmp  string
}

// Create starts a workbook at path, .xlsx or .csv.
func Create(path string) (*Writer, error) {
	format, err := FormatOf(path)
	if err != nil || format == JSONL {
		return nil, fmt.Errorf("%s：结果文件应为 .xlsx 或 .csv", path)
	}
	w := &Writer{path: path, format: format}
	if format == XLSX {
		w.xf = excelize.NewFile()
		w.bold, err = w.xf.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Table starts a table with its headers; widths (optional) are column widths in characters.
func (w *Writer) Table(name string, headers []string, widths ...float64) (*Table, error) {
	t := &Table{w: w, name: name, headers: headers, widths: widths}
	w.tables = append(w.tables, t)
	if w.format == XLSX {
		return t, t.newSheet()
	}
	p := w.path
	if len(w.tables) > 1 {
		p = strings.TrimSuffix(p, filepath.Ext(p)) + "-" + name + ".csv"
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".guantong-*.csv")
	if err != nil {
		return nil, err
	}
	t.file, t.tmp = f, p
	t.buf = bufio.NewWriterSize(f, 1<<16)
	t.buf.WriteString("\uFEFF") // Excel reads a CSV as UTF-8 only with the byte-order mark
	t.cw = csv.NewWriter(t.buf)
	return t, t.cw.Write(headers)
}

func (t *Table) newSheet() error {
	t.part++
	name := t.name
	if t.part > 1 {
		if err := t.sw.Flush(); err != nil {
			return err
		}
		name = t.name + "（" + strconv.Itoa(t.part) + "）"
	}
	f := t.w.xf
	if len(t.w.tables) == 1 && t.part == 1 {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, wd := range t.widths {
		if wd > 0 {
			if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.headers))
	for i, h := range t.headers {
		head[i] = excelize.Cell{StyleID: t.w.bold, Value: h}
	}
	t.sw, t.row = sw, 1
	return sw.SetRow("A1", head)
}

// Row appends a row. Cells are strings or numbers.
func (t *Table) Row(cells ...any) error {
	if t.cw != nil {
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = fmt.Sprint(c)
		}
		return t.cw.Write(rec)
	}
	if t.row >= maxSheetRows {
		if err := t.newSheet(); err != nil {
			return err
		}
	}
	t.row++
	return t.sw.SetRow(cellName(t.row), cells)
}

// cellName is "A"+row without excelize's general conversion.
func cellName(row int) string { return "A" + strconv.Itoa(row) }

// Close finishes every table and moves the files to their names. On any error, nothing is
// left under them.
func (w *Writer) Close() error {
	if w.format == CSV {
		var errs []error
		for _, t := range w.tables {
			t.cw.Flush()
			errs = append(errs, t.cw.Error(), t.buf.Flush(), t.file.Close())
		}
		if err := errors.Join(errs...); err != nil {
			w.Abort()
			return err
		}
		for _, t := range w.tables {
			if err := os.Rename(t.file.Name(), t.tmp); err != nil {
				return err
			}
		}
		return nil
	}
	defer w.xf.Close()
	for _, t := range w.tables {
		if err := t.sw.Flush(); err != nil {
			return err
		}
	}
	f, err := os.CreateTemp(filepath.Dir(w.path), ".guantong-*.xlsx")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	// excelize builds the whole zip in a bytes.Buffer before writing it out, hundreds of
	// megabytes for a large result; its ZipWriter hook lets the zip go straight to the file
	// instead (the buffer stays empty), compressed at flate.BestSpeed, several times faster
	// than the default level for a file about a fifth larger.
	var zw *zip.Writer
	w.xf.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = zip.NewWriter(bw)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	_, err = w.xf.WriteToBuffer()
	if err = errors.Join(err, bw.Flush(), f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), w.path)
}

// Abort discards what was written.
func (w *Writer) Abort() {
	if w.xf != nil {
		w.xf.Close()
		return
	}
	for _, t := range w.tables {
		t.file.Close()
		os.Remove(t.file.Name())
	}
}
