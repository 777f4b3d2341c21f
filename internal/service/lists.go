package service

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/workflow"
)

// ListQuery is what a list of applications asks for, the same on every page and API list:
// filters, a search, the order and the page.
type ListQuery struct {
	Stages    []guantong.Stage // none: every stage
	NotStages []guantong.Stage // for a queue's section of the remaining stages
	Kind      string           // "": both kinds
	Route     string
	Series    string
	Level     string
	Region    string        // the employer's
	From, To  guantong.Date // submitted (created) from, to; both inclusive
	Search    string        // application or certificate number, name, ID number, employer, occupation
	// As narrows what HR sees to one of its two parts: AsEmployer its staff's applications,
	// AsEvaluator those routed to it for evaluation (三(二)4); "" both.
	As string
	store.Paging
}

// The parts of HR's list.
const (
	AsEmployer  = "employer"
	AsEvaluator = "evaluator"
)

// Filtered reports whether q narrows the list by more than its stages.
func (q ListQuery) Filtered() bool {
	return q.Route != "" || q.Series != "" || q.Level != "" || q.Region != "" || !q.From.IsZero() ||
		!q.To.IsZero() || strings.TrimSpace(q.Search) != "" || q.Kind != ""
}

// maxSearch bounds a search, in characters.
const maxSearch = 50

// check refuses a query that cannot mean anything, naming the field.
func (q ListQuery) check() error {
	var es guantong.FieldErrors
	if utf8.RuneCountInString(q.Search) > maxSearch {
		es.Add("q", "搜索内容不能超过 %d 个字", maxSearch)
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		es.Add("to", "截止日期 %s 早于起始日期 %s", q.To, q.From)
	}
	if q.Level != "" {
		if _, ok := guantong.ParseTitleLevel(q.Level); !ok {
			if _, ok := guantong.ParseSkillLevel(q.Level); !ok {
				es.Add("level", "%q 不是职称级别或技能等级", q.Level)
			}
		}
	}
	return es.Err()
}

// filter turns q into the store's filter for what u may see; none is false when u's account
// holds nothing to list (no person, no organisation).
func (s *Service) filter(u *guantong.User, q ListQuery) (f store.Filter, none bool, err error) {
	if err := signedIn(u); err != nil {
		return f, false, err
	}
	f = store.Filter{Stages: q.Stages, NotStages: q.NotStages, Kind: q.Kind, Route: q.Route, Series: q.Series,
		Level: q.Level, Region: q.Region, From: q.From, To: q.To, Search: strings.TrimSpace(q.Search)}
	// Those who act on applications from the employer's recommendation on never see a draft
	// (workflow.CanSee); saying so in the query keeps the count exact.
	hideDrafts := true
	switch u.Role {
	case guantong.RoleApplicant:
		f.PersonID, hideDrafts = u.PersonID, false
	case guantong.RoleHR:
		switch q.As {
		case AsEmployer:
			f.EmployerID = u.OrgID
		case AsEvaluator:
			f.EvaluatorID = u.OrgID
		default:
			f.EmployerID, f.EvaluatorID = u.OrgID, u.OrgID
		}
	case guantong.RoleOffice:
		f.OfficeID = u.OrgID
	case guantong.RoleSecretary:
		f.CommitteeID, hideDrafts = u.OrgID, false
	case guantong.RoleEvaluator:
		f.EvaluatorID = u.OrgID
	case guantong.RoleAdmin:
		hideDrafts = false
	default:
		return f, false, guantong.Errorf(guantong.EForbidden, "无权查看申报")
	}
	if hideDrafts && !slices.Contains(f.NotStages, guantong.StageDraft) {
		f.NotStages = append(slices.Clip(f.NotStages), guantong.StageDraft)
	}
	if u.Role != guantong.RoleAdmin && f.PersonID == 0 && f.EmployerID == 0 && f.OfficeID == 0 && f.CommitteeID == 0 && f.EvaluatorID == 0 {
		return f, true, nil
	}
	if err := q.check(); err != nil {
		return f, false, err
	}
	f.Codes = s.occupationCodes(f.Search)
	return f, false, nil
}

