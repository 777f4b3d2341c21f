package service

import (
	"context"
	"net/url"
	"slices"

	"guantong"
	"guantong/internal/certificate"
	"guantong/internal/store"
)

// The lists that are not applications (accounts, organisations, the expert pool,
// registration, messages) page, count and search as the applications' lists do, with the
// filters that fit each (docs/api.md).

// DirectoryQuery is what such a list asks for: a search, its filters, the order and the
// page. Each list reads the fields that fit it and ignores the others.
type DirectoryQuery struct {
	Search string // a prefix of a name, username, ID number or organisation name
	Role   string // accounts
	Kind   string // organisations
	Region string // organisations
	Series string // experts
	// Status narrows accounts to enabled or disabled ones, experts to active or inactive
	// ones: "" both.
	Status   string
	Skilled  bool          // experts: only the high-skilled
	Unread   bool          // messages: only the unread
	From, To guantong.Date // registration: the period, certified from and to, inclusive
	store.Paging
}

// Statuses of DirectoryQuery.Status.
const (
	StatusEnabled  = "enabled"
	StatusDisabled = "disabled"
)

// ParseDirectoryQuery reads a list's query from the parameters of a page or API address:
// q, role, kind, region, series, status (enabled, disabled), skilled and unread (1),
// from, to, sort (newest, oldest), cursor and limit. A value it cannot read is EInvalid,
// naming the parameter.
func ParseDirectoryQuery(v url.Values) (DirectoryQuery, error) {
	// The parameters an application list has too are read by the same code.
	common := url.Values{}
	for _, k := range []string{"q", "from", "to", "sort", "cursor", "limit"} {
		if v.Has(k) {
			common[k] = v[k]
		}
	}
	lq, err := ParseListQuery(common)
	var es guantong.FieldErrors
	if fe, ok := err.(guantong.FieldErrors); ok {
		es = fe
	} else if err != nil {
		return DirectoryQuery{}, err
	}
	if err := lq.check(); err != nil {
		es = append(es, err.(guantong.FieldErrors)...)
	}
	q := DirectoryQuery{Search: lq.Search, Role: v.Get("role"), Kind: v.Get("kind"), Region: v.Get("region"),
		Series: v.Get("series"), Status: v.Get("status"), Skilled: v.Get("skilled") == "1", Unread: v.Get("unread") == "1",
		From: lq.From, To: lq.To, Paging: lq.Paging}
	if q.Role != "" && !slices.Contains(guantong.Roles, q.Role) {
		es.Add("role", "没有 %q 这个角色", q.Role)
	}
	if q.Kind != "" && !slices.Contains(guantong.OrgKinds, q.Kind) {
		es.Add("kind", "没有 %q 这类单位", q.Kind)
	}
	if q.Region != "" && !slices.Contains(guantong.Regions, q.Region) {
		es.Add("region", "%q 不是河北省的地区或省直", q.Region)
	}
	if q.Status != "" && q.Status != StatusEnabled && q.Status != StatusDisabled {
		es.Add("status", "状态只能是 enabled（启用）或 disabled（停用）")
	}
	return q, es.Err()
}

// status reads Status as a condition on a column that is true when disabled (disabled:
// true) or when enabled (disabled: false).
func (q DirectoryQuery) status(disabled bool) *bool {
	if q.Status == "" {
		return nil
	}
	v := (q.Status == StatusDisabled) == disabled
	return &v
}

// userFilter is the filter of the accounts u may list: every account for the admin, the
// applicant accounts of its employer's staff for HR.
func userFilter(u *guantong.User, q DirectoryQuery) (store.UserFilter, error) {
	if err := signedIn(u); err != nil {
		return store.UserFilter{}, err
	}
	f := store.UserFilter{Search: q.Search, Role: q.Role, Disabled: q.status(true)}
	switch {
	case u.Role == guantong.RoleAdmin:
	case u.Role == guantong.RoleHR && u.OrgID != 0:
		if q.Role != "" && q.Role != guantong.RoleApplicant {
			return f, guantong.FieldErrors{{Field: "role", Message: "用人单位人事只管理申报人账号"}}
		}
		f.Role, f.StaffOf = guantong.RoleApplicant, u.OrgID
	default:
		return f, guantong.Errorf(guantong.EForbidden, "只有管理员和用人单位人事可以管理账号")
	}
	return f, nil
}

