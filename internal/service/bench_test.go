package service_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"guantong"
	"guantong/internal/service"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// listed seeds n applications under notice, each of its own person, over the demo's
// employers, and returns the 职改办 user who lists them.
func listed(b *testing.B, n int) (*service.Service, *guantong.User) {
	s := open(b, storetest.SQLite(b))
	if _, err := s.LoadDemo(ctx); err != nil {
		b.Fatal(err)
	}
	st := s.Store()
	office, _, err := st.UserByUsername(ctx, "office")
	if err != nil {
		b.Fatal(err)
	}
	emps, err := st.Organisations(ctx, guantong.OrgEmployer)
	if err != nil {
		b.Fatal(err)
	}
	err = st.Write(ctx, func(tx *store.Tx) error {
		for i := range n {
			emp := emps[i%len(emps)]
			p := guantong.Applicant{Name: fmt.Sprintf("申报人%d", i), IDNumber: fmt.Sprintf("B%017d", i), EmployerID: emp.ID, CreatedAt: t0}
			if err := tx.InsertApplicant(ctx, &p); err != nil {
				return err
			}
			a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
				OfficeID: office.OrgID, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageNotice,
				Notice:   &guantong.Period{From: guantong.MakeDate(2026, 11, 30), Until: guantong.MakeDate(2026, 12, 7)},
				Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
			if err := tx.InsertApplication(ctx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s, &office
}

// BenchmarkNotices lists 200 applications under notice for the public (docs/performance.md).
func BenchmarkNotices(b *testing.B) {
	s, _ := listed(b, 200)
	for b.Loop() {
		if p, err := s.NoticePage(ctx, service.ListQuery{Paging: store.Paging{Limit: 200}}); err != nil || len(p.Items) != 200 {
			b.Fatal(len(p.Items), err)
		}
	}
}

// BenchmarkOfficeList lists the same 200 for their 职改办.
func BenchmarkOfficeList(b *testing.B) {
	s, office := listed(b, 200)
	for b.Loop() {
		if vs, err := s.Applications(ctx, office, service.ListFilter{}); err != nil || len(vs) != 200 {
			b.Fatal(len(vs), err)
		}
	}
}
