package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
)

// Directory is what FillDirectory added: n of each list that is not of applications, each
// found by a search for its prefix, 池 (池单位0000, staff0000 of 池员工0000, 池专家0000,
// certificates HB-池-000000 of those staff).
type Directory struct {
	N                                 int
	OrgPrefix, UserPrefix, ExpertName string // what a search for each finds all n by
	GrantedOn                         guantong.Date
}

// FillDirectory adds n organisations (evaluation organisations), n applicant accounts of
// people the employer employs, n experts, n messages to the account messagesTo, and n
// granted title certificates of those people, all created at the instant given, in one
// transaction: the lists of issue 10 item 1 at a size a page cannot hold.
func FillDirectory(t testing.TB, s *store.Store, n int, employerID, messagesTo int64, at time.Time) Directory {
	t.Helper()
	d := Directory{N: n, OrgPrefix: "池单位", UserPrefix: "staff", ExpertName: "池专家", GrantedOn: guantong.Today(at)}
	ctx := context.Background()
	err := s.Write(ctx, func(tx *store.Tx) error {
		people := make([]guantong.Applicant, n)
		for i := range people {
			people[i] = guantong.Applicant{Name: fmt.Sprintf("池员工%04d", i), IDNumber: fmt.Sprintf("1399%014d", i), EmployerID: employerID, CreatedAt: at}
		}
		if err := tx.InsertApplicants(ctx, people); err != nil {
			return err
		}
		apps := make([]guantong.Application, n)
		for i, p := range people {
			o := guantong.Organisation{Kind: guantong.OrgEvaluator, Name: fmt.Sprintf("%s%04d", d.OrgPrefix, i), CreatedAt: at}
			if err := tx.InsertOrganisation(ctx, &o); err != nil {
				return err
			}
			u := guantong.User{Username: fmt.Sprintf("%s%04d", d.UserPrefix, i), Name: p.Name, Role: guantong.RoleApplicant, PersonID: p.ID, CreatedAt: at}
			if err := tx.InsertUser(ctx, &u, "x"); err != nil {
				return err
			}
			e := guantong.Expert{Name: fmt.Sprintf("%s%04d", d.ExpertName, i), EmployerID: employerID, Series: "工程", Active: true, CreatedAt: at}
			if err := tx.InsertExpert(ctx, &e); err != nil {
				return err
			}
			m := guantong.Notification{UserID: messagesTo, Text: fmt.Sprintf("消息%04d", i), CreatedAt: at}
			if err := tx.InsertNotification(ctx, &m, ""); err != nil {
				return err
			}
			apps[i] = guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: employerID,
				Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageGranted, Document: json.RawMessage(`{}`),
				Certificate: fmt.Sprintf("HB-池-%06d", i), CertifiedOn: d.GrantedOn, CreatedAt: at, UpdatedAt: at}
		}
		return tx.InsertApplications(ctx, apps)
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
