package workbook

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/document"
)

// Format is the kind of file, told by its extension.
type Format int

const (
	XLSX  Format = iota + 1 // .xlsx: the staff template in Excel
	CSV                     // .csv: the same columns, UTF-8
	JSONL                   // .jsonl, .ndjson: one check document per line
)

// FormatOf tells a file's format by its extension.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		return XLSX, nil
	case ".csv":
		return CSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	}
	return 0, guantong.Errorf(guantong.EInvalid, "%s：不认识的文件类型，应为 .xlsx、.csv 或 .jsonl", name)
}

// StaffSheet is the name of the template's data sheet; a workbook without it is read from
// its first sheet.
const StaffSheet = "员工信息"

// Problems is every problem that stops a file from being read at all (its header).
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Raw is one row or line as read, before it is decoded; Decode may run on another
// goroutine, so that the readers stay fast and the decoding is spread over the cores.
type Raw struct {
	Row   int
	Cells []string // a sheet's row
	Line  []byte   // a JSON line
}

// Reader reads people from a file, one Raw at a time. Blank rows and rows whose 姓名 begins
// with 示例 (the template's example) are skipped.
type Reader struct {
	format  Format
	layout  *layout
	headers []string
	next    func() (Raw, error)
	closer  func() error
	size    int64
	counted *countingReader
}

// Open opens an input file of any Format. A file whose header cannot be read returns
// Problems.
func Open(name string) (*Reader, error) {
	format, err := FormatOf(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := NewReader(f, format)
	if err != nil {
		f.Close()
		return nil, err
	}
	if format != XLSX { // an Excel file is read whole when opened: its bytes say nothing of progress
		r.size = st.Size()
	}
	inner := r.closer
	r.closer = func() error { return errors.Join(inner(), f.Close()) }
	return r, nil
}

// NewReader reads people in the given format from in.
func NewReader(in io.Reader, format Format) (*Reader, error) {
	cr := &countingReader{r: in}
	r := &Reader{format: format, counted: cr, closer: func() error { return nil }}
	switch format {
	case JSONL:
		br := bufio.NewReaderSize(cr, 1<<16)
		row := 0
		r.next = func() (Raw, error) {
			for {
				line, err := br.ReadBytes('\n')
				if len(line) == 0 && err != nil {
					return Raw{}, err
				}
				row++
				if len(bytes.TrimSpace(line)) > 0 {
					return Raw{Row: row, Line: line}, nil
				}
			}
		}
		return r, nil
	case CSV:
		return r, r.openCSV(cr)
	case XLSX:
		return r, r.openXLSX(cr)
	}
	return nil, fmt.Errorf("workbook: unknown format %d", format)
}

func (r *Reader) openCSV(in io.Reader) error {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	headers, err := cr.Read()
	if err != nil {
		return Problems{{Row: 1, Message: "无法读取表头：" + err.Error()}}
	}
	if len(headers) > 0 {
		headers[0] = strings.TrimPrefix(headers[0], "\uFEFF")
	}
	for _, h := range headers {
		if !utf8.ValidString(h) {
			return Problems{{Row: 1, Message: "文件不是 UTF-8 编码：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”"}}
		}
	}
	row := 1
	r.next = func() (Raw, error) {
		for {
			rec, err := cr.Read()
			row++
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Raw{Row: row, Cells: nil, Line: []byte(pe.Err.Error())}, nil
			}
			if err != nil {
				return Raw{}, err
			}
			if !r.skip(rec) {
				return Raw{Row: row, Cells: rec}, nil
			}
		}
	}
	return r.setHeaders(headers)
}

