package service_test

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"guantong"
	"guantong/internal/audit"
	"guantong/internal/document"
	"guantong/internal/store/storetest"
	"guantong/internal/workbook"
)

// sheetPeople reads a staff sheet as the import does: each good row's person, in order.
func sheetPeople(t *testing.T, sheet []byte) []guantong.Person {
	t.Helper()
	r, err := workbook.NewReader(bytes.NewReader(sheet), workbook.CSV)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []guantong.Person
	for {
		raw, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Decode(raw).Person)
	}
}

// Issue 10 item 3: the sheet's certificates, titles, assessments and work are stored with
// the person, read back by the person and their HR (not another employer's), replaced by a
// later import, audited per person, and judged as the check document they make.
func TestStaffFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		if _, err := s.LoadDemo(ctx); err != nil {
			t.Fatal(err)
		}
		hr := hrOf(t, s)
		sheet := staffSheet(t, 3, nil)
		want := sheetPeople(t, sheet)
		if len(want[0].Skills)+len(want[0].Titles) == 0 || len(want[0].Work) == 0 {
			t.Fatalf("the first person has no facts to store: %+v", want[0])
		}
		rep, err := s.ImportStaff(ctx, hr, "员工.csv", sheet, false)
		if err != nil || !rep.Written || rep.Created != 3 {
			t.Fatalf("import: %+v %v", rep, err)
		}

		// 十(3) stored: each person's facts read back as the sheet gave them.
		ids := make([]int64, len(want))
		for i, w := range want {
			p, err := s.Store().ApplicantByIDNumber(ctx, guantong.NormalizeIDNumber(w.IDNumber))
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = p.ID
			f, err := s.Facts(ctx, hr, p.ID)
			if err != nil {
				t.Fatalf("HR reads row %d's facts: %v", i+2, err)
			}
			got, err := document.DecodePerson(f.Person)
			if err != nil {
				t.Fatalf("stored facts do not decode: %v\n%s", err, f.Person)
			}
			if !reflect.DeepEqual(got.Skills, w.Skills) || !reflect.DeepEqual(got.Titles, w.Titles) ||
				!reflect.DeepEqual(got.Assessments, w.Assessments) || !reflect.DeepEqual(got.Work, w.Work) {
				t.Errorf("row %d: stored %+v, sheet %+v", i+2, got, w)
			}
			if got.Name != p.Name || got.IDNumber != p.IDNumber || f.Employer == "" || !f.RegisteredAt.Equal(t0) {
				t.Errorf("row %d: the records' name, ID and employer, and when: %+v", i+2, f)
			}
		}

		// The applicant reads their own facts; another person's are refused.
		acct := rep.Accounts[0]
		me, _, err := s.Store().UserByUsername(ctx, acct.Username)
		if err != nil {
			t.Fatal(err)
		}
		if f, err := s.Facts(ctx, &me, 0); err != nil || f.PersonID != ids[0] {
			t.Errorf("the applicant's own facts: %+v %v", f, err)
		}
		if _, err := s.Facts(ctx, &me, ids[1]); guantong.ErrorCode(err) != guantong.EForbidden {
			t.Errorf("an applicant reads a colleague's facts: %v", err)
		}
		zs, _, _ := s.Store().UserByUsername(ctx, "zhangsan")
		if _, err := s.Facts(ctx, &zs, 0); guantong.ErrorCode(err) != guantong.ENotFound {
			t.Errorf("a person nobody imported: %v, want ENotFound", err)
		}

		// A check from the stored facts is the check of the document they make.
		ans, f, err := s.CheckFacts(ctx, hr, ids[0], guantong.Date{})
		if err != nil {
			t.Fatal(err)
		}
		req, err := document.Decode([]byte(`{"as_of":"` + s.Today().String() + `","person":` + string(f.Person) + `}`))
		if err != nil {
			t.Fatal(err)
		}
		if again := s.Check(req); !reflect.DeepEqual(ans, again) {
			t.Errorf("check from facts and from their document differ:\n%+v\n%+v", ans, again)
		}

		// Re-import: row 2's assessments change; the facts follow, without a new account.
		changed := staffSheet(t, 3, func(i int, set func(string, string)) {
			if i == 0 {
				set("年度考核", "2025:不合格")
			}
		})
		rep, err = s.ImportStaff(ctx, hr, "员工2.csv", changed, false)
		if err != nil || !rep.Written || rep.Updated != 3 || len(rep.Accounts) != 0 {
			t.Fatalf("re-import: %+v %v", rep, err)
		}
		f, err = s.Facts(ctx, hr, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		got, _ := document.DecodePerson(f.Person)
		if len(got.Assessments) != 1 || got.Assessments[0] != (guantong.Assessment{Year: 2025, Result: "不合格"}) {
			t.Errorf("re-imported assessments: %+v", got.Assessments)
		}

		// A sheet of fewer columns changes only the kinds it has columns for: no 证书 column,
		// so the certificates stay; an empty 年度考核 cell, so the assessments go.
		p0, _ := s.Store().Applicant(ctx, ids[0])
		narrow := "姓名,证件号码,年度考核\n" + p0.Name + "," + p0.IDNumber + ",\n"
		if rep, err := s.ImportStaff(ctx, hr, "员工3.csv", []byte(narrow), false); err != nil || rep.Updated != 1 {
			t.Fatalf("narrow re-import: %+v %v", rep, err)
		}
		f, _ = s.Facts(ctx, hr, ids[0])
		got, _ = document.DecodePerson(f.Person)
		if len(got.Assessments) != 0 || !reflect.DeepEqual(got.Skills, want[0].Skills) || !reflect.DeepEqual(got.Work, want[0].Work) {
			t.Errorf("after a sheet of 姓名, 证件号码 and an empty 年度考核: %s", f.Person)
		}

		// Audit: each person has a row of each import, the first with their account; the
		// chain verifies.
		ev, err := s.Store().Events(ctx, "person/"+strconv.FormatInt(ids[0], 10))
		if err != nil || len(ev) != 3 {
			t.Fatalf("person's audit rows: %d %v", len(ev), err)
		}
		var first, second map[string]any
		json.Unmarshal(ev[0].Payload, &first)
		json.Unmarshal(ev[1].Payload, &second)
		if ev[0].Action != "import_staff_person" || first["change"] != "created" || first["account"] != acct.Username ||
			first["row"] != 2.0 || second["change"] != "updated" || second["account"] != nil || second["file"] != "员工2.csv" {
			t.Errorf("audit rows: %s %s", ev[0].Payload, ev[1].Payload)
		}
		if third := string(ev[2].Payload); !strings.Contains(third, `"facts":{"assessments":0}`) {
			t.Errorf("the narrow sheet's audit row counts facts it did not change: %s", third)
		}
		if r, err := audit.Verify(ctx, s.Store().DB()); err != nil || r.Problem != nil {
			t.Errorf("audit verify: %+v %v", r.Problem, err)
		}
	})
}

// HR of another employer does not see the facts of a person it does not employ.
func TestStaffFactsOtherEmployer(t *testing.T) {
	s := open(t, storetest.SQLite(t))
	if _, err := s.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	hr := hrOf(t, s)
	if _, err := s.ImportStaff(ctx, hr, "员工.csv", staffSheet(t, 1, nil), false); err != nil {
		t.Fatal(err)
	}
	p, err := s.Store().ApplicantByIDNumber(ctx, guantong.NormalizeIDNumber(sheetPeople(t, staffSheet(t, 1, nil))[0].IDNumber))
	if err != nil {
		t.Fatal(err)
	}
	other := *hr
	other.OrgID++
	if _, err := s.Facts(ctx, &other, p.ID); guantong.ErrorCode(err) != guantong.EForbidden {
		t.Errorf("another employer's HR: %v, want EForbidden", err)
	}
}
