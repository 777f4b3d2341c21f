package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"guantong"
)

// The lists that are not applications (accounts, organisations, the expert pool, messages)
// page, count and search as the applications' lists do (page.go): keyset on (created_at,
// id) of their own table, the total counted by the same WHERE, names searched by prefix on
// a key the engine keeps (migrations 0008 and 0015).

// table is one list of a table: how its rows are counted, selected (with their joins) and
// scanned, and what the list is called in an error.
type table[T any] struct {
	what   string // for errors
	from   string // "users u": the table and its alias, for the count
	alias  string
	sel    string // SELECT … FROM the table and its joins
	scan   func(scanner) (T, error)
	keyOf  func(T) (created, id int64)
	reader reader
}

// page reads one page of the rows w selects.
func (t table[T]) page(ctx context.Context, w *where, p Paging) (Page[T], error) {
	return paged(ctx, w, t.alias, p, func(w *where) (int, error) {
		var n int
		if err := t.reader.q.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.from+w.String(), w.args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: count %s: %w", t.what, err)
		}
		return n, nil
	}, func(w *where, order, limit string) ([]T, [][2]int64, error) {
		rows, err := t.reader.q.QueryContext(ctx, t.sel+w.String()+order+" LIMIT "+limit, w.args...)
		if err != nil {
			return nil, nil, fmt.Errorf("store: %s: %w", t.what, err)
		}
		items, err := collect(rows, t.scan)
		keys := make([][2]int64, len(items))
		for i, x := range items {
			keys[i][0], keys[i][1] = t.keyOf(x)
		}
		return items, keys, err
	})
}

// each calls fn for every row w selects, in the order asked, as one stream: the download
// of a list's current view.
func (t table[T]) each(ctx context.Context, w *where, oldest bool, fn func(T) error) error {
	return t.stream(ctx, w, w.keyset(t.alias, cursor{oldest: oldest}, false), fn)
}