// ListUsers returns one page of the accounts u manages (StaffAccounts), as q filters them.
func (s *Service) ListUsers(ctx context.Context, u *guantong.User, q DirectoryQuery) (store.Page[store.UserListed], error) {
	f, err := userFilter(u, q)
	if err != nil {
		return store.Page[store.UserListed]{}, err
	}
	return s.store.UserPage(ctx, f, q.Paging)
}

// EachUser streams every account of ListUsers' list, for its download.
func (s *Service) EachUser(ctx context.Context, u *guantong.User, q DirectoryQuery, fn func(store.UserListed) error) error {
	f, err := userFilter(u, q)
	if err != nil {
		return err
	}
	return s.store.EachUser(ctx, f, q.Oldest, fn)
}

// ListOrganisations returns one page of the organisations, by kind and region, to any
// signed-in user, as Organisations does.
func (s *Service) ListOrganisations(ctx context.Context, u *guantong.User, q DirectoryQuery) (store.Page[guantong.Organisation], error) {
	if err := signedIn(u); err != nil {
		return store.Page[guantong.Organisation]{}, err
	}
	return s.store.OrganisationPage(ctx, store.OrgFilter{Search: q.Search, Kind: q.Kind, Region: q.Region}, q.Paging)
}

// EachOrganisation streams every organisation of ListOrganisations' list.
func (s *Service) EachOrganisation(ctx context.Context, u *guantong.User, q DirectoryQuery, fn func(guantong.Organisation) error) error {
	if err := signedIn(u); err != nil {
		return err
	}
	return s.store.EachOrganisation(ctx, store.OrgFilter{Search: q.Search, Kind: q.Kind, Region: q.Region}, q.Oldest, fn)
}

// expertFilter is the filter of the pool's list; only the admin sees the experts' logins.
func expertFilter(u *guantong.User, q DirectoryQuery) (store.ExpertFilter, error) {
	f := store.ExpertFilter{Search: q.Search, Series: q.Series, Active: q.status(false)}
	if q.Skilled {
		f.Skilled = &q.Skilled
	}
	return f, readsPool(u)
}

// ListExperts returns one page of the expert pool to the admin and committee secretaries.
func (s *Service) ListExperts(ctx context.Context, u *guantong.User, q DirectoryQuery) (store.Page[store.ExpertListed], error) {
	f, err := expertFilter(u, q)
	if err != nil {
		return store.Page[store.ExpertListed]{}, err
	}
	p, err := s.store.ExpertPage(ctx, f, q.Paging)
	for i := range p.Items {
		p.Items[i] = expertSeen(u, p.Items[i])
	}
	return p, err
}

// EachExpert streams every expert of ListExperts' list.
func (s *Service) EachExpert(ctx context.Context, u *guantong.User, q DirectoryQuery, fn func(store.ExpertListed) error) error {
	f, err := expertFilter(u, q)
	if err != nil {
		return err
	}
	return s.store.EachExpert(ctx, f, q.Oldest, func(x store.ExpertListed) error { return fn(expertSeen(u, x)) })
}

// expertSeen hides an expert's login from all but the admin.
func expertSeen(u *guantong.User, x store.ExpertListed) store.ExpertListed {
	if u.Role != guantong.RoleAdmin {
		x.Username = ""
	}
	return x
}

// NotificationPage is a page of a user's messages and how many of all are unread.
type NotificationPage struct {
	store.Page[guantong.Notification]
	Unread int `json:"unread"`
}

