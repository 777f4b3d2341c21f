package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"strings"

	"golang.org/x/term"

	"guantong"
	"guantong/internal/calendar"
	"guantong/internal/service"
	"guantong/internal/store"
)

func init() {
	commands["user"] = command{summary: "在服务器上管理账号：user add 创建（如首个管理员），user passwd 修改或重置密码", run: runUser}
}

const userUsage = "用法：guantong user add --role admin --username NAME [--name 姓名] [--password-stdin] [--db guantong.db]\n" +
	"      guantong user passwd --username NAME [--password-stdin] [--db guantong.db]"

// runUser is `guantong user add|passwd`: accounts made from the server's command line, so
// that a fresh database gets its first admin without --demo, and a forgotten password can
// be reset. The password is asked twice on the terminal without echo, or read as one line
// from standard input with --password-stdin (for scripts); it must be strong
// (service.PasswordRule). Both are on the audit log as "cli:{system account}".
func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "passwd") {
		return usageError("%s", userUsage)
	}
	sub := args[0]
	fs := newFlagSet(e, "user "+sub, "--username NAME …")
	var c common
	c.register(fs)
	dsn := dbFlag(fs)
	username := fs.String("username", "", "用户名（3 到 32 个小写字母、数字或 _ . -）")
	fromStdin := fs.Bool("password-stdin", false, "从标准输入读取一行作为密码（供脚本使用），不在终端询问")
	var role, name *string
	if sub == "add" {
		role = fs.String("role", "", "角色："+strings.Join(guantong.Roles, "、")+"（命令行通常只建 admin，其他账号由管理员在网页上创建）")
		name = fs.String("name", "", "姓名或称呼（默认同用户名）")
	}
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 || *username == "" || (sub == "add" && *role == "") {
		return usageError("%s", userUsage)
	}
	password, err := readPassword(e, *fromStdin)
	if err != nil {
		return err
	}
	svc, st, err := openService(ctx, e, &c, *dsn, sub == "add")
	if err != nil {
		return err
	}
	defer st.Close()
	if sub == "passwd" {
		if err := svc.SetPassword(ctx, osUser(), *username, password); err != nil {
			return userError(err)
		}
		fmt.Fprintf(e.stdout, "已修改 %s 的密码；其已登录的会话均已退出\n", *username)
		return nil
	}
	if *name == "" {
		*name = *username
	}
	u, err := svc.AddUser(ctx, osUser(), service.NewUser{Username: *username, Password: password, Name: *name, Role: *role})
	if err != nil {
		return userError(err)
	}
	fmt.Fprintf(e.stdout, "已创建%s账号 %s（编号 %d）\n", guantong.RoleName(u.Role), u.Username, u.ID)
	return nil
}

// readPassword reads the new password: one line of standard input with --password-stdin,
// else twice from the terminal without echo. Without a terminal and without the flag it
// refuses, rather than read a password meant for something else.
func readPassword(e *env, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return "", usageError("标准输入中没有密码")
		}
		return line, nil
	}
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError("标准输入不是终端：请用 --password-stdin 从标准输入提供密码")
	}
	fmt.Fprint(e.stderr, "新密码（"+service.PasswordRule+"）：")
	first, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(e.stderr, "再输入一次：")
	second, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	if string(first) != string(second) {
		return "", usageError("两次输入的密码不一致")
	}
	return string(first), nil
}

// openService opens the database and the service over it. create allows a new SQLite file
// (the first admin of a fresh installation); otherwise the database must exist.
func openService(ctx context.Context, e *env, c *common, dsn string, create bool) (*service.Service, *store.Store, error) {
	policies, err := c.set()
	if err != nil {
		return nil, nil, err
	}
	open := openExisting
	if create {
		open = store.Open
	}
	st, err := open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	svc := service.New(service.Config{Store: st, Policies: policies, Calendar: calendar.Default(), Now: e.now, Logger: log})
	return svc, st, nil
}

// userError turns the service's refusals into messages naming the field, exit 2 for a
// request that cannot succeed as given.
func userError(err error) error {
	var fes guantong.FieldErrors
	if errors.As(err, &fes) {
		lines := make([]string, len(fes))
		for i, fe := range fes {
			name, ok := flagOfField[fe.Field]
			if !ok {
				name = fe.Field
			}
			lines[i] = name + "：" + fe.Message
		}
		return usageError("%s", strings.Join(lines, "\n"))
	}
	switch guantong.ErrorCode(err) {
	case guantong.EInvalid, guantong.ENotFound, guantong.EConflict:
		return usageError("%s", problemLines(err))
	}
	return err
}

// flagOfField names the service's fields as the command line knows them.
var flagOfField = map[string]string{"password": "密码", "username": "--username", "name": "--name", "role": "--role", "org_id": "--role"}

// osUser names the operator in the audit log: the account behind sudo when the command
// runs under it (the person, not root), else the system account running the command.
func osUser() string {
	if u := os.Getenv("SUDO_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}
