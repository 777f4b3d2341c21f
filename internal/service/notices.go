package service

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"guantong"
	"guantong/data"
	"guantong/internal/certificate"
	"guantong/internal/store"
)

// NoticeDocument is one 公示 as a 职改办 publishes it: the applications it put under the same
// notice on the same day (one batch), with its title, the 公示单位, the period in working days
// and where to object. It holds no ID number and no phone.
type NoticeDocument struct {
	Key      string                 `json:"key"`   // office-kind-from: the address of the document
	Title    string                 `json:"title"` // 石家庄市职改办 2027 年职称资格审核公示
	Kind     string                 `json:"kind"`  // 资格审核公示 or 评审结果公示
	Stage    guantong.Stage         `json:"stage"`
	OfficeID int64                  `json:"office_id"`
	Office   string                 `json:"office"` // 公示单位
	From     guantong.Date          `json:"from"`
	Until    guantong.Date          `json:"until"`
	Workdays int                    `json:"workdays"` // the working days it runs after the day of publication
	Contact  guantong.NoticeContact `json:"contact"`
	Count    int                    `json:"count"`          // how many it lists
	Rows     []guantong.Notice      `json:"rows,omitempty"` // only a document read by its key has them

}

// NoticeDocuments returns one page of the notices running now as the 职改办s publish them:
// one document per office, kind and day of publication, newest first, each with how many it
// lists but not its rows (NoticeDocumentByKey reads those), and how many are running. The
// page of limit (0: the default) starts after the cursor a page gave as Next ("" for the
// first); Prev is always "".
func (s *Service) NoticeDocuments(ctx context.Context, cursor string, limit int) (store.Page[NoticeDocument], error) {
	n := limit
	if n <= 0 || n > store.MaxLimit {
		n = store.DefaultLimit
	}
	batches, total, err := s.store.NoticeBatches(ctx, s.Today(), cursor, n+1)
	if err != nil {
		return store.Page[NoticeDocument]{}, err
	}
	out := store.Page[NoticeDocument]{Items: make([]NoticeDocument, 0, min(n, len(batches))), Total: total}
	if len(batches) > n {
		batches, out.Next = batches[:n], batches[n-1].Cursor()
	}
	heads := noticeHeads{}
	for _, b := range batches {
		d, err := s.noticeDocument(ctx, b, heads)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, d)
	}
	return out, nil
}

// noticeHeads are the 职改办s of a page of notices and where each takes objections, read once
// per office rather than once per notice.
type noticeHeads map[int64]*noticeHead

type noticeHead struct {
	office  guantong.Organisation
	contact guantong.NoticeContact
}

// noticeDocument is the heading of a notice's document: its title, office, period and
// where to object.
func (s *Service) noticeDocument(ctx context.Context, b store.NoticeBatch, heads noticeHeads) (NoticeDocument, error) {
	h := heads[b.OfficeID]
	if h == nil {
		h = &noticeHead{}
		var err error
		if h.office, err = s.store.Organisation(ctx, b.OfficeID); err != nil {
			return NoticeDocument{}, err
		}
		if h.contact, err = s.store.NoticeContact(ctx, b.OfficeID); err != nil {
			return NoticeDocument{}, err
		}
		heads[b.OfficeID] = h
	}
	d := NoticeDocument{Key: fmt.Sprintf("%d-%s-%s", b.OfficeID, b.Stage, b.From), Kind: noticeName(b.Stage), Stage: b.Stage,
		OfficeID: b.OfficeID, Office: h.office.Name, From: b.From, Until: b.Until, Count: b.Count, Contact: h.contact,
		Workdays: s.cal.WorkdaysBetween(b.From.AddDays(1), b.Until)}
	d.Title = fmt.Sprintf("%s %d 年职称%s", h.office.Name, b.From.Year(), d.Kind)
	return d, nil
}

// NoticeDocumentByKey returns the running notice whose key is key, with its rows by
// application number; one not running is ENotFound.
func (s *Service) NoticeDocumentByKey(ctx context.Context, key string) (NoticeDocument, error) {
	notFound := guantong.Errorf(guantong.ENotFound, "没有正在公示的「%s」", key)
	office, rest, _ := strings.Cut(key, "-")
	stage, day, _ := strings.Cut(rest, "-")
	officeID, err := strconv.ParseInt(office, 10, 64)
	from, derr := guantong.ParseDate(day)
	if err != nil || derr != nil || !slices.Contains(noticeStages, guantong.Stage(stage)) {
		return NoticeDocument{}, notFound
	}
	apps, err := s.store.NoticeBatchRows(ctx, officeID, guantong.Stage(stage), from)
	if err != nil {
		return NoticeDocument{}, err
	}
	if len(apps) == 0 {
		return NoticeDocument{}, notFound
	}
	rows, err := s.notices(ctx, apps)
	if err != nil {
		return NoticeDocument{}, err
	}
	b := store.NoticeBatch{OfficeID: officeID, Stage: guantong.Stage(stage), From: from, Count: len(rows)}
	for _, r := range rows {
		if r.Until.After(b.Until) {
			b.Until = r.Until
		}
	}
	d, err := s.noticeDocument(ctx, b, noticeHeads{})
	d.Rows = rows
	return d, err
}

