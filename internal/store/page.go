package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guantong"
)

// Lists are paged by keyset on (created_at, id): a page starts after (or before) the row a
// cursor names, so the hundredth page costs what the first does, where OFFSET would read
// and throw away every row before it. The total is counted by the same WHERE.

// Page is one page of a list: its items, the exact number of items the list holds, and
// the cursors of the pages after and before it ("" when there is none).
type Page[T any] struct {
	Items []T    `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next"`
	Prev  string `json:"prev"`
}

// Paging asks for one page: from a cursor of an earlier page ("" for the first), how many
// items, and whether the oldest come first instead of the newest.
type Paging struct {
	Cursor string
	Limit  int // 0: DefaultLimit; at most MaxLimit
	Oldest bool
}

// Page sizes.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// LastPage is the cursor of a list's last page.
const LastPage = "end"

// cursor is a decoded Paging.Cursor: the page runs after (or, before, ending at) the row
// (at, id), in the order the cursor was made for; end is the last page.
type cursor struct {
	before, oldest, end bool
	at, id              int64
}

func (c cursor) String() string {
	dir, order := "a", "n"
	if c.before {
		dir = "b"
	}
	if c.oldest {
		order = "o"
	}
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s%s.%d.%d", dir, order, c.at, c.id))
}

// parseCursor reads a cursor made for the order asked; one made for the other order, or
// none that this code made, is EInvalid.
func parseCursor(s string, oldest bool) (cursor, bool, error) {
	if s == "" {
		return cursor{oldest: oldest}, false, nil
	}
	if s == LastPage {
		return cursor{end: true, before: true, oldest: oldest}, true, nil
	}
	bad := guantong.FieldErrors{{Field: "cursor", Message: "翻页位置无效（或属于另一种排序），请从第一页重新开始"}}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 4 {
		return cursor{}, false, bad
	}
	parts := strings.Split(string(b[2:]), ".")
	if len(parts) != 3 || parts[0] != "" || (b[0] != 'a' && b[0] != 'b') || (b[1] != 'n' && b[1] != 'o') {
		return cursor{}, false, bad
	}
	c := cursor{before: b[0] == 'b', oldest: b[1] == 'o'}
	if c.at, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return cursor{}, false, bad
	}
	if c.id, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return cursor{}, false, bad
	}
	if c.oldest != oldest {
		return cursor{}, false, bad
	}
	return c, true, nil
}

// limit returns the page size p asks for, within bounds.
func (p Paging) limit() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// where collects the conditions of a query and its arguments, numbered from after the
// arguments already given.
type where struct {
	conds []string
	args  []any
	alts  []string // the alternatives of conds[0], when it is their OR (Filter.where)
}

// arg adds a value and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// in returns "col IN ($n, …)" for the values.
func (w *where) in(col string, vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = w.arg(v)
	}
	return col + " IN (" + strings.Join(ph, ", ") + ")"
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likePrefix escapes s for LIKE and appends the wildcard.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// lowerASCII folds only ASCII letters, as SQLite's lower() does, so that a search means the
// same on both engines.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// dayStart returns the first instant of a civil day in China, in unix milliseconds.
func dayStart(d guantong.Date) int64 {
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, guantong.Shanghai)
	return t.UnixMilli()
}

// keyset adds the condition that starts a page at cursor c and returns the ORDER BY that
// reads the page in the direction it is read: a page before the cursor is read backwards
// and turned round by the caller.
func (w *where) keyset(alias string, c cursor, ok bool) string {
	asc := c.oldest // reading order
	if c.before {
		asc = !asc
	}
	if ok && !c.end {
		op := "<"
		if asc {
			op = ">"
		}
		w.add(fmt.Sprintf("(%s.created_at, %s.id) %s (%s, %s)", alias, alias, op, w.arg(c.at), w.arg(c.id)))
	}
	dir := "DESC"
	if asc {
		dir = "ASC"
	}
	return fmt.Sprintf(" ORDER BY %s.created_at %s, %s.id %s", alias, dir, alias, dir)
}

// paged reads one page of a keyset list. count runs the WHERE built so far; read runs it
// with the keyset condition added, in the order given and up to the limit (a placeholder),
// and returns the items with the (created_at, id) of each.
func paged[T any](ctx context.Context, w *where, alias string, p Paging,
	count func(w *where) (int, error), read func(w *where, order, limit string) ([]T, [][2]int64, error)) (Page[T], error) {
	c, ok, err := parseCursor(p.Cursor, p.Oldest)
	if err != nil {
		return Page[T]{}, err
	}
	out := Page[T]{Items: []T{}}
	if out.Total, err = count(w); err != nil {
		return out, err
	}
	n := p.limit()
	order := w.keyset(alias, c, ok)
	items, keys, err := read(w, order, w.arg(n+1))
	if err != nil {
		return out, err
	}
	more := len(items) > n
	if more {
		items, keys = items[:n], keys[:n]
	}
	if c.before {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	out.Items = items
	if len(items) == 0 {
		return out, nil
	}
	first, last := keys[0], keys[len(keys)-1]
	if (c.before && more) || (!c.before && ok) {
		out.Prev = cursor{before: true, oldest: p.Oldest, at: first[0], id: first[1]}.String()
	}
	if (!c.before && more) || (c.before && !c.end) {
		out.Next = cursor{oldest: p.Oldest, at: last[0], id: last[1]}.String()
	}
	return out, nil
}

// CursorAfter returns the cursor of the page that starts after the application created at
// at with the id given, in the order asked: a way into the middle of a list (a benchmark's
// middle page) without reading the pages before it.
func CursorAfter(at time.Time, id int64, oldest bool) string {
	return cursor{oldest: oldest, at: ms(at), id: id}.String()
}
