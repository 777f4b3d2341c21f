package guantong

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Text that people type reaches the database and other people's screens. PostgreSQL refuses
// a NUL byte and bytes that are not UTF-8 in a TEXT column (SQLite stores both unseen), and
// the controls that change the direction of text make a stored "\u202egnp.exe" show as
// "exe.png". So every text field is checked where it enters (the JSON API's bodies, the
// pages' forms), before anything is decided or stored.

// isDirectionControl reports whether r is one of Unicode's direction controls: the
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, and the marks
// U+200E (LRM) and U+200F (RLM).
func isDirectionControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}

// TextProblem says in Chinese what makes s unfit as the text of a field, or "" when
// nothing does: bytes that are not UTF-8, a NUL, or a direction control. A password may hold
// direction controls (nobody sees it); secret says that s is one.
func TextProblem(s string, secret bool) string {
	if !utf8.ValidString(s) {
		return "含有无效的字符编码（须为 UTF-8 文本）"
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "含有空字符（NUL）"
	}
	if !secret && strings.IndexFunc(s, isDirectionControl) >= 0 {
		return "含有改变文字方向的不可见控制字符（如 U+202E），请删除后重新输入"
	}
	return ""
}

// CleanText makes s storable where it must be taken as given (a file's name): bytes that
// are not UTF-8, NULs and direction controls are dropped.
func CleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0 || isDirectionControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// ValuesProblems checks every value of a posted form or a query string with TextProblem, in
// the order of the names; a field whose name contains "password" is a secret.
func ValuesProblems(vs url.Values) FieldErrors {
	var es FieldErrors
	names := make([]string, 0, len(vs))
	for name := range vs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if msg := TextProblem(name, false); msg != "" {
			es.Add(CleanText(name), "字段名%s", msg)
			continue
		}
		for _, v := range vs[name] {
			if msg := TextProblem(v, strings.Contains(name, "password")); msg != "" {
				es.Add(name, "%s", msg)
				break
			}
		}
	}
	return es
}
