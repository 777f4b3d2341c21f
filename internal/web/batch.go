package web

import (
	"net/http"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/workflow"
)

// Batches on the work pages: the employer recommends and returns, the 职改办 approves,
// returns and sends, the secretary grants, the evaluator issues and the admin registers
// many applications at once. Each page's form posts the ticked applications with the
// versions it showed; service.Batch takes each as its own step, and the page is shown again
// with what became of each.

// batchButton is one action a queue section takes on the ticked applications.
type batchButton struct {
	Action workflow.Action
	Label  string
	Danger bool
	Note   bool // the comment goes with it: a return says why
}

// bulkOutcome is what a batch taken from a page did, shown above the page's lists; the zero
// value shows nothing.
type bulkOutcome struct {
	Action        string // the action's name: 单位推荐, 资格审核通过并公示…
	Section       string // the section whose form was sent, to show its comment again
	Done, Refused int
	Results       []service.BatchResult
	Comment       string
	Errs          errs // id: nothing ticked; comment: a return without reasons; action
}

// takeBatch reads a batch form (action, comment, id and version-{id} for each ticked
// application) and takes it. The problems of the form as a whole come back in Errs with
// 422; those of single applications are in Results. Any other error is the caller's to show.
func (s *Server) takeBatch(r *http.Request, u *guantong.User) (bulkOutcome, int, error) {
	f := r.PostForm
	action := workflow.Action(f.Get("action"))
	out := bulkOutcome{Action: action.Name(), Section: f.Get("section"), Comment: strings.TrimSpace(f.Get("comment"))}
	var items []service.BatchItem
	for _, raw := range f["id"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		version, _ := strconv.Atoi(f.Get("version-" + raw))
		items = append(items, service.BatchItem{ID: id, Version: version})
	}
	b, err := s.svc.Batch(r.Context(), u, action, out.Comment, items)
	if es, _, ok := fieldErrs(err); ok {
		out.Errs = errs{}
		for from, to := range map[string]string{"items": "id", "note": "comment", "action": "action"} {
			if m := es[from]; m != "" {
				out.Errs[to] = m
			}
		}
		if out.Errs["id"] != "" {
			out.Errs["id"] = "请至少勾选一项申报"
		}
		return out, http.StatusUnprocessableEntity, nil
	}
	if err != nil {
		return out, 0, err
	}
	out.Done, out.Refused, out.Results, out.Comment = b.Done, b.Refused, b.Results, ""
	return out, http.StatusOK, nil
}

// queueView is a work page made of a queue: who may open it, what it lists (listViews[tmpl],
// which its Excel download reads too) and where its batch form posts.
type queueView struct {
	tmpl, title, nav string
	roles            []string
	batchURL         string
	// more, when set, adds what the page shows beside the queue: its data is what more returns.
	more func(s *Server, r *http.Request, u *guantong.User, d queuePage) (any, error)
}

// get serves the page.
func (q *queueView) get(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u := s.workspace(w, r, q.roles...); u != nil {
			q.show(s, w, r, u, http.StatusOK, bulkOutcome{})
		}
	}
}

// post takes the page's batch and shows the page with what became of each application.
func (q *queueView) post(s *Server) http.HandlerFunc {
	return s.batchPost(q.roles, func(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, out bulkOutcome) {
		q.show(s, w, r, u, status, out)
	})
}

// batchPost is the POST of a page's batch form for roles: it takes the batch and has show
// render the page with its outcome.
func (s *Server) batchPost(roles []string, show func(w http.ResponseWriter, r *http.Request, u *guantong.User, status int, out bulkOutcome)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u := s.workspace(w, r, roles...)
		if u == nil || !s.readForm(w, r, 256<<10) {
			return
		}
		out, status, err := s.takeBatch(r, u)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		show(w, r, u, status, out)
	}
}

func (q *queueView) show(s *Server, w http.ResponseWriter, r *http.Request, u *guantong.User, status int, out bulkOutcome) {
	d, err := q.data(s, r, u, out)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, q.tmpl, page{Title: q.title, Nav: q.nav, Data: d})
}

// data is what the page's template shows: the queue with the batch's outcome, and what more
// adds.
func (q *queueView) data(s *Server, r *http.Request, u *guantong.User, out bulkOutcome) (any, error) {
	d, err := s.queueData(r, u, q.tmpl) // a page of each section, as listViews[q.tmpl] says
	if err != nil {
		return nil, err
	}
	d.BatchURL, d.Bulk = q.batchURL, out
	d.keepComment()
	if q.more != nil {
		return q.more(s, r, u, d)
	}
	return d, nil
}

// keepComment shows the comment of a refused batch again in the form it came from, with its
// problem.
func (d *queuePage) keepComment() {
	for i := range d.Sections {
		if sc := &d.Sections[i]; sc.ID == d.Bulk.Section && sc.Comment {
			sc.CommentText, sc.CommentErr = d.Bulk.Comment, d.Bulk.Errs["comment"]
		}
	}
}