// occupationCodes returns the codes of the occupations whose names a search matches, for a
// search in Chinese characters of two or more (one character names too many).
func (s *Service) occupationCodes(q string) []string {
	if utf8.RuneCountInString(q) < 2 || q[0] < utf8.RuneSelf {
		return nil
	}
	var codes []string
	for _, e := range s.Engine().Catalog().Search(q) {
		if !slices.Contains(codes, e.Code) && len(codes) < 100 {
			codes = append(codes, e.Code)
		}
	}
	return codes
}

// ListApplications returns one page of what u may see (see Applications), filtered,
// searched and ordered as q asks, with the exact total.
func (s *Service) ListApplications(ctx context.Context, u *guantong.User, q ListQuery) (store.Page[View], error) {
	f, none, err := s.filter(u, q)
	if err != nil || none {
		return store.Page[View]{Items: []View{}}, err
	}
	p, err := s.store.ApplicationPage(ctx, f, q.Paging)
	if err != nil {
		return store.Page[View]{}, err
	}
	out := store.Page[View]{Items: make([]View, 0, len(p.Items)), Total: p.Total, Next: p.Next, Prev: p.Prev}
	for _, a := range p.Items {
		if !workflow.CanSee(u, &a.Application) { // the filter says the same; this is the one rule
			return out, guantong.Errorf(guantong.EForbidden, "无权查看申报 %d", a.ID)
		}
		out.Items = append(out.Items, listedView(u, a))
	}
	return out, nil
}

// EachApplication calls fn for every application of u's list as q selects it (its paging
// aside), streamed: the download of a list's current view.
func (s *Service) EachApplication(ctx context.Context, u *guantong.User, q ListQuery, fn func(View) error) error {
	f, none, err := s.filter(u, q)
	if err != nil || none {
		return err
	}
	return s.store.EachApplication(ctx, f, q.Oldest, func(a store.Listed) error {
		if !workflow.CanSee(u, &a.Application) {
			return guantong.Errorf(guantong.EForbidden, "无权查看申报 %d", a.ID)
		}
		return fn(listedView(u, a))
	})
}

// ParseListQuery reads a list's query from the parameters of a page or API address: q,
// stage (repeated), kind, route, series, level, region, from, to (YYYY-MM-DD), sort
// (newest, oldest), cursor and limit. A value it cannot read is EInvalid, naming the
// parameter.
func ParseListQuery(v url.Values) (ListQuery, error) {
	q := ListQuery{Kind: v.Get("kind"), Route: v.Get("route"), Series: v.Get("series"), Level: v.Get("level"),
		Region: v.Get("region"), Search: strings.TrimSpace(v.Get("q"))}
	q.Cursor = v.Get("cursor")
	var es guantong.FieldErrors
	for _, s := range v["stage"] {
		if s == "" {
			continue
		}
		st := guantong.Stage(s)
		if st.Name() == s { // a stage without a name is none of ours
			es.Add("stage", "没有 %q 这个阶段", s)
			continue
		}
		q.Stages = append(q.Stages, st)
	}
	date := func(name string) guantong.Date {
		s := strings.TrimSpace(v.Get(name))
		if s == "" {
			return guantong.Date{}
		}
		d, err := guantong.ParseDate(s)
		if err != nil {
			es.Add(name, "%q 不是日期（YYYY-MM-DD）", s)
		}
		return d
	}
	q.From, q.To = date("from"), date("to")
	switch v.Get("sort") {
	case "", "newest":
	case "oldest":
		q.Oldest = true
	default:
		es.Add("sort", "排序只能是 newest（最新在前）或 oldest（最早在前）")
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > store.MaxLimit {
			es.Add("limit", "每页条数须为 1 到 %d 之间的整数", store.MaxLimit)
		}
		q.Limit = n
	}
	switch q.Kind {
	case "", guantong.KindTitle, guantong.KindSkill:
	default:
		es.Add("kind", "类别只能是 title（职称）或 skill（技能等级）")
	}
	return q, es.Err()
}

// StageCounts counts what u may see, as q filters it, by stage, most first.
func (s *Service) StageCounts(ctx context.Context, u *guantong.User, q ListQuery) ([]store.StageCount, error) {
	f, none, err := s.filter(u, q)
	if err != nil || none {
		return []store.StageCount{}, err
	}
	return s.store.StageCounts(ctx, f)
}
