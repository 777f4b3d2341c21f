package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"guantong"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// Migration 0010 normalises the regions typed before the fixed list by the rules of
// guantong.NormalizeRegion: each engine's SQL must give what the Go function gives.
func TestMigration0010Regions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		c := context.Background()
		st := storetest.Open(t, dsn)
		typed := []string{"石家庄", "河北省保定市", "定州", "雄安", "省人力资源和社会保障厅", "衡水市", "北京市", ""}
		err := st.Write(c, func(tx *store.Tx) error {
			for i, r := range typed {
				o := guantong.Organisation{Kind: guantong.OrgEmployer, Name: "单位" + string(rune('A'+i)), Region: r, CreatedAt: time.Now()}
				if err := tx.InsertOrganisation(c, &o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile("migrations/" + st.Engine() + "/0010_accounts.sql")
		if err != nil {
			t.Fatal(err)
		}
		err = st.Write(c, func(tx *store.Tx) error {
			for _, stmt := range strings.Split(string(b), ";") {
				if i := strings.Index(stmt, "UPDATE organisations"); i >= 0 {
					if err := tx.ExecForTest(c, stmt[i:]); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := st.Organisations(c, guantong.OrgEmployer)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range orgs {
			want, ok := guantong.NormalizeRegion(typed[i])
			if !ok {
				want = typed[i]
			}
			if o.Region != want {
				t.Errorf("%q became %q, want %q", typed[i], o.Region, want)
			}
		}
	})
}

// Migration 0010 builds its unique index over a database where one person already has two
// open applications of the same route, series and level: the later is marked
// legacy_duplicate, the index is built, and a third is refused.
func TestMigration0010LegacyDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		c := context.Background()
		st := storetest.Open(t, dsn)
		emp, off, _, p := seed(t, st)
		b, err := os.ReadFile("migrations/" + st.Engine() + "/0010_accounts.sql")
		if err != nil {
			t.Fatal(err)
		}
		var replay []string // the marking and the index, as the migration has them
		for _, stmt := range strings.Split(string(b), ";") {
			if i := strings.Index(stmt, "UPDATE applications"); i >= 0 {
				replay = append(replay, stmt[i:])
			}
			if i := strings.Index(stmt, "CREATE UNIQUE INDEX applications_one_open"); i >= 0 {
				replay = append(replay, stmt[i:])
			}
		}
		if len(replay) != 2 {
			t.Fatalf("the migration's statements: %q", replay)
		}
		app := func() guantong.Application {
			return guantong.Application{Kind: guantong.KindTitle, Route: guantong.RouteTitleReview, PersonID: p.ID, EmployerID: emp.ID,
				OfficeID: off.ID, Series: "工程", Level: guantong.Level{Title: guantong.Title3}, Stage: guantong.StageSubmitted,
				Document: []byte(`{}`), CreatedAt: t0, UpdatedAt: t0}
		}
		var first, second guantong.Application
		err = st.Write(c, func(tx *store.Tx) error {
			if err := tx.ExecForTest(c, "DROP INDEX applications_one_open"); err != nil { // as before 0010
				return err
			}
			if st.Engine() == "postgres" { // as the migration runs it (migrate.go)
				if err := tx.ExecForTest(c, "SET CONSTRAINTS ALL IMMEDIATE"); err != nil {
					return err
				}
			}
			first, second = app(), app()
			if err := tx.InsertApplication(c, &first); err != nil {
				return err
			}
			if err := tx.InsertApplication(c, &second); err != nil {
				return err
			}
			for _, s := range replay {
				if err := tx.ExecForTest(c, s); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if id, err := st.OpenApplication(c, &guantong.Application{PersonID: p.ID, Route: first.Route, Series: "工程", Level: first.Level}); err != nil || id != first.ID {
			t.Errorf("the open application found: %d %v, want the first, %d", id, err, first.ID)
		}
		third := app()
		if err := st.Write(c, func(tx *store.Tx) error { return tx.InsertApplication(c, &third) }); guantong.ErrorCode(err) != guantong.EConflict {
			t.Errorf("a third after the migration: %v", err)
		}
	})
}