func (r *Reader) openXLSX(in io.Reader) error {
	f, err := excelize.OpenReader(in, excelize.Options{RawCellValue: true})
	if err != nil {
		return Problems{{Row: 0, Message: "不是有效的 Excel 文件（.xlsx）：" + err.Error()}}
	}
	sheet := StaffSheet
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return err
	}
	r.closer = func() error { return errors.Join(rows.Close(), f.Close()) }
	if !rows.Next() {
		return Problems{{Row: 1, Message: "工作表“" + sheet + "”是空的：第 1 行应为表头"}}
	}
	headers, err := rows.Columns()
	if err != nil {
		return err
	}
	row := 1
	r.next = func() (Raw, error) {
		for rows.Next() {
			row++
			cells, err := rows.Columns()
			if err != nil {
				return Raw{}, err
			}
			if !r.skip(cells) {
				return Raw{Row: row, Cells: cells}, nil
			}
		}
		if err := rows.Error(); err != nil {
			return Raw{}, err
		}
		return Raw{}, io.EOF
	}
	return r.setHeaders(headers)
}

func (r *Reader) setHeaders(headers []string) error {
	l, ps := newLayout(headers)
	if len(ps) > 0 {
		return Problems(ps)
	}
	r.layout, r.headers = l, headers
	return nil
}

// skip reports whether a sheet row is blank or the template's example.
func (r *Reader) skip(cells []string) bool {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return true
	}
	if col, ok := r.layout.single[colName]; ok && col < len(cells) {
		return strings.HasPrefix(strings.TrimSpace(cells[col]), "示例")
	}
	return false
}

// Next returns the next row; io.EOF at the end.
func (r *Reader) Next() (Raw, error) { return r.next() }

// Size is the file's size in bytes (0 when unknown or, for Excel, not a measure of
// progress), and Done how many of them were read: together they make a progress bar.
func (r *Reader) Size() int64 { return r.size }

// Done returns how many bytes of the file have been read so far; safe to call from another
// goroutine.
func (r *Reader) Done() int64 { return r.counted.n.Load() }

// Close releases the file.
func (r *Reader) Close() error { return r.closer() }

// Decode turns a Raw into a Record. It is safe to call from several goroutines at once.
func (r *Reader) Decode(raw Raw) Record {
	if r.format == JSONL {
		return decodeLine(raw)
	}
	if raw.Cells == nil {
		return Record{Row: raw.Row, Problems: []Problem{{Row: raw.Row, Message: "CSV 格式有误：" + string(raw.Line)}}}
	}
	return parseRow(r.layout, r.headers, raw.Row, raw.Cells)
}

// decodeLine reads a check document, with the region a population line carries.
func decodeLine(raw Raw) Record {
	rec := Record{Row: raw.Row}
	req, err := document.Decode(bytes.TrimSpace(raw.Line))
	if err != nil {
		var fes guantong.FieldErrors
		if !errors.As(err, &fes) {
			fes = guantong.FieldErrors{{Field: "document", Message: err.Error()}}
		}
		for _, fe := range fes {
			rec.Problems = append(rec.Problems, Problem{Row: raw.Row, Field: fe.Field, Message: fe.Message})
		}
		return rec
	}
	rec.Person, rec.AsOf = req.Person, req.AsOf
	if region := lineRegion(raw.Line); region != "" {
		if !guantong.ValidRegion(region) {
			rec.Problems = append(rec.Problems, Problem{Row: raw.Row, Field: "region",
				Message: fmt.Sprintf("%q 不是河北省的地区（%s）", region, strings.Join(guantong.Regions, "、"))})
		}
		rec.Region = region
	}
	return rec
}

// regionPrefix begins every line `guantong population` writes.
var regionPrefix = []byte(`{"region":"`)

// lineRegion returns a document's top-level region. A population line puts it first, and a
// district's name needs no escapes, so the common case is read without parsing the line a
// second time.
func lineRegion(line []byte) string {
	if rest, ok := bytes.CutPrefix(line, regionPrefix); ok {
		if i := bytes.IndexAny(rest, `"\`); i >= 0 && rest[i] == '"' {
			return string(rest[:i])
		}
	}
	var extra struct {
		Region string `json:"region"`
	}
	if json.Unmarshal(line, &extra) != nil {
		return ""
	}
	return extra.Region
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Headers returns the sheet's header row as read (nil for JSON lines).
func (r *Reader) Headers() []string { return r.headers }
