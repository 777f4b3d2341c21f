package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"guantong/internal/catalog"
)

func init() {
	commands["catalog"] = command{summary: "查询工种与职称系列对应表；catalog check FILE 校验一份对应表", run: runCatalog}
}

// runCatalog is `guantong catalog [--json] [QUERY]` and `guantong catalog check FILE`.
func runCatalog(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "check" {
		return runCatalogCheck(e, args[1:])
	}
	fs := newFlagSet(e, "catalog", "[--json] [QUERY]   （或 catalog check FILE）")
	var c common
	c.register(fs)
	asJSON := fs.Bool("json", false, "以 JSON 数组输出（series, seq, occupation, code, note）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError("catalog 只接受一个查询词，收到 %d 个：%s", fs.NArg(), strings.Join(fs.Args(), " "))
	}
	cat, err := c.catalog()
	if err != nil {
		return err
	}
	query := fs.Arg(0)
	found := cat.Search(query)
	if *asJSON {
		if found == nil {
			found = []catalog.Entry{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(found)
	}
	beyond := cat.Beyond(query)
	for _, o := range beyond {
		fmt.Fprintf(e.stdout, "%s %s 是国家职业分类中的职业，但不在内置对应表中（对应表缺页，见说明）\n", o.Code, o.Name)
	}
	if len(found) == 0 {
		if len(beyond) == 0 {
			fmt.Fprintf(e.stdout, "没有找到与「%s」匹配的工种（可按名称、编码前缀或拼音查询，如 钳工、6-20、qg）\n", query)
		}
		return nil
	}
	writeTable(e.stdout, found)
	fmt.Fprintf(e.stdout, "共 %d 条\n", len(found))
	return nil
}

// writeTable prints rows aligned for a terminal, counting a Chinese character as two columns.
func writeTable(w io.Writer, rows []catalog.Entry) {
	head := []string{"系列", "序号", "职业", "编码", "备注"}
	cells := [][]string{head}
	for _, r := range rows {
		cells = append(cells, []string{r.Series, strconv.Itoa(r.Seq), r.Occupation, r.Code, r.Note})
	}
	widths := make([]int, len(head))
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, row := range cells {
		var b strings.Builder
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if utf8.RuneLen(r) > 1 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// runCatalogCheck is `guantong catalog check FILE`: every problem of the table on its own
// line and exit 1, or one line saying it is good. FILE may be - (standard input), or be
// given as --catalog.
func runCatalogCheck(e *env, args []string) error {
	fs := newFlagSet(e, "catalog check", "FILE")
	var c common
	c.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	name := fs.Arg(0)
	switch {
	case fs.NArg() > 1 || fs.NArg() == 0 && c.catalogFile == "" || fs.NArg() == 1 && c.catalogFile != "":
		return usageError("用法：guantong catalog check FILE（检查一份对应表，只给一个文件）")
	case name == "":
		name = c.catalogFile
	}
	in := e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return usageError("无法打开对应表 %s：%s", name, pathError(err))
		}
		defer f.Close()
		in = f
	}
	cat, err := catalog.Load(in)
	var problems catalog.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		fmt.Fprintf(e.stderr, "%s：%d 处问题\n", name, len(problems))
		return &exitError{code: 1}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s：%d 行，全部有效\n", name, cat.Len())
	return nil
}