// ListNotifications returns one page of u's messages (only the unread with q.Unread),
// newest first unless q asks otherwise, with the unread count.
func (s *Service) ListNotifications(ctx context.Context, u *guantong.User, q DirectoryQuery) (NotificationPage, error) {
	if err := signedIn(u); err != nil {
		return NotificationPage{}, err
	}
	p, err := s.store.NotificationPage(ctx, u.ID, q.Unread, q.Paging)
	if err != nil {
		return NotificationPage{}, err
	}
	out := NotificationPage{Page: p}
	out.Unread, err = s.store.UnreadCount(ctx, u.ID)
	return out, err
}

// grantFilter is the filter of the registration list of a period u may read: the admin
// the province's, a 职改办 its region's; no one else.
func (s *Service) grantFilter(u *guantong.User, q DirectoryQuery) (store.GrantFilter, error) {
	f := store.GrantFilter{From: q.From, To: q.To, Search: q.Search, Codes: s.occupationCodes(q.Search)}
	if err := signedIn(u); err != nil {
		return f, err
	}
	switch u.Role {
	case guantong.RoleAdmin:
	case guantong.RoleOffice:
		if f.OfficeID = u.OrgID; f.OfficeID == 0 {
			return f, guantong.Errorf(guantong.EForbidden, "该账号不属于任何职改办")
		}
	default:
		return f, guantong.Errorf(guantong.EForbidden, "只有管理员和职改办可以导出职称登记")
	}
	var es guantong.FieldErrors
	if q.From.IsZero() {
		es.Add("from", "须给出起始日期（YYYY-MM-DD）")
	}
	if q.To.IsZero() {
		es.Add("to", "须给出截止日期（YYYY-MM-DD）")
	}
	if len(es) == 0 && q.To.Before(q.From) {
		es.Add("to", "截止日期 %s 早于起始日期 %s", q.To, q.From)
	}
	return f, es.Err()
}

// Registrations returns the title certificates granted in the period of q, both days
// inclusive, found by q's search, by number, for registration (上网): with names and ID
// numbers in full, revoked ones marked, yielded one at a time as the store reads them (a
// province's year is hundreds of thousands). The admin sees the whole province, a 职改办 its
// own region; no one else may: that is checked before anything is yielded.
func (s *Service) Registrations(ctx context.Context, u *guantong.User, q DirectoryQuery) (certificate.Grants, error) {
	f, err := s.grantFilter(u, q)
	if err != nil {
		return nil, err
	}
	return func(yield func(certificate.Grant) error) error {
		return s.store.EachGrant(ctx, f, func(a store.Listed) error { return yield(grantOf(a)) })
	}, nil
}

// RegistrationPage returns one page of Registrations' list, by the day the applications
// were made, with its total.
func (s *Service) RegistrationPage(ctx context.Context, u *guantong.User, q DirectoryQuery) (store.Page[certificate.Grant], error) {
	f, err := s.grantFilter(u, q)
	if err != nil {
		return store.Page[certificate.Grant]{}, err
	}
	p, err := s.store.GrantPage(ctx, f, q.Paging)
	out := store.Page[certificate.Grant]{Items: make([]certificate.Grant, 0, len(p.Items)), Total: p.Total, Next: p.Next, Prev: p.Prev}
	for _, a := range p.Items {
		out.Items = append(out.Items, grantOf(a))
	}
	return out, err
}

// grantOf is the registration row of a certified application.
func grantOf(a store.Listed) certificate.Grant {
	var qualification string
	if q, ok := certificate.QualificationName(a.Series, a.Specialty, a.Level.Title); ok {
		qualification = q.Name
	}
	return certificate.Grant{Number: a.Certificate, Name: a.Name, IDNumber: a.IDNumber, Series: a.Series, Specialty: a.Specialty,
		Qualification: qualification, Level: a.Level.String(), Employer: a.Employer, Committee: a.Committee,
		Granted: a.CertifiedOn, Revoked: a.Stage == guantong.StageRevoked}
}
