package main

import (
	"context"
	"fmt"
	"strings"

	"guantong/internal/policy"
	"guantong/internal/screen"
	"guantong/internal/whatif"
)

func init() {
	commands["simulate"] = command{summary: "政策模拟：在同一人群上比较现行政策和草案，列出谁的结果变了", run: runSimulate}
}

// runSimulate is `guantong simulate --population people.jsonl --policy draft.json [--base
// FILE] [--as-of D] [-o out.xlsx]`. Here --policy is the draft; the policy in force is the
// built-in one, or --base.
func runSimulate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "simulate", "--population people.jsonl --policy draft.json [--base in-force.json] [--as-of YYYY-MM-DD] [-o out.xlsx]")
	var base, draft common
	fs.StringVar(&base.catalogFile, "catalog", "", "工种与职称系列对应表 CSV（默认：内置的方案附件）")
	fs.StringVar(&draft.policyFile, "policy", "", "政策草案文件 JSON（必填）")
	fs.StringVar(&base.policyFile, "base", "", "现行政策文件 JSON（默认：内置的各年度政策，以评估日期施行者为准）")
	people := fs.String("population", "", "人群文件（guantong population 生成的 .jsonl，或员工信息表 .xlsx/.csv）")
	asOf := fs.String("as-of", "", "评估日期 YYYY-MM-DD（默认：文档中的 as_of，都没有则取北京时间今天）")
	out := fs.String("o", "", "变化明细和统计的工作簿（.xlsx 或 .csv；不填则只在终端输出）")
	workers := fs.Int("workers", 0, "并行测评的协程数（默认：CPU 核数）")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("simulate 不接受位置参数：%v（人群文件用 --population）", pos)
	}
	if *people == "" || draft.policyFile == "" {
		return usageError("simulate 需要 --population 和 --policy（草案）")
	}
	draft.catalogFile = base.catalogFile
	opts, err := runOptions(e, *asOf, *workers)
	if err != nil {
		return err
	}
	inForce, err := base.set()
	if err != nil {
		return err
	}
	proposed, err := draft.set()
	if err != nil {
		return err
	}
	r, err := openInput(*people)
	if err != nil {
		return err
	}
	defer r.Close()
	rep, err := whatif.NewReport(*out)
	if err != nil {
		return usageError("%s", err)
	}
	var finish func()
	opts.Progress, finish = progressOf(e, r, "模拟")
	err = screen.Run(ctx, r, []screen.Checker{inForce, proposed}, opts, rep.Add)
	if err != nil {
		rep.Abort()
		return err
	}
	finish()
	if err := rep.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "现行：%s　草案：%s\n", policyIDs(inForce), policyIDs(proposed))
	rep.WriteText(e.stdout)
	if *out != "" {
		fmt.Fprintf(e.stderr, "变化明细和统计已写入 %s\n", *out)
	}
	return nil
}

// policyIDs names the policies of a set.
func policyIDs(s *policy.Set) string {
	var ids []string
	for _, e := range s.Engines() {
		ids = append(ids, e.Params().ID)
	}
	return strings.Join(ids, "、")
}