// stream calls fn for every row w selects, in the order given, as one stream.
func (t table[T]) stream(ctx context.Context, w *where, order string, fn func(T) error) error {
	rows, err := t.reader.q.QueryContext(ctx, t.sel+w.String()+order, w.args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", t.what, err)
	}
	defer rows.Close()
	for rows.Next() {
		x, err := t.scan(rows)
		if err != nil {
			return fmt.Errorf("store: scan %s: %w", t.what, err)
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", t.what, err)
	}
	return nil
}

// key is the created_at a row is stored with: 0 for none (fromMS).
func key(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return ms(t)
}

// namePrefix returns the condition that a name key (col) starts with q, ASCII letters
// folded as the key folds them.
func (w *where) namePrefix(col, q string) string {
	return col + " LIKE " + w.arg(likePrefix(lowerASCII(q))) + ` ESCAPE '\'`
}

// orgNamed returns the condition that the organisation in col is one whose name starts
// with q.
func (w *where) orgNamed(col, q string) string {
	return col + " IN (SELECT id FROM organisations WHERE " + w.namePrefix("name_key", q) + ")"
}

// flag adds col = v when v is set.
func (w *where) flag(col string, v *bool) {
	if v != nil {
		w.add(col + " = " + w.arg(*v))
	}
}

// equal adds col = v when v is not empty.
func (w *where) equal(col, v string) {
	if v != "" {
		w.add(col + " = " + w.arg(v))
	}
}

// UserFilter selects accounts. Search finds a prefix of the username, the name, the ID
// number of the account's person or the name of its organisation, or an account ID.
type UserFilter struct {
	Search   string
	Role     string
	OrgID    int64 // accounts of this organisation's staff
	Disabled *bool
	// StaffOf keeps the accounts an employer's HR manages: of its staff, and of the
	// applicants it employs.
	StaffOf int64
}

// UserListed is an account as the lists show it, with the name of its organisation.
type UserListed struct {
	guantong.User
	Org string `json:"org,omitempty"`
}

func (f UserFilter) where() *where {
	w := &where{}
	w.equal("u.role", f.Role)
	if f.OrgID != 0 {
		w.add("u.org_id = " + w.arg(f.OrgID))
	}
	if f.StaffOf != 0 {
		id := w.arg(f.StaffOf)
		w.add("(u.org_id = " + id + " OR u.employer_id = " + id + ")") // employer_id: the person's (migration 0019)
	}
	w.flag("u.disabled", f.Disabled)
	if q := strings.TrimSpace(f.Search); q != "" {
		alts := []string{w.namePrefix("u.username", q), w.namePrefix("u.name_key", q),
			"u.person_id IN (SELECT id FROM people WHERE id_number LIKE " + w.arg(likePrefix(strings.ToUpper(q))) + ` ESCAPE '\')`,
			w.orgNamed("u.org_id", q)}
		if n, err := strconv.ParseInt(q, 10, 64); err == nil && n > 0 {
			alts = append(alts, "u.id = "+w.arg(n))
		}
		w.add("(" + strings.Join(alts, " OR ") + ")")
	}
	return w
}

func (r reader) users() table[UserListed] {
	return table[UserListed]{what: "users", from: "users u", alias: "u", reader: r,
		sel: `SELECT ` + qualified("u", userColumns) + `, COALESCE(o.name, '') FROM users u LEFT JOIN organisations o ON o.id = u.org_id`,
		scan: func(row scanner) (UserListed, error) {
			var x UserListed
			var err error
			x.User, err = scanUserAnd(row, &x.Org)
			return x, err
		},
		keyOf: func(x UserListed) (int64, int64) { return key(x.CreatedAt), x.ID }}
}

// UserPage returns one page of the accounts the filter selects, with their total.
func (r reader) UserPage(ctx context.Context, f UserFilter, p Paging) (Page[UserListed], error) {
	return r.users().page(ctx, f.where(), p)
}

// EachUser streams every account the filter selects.
func (r reader) EachUser(ctx context.Context, f UserFilter, oldest bool, fn func(UserListed) error) error {
	return r.users().each(ctx, f.where(), oldest, fn)
}

// OrgFilter selects organisations; Search finds a prefix of the name.
type OrgFilter struct {
	Search, Kind, Region string
}

func (f OrgFilter) where() *where {
	w := &where{}
	w.equal("o.kind", f.Kind)
	w.equal("o.region", f.Region)
	if q := strings.TrimSpace(f.Search); q != "" {
		w.add(w.namePrefix("o.name_key", q))
	}
	return w
}

func (r reader) organisations() table[guantong.Organisation] {
	return table[guantong.Organisation]{what: "organisations", from: "organisations o", alias: "o", reader: r,
		sel: `SELECT ` + qualified("o", orgColumns) + ` FROM organisations o`, scan: scanOrg,
		keyOf: func(o guantong.Organisation) (int64, int64) { return key(o.CreatedAt), o.ID }}
}

// OrganisationPage returns one page of the organisations the filter selects.
func (r reader) OrganisationPage(ctx context.Context, f OrgFilter, p Paging) (Page[guantong.Organisation], error) {
	return r.organisations().page(ctx, f.where(), p)
}

// EachOrganisation streams every organisation the filter selects.
func (r reader) EachOrganisation(ctx context.Context, f OrgFilter, oldest bool, fn func(guantong.Organisation) error) error {
	return r.organisations().each(ctx, f.where(), oldest, fn)
}

// ExpertFilter selects experts of the pool; Search finds a prefix of the name or of the
// employer's name.
type ExpertFilter struct {
	Search, Series  string
	Active, Skilled *bool
}

// ExpertListed is an expert as the pool's list shows them: with the employer's name and the
// username of their login.
type ExpertListed struct {
	guantong.Expert
	Employer string `json:"employer"`
	Username string `json:"username,omitempty"`
}

func (f ExpertFilter) where() *where {
	w := &where{}
	w.equal("x.series", f.Series)
	w.flag("x.active", f.Active)
	w.flag("x.skilled", f.Skilled)
	if q := strings.TrimSpace(f.Search); q != "" {
		w.add("(" + w.namePrefix("x.name_key", q) + " OR " + w.orgNamed("x.employer_id", q) + ")")
	}
	return w
}

func (r reader) experts() table[ExpertListed] {
	return table[ExpertListed]{what: "experts", from: "experts x", alias: "x", reader: r,
		sel: `SELECT ` + qualified("x", expertColumns) + `, COALESCE(e.name, ''), COALESCE(u.username, '') FROM experts x
			LEFT JOIN organisations e ON e.id = x.employer_id LEFT JOIN users u ON u.id = x.user_id`,
		scan: func(row scanner) (ExpertListed, error) {
			var x ExpertListed
			var err error
			x.Expert, err = scanExpertAnd(row, &x.Employer, &x.Username)
			return x, err
		},
		keyOf: func(x ExpertListed) (int64, int64) { return key(x.CreatedAt), x.ID }}
}

// ExpertPage returns one page of the experts the filter selects.
func (r reader) ExpertPage(ctx context.Context, f ExpertFilter, p Paging) (Page[ExpertListed], error) {
	return r.experts().page(ctx, f.where(), p)
}

// EachExpert streams every expert the filter selects.
func (r reader) EachExpert(ctx context.Context, f ExpertFilter, oldest bool, fn func(ExpertListed) error) error {
	return r.experts().each(ctx, f.where(), oldest, fn)
}

// NotificationPage returns one page of a user's messages (only the unread ones when
// unread), with their total.
func (r reader) NotificationPage(ctx context.Context, userID int64, unread bool, p Paging) (Page[guantong.Notification], error) {
	w := &where{}
	w.add("n.user_id = " + w.arg(userID))
	if unread {
		w.add("n.read_at = 0")
	}
	t := table[guantong.Notification]{what: "notifications", from: "notifications n", alias: "n", reader: r,
		sel: `SELECT ` + qualified("n", notificationColumns) + ` FROM notifications n`, scan: scanNotification,
		keyOf: func(n guantong.Notification) (int64, int64) { return key(n.CreatedAt), n.ID }}
	return t.page(ctx, w, p)
}
