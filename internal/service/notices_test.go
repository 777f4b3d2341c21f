package service_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
	"guantong/internal/workflow"
)

// noticed takes 张三's 工程 中级 application (专业 机械工程) through the employer's own 公示
// into the 职改办's qualification notice.
func noticed(t *testing.T, f *flow) int64 {
	t.Helper()
	v, err := f.s.CreateApplication(ctx, f.user("zhangsan"), service.Draft{Route: guantong.RouteTitleReview, Series: "工程", Level: "中级",
		Specialty: "机械工程", Person: zhangsanDoc})
	if err != nil {
		t.Fatal(err)
	}
	f.act("zhangsan", v.ID, workflow.Input{Action: workflow.Submit}, guantong.StageSubmitted)
	f.recommend(v.ID)
	f.act("office", v.ID, workflow.Input{Action: workflow.Approve}, guantong.StageNotice)
	return v.ID
}

// TestNoticeAsPublished (issue 12 item 3): the notice document names the 公示单位, its period
// in working days, each applicant's unit, current level, series, 专业 and level, and the
// office's objection contact; it holds no ID number and no phone, masked or not.
func TestNoticeAsPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s := f.s
		id := noticed(t, f)
		office := f.user("office")
		contact := guantong.NoticeContact{Phone: "0311-86000000", Address: "石家庄市桥西区友谊南大街 1 号", Email: "zgb@example.gov.cn"}
		if err := s.SetNoticeContact(ctx, f.user("hr"), office.OrgID, contact); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("HR set the office's contact: %v", err)
		}
		var es guantong.FieldErrors
		err := s.SetNoticeContact(ctx, office, office.OrgID, guantong.NoticeContact{Email: "no-at"})
		if !errors.As(err, &es) || len(es) != 3 || es[0].Field != "phone" || es[2].Field != "email" {
			t.Errorf("an incomplete contact: %v", err)
		}
		if err := s.SetNoticeContact(ctx, office, office.OrgID, contact); err != nil {
			t.Fatal(err)
		}
		page, err := s.NoticeDocuments(ctx, "", 0)
		docs := page.Items
		if err != nil || len(docs) != 1 || page.Total != 1 || page.Next != "" || docs[0].Count != 1 || docs[0].Rows != nil {
			t.Fatalf("documents (a count, no rows): %+v %v", page, err)
		}
		d, err := s.NoticeDocumentByKey(ctx, docs[0].Key)
		if err != nil || len(d.Rows) != 1 || d.Count != 1 || d.Until != docs[0].Until {
			t.Fatalf("the document by its key: %+v %v", d, err)
		}
		r := d.Rows[0]
		if d.Office == "" || d.Workdays != 5 || d.Contact != contact || !strings.Contains(d.Title, "资格审核公示") ||
			r.ApplicationID != id || r.Employer != "河北冀钢集团有限公司" || r.Current != "技师" || r.Specialty != "机械工程" || r.Series != "工程" {
			t.Errorf("the notice as published: %+v", d)
		}
		for _, key := range []string{"0-notice-2020-01-01", "x", d.Key + "x", "1-draft-" + d.From.String()} {
			if _, err := s.NoticeDocumentByKey(ctx, key); guantong.ErrorCode(err) != guantong.ENotFound {
				t.Errorf("a notice not running, %q: %v", key, err)
			}
		}
		pdf, err := s.NoticePDF(ctx, d.Key)
		if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") || !strings.Contains(string(pdf), "FontFile2") {
			t.Errorf("the notice's PDF: %d bytes, %v", len(pdf), err)
		}
		b, _ := json.Marshal([]any{docs, d})
		for _, secret := range []string{"130102", "1237", "138", "5678"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("the public notice holds %q: %s", secret, b)
			}
		}
	})
}

