package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"guantong"
	"guantong/internal/committee"
)

// An applicant's skill contributions (三(一)3) on the application page: each is structured
// evidence (a type of the twelve, a title, a date, a level, their part, an uploaded file)
// that the committee's experts see beside the 业绩评审 score. The applicant adds and takes
// them back while they may still change the application.

// addAchievement is POST /applications/{id}/achievements.
func (s *Server) addAchievement(w http.ResponseWriter, r *http.Request) {
	u, id, ok := s.about(w, r)
	if !ok {
		return
	}
	if !s.readForm(w, r, 16<<10) {
		return
	}
	in, err := achievementOf(r.PostForm)
	if err == nil {
		_, err = s.svc.AddAchievement(r.Context(), u, id, in)
	}
	if err == nil {
		http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done=achievement#achievements", http.StatusSeeOther)
		return
	}
	s.showFormError(w, r, u, id, "achievement", r.PostForm, err)
}

// achievementOf reads the form; a date it cannot read is a field error of its own, since the
// service sees only a parsed date.
func achievementOf(f url.Values) (committee.Achievement, error) {
	in := committee.Achievement{Type: f.Get("type"), Title: f.Get("title"), Level: f.Get("level"), Role: f.Get("role")}
	var es guantong.FieldErrors
	if d := strings.TrimSpace(f.Get("date")); d != "" {
		date, err := guantong.ParseDate(d)
		if err != nil {
			es.Add("date", "日期须写成 YYYY-MM-DD，如 2024-05-20")
		}
		in.Date = date
	}
	if fid := f.Get("file_id"); fid != "" {
		n, err := strconv.ParseInt(fid, 10, 64)
		if err != nil || n < 0 {
			es.Add("file_id", "须为本申报已上传的证明材料")
		}
		in.FileID = n
	}
	return in, es.Err()
}

// removeAchievement is POST /applications/{id}/achievements/{achievement}/delete.
func (s *Server) removeAchievement(w http.ResponseWriter, r *http.Request) {
	u := s.signedIn(w, r)
	if u == nil {
		return
	}
	id, ok1 := pathID(r, "id")
	ach, ok2 := pathID(r, "achievement")
	if !ok1 || !ok2 {
		s.notFound(w, r)
		return
	}
	if !s.readForm(w, r, 8<<10) {
		return
	}
	if err := s.svc.RemoveAchievement(r.Context(), u, id, ach); err != nil {
		s.showFormError(w, r, u, id, "achievements", nil, err)
		return
	}
	http.Redirect(w, r, "/applications/"+strconv.FormatInt(id, 10)+"?done=unachievement#achievements", http.StatusSeeOther)
}
