package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"guantong"
	"guantong/internal/document"
	"guantong/internal/workflow"
)

// How an application's records read on its page: the history from the audit log, the
// person's document, what is applied for.

// eventView is one event of the history as the timeline shows it.
type eventView struct {
	At      string // 2026-12-31 12:00, Beijing time
	Actor   string
	What    string   // 单位推荐
	Details []string // 待单位推荐 → 待资格审核; 公示期 …; 证书编号 …
	Note    string
}

// eventNames names the events that are not workflow actions.
var eventNames = map[string]string{
	"create": "新建草稿",
	"edit":   "修改草稿",
	"attach": "上传证明材料",
	"object": "收到异议",
	// issue 12 item 4: who saw the applicant's full ID number.
	"view_id_number": "查看完整证件号",
	// 三(一)3: skill contributions put forward as evidence.
	"add_achievement":    "添加业绩成果",
	"remove_achievement": "删除业绩成果",
	// The certificate as issued, and 复查 (docs/certificates.md, docs/committee.md).
	"photo":              "上传证件照",
	"approval_no":        "登记批准文号",
	"recheck_request":    "申请复查",
	"recheck_accepted":   "复查已受理",
	"recheck_refused":    "复查不予受理",
	"recheck_maintained": "复查：维持原评审结果",
	"recheck_revised":    "复查：原结果有误，重新评审",
}

// eventOf reads one audit row. The payload is the service's; fields it lacks are left out.
func eventOf(e guantong.Event) eventView {
	v := eventView{At: when(e.At), Actor: actorName(e.Actor), What: eventNames[e.Action]}
	if v.What == "" {
		v.What = workflow.Action(e.Action).Name()
	}
	var p map[string]any
	if json.Unmarshal(e.Payload, &p) != nil {
		return v
	}
	str := func(k string) string { s, _ := p[k].(string); return s }
	if from, to := str("from"), str("to"); from != "" && to != "" && from != to {
		v.Details = append(v.Details, guantong.Stage(from).Name()+" → "+guantong.Stage(to).Name())
	}
	if n, ok := p["notice"].(map[string]any); ok {
		v.Details = append(v.Details, fmt.Sprintf("资格审核公示 %v 至 %v", n["from"], n["until"]))
	}
	if n, ok := p["internal_notice"].(map[string]any); ok {
		v.Details = append(v.Details, fmt.Sprintf("单位内部公示 %v 至 %v", n["from"], n["until"]))
	}
	if n, ok := p["result_notice"].(map[string]any); ok {
		v.Details = append(v.Details, fmt.Sprintf("评审结果公示 %v 至 %v", n["from"], n["until"]))
	}
	if c, ok := p["check"].(map[string]any); ok {
		if c["eligible"] == true {
			v.Details = append(v.Details, fmt.Sprintf("系统审查：符合条件（%v，政策 %v）", c["as_of"], c["policy"]))
		}
	}
	if m := toInt64(p["meeting_id"]); m != 0 {
		v.Details = append(v.Details, fmt.Sprintf("评审会议 %d 表决结果", m))
	}
	if g := str("review_group"); g != "" {
		v.Details = append(v.Details, "评审分组："+g)
	}
	if name := str("name"); name != "" && e.Action == "attach" {
		v.Details = append(v.Details, fmt.Sprintf("%s（%s）", name, fileSize(toInt64(p["size"]))))
	}
	if a, ok := p["achievement"].(map[string]any); ok {
		v.Details = append(v.Details, fmt.Sprintf("%v：%v", a["type"], a["title"]))
	}
	if id := toInt64(p["objection_id"]); id != 0 {
		status := map[string]string{guantong.ObjectionUpheld: "成立", guantong.ObjectionDismissed: "不成立"}[str("objection")]
		if status != "" {
			v.Details = append(v.Details, fmt.Sprintf("%d 号异议：%s", id, status))
		} else {
			v.Details = append(v.Details, fmt.Sprintf("%d 号异议", id))
		}
	}
	if e.Action == "object" {
		v.Note = str("text")
	}
	if c := str("certificate_no"); c != "" {
		v.Details = append(v.Details, "证书编号 "+c)
	}
	if n := str("note"); n != "" {
		v.Note = n
	}
	return v
}

func toInt64(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

// actorName shows who acted: a username, 公众 for someone not signed in, 系统 for the demo.
func actorName(actor string) string {
	switch actor {
	case "public":
		return "公众"
	case "demo":
		return "系统"
	}
	return actor
}

// when shows an instant in Beijing time to the minute.
func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(guantong.Shanghai).Format("2006-01-02 15:04")
}

// fileSize shows a size in bytes, KB or MB.
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(n, 10) + " 字节"
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// what names what an application is for: 工程系列 中级职称, 钳工（6-20-01-01）技师.
func (s *Server) what(app guantong.Application) string {
	if app.Kind == guantong.KindSkill {
		return s.occupationName(app.OccupationCode) + " " + app.Level.String()
	}
	return app.Series + "系列 " + app.Level.String() + "职称"
}

// occupationName is 钳工（6-20-01-01）, or the bare code when the table lacks it.
func (s *Server) occupationName(code string) string {
	if name, ok := s.catalog.Name(code); ok {
		return name + "（" + code + "）"
	}
	return code
}

// docView is the person's document of an application, as the page lists it.
type docView struct {
	Skills      []string // 钳工（6-20-01-01） 技师，2021-06-30 取得
	Titles      []string
	Assessments []string
	Work        []string
	Awards      []string
	Education   []string
	Targets     []string
}

// docView reads the document; one that does not decode (written by an older version, say)
// shows as nothing rather than failing the page.
func (s *Server) docView(doc json.RawMessage) *docView {
	req, err := document.Decode(append(append([]byte(`{"person":`), doc...), '}'))
	if err != nil {
		return nil
	}
	p := req.Person
	d := &docView{}
	for _, sk := range p.Skills {
		d.Skills = append(d.Skills, fmt.Sprintf("%s %s，%s 取得", s.occupationName(sk.OccupationCode), sk.Level, sk.Obtained))
	}
	for _, t := range p.Titles {
		d.Titles = append(d.Titles, fmt.Sprintf("%s系列 %s，%s 取得", t.Series, t.Level, t.Obtained))
	}
	for _, a := range p.Assessments {
		d.Assessments = append(d.Assessments, fmt.Sprintf("%d 年 %s", a.Year, a.Result))
	}
	for _, wp := range p.Work {
		to := "至今"
		if !wp.To.IsZero() {
			to = wp.To.String()
		}
		d.Work = append(d.Work, wp.From.String()+" 至 "+to)
	}
	for _, a := range p.Awards {
		if a.Year != 0 {
			d.Awards = append(d.Awards, fmt.Sprintf("%s（%d 年）", a.Name, a.Year))
		} else {
			d.Awards = append(d.Awards, a.Name)
		}
	}
	for _, e := range p.Education {
		line := e.Major
		for i, c := range e.RelatedCodes {
			if i == 0 {
				line += "，相关职业："
			} else {
				line += "、"
			}
			line += s.occupationName(c)
		}
		d.Education = append(d.Education, line)
	}
	for _, c := range p.Targets {
		d.Targets = append(d.Targets, s.occupationName(c.OccupationCode))
	}
	return d
}