// TestObjectionReceipt (issue 12 item 3): an objector gets an unguessable receipt and follows
// the objection's handling by it, signed in or not, without seeing who objected.
func TestObjectionReceipt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s := f.s
		id := noticed(t, f)
		o, err := s.LodgeObjection(ctx, nil, id, service.ObjectionInput{Name: "匿名职工", Contact: "13900000000", Text: "业绩材料疑似夸大"})
		if err != nil {
			t.Fatal(err)
		}
		o2, _ := s.LodgeObjection(ctx, nil, id, service.ObjectionInput{Name: "另一人", Contact: "x", Text: "y"})
		if len(o.Receipt) != 19 || o.Receipt == o2.Receipt || strings.Contains(o.Receipt, "1-") && o.Receipt == "1" {
			t.Fatalf("receipts %q %q", o.Receipt, o2.Receipt)
		}
		typed := strings.ToLower(strings.ReplaceAll(o.Receipt, "-", " "))
		st, err := s.ObjectionByReceipt(ctx, typed)
		if err != nil || st.Status != guantong.ObjectionOpen || st.Text != "业绩材料疑似夸大" || !strings.Contains(st.Subject, "张三") ||
			!strings.Contains(st.Subject, "机械工程") || st.Note != "" {
			t.Fatalf("open: %+v %v", st, err)
		}
		b, _ := json.Marshal(st)
		if strings.Contains(string(b), "13900000000") || strings.Contains(string(b), "匿名职工") {
			t.Errorf("the receipt page shows who objected: %s", b)
		}
		f.act("office", id, workflow.Input{Action: workflow.Dismiss, ObjectionID: o.ID, Note: "经核实，业绩材料属实"}, guantong.StageNotice)
		if st, err = s.ObjectionByReceipt(ctx, o.Receipt); err != nil || st.Status != guantong.ObjectionDismissed ||
			st.StatusName != "异议不成立" || st.Note != "经核实，业绩材料属实" || st.Decided != s.Today() {
			t.Errorf("dismissed: %+v %v", st, err)
		}
		if _, err := s.ObjectionByReceipt(ctx, "0000-0000-0000-0000"); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("an unknown receipt: %v", err)
		}
		if _, err := s.ObjectionByReceipt(ctx, "1"); err == nil || !strings.Contains(err.Error(), "receipt") {
			t.Errorf("编号 1 is no receipt: %v", err)
		}
	})
}

// TestFullIDNumber (issue 12 item 4): the 职改办, the employer's HR and the committee
// secretary see the full ID number by asking, each view on the audit record; lists show it
// masked; others are refused.
func TestFullIDNumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		f := newFlow(t, dsn)
		s := f.s
		id := noticed(t, f)
		if v, err := s.Application(ctx, f.user("office"), id); err != nil || v.Applicant.IDNumber != "130102********1237" {
			t.Errorf("the 职改办's page shows %q %v", v.Applicant.IDNumber, err)
		}
		if v, _ := s.Application(ctx, f.user("zhangsan"), id); v.Applicant.IDNumber != "130102199001011237" {
			t.Errorf("the applicant's own page shows %q", v.Applicant.IDNumber)
		}
		for _, who := range []string{"office", "hr"} {
			if got, err := s.FullIDNumber(ctx, f.user(who), id); err != nil || got != "130102199001011237" {
				t.Errorf("%s: %q %v", who, got, err)
			}
		}
		for _, who := range []string{"hr2", "lisi", "zhangsan", "secretary"} { // the secretary: not yet sent to the committee
			if _, err := s.FullIDNumber(ctx, f.user(who), id); guantong.ErrorCode(err) != guantong.EForbidden {
				t.Errorf("%s saw the full ID number: %v", who, err)
			}
		}
		es, err := s.Events(ctx, f.user("admin"), id)
		if err != nil {
			t.Fatal(err)
		}
		var viewers []string
		for _, e := range es {
			if e.Action == "view_id_number" {
				viewers = append(viewers, e.Actor)
			}
		}
		if len(viewers) != 2 {
			t.Errorf("audited views %v, want the 职改办's and HR's", viewers)
		}
	})
}
