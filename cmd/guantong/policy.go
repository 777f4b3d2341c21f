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

// runPolicy is `guantong policy [--as-of YYYY-MM-DD] [--json]`: the policy in force on the
// date (today in Asia/Shanghai by default) and, clause by clause of the plan, the text beside
// the rule that implements it, in words. The JSON form, for developers, also names the code.
func runPolicy(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "policy", "[--as-of YYYY-MM-DD] [--json]")
	var c common
	c.register(fs)
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	asOfFlag := fs.String("as-of", "", "显示该日施行的政策 YYYY-MM-DD（默认：北京时间今天）")
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
	set, err := c.set()
	if err != nil {
		return err
	}
	p := set.For(asOf).Params()
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
	if !p.EffectiveFrom.IsZero() {
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
