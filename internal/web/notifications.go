package web

import (
	"net/http"

	"guantong"
)

// notificationsPage is the data of templates/notifications.html: a page of the messages
// (站内信), newest first, all or the unread only.
type notificationsPage struct {
	Items  []guantong.Notification
	Unread int
	List   *dirList
}

// notificationsList is GET /notifications.
func (s *Server) notificationsList(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	l := dirFilters(r, "", "", "unread")
	p, err := s.svc.ListNotifications(r.Context(), u, l.Query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	paged(l, p.Page)
	s.render(w, r, http.StatusOK, "notifications", page{Title: "消息", Nav: "notifications", Data: notificationsPage{Items: p.Items, Unread: p.Unread, List: l}})
}

// notificationsRead is POST /notifications/read (all) and POST /notifications/{id}/read (one,
// then on to its application when the form says so).
func (s *Server) notificationsRead(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil || !s.readForm(w, r, 4<<10) {
		return
	}
	var id int64
	if r.PathValue("id") != "" {
		var ok bool
		if id, ok = pathID(r, "id"); !ok {
			s.notFound(w, r)
			return
		}
	}
	if _, err := s.svc.MarkRead(r.Context(), u, id); err != nil {
		s.fail(w, r, err)
		return
	}
	next := "/notifications"
	if open := safeNext(r.PostForm.Get("open")); open != "" {
		next = open
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
