package web

import (
	"fmt"
	"net/http"
	"slices"

	"guantong"
	"guantong/internal/service"
)

// Queues are the work lists of the 职改办, the committee, the evaluation organisations and
// the admin: the applications the service lets the user see, in sections by stage, each row
// saying what is due and linking to the application, where the buttons are.

// queuePage is the data of the queue templates (office.html, committee.html…).
type queuePage struct {
	Org      string
	Today    guantong.Date
	Total    int // of every section, as filtered
	Filters  *listState
	Sections []queueSection
	BatchURL string      // where the sections' batch forms post
	Bulk     bulkOutcome // what the batch just taken did
}

// queueSection is one stage or group of stages: one page of it, and its paging bar.
type queueSection struct {
	ID, Heading, Hint, Empty string
	Rows                     []queueRow
	Pager                    pager
	Batch                    []batchButton // actions on the ticked rows; none: no form
	Comment                  bool          // one of them takes the comment
	Picks                    int           // rows that may be ticked
	CommentText, CommentErr  string        // the comment sent back with its problem, when this section's form was refused
}

// queueRow is one application in a queue.
type queueRow struct {
	service.View
	What string
	Due  string // 公示至 2027-01-08; 公示期满，可提交评委会
	Open int    // objections still to decide (View.OpenObjections)
	Todo bool   // the user has an action to take on it now
	Pick bool   // one of the section's batch actions is the user's to take on it now
}

// section is a queueSection of the stages given; nil stages take the rest.
type section struct {
	id, heading, hint, empty string
	stages                   []guantong.Stage
	batch                    []batchButton
}

// listView is what a queue page lists: its sections, within what base narrows (a kind, a
// part of HR's list). The Excel download of a section reads the same.
type listView struct {
	secs []section
	base func(q *service.ListQuery)
}

// listViews are the queue pages by key (a queueView's tmpl); the key is the view parameter
// of the download.
var listViews = map[string]listView{
	"office":    {officeSections, func(q *service.ListQuery) { q.Kind = guantong.KindTitle }},
	"committee": {committeeSections, func(*service.ListQuery) {}},
	"evaluator": {evaluatorSections, func(q *service.ListQuery) { q.Kind, q.As = guantong.KindSkill, service.AsEvaluator }},
	"allapps":   {adminSections, func(*service.ListQuery) {}},
	"employer":  {employerSections, func(q *service.ListQuery) { q.As = service.AsEmployer }},
	"my":        {mySections, func(*service.ListQuery) {}},
}

// sectionQuery returns the query of section id of a view, and false when the filter leaves
// it nothing to read.
func (v listView) sectionQuery(r *http.Request, l *listState, id string) (service.ListQuery, bool) {
	var others []guantong.Stage
	var stages []guantong.Stage
	for _, sc := range v.secs {
		if sc.id == id {
			stages = sc.stages
		} else {
			others = append(others, sc.stages...)
		}
	}
	q, ok := l.section(r, id, stages, others)
	v.base(&q)
	return q, ok
}

// queue reads one page of each section of the view named key, as the request filters and
// pages them. The views come with their count of open objections, read by the list's one
// query.
func (s *Server) queue(r *http.Request, u *guantong.User, key string) (queuePage, error) {
	v := listViews[key]
	l := listFilters(r, key)
	d := queuePage{Today: s.svc.Today(), Filters: l}
	for _, sc := range v.secs {
		qs := queueSection{ID: sc.id, Heading: sc.heading, Hint: sc.hint, Empty: sc.empty, Batch: sc.batch,
			Comment: slices.ContainsFunc(sc.batch, func(b batchButton) bool { return b.Note })}
		if q, ok := v.sectionQuery(r, l, sc.id); ok {
			p, err := s.svc.ListApplications(r.Context(), u, q)
			if guantong.ErrorCode(err) == guantong.EInvalid { // a stale cursor: the first page
				q.Cursor = ""
				p, err = s.svc.ListApplications(r.Context(), u, q)
			}
			if err != nil {
				return d, err
			}
			for _, v := range p.Items {
				pick := slices.ContainsFunc(sc.batch, func(b batchButton) bool { return slices.Contains(v.Actions, b.Action) })
				if pick {
					qs.Picks++
				}
				qs.Rows = append(qs.Rows, queueRow{View: v, What: s.what(v.Application), Todo: len(v.Actions) > 0,
					Due: due(v.Application, d.Today), Open: v.OpenObjections, Pick: pick})
			}
			qs.Pager = l.pager(sc.id, p.Total, len(p.Items), p.Next, p.Prev)
			d.Total += p.Total
		}
		if l.Query.Filtered() || len(l.Query.Stages) > 0 {
			qs.Empty = "没有符合筛选条件的申报。"
		}
		d.Sections = append(d.Sections, qs)
	}
	return d, nil
}

// due says what the dates of an application's stage allow today.
func due(app guantong.Application, today guantong.Date) string {
	var p *guantong.Period
	next := ""
	switch app.Stage {
	case guantong.StageNotice:
		p, next = app.Notice, "可提交评委会"
	case guantong.StageResultNotice:
		p, next = app.ResultNotice, "可颁发证书"
	case guantong.StageGranted, guantong.StageIssued, guantong.StageRegistered:
		if app.Certificate != "" {
			return "证书 " + app.Certificate
		}
	}
	if p == nil {
		return ""
	}
	if today.After(p.Until) {
		return fmt.Sprintf("公示期满（%s），%s", p.Until, next)
	}
	return fmt.Sprintf("公示至 %s", p.Until)
}

// queueData reads the queue page named key for u: its sections, a page each, and u's
// organisation.
func (s *Server) queueData(r *http.Request, u *guantong.User, key string) (queuePage, error) {
	d, err := s.queue(r, u, key)
	if err != nil {
		return d, err
	}
	_, d.Org, err = s.profile(r.Context(), u)
	return d, err
}
