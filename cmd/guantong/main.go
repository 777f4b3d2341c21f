// Command guantong makes Hebei's plan for joining up the careers of high-skilled workers and
// professional technicians executable: it checks what a person may apply for, searches the
// occupation ↔ title-series table, prints the policy in force, and serves the web pages and
// the JSON API.
//
// Usage:
//
//	guantong check [--as-of YYYY-MM-DD] [FILE]
//	guantong catalog [--json] [QUERY]
//	guantong catalog check FILE
//	guantong policy
//	guantong serve [--addr 127.0.0.1:8080] [--db guantong.db] [--demo [--applications N]]
//	guantong demo --applications N [--seed S] [--db guantong.db]
//	guantong migrate [--db guantong.db]
//	guantong user add --role admin --username NAME [--name 姓名] [--password-stdin]
//	guantong user passwd --username NAME [--password-stdin]
//	guantong audit verify [--db guantong.db] [--checkpoints DIR [--pubkey KEY.pub.pem] [--skip-later]]
//	guantong audit keygen --out KEY.pem
//	guantong audit checkpoint --key KEY.pem --dir DIR [--db guantong.db]
//	guantong backup [--db guantong.db] FILE
//	guantong restore [--db guantong.db] FILE
//
// Every command takes --catalog FILE (an occupation table of the same columns instead of the
// built-in one) and --policy FILE (a dated policy file instead of hebei-2021).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, now: time.Now})
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// env is what a command may touch of the outside world; tests give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

// command is one subcommand. run gets the arguments after the command's name.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands is filled by the init functions of the files named for each command, so that a
// new command is a new file.
var commands = map[string]command{}

// run dispatches to a subcommand; tests drive the whole command line through it.
func run(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		usage(e.stderr)
		return usageError("未知命令 %q", args[0])
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "guantong：河北省高技能人才与专业技术人才职业发展贯通")
	fmt.Fprintln(w, "\n用法：guantong 命令 [参数]\n\n命令：")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n每个命令都接受 --catalog FILE（另用一份对应表）和 --policy FILE（另用一份政策参数）。")
	fmt.Fprintln(w, "guantong 命令 -h 显示该命令的参数。")
}

// exitError carries an exit code other than 1; its message, if any, is printed to stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageError is exit 2: the command line or the input document is malformed.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// exitCode prints err (if it has anything to say) and returns the process exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "guantong:", err)
	return 1
}
