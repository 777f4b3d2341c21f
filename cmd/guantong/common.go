package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/policy"
)

// common holds the flags every command takes: another occupation table and another policy
// file than the built-in ones.
type common struct {
	catalogFile string
	policyFile  string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.catalogFile, "catalog", "", "工种与职称系列对应表 CSV（默认：内置的方案附件）")
	fs.StringVar(&c.policyFile, "policy", "", "政策参数文件 JSON（默认：内置的 "+policy.DefaultID+"）")
}

// catalog returns the built-in table or the one named by --catalog; a bad file is a usage
// error listing every bad row.
func (c *common) catalog() (*catalog.Catalog, error) {
	if c.catalogFile == "" {
		return catalog.Default(), nil
	}
	f, err := os.Open(c.catalogFile)
	if err != nil {
		return nil, usageError("无法打开对应表 %s：%v", c.catalogFile, pathError(err))
	}
	defer f.Close()
	cat, err := catalog.Load(f)
	if err != nil {
		return nil, usageError("对应表 %s 有误：\n%v", c.catalogFile, err)
	}
	return cat, nil
}

// policy returns the built-in parameters or those of --policy, validated on load.
func (c *common) policy() (*policy.Params, error) {
	if c.policyFile == "" {
		return policy.Default(), nil
	}
	f, err := os.Open(c.policyFile)
	if err != nil {
		return nil, usageError("无法打开政策参数文件 %s：%v", c.policyFile, pathError(err))
	}
	defer f.Close()
	p, err := policy.Load(f)
	if err != nil {
		return nil, usageError("政策参数文件 %s 有误：\n%s", c.policyFile, problemLines(err))
	}
	return p, nil
}

// set returns the built-in dated policies over the table in force, or the one policy of
// --policy: the policy in force on a document's as_of decides (contract default 9).
func (c *common) set() (*policy.Set, error) {
	cat, err := c.catalog()
	if err != nil {
		return nil, err
	}
	ps := policy.BuiltIn()
	if c.policyFile != "" {
		p, err := c.policy()
		if err != nil {
			return nil, err
		}
		ps = []*policy.Params{p}
	}
	return policy.NewSet(ps, cat)
}

// problemLines gives one line per field problem of err (guantong.FieldErrors), or err's
// message.
func problemLines(err error) string {
	var fes guantong.FieldErrors
	if !errors.As(err, &fes) {
		return err.Error()
	}
	lines := make([]string, len(fes))
	for i, fe := range fes {
		lines[i] = fe.Error()
	}
	return strings.Join(lines, "\n")
}

// pathError gives the reason of a file error without repeating its path.
func pathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return "文件不存在"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// parseFlags parses a command's flags; -h prints its usage and stops with exit 0, any other
// problem is a usage error (exit 2).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0}
		}
		return usageError("%v", err)
	}
	return nil
}

// newFlagSet returns a flag set that reports to the command's stderr.
func newFlagSet(e *env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法：guantong %s %s\n\n参数：\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}