// SetNoticeContact records where a 职改办 takes objections to its notices: the office itself
// or the admin may set it; each field is required.
func (s *Service) SetNoticeContact(ctx context.Context, u *guantong.User, officeID int64, c guantong.NoticeContact) error {
	if err := signedIn(u); err != nil {
		return err
	}
	if u.Role != guantong.RoleAdmin && (u.Role != guantong.RoleOffice || u.OrgID != officeID) {
		return guantong.Errorf(guantong.EForbidden, "只有该职改办或管理员可以设置公示的异议受理方式")
	}
	var es guantong.FieldErrors
	field := func(name, label, v string) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			es.Add(name, "须填写%s", label)
		case utf8.RuneCountInString(v) > 100:
			es.Add(name, "%s不能超过 100 个字", label)
		}
		return v
	}
	c = guantong.NoticeContact{Phone: field("phone", "受理电话", c.Phone), Address: field("address", "通信地址", c.Address),
		Email: field("email", "电子邮箱", c.Email)}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		es.Add("email", "电子邮箱须含 @")
	}
	if err := es.Err(); err != nil {
		return err
	}
	return s.store.Write(ctx, func(tx *store.Tx) error {
		o, err := tx.Organisation(ctx, officeID)
		if err != nil {
			return err
		}
		if o.Kind != guantong.OrgOffice {
			return guantong.Errorf(guantong.EInvalid, "%s 不是职改办", o.Name)
		}
		if err := tx.SetNoticeContact(ctx, officeID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, u, "notice_contact", subjectOf("organisation", officeID), c)
	})
}

// receiptAlphabet is Crockford's base 32: no I, L, O or U, which people misread.
const receiptAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newReceipt returns an objection's receipt: 16 characters (80 random bits) in four groups,
// which nobody guesses from another's.
func newReceipt() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(receiptAlphabet[int(c)%32])
	}
	return sb.String()
}

