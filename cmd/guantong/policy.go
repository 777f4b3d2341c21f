package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"guantong"
	"guantong/internal/plan"
	"guantong/internal/policy"
)

func init() {
	commands["policy"] = command{summary: "列出现行政策参数，并逐条对照方案原文与实现它的规则", run: runPolicy}
}

// runPolicy is `guantong policy [--db DSN] [--list | --id ID] [--as-of YYYY-MM-DD] [--json]`:
// the policy in force on the date (today in Asia/Shanghai by default), or the one named by
// --id, and, clause by clause of the plan, the text beside the rule that implements it, in
// words. The JSON form, for developers, also names the code. --list lists every policy
// instead; with --db the policies the admin uploaded to that database are among them.
func runPolicy(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "policy", "[--db DSN] [--list | --id ID] [--as-of YYYY-MM-DD] [--json]")
	var c common
	c.register(fs)
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	asOfFlag := fs.String("as-of", "", "显示该日施行的政策 YYYY-MM-DD（默认：北京时间今天）")
	dsn := fs.String("db", "", "数据库（SQLite 文件或 postgres://…）：连同管理员上传的政策一起列出")
	list := fs.Bool("list", false, "列出全部政策：施行日期、状态、来源")
	id := fs.String("id", "", "显示该编号的政策（默认：评估日期施行的政策）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("policy 不接受参数：%s", strings.Join(fs.Args(), " "))
	}
	asOf := guantong.Today(e.now())
	if *asOfFlag != "" {
		d, err := guantong.ParseDate(*asOfFlag)
		if err != nil {
			return usageError("--as-of: %q 不是日期（YYYY-MM-DD）", *asOfFlag)
		}
		asOf = d
	}
	versions, err := policyVersions(ctx, &c, *dsn, asOf)
	if err != nil {
		return err
	}
	if *list {
		return writeVersions(e, versions, *asJSON)
	}
	p, err := pickPolicy(versions, *id, asOf)
	if err != nil {
		return err
	}
	rules := policy.Explain(p)
	if *asJSON {
		type clauseRule struct {
			policy.Rule
			Text string `json:"text"`
		}
		out := struct {
			ID            string       `json:"id"`
			Title         string       `json:"title"`
			Source        string       `json:"source"`
			EffectiveFrom string       `json:"effective_from"`
			Rules         []clauseRule `json:"rules"`
		}{ID: p.ID, Title: p.Title, Source: p.Source, EffectiveFrom: p.EffectiveFrom.String()}
		for _, r := range rules {
			cl, _ := plan.Lookup(r.Clause)
			out.Rules = append(out.Rules, clauseRule{Rule: r, Text: cl.Text})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := e.stdout
	fmt.Fprintf(w, "政策 %s：%s\n", p.ID, p.Title)
	fmt.Fprintf(w, "来源：%s\n", p.Source)
	switch {
	case p.EffectiveFrom.IsZero():
	case *id != "": // asked for by id: it need not be the one in force on the date
		fmt.Fprintf(w, "施行日期：%s\n", p.EffectiveFrom)
	default:
		fmt.Fprintf(w, "施行日期：%s（%s 施行的政策）\n", p.EffectiveFrom, asOf)
	}
	for _, r := range rules {
		fmt.Fprintf(w, "\n【%s】", r.Clause)
		if cl, ok := plan.Lookup(r.Clause); ok {
			fmt.Fprintf(w, "%s\n  原文：%s\n", cl.Heading, cl.Text)
		} else {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  规则：%s\n", r.Checks)
	}
	return nil
}
