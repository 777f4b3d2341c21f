package store_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// The notices as published are the running ones, grouped by office, stage and first day,
// newest first, each counted, and paged to the end with an exact total; an ended notice
// whose applications still wait in its stage is not one of them.
func TestNoticeBatchesRunningAndPaged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		s := storetest.Open(t, dsn)
		emp, off, _, _ := seed(t, s)
		today := date("2026-12-10")
		var off2 guantong.Organisation
		err := s.Write(ctx, func(tx *store.Tx) error {
			off2 = guantong.Organisation{Kind: guantong.OrgOffice, Name: "唐山市职改办", Region: "唐山市", CreatedAt: t0}
			if err := tx.InsertOrganisation(ctx, &off2); err != nil {
				return err
			}
			people := make([]guantong.Applicant, 17) // one open application each (0010)
			for i := range people {
				people[i] = guantong.Applicant{Name: fmt.Sprintf("公示%02d", i), IDNumber: fmt.Sprintf("1309%014d", i), EmployerID: emp.ID, CreatedAt: t0}
			}
			if err := tx.InsertApplicants(ctx, people); err != nil {
				return err
			}
			var apps []guantong.Application
			add := func(office int64, stage guantong.Stage, from, until string, n int) {
				for range n {
					a := guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: people[len(apps)].ID, EmployerID: emp.ID,
						OfficeID: office, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: stage,
						Document: json.RawMessage(`{}`), CreatedAt: t0, UpdatedAt: t0}
					period := &guantong.Period{From: date(from), Until: date(until)}
					if stage == guantong.StageResultNotice {
						a.Notice, a.ResultNotice = &guantong.Period{From: date("2026-10-01"), Until: date("2026-10-09")}, period
					} else {
						a.Notice = period
					}
					apps = append(apps, a)
				}
			}
			add(off.ID, guantong.StageNotice, "2026-12-08", "2026-12-15", 3)
			add(off2.ID, guantong.StageNotice, "2026-12-08", "2026-12-15", 2)
			add(off.ID, guantong.StageResultNotice, "2026-12-09", "2026-12-16", 4)
			add(off.ID, guantong.StageNotice, "2026-12-10", "2026-12-17", 1)
			add(off.ID, guantong.StageNotice, "2026-11-20", "2026-11-27", 5)     // ended, still at notice
			add(off2.ID, guantong.StageNotice, "2026-12-03", "2026-12-10", 1)    // its last day
			add(off2.ID, guantong.StageCommittee, "2026-12-08", "2026-12-15", 1) // moved on
			return tx.InsertApplications(ctx, apps)
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{ // newest first; then the office and the stage, the later first
			fmt.Sprintf("%d notice 2026-12-10 1", off.ID),
			fmt.Sprintf("%d result_notice 2026-12-09 4", off.ID),
			fmt.Sprintf("%d notice 2026-12-08 2", off2.ID),
			fmt.Sprintf("%d notice 2026-12-08 3", off.ID),
			fmt.Sprintf("%d notice 2026-12-03 1", off2.ID),
		}
		if off2.ID < off.ID {
			want[2], want[3] = want[3], want[2]
		}
		var got []string
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatal("more pages than notices")
			}
			batches, total, err := s.NoticeBatches(ctx, today, cursor, 2)
			if err != nil || total != len(want) {
				t.Fatalf("page %d: total %d, want %d (%v)", pages, total, len(want), err)
			}
			for _, b := range batches {
				got = append(got, fmt.Sprintf("%d %s %s %d", b.OfficeID, b.Stage, b.From, b.Count))
			}
			if len(batches) < 2 {
				break
			}
			cursor = batches[len(batches)-1].Cursor()
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the running notices:\n got %v\nwant %v", got, want)
		}
		for _, bad := range []string{"x", "MjAyNi0xMi0xMC4xLmRyYWZ0"} { // the second: 2026-12-10.1.draft
			if _, _, err := s.NoticeBatches(ctx, today, bad, 2); guantong.ErrorCode(err) != guantong.EInvalid {
				t.Errorf("cursor %q: %v", bad, err)
			}
		}
		rows, err := s.NoticeBatchRows(ctx, off.ID, guantong.StageResultNotice, date("2026-12-09"))
		if err != nil || len(rows) != 4 {
			t.Errorf("the rows of one notice: %d, %v", len(rows), err)
		}
	})
}
