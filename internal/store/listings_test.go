package store_test

import (
	"encoding/json"
	"testing"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// A list reads, with each application, what it shows beside it (the applicant, the employer,
// the committee, the objections open under the current notice), from its one query.
func TestListsCarryTheirJoins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, off, com, p := seed(t, s)
		var other guantong.Organisation
		var q guantong.Applicant
		var notice, result, draft guantong.Application
		err := s.Write(ctx, func(tx *store.Tx) error {
			other = guantong.Organisation{Kind: guantong.OrgEmployer, Name: "某机械厂", Region: "唐山市", EmployerKind: guantong.KindEnterprise, CreatedAt: t0}
			if err := tx.InsertOrganisation(ctx, &other); err != nil {
				return err
			}
			q = guantong.Applicant{Name: "李四", IDNumber: "130102199001011253", Phone: "13912345678", EmployerID: other.ID, CreatedAt: t0}
			if err := tx.InsertApplicant(ctx, &q); err != nil {
				return err
			}
			app := func(a *guantong.Application, person, employer int64, stage guantong.Stage, committee int64) error {
				*a = guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: person, EmployerID: employer,
					OfficeID: off.ID, CommitteeID: committee, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: stage,
					Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
				if stage == guantong.StageDraft { // one open application per route, series and level (0010)
					a.Route = guantong.RouteTitleRecognition
				}
				if stage == guantong.StageResultNotice {
					a.Certificate, a.CertifiedOn = "冀职称-2026-GC-000002", date("2026-12-20")
				}
				return tx.InsertApplication(ctx, a)
			}
			if err := app(&notice, p.ID, emp.ID, guantong.StageNotice, 0); err != nil {
				return err
			}
			if err := app(&result, q.ID, other.ID, guantong.StageResultNotice, com.ID); err != nil {
				return err
			}
			if err := app(&draft, p.ID, emp.ID, guantong.StageDraft, 0); err != nil {
				return err
			}
			for _, o := range []guantong.Objection{
				{ApplicationID: notice.ID, Notice: guantong.StageNotice, Status: guantong.ObjectionOpen},
				{ApplicationID: notice.ID, Notice: guantong.StageNotice, Status: guantong.ObjectionOpen},
				{ApplicationID: notice.ID, Notice: guantong.StageNotice, Status: guantong.ObjectionDismissed},
				{ApplicationID: result.ID, Notice: guantong.StageNotice, Status: guantong.ObjectionOpen}, // an earlier notice's
			} {
				o.Name, o.Contact, o.Text, o.LodgedAt = "群众", "x", "有异议", t0
				if err := tx.InsertObjection(ctx, &o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Applications(ctx, store.Filter{Stages: []guantong.Stage{guantong.StageNotice, guantong.StageResultNotice}})
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			id                                         int64
			name, idNumber, phone, employer, committee string
			open                                       int
		}
		want := []row{ // newest first
			{result.ID, "李四", q.IDNumber, q.Phone, "某机械厂", com.Name, 0},
			{notice.ID, "张三", p.IDNumber, p.Phone, "某钢铁公司", "", 2},
		}
		if len(list) != len(want) {
			t.Fatalf("%d rows, want %d", len(list), len(want))
		}
		for i, w := range want {
			l := list[i]
			got := row{l.ID, l.Name, l.IDNumber, l.Phone, l.Employer, l.Committee, l.OpenObjections}
			if got != w {
				t.Errorf("row %d: %+v, want %+v", i, got, w)
			}
		}
		grantsOf := func(f store.GrantFilter) ([]store.Listed, error) {
			var out []store.Listed
			err := s.EachGrant(ctx, f, func(l store.Listed) error { out = append(out, l); return nil })
			return out, err
		}
		grants, err := grantsOf(store.GrantFilter{From: date("2026-12-01"), To: date("2026-12-31"), OfficeID: off.ID})
		if err != nil || len(grants) != 1 || grants[0].ID != result.ID || grants[0].Name != "李四" ||
			grants[0].Employer != "某机械厂" || grants[0].Committee != com.Name {
			t.Errorf("grants: %+v, %v", grants, err)
		}
		if grants, err := grantsOf(store.GrantFilter{From: date("2026-12-01"), To: date("2026-12-31"), OfficeID: off.ID + 100}); err != nil || len(grants) != 0 {
			t.Errorf("grants of another office: %d, %v", len(grants), err)
		}
	})
}
