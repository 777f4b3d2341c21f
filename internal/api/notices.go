package api

import (
	"net/http"

	"guantong"
	"guantong/internal/service"
)

// Public notices as published and who sees a full ID number (issue 12 items 3 and 4).

// noticeDocuments is public: one page of the notices running, one document per batch, with
// how many each lists (its rows are read by its key); cursor and limit page it.
func (a *API) noticeDocuments(w http.ResponseWriter, r *http.Request) {
	q, err := service.ParseListQuery(r.URL.Query())
	var docs any
	if err == nil {
		docs, err = a.svc.NoticeDocuments(r.Context(), q.Cursor, q.Limit)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, docs)
}

// noticeDocument is public: one notice as published, with its rows.
func (a *API) noticeDocument(w http.ResponseWriter, r *http.Request) {
	a.servePublic(w, r, http.StatusOK, func(*guantong.User, int64) (any, error) {
		return a.svc.NoticeDocumentByKey(r.Context(), r.PathValue("key"))
	})
}

// objectionByReceipt is public: the handling of an objection, by the receipt its objector got.
func (a *API) objectionByReceipt(w http.ResponseWriter, r *http.Request) {
	a.servePublic(w, r, http.StatusOK, func(*guantong.User, int64) (any, error) {
		return a.svc.ObjectionByReceipt(r.Context(), r.PathValue("receipt"))
	})
}

// fullIDNumber answers the applicant's full ID number to the 职改办, HR or secretary whose task
// needs it; the service records the view. A POST: a view is an act on the record.
func (a *API) fullIDNumber(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, func(u *guantong.User, id int64) (any, error) {
		n, err := a.svc.FullIDNumber(r.Context(), u, id)
		return map[string]string{"id_number": n}, err
	})
}

// setNoticeContact sets where a 职改办 takes objections to its notices.
func (a *API) setNoticeContact(w http.ResponseWriter, r *http.Request) {
	a.byID(w, r, body(w, r, func(u *guantong.User, id int64, in guantong.NoticeContact) (any, error) {
		return in, a.svc.SetNoticeContact(r.Context(), u, id, in)
	}))
}
