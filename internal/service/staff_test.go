package service_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/population"
	"guantong/internal/service"
	"guantong/internal/store/storetest"
	"guantong/internal/workbook"
)

// staffSheet writes n people of the synthetic province as a staff sheet in CSV; edit may
// change a row's cells (0-based person, cells by header) before it is written.
func staffSheet(t testing.TB, n int, edit func(i int, set func(header, value string))) []byte {
	t.Helper()
	headers := workbook.StaffHeaders()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(headers)
	g := population.New(7, guantong.Date{}, catalog.Default())
	for i := range n {
		p := g.Person(i)
		row := workbook.StaffRow(p.Region, "13800000000", p.Person)
		if edit != nil {
			edit(i, func(h, v string) {
				for c, x := range headers {
					if x == h {
						row[c] = v
					}
				}
			})
		}
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func hrOf(t testing.TB, s *service.Service) *guantong.User {
	t.Helper()
	u, _, err := s.Store().UserByUsername(ctx, "hr")
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

// Issue 10 item 3: a staff sheet with one bad row writes nothing and names the row and
// column; on request the good rows are written and the bad one reported; every new account
// has a one-time password that signs in and must be changed; a passport is kept as one.
func TestStaffImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		if _, err := s.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
		hr := hrOf(t, s)
		before, _ := s.Store().Users(ctx)
		badPhone := staffSheet(t, 5, func(i int, set func(string, string)) {
			if i == 2 {
				set("手机号码", "12345")
			}
			if i == 4 {
				set("证件类型", guantong.IDPassport)
				set("证件号码", "E12345678")
			}
		})

		// 十(3): nothing is written when a row is bad, and the row and column are named.
		rep, err := s.ImportStaff(ctx, hr, "员工.csv", badPhone, false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Written || rep.Created != 0 || len(rep.Accounts) != 0 || len(rep.Problems) != 1 {
			t.Fatalf("one bad row: %+v", rep)
		}
		if p := rep.Problems[0]; p.Row != 4 || p.Column() != "D" || p.Header != "手机号码" {
			t.Errorf("problem %s: want 第4行 D列（手机号码）", p)
		}
		if after, _ := s.Store().Users(ctx); len(after) != len(before) {
			t.Errorf("users %d → %d: a refused sheet wrote accounts", len(before), len(after))
		}

		// 十(3) on request: the good rows only, with the bad one reported.
		rep, err = s.ImportStaff(ctx, hr, "员工.csv", badPhone, true)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Written || rep.Created != 4 || len(rep.Accounts) != 4 || len(rep.Problems) != 1 || rep.Skipped != 1 {
			t.Fatalf("good rows only: %+v", rep)
		}
		a := rep.Accounts[3]
		if a.Row != 6 || a.Username != "e12345678" {
			t.Errorf("passport holder's account %+v", a)
		}
		_, err = s.Login(ctx, a.Username, a.Password)
		if err != nil {
			t.Fatalf("one-time password does not sign in: %v", err)
		}
		if au, _, err := s.Store().UserByUsername(ctx, a.Username); err != nil || !au.MustChangePassword {
			t.Errorf("must change password: %+v %v", au, err)
		}
		p, err := s.Store().ApplicantByIDNumber(ctx, "E12345678")
		if err != nil || p.IDType != guantong.IDPassport || p.EmployerID != hr.OrgID {
			t.Errorf("passport holder stored as %+v, %v", p, err)
		}

		// The corrected sheet again: four people updated without new passwords, one created.
		fixed := staffSheet(t, 5, func(i int, set func(string, string)) {
			if i == 4 {
				set("证件类型", guantong.IDPassport)
				set("证件号码", "E12345678")
			}
		})
		rep, err = s.ImportStaff(ctx, hr, "员工.csv", fixed, false)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Written || rep.Created != 1 || rep.Updated != 4 || len(rep.Accounts) != 1 || rep.Accounts[0].Row != 4 {
			t.Errorf("second import: %+v", rep)
		}

		// A person of another employer is a problem of their row, and nothing is written.
		other := staffSheet(t, 1, func(_ int, set func(string, string)) {
			set("证件号码", "130105198503154216")
		})
		if _, err := s.Store().ApplicantByIDNumber(ctx, "130105198503154216"); err != nil {
			t.Skip("the demo has no 李四 at another employer")
		}
		rep, err = s.ImportStaff(ctx, hr, "员工.csv", other, false)
		if err != nil || rep.Written || len(rep.Problems) != 1 || rep.Problems[0].Header != "证件号码" {
			t.Errorf("another employer's person: %+v %v", rep, err)
		}
	})
}

// Only an employer's HR imports staff.
func TestStaffImportRefusesOthers(t *testing.T) {
	s := open(t, storetest.SQLite(t))
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	u, _, err := s.Store().UserByUsername(ctx, "zhangsan")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportStaff(ctx, &u, "员工.csv", staffSheet(t, 1, nil), false); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("an applicant imports staff: %v", err)
	}
}

// BenchmarkImportStaff5000 imports a sheet of 5,000 people of the synthetic province into an
// empty employer, each a new person and account with a one-time password (issue 10 item 3;
// figures in docs/performance.md).
func BenchmarkImportStaff5000(b *testing.B) {
	sheet := staffSheet(b, 5000, nil)
	for _, engine := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(engine.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := open(b, engine.dsn(b))
				if _, err := s.LoadDemo(ctx); err != nil {
					b.Fatal(err)
				}
				hr := hrOf(b, s)
				b.StartTimer()
				rep, err := s.ImportStaff(ctx, hr, "员工.csv", sheet, false)
				if err != nil || !rep.Written || rep.Created != 5000 {
					b.Fatalf("%+v %v", rep.Problems[:min(3, len(rep.Problems))], err)
				}
			}
		})
	}
}
