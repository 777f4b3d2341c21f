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
	Sections []queueSection
	BatchURL string      // where the sections' batch forms post
	Bulk     bulkOutcome // what the batch just taken did
}

// queueSection is one stage or group of stages.
type queueSection struct {
	ID, Heading, Hint, Empty string
	Rows                     []queueRow
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

// queue sorts the applications into sections; an application goes to the first section
// whose stages hold its own, or to the section without stages. The views come with their
// count of open objections, read by the list's one query.
func (s *Server) queue(apps []service.View, secs []section) []queueSection {
	out := make([]queueSection, len(secs))
	for i, sc := range secs {
		out[i] = queueSection{ID: sc.id, Heading: sc.heading, Hint: sc.hint, Empty: sc.empty, Batch: sc.batch,
			Comment: slices.ContainsFunc(sc.batch, func(b batchButton) bool { return b.Note })}
	}
	today := s.svc.Today()
	for _, v := range apps {
		i := slices.IndexFunc(secs, func(sc section) bool { return slices.Contains(sc.stages, v.Stage) })
		if i < 0 {
			i = slices.IndexFunc(secs, func(sc section) bool { return sc.stages == nil })
		}
		if i < 0 {
			continue
		}
		pick := slices.ContainsFunc(secs[i].batch, func(b batchButton) bool { return slices.Contains(v.Actions, b.Action) })
		if pick {
			out[i].Picks++
		}
		out[i].Rows = append(out[i].Rows, queueRow{View: v, What: s.what(v.Application), Todo: len(v.Actions) > 0,
			Due: due(v.Application, today), Open: v.OpenObjections, Pick: pick})
	}
	return out
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

// queueData sorts apps into secs for u's page.
func (s *Server) queueData(r *http.Request, u *guantong.User, apps []service.View, secs []section) (queuePage, error) {
	_, org, err := s.profile(r.Context(), u)
	if err != nil {
		return queuePage{}, err
	}
	return queuePage{Org: org, Today: s.svc.Today(), Sections: s.queue(apps, secs)}, nil
}
