package catalog

import (
	"bytes"
	"strings"
	"testing"

	"guantong/data"
)

// The built-in table checks clean, and so does the same file as Windows writes it (CRLF and
// a BOM), with the same rows.
func TestSeedChecksClean(t *testing.T) {
	if ps := Check(bytes.NewReader(data.CatalogSeed)); ps != nil {
		t.Fatalf("data/catalog-seed.csv:\n%v", ps)
	}
	windows := append([]byte("\ufeff"), bytes.ReplaceAll(data.CatalogSeed, []byte("\n"), []byte("\r\n"))...)
	c, err := Load(bytes.NewReader(windows))
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 531 || c.Entries()[0] != Default().Entries()[0] {
		t.Errorf("CRLF and BOM: %d rows, first %+v", c.Len(), c.Entries()[0])
	}
}

const head = "series,seq,occupation,code,note\n"

// Each case is a table and the problems Check must report, whole, in order.
func TestCheckProblems(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"the issue's example", head + "工程,1,钳工,6-2-01,\n",
			[]string{`第 2 行 code: "6-2-01" 不是职业编码（d-dd-dd-dd）`}},
		{"a major group outside 1-8", head + "工程,1,钳工,9-20-01-01,\n",
			[]string{`第 2 行 code: "9-20-01-01" 不是职业编码（大类应为 1-8）`}},
		{"full-width digits", head + "工程,1,钳工,６-20-01-01,\n",
			[]string{`第 2 行 code: "６-20-01-01" 不是职业编码（d-dd-dd-dd）`}},
		{"seq zero, negative, signed, decimal", head + "工程,0,甲工,6-20-01-01,\n工程,-3,乙工,6-20-01-02,\n工程,+3,丙工,6-20-01-03,\n工程,1.5,丁工,6-20-01-04,\n",
			[]string{`第 2 行 seq: "0" 不是正整数`, `第 3 行 seq: "-3" 不是正整数`, `第 4 行 seq: "+3" 不是正整数`, `第 5 行 seq: "1.5" 不是正整数`}},
		{"a row repeated whole", head + "农业,1,农艺工,5-01-01-01,\n农业,1,农艺工,5-01-01-01,\n",
			[]string{`第 3 行 code: 5-01-01-01 在 农业 系列中重复（第 2 行已有）`, `第 3 行 seq: 序号 1 在 农业 系列中重复（第 2 行已有）`}},
		{"the same code and seq in two series is the table's normal case", head + "工程,77,甲工,6-16-02-11,\n实验技术,77,甲工,6-16-02-11,\n", nil},
		{"spaces around fields are not problems", head + " 工程 , 1 , 钳工 , 6-20-01-01 ,\n", nil},
		{"a note spanning lines moves the line numbers", head + "工程,1,钳工,6-20-01-01,\"第一行\n第二行\"\n工程,2,,6-20-01-02,\n",
			[]string{`第 4 行 occupation: 职业名称为空`}},
		{"broken quoting, and the rows after it are still checked", head +
			"工程,1,钳\"工,6-20-01-01,\n" +
			"工程,2,管工,6-29-03-04,\n" +
			"工程,3,焊工,6-18-2-04,\n" +
			"工程,4,\"管\"工,6-29-03-05,\n" +
			"工程,5,铆工,6-20-03-01,\"未闭合\n" +
			"工程,6,,bad,\n",
			[]string{
				`第 2 行：CSV 格式错误：未加引号的字段里有引号（含引号或逗号的字段应整个加引号，其中的引号写两遍）`,
				`第 4 行 code: "6-18-2-04" 不是职业编码（d-dd-dd-dd）`,
				`第 5 行：CSV 格式错误：加引号的字段里引号多余或没有闭合`,
				`第 6 行：CSV 格式错误：引号没有闭合，一直读到第 7 行`,
			}},
		{"too many columns (an unquoted comma in the note)", head + "工程,1,钳工,6-20-01-01,见附件,第 2 页\n",
			[]string{`第 2 行：应有 5 列，实有 6 列（series,seq,occupation,code,note）`}},
		{"GBK, as Excel saves CSV by default", head + "\xb9\xa4\xb3\xcc,1,\xc7\xaf\xb9\xa4,6-20-01-01,\n",
			[]string{`第 2 行 series: 不是 UTF-8 编码的文字（Excel 请另存为「CSV UTF-8」）`}},
		{"a header in Chinese", "系列,序号,职业,编码,备注\n工程,1,钳工,6-20-01-01,\n",
			[]string{`第 1 行：表头应为 series,seq,occupation,code,note，实为 系列,序号,职业,编码,备注`}},
		{"empty file", "", []string{`第 1 行：文件为空：应有表头 series,seq,occupation,code,note`}},
		{"header only", head, []string{`第 2 行：只有表头，没有数据行`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Check(strings.NewReader(tt.csv))
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			_, err := Load(strings.NewReader(tt.csv))
			if (err == nil) != (tt.want == nil) {
				t.Errorf("Load: %v", err)
			}
			if err != nil && err.Error() != ps.Error() {
				t.Errorf("Load's error %q is not Check's problems %q", err, ps.Error())
			}
		})
	}
}

// FuzzLoad: no input panics Load; what Load accepts Check passes, and what it refuses has a
// line number for every problem.
func FuzzLoad(f *testing.F) {
	f.Add(string(data.CatalogSeed[:400]))
	f.Add(head + "工程,1,\"钳\"\"工\",6-20-01-01,\"a\nb\"\n")
	f.Add("\ufeff" + head + "技工院校教师,x,,9-1,\n,,\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Load(strings.NewReader(s))
		ps := Check(strings.NewReader(s))
		if err == nil {
			if ps != nil || c.Len() == 0 {
				t.Fatalf("loaded %d rows, Check says %v", c.Len(), ps)
			}
			for _, e := range c.Entries() {
				if !ValidCode(e.Code) || !c.Contains(e.Code, e.Series) || !c.Contains(e.Code, TeacherSeries) {
					t.Fatalf("loaded a row it cannot find: %+v", e)
				}
			}
			return
		}
		if len(ps) == 0 {
			t.Fatalf("Load failed (%v) but Check found nothing", err)
		}
		for _, p := range ps {
			if p.Line < 1 || p.Message == "" {
				t.Fatalf("problem without a line or message: %+v", p)
			}
		}
	})
}
