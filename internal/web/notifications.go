package web

import (
	"net/http"

	"guantong"
)

// notificationsPage is the data of templates/notifications.html: the latest messages (站内信),
// newest first.
type notificationsPage struct {
	Items  []guantong.Notification
	Unread int
}

// notificationsList is GET /notifications.
func (s *Server) notificationsList(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	items, unread, err := s.svc.Notifications(r.Context(), u, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notifications", page{Title: "消息", Nav: "notifications", Data: notificationsPage{Items: items, Unread: unread}})
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