// NormalReceipt reads a receipt as typed: spaces and case ignored, O read as 0 and I or L as 1.
func NormalReceipt(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	s = strings.NewReplacer("O", "0", "I", "1", "L", "1", "-", "").Replace(s)
	if len(s) != 16 {
		return s
	}
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

// ObjectionStatus is what the objector sees by their receipt, without signing in: what the
// objection was about and how it was handled. It holds neither the objector's name nor
// their contact.
type ObjectionStatus struct {
	Receipt    string         `json:"receipt"`
	Lodged     guantong.Date  `json:"lodged"`
	Notice     string         `json:"notice"`  // 资格审核公示 …
	Subject    string         `json:"subject"` // 张三 · 工程系列 中级职称
	Text       string         `json:"text"`
	Status     string         `json:"status"` // open, upheld, dismissed
	StatusName string         `json:"status_name"`
	Note       string         `json:"note,omitempty"` // the 职改办's answer
	Decided    guantong.Date  `json:"decided"`
	Stage      guantong.Stage `json:"stage"`
	StageName  string         `json:"stage_name"` // where the application stands now
}

var objectionStatusNames = map[string]string{guantong.ObjectionOpen: "受理中，尚未处理", guantong.ObjectionUpheld: "异议成立",
	guantong.ObjectionDismissed: "异议不成立"}

// ObjectionByReceipt returns the handling of the objection whose receipt is code; an unknown
// code is ENotFound.
func (s *Service) ObjectionByReceipt(ctx context.Context, code string) (ObjectionStatus, error) {
	code = NormalReceipt(code)
	if len(code) != 19 {
		return ObjectionStatus{}, guantong.FieldErrors{{Field: "receipt", Message: "回执号为 16 位字母和数字（如 7K2M-…）"}}
	}
	o, err := s.store.ObjectionByReceipt(ctx, code)
	if err != nil {
		return ObjectionStatus{}, err
	}
	app, err := s.store.Application(ctx, o.ApplicationID)
	if err != nil {
		return ObjectionStatus{}, err
	}
	p, err := s.store.Applicant(ctx, app.PersonID)
	if err != nil {
		return ObjectionStatus{}, err
	}
	st := ObjectionStatus{Receipt: o.Receipt, Lodged: guantong.Today(o.LodgedAt), Notice: noticeName(o.Notice),
		Subject: p.Name + " · " + appliedFor(app), Text: o.Text, Status: o.Status, StatusName: objectionStatusNames[o.Status],
		Stage: app.Stage, StageName: app.Stage.Name()}
	if o.Status != guantong.ObjectionOpen {
		st.Note, st.Decided = o.Note, guantong.Today(o.DecidedAt)
	}
	return st, nil
}

func noticeName(stage guantong.Stage) string {
	if stage == guantong.StageResultNotice {
		return "评审结果公示"
	}
	return "资格审核公示"
}

// appliedFor says what an application is for: 工程系列 机械工程专业 中级职称; 6-20-01-01 技师.
func appliedFor(a guantong.Application) string {
	if a.Kind == guantong.KindSkill {
		return a.OccupationCode + " " + a.Level.String()
	}
	return TitleWhat(a.Series, a.Specialty, a.Level)
}

// TitleWhat names a title applied for as notices print it: 工程系列 机械工程专业 中级职称.
func TitleWhat(series, specialty string, level guantong.Level) string {
	out := series + "系列 "
	if specialty != "" {
		out += specialty + "专业 "
	}
	return out + level.String() + "职称"
}

// CurrentOf reads the applicant's highest title or, lacking one, highest skill level from
// the document they wrote: what a notice shows as 现技能等级或职称.
func CurrentOf(doc json.RawMessage) string {
	var p struct {
		Skills []struct {
			Level string `json:"level"`
		} `json:"skills"`
		Titles []struct {
			Series, Level string
		} `json:"titles"`
	}
	if json.Unmarshal(doc, &p) != nil {
		return ""
	}
	var title guantong.TitleLevel
	series := ""
	for _, t := range p.Titles {
		if l, ok := guantong.ParseTitleLevel(t.Level); ok && l > title {
			title, series = l, t.Series
		}
	}
	if title != 0 {
		return series + " " + title.String()
	}
	var skill guantong.SkillLevel
	for _, k := range p.Skills {
		if l, ok := guantong.ParseSkillLevel(k.Level); ok && l > skill {
			skill = l
		}
	}
	if skill != 0 {
		return skill.String()
	}
	return ""
}

// NoticePDF returns the running notice whose key is key as an A4 PDF with the certificate's
// embedded Chinese font: the same sheet as the printable page, no ID number and no phone but
// the office's.
func (s *Service) NoticePDF(ctx context.Context, key string) ([]byte, error) {
	d, err := s.NoticeDocumentByKey(ctx, key)
	if err != nil {
		return nil, err
	}
	sh := certificate.Sheet{Title: d.Title,
		Intro: "根据《河北省高技能人才与专业技术人才职业发展贯通实施方案》（三(一)5）和《职称评审管理暂行规定》（人社部令第40号），现将以下人员予以公示。",
		Facts: []certificate.Row{{Label: "公示单位", Value: d.Office},
			{Label: "公示期", Value: fmt.Sprintf("%s 至 %s（发布之日后 %d 个工作日，法定节假日不计）", d.From, d.Until, d.Workdays)}},
		Header:  []string{"序号", "姓名", "工作单位", "现技能等级或职称", "申报系列", "专业", "申报层级"},
		Widths:  []float64{12, 20, 50, 30, 22, 28, 18},
		Closing: "公示期内，对公示人员有异议的，请以真实姓名向公示单位书面反映，或在“公示”网页提交（凭回执号查询处理情况）。",
		After: []certificate.Row{{Label: "受理电话", Value: orDash(d.Contact.Phone)}, {Label: "通信地址", Value: orDash(d.Contact.Address)},
			{Label: "电子邮箱", Value: orDash(d.Contact.Email)}},
		Sign: []string{d.Office, d.From.String()}}
	result := d.Stage == guantong.StageResultNotice
	if result {
		sh.Header = append(sh.Header, "评审结果")
		sh.Widths = []float64{10, 18, 44, 28, 20, 24, 16, 20}
	}
	for i, r := range d.Rows {
		row := []string{fmt.Sprint(i + 1), r.Name, r.Employer, orDash(r.Current), orDash(r.Series), orDash(r.Specialty), r.Level.String()}
		if result {
			row = append(row, map[string]string{guantong.DecisionPassed: "评审通过", guantong.DecisionRecognised: "认定"}[r.Decision])
		}
		sh.Rows = append(sh.Rows, row)
	}
	var b bytes.Buffer
	if err := certificate.WriteSheetPDF(&b, &sh, data.CertificateFont); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// InternalNotice lists the applications of an HR's staff whose own 公示 in the workplace
// (人社部令第40号) has not ended today, oldest first: the notice HR posts. It reads those
// alone, not every application the employer has.
func (s *Service) InternalNotice(ctx context.Context, u *guantong.User) ([]View, error) {
	if err := signedIn(u); err != nil {
		return nil, err
	}
	if u.Role != guantong.RoleHR {
		return nil, guantong.Errorf(guantong.EForbidden, "只有单位人事部门可以查看本单位的内部公示")
	}
	f, none, err := s.filter(u, ListQuery{Stages: []guantong.Stage{guantong.StageSubmitted}, Kind: guantong.KindTitle, As: AsEmployer})
	out := []View{}
	if err != nil || none {
		return out, err
	}
	f.InternalOn = s.Today()
	err = s.store.EachApplication(ctx, f, true, func(a store.Listed) error {
		out = append(out, listedView(u, a))
		return nil
	})
	return out, err
}
