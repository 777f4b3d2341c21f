package web

import (
	"context"
	"net/http"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
)

// The lists that are not applications (accounts, organisations, the expert pool,
// registration, messages) page as the applications' lists do: a GET form of the list's own
// filters (templates/partials/lists.html "dirsearch" and the page's selects), the same
// paging bar ("pager") with the exact total, and the download of the current view.

// dirList is the search, filters and page of such a list as asked for in its address.
type dirList struct {
	*listState // the path, the filters as typed (for the pager's links) and their mistakes
	Query      service.DirectoryQuery
	Pager      pager
}

// Choices of the lists' filter selects.
func (l *dirList) Roles() []string    { return guantong.Roles }
func (l *dirList) OrgKinds() []string { return guantong.OrgKinds }

// dirFilters reads the list's search and the filters named in keys (besides q, sort and
// limit); a value it cannot read is shown beside its field and the list is shown
// unfiltered, never refused. download is the address of its Excel download, or "".
func dirFilters(r *http.Request, download, label string, keys ...string) *dirList {
	l := &dirList{listState: &listState{Path: r.URL.Path, Download: download, Label: label, Errs: errs{},
		Values: typed(r.URL.Query(), append([]string{"q", "sort", "limit"}, keys...)...)}}
	q, err := service.ParseDirectoryQuery(l.Values)
	if l.errors(err) {
		q = service.DirectoryQuery{}
	}
	q.Cursor = r.URL.Query().Get("cursor")
	l.Query = q
	l.Open = len(l.Values) > 0
	return l
}

// paged sets the list's paging bar from the page read.
func paged[T any](l *dirList, p store.Page[T]) {
	l.Pager = l.pager("", p.Total, len(p.Items), p.Next, p.Prev)
}

// maxChoices is how many organisations a form offers in a select. Beyond it the form asks
// for the organisation's number (the 单位 list shows it and finds it by name): a select of a
// province's employers would be a page of megabytes, read in seconds, that no one can use.
const maxChoices = 300

// orgChoices returns the organisations of a kind ("" every kind) for a form's select, oldest
// first, or none and many when there are more than maxChoices.
func (s *Server) orgChoices(ctx context.Context, u *guantong.User, kind string) (orgs []guantong.Organisation, many bool, err error) {
	p, err := s.svc.ListOrganisations(ctx, u, service.DirectoryQuery{Kind: kind, Paging: store.Paging{Limit: maxChoices, Oldest: true}})
	if err != nil || p.Total > len(p.Items) {
		return nil, err == nil, err
	}
	return p.Items, false, nil
}

// dirFile reads the filters of a list's download; a mistake in them is a page that says so,
// and ok false.
func (s *Server) dirFile(w http.ResponseWriter, r *http.Request, keys ...string) (l *dirList, ok bool) {
	l = dirFilters(r, "", "", keys...)
	if len(l.Errs) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "筛选条件有误", "请回到列表页改正筛选条件后再下载。")
		return l, false
	}
	return l, true
}
