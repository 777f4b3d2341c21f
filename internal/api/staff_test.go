package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"guantong/internal/store/storetest"
)

// staffCSV is a staff sheet of three people of HR's employer: 张三 of the demo (who has an
// account), a new 赵一, and 钱二 whose phone has five digits (row 4, column D).
const staffCSV = "\uFEFF姓名,证件类型,证件号码,手机号码,证书1职业编码,证书1等级,证书1取得日期,年度考核,工作经历\n" +
	"张三,,130102199001011237,13812345678,6-20-01-01,技师,2021-06-30,2023:合格；2024:合格；2025:合格,2012-07-01至今\n" +
	"赵一,居民身份证,130102199003071233,13800000001,6-20-01-01,高级工,2019-06-30,2025:合格,2015-07-01至今\n" +
	"钱二,护照,E7654321,12345,,,,,\n"

// importAnswer is what the tests read of a StaffImport answer.
type importAnswer struct {
	Rows, Created, Updated, Skipped int
	Written                         bool
	Accounts                        []struct {
		Row                int
		Username, Password string
	}
	Problems []struct {
		Row            int
		Column, Header string
		Text           string
	}
}

// Issue 10 item 3 over the API: a sheet with a bad row writes nothing and names its row and
// column; good_rows=1 writes the others, with the one-time passwords in that answer only;
// the facts are read back by the person and their HR, and their check is the public check
// of the same document. Only HR imports; anyone gets the template.
func TestStaffImportAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		post := func(query, contentType string, body []byte, want int) importAnswer {
			t.Helper()
			var out importAnswer
			req, _ := http.NewRequest("POST", w.srv.URL+"/api/v1/staff/import"+query, bytes.NewReader(body))
			req.Header.Set("Content-Type", contentType)
			w.send(w.as("hr"), req, want, &out)
			return out
		}

		// 十(3): one bad row, nothing written; the row and column are named.
		var rep importAnswer
		w.send(w.as("hr"), w.uploadRequest("/api/v1/staff/import", "员工.csv", []byte(staffCSV)), 422, &rep)
		if rep.Written || rep.Created+rep.Updated != 0 || len(rep.Accounts) != 0 || len(rep.Problems) != 1 {
			t.Fatalf("one bad row: %+v", rep)
		}
		if p := rep.Problems[0]; p.Row != 4 || p.Column != "D" || p.Header != "手机号码" || !strings.HasPrefix(p.Text, "第4行 D列（手机号码）") {
			t.Errorf("problem %+v: want 第4行 D列（手机号码）", p)
		}
		if _, err := w.st.ApplicantByIDNumber(t.Context(), "130102199003071233"); err == nil {
			t.Error("a refused sheet wrote its good row")
		}
		if f, _ := w.st.Facts(t.Context(), zhangsanID(t, w)); len(f.Person) != 0 {
			t.Errorf("a refused sheet wrote facts: %s", f.Person)
		}

		// good_rows=1, the sheet as the body: 张三 updated, 赵一 created with an account.
		rep = post("?good_rows=1", "text/csv", []byte(staffCSV), 200)
		if !rep.Written || rep.Created != 1 || rep.Updated != 1 || rep.Skipped != 1 || len(rep.Problems) != 1 ||
			len(rep.Accounts) != 1 || rep.Accounts[0].Row != 3 || rep.Accounts[0].Password == "" {
			t.Fatalf("good rows only: %+v", rep)
		}

		// The facts, to 张三 and to HR; not to another employer's applicant.
		var mine, hrs struct {
			PersonID     int64 `json:"person_id"`
			Employer     string
			RegisteredAt string `json:"registered_at"`
			Person       json.RawMessage
		}
		w.call("zhangsan", "GET", "/api/v1/me/facts", nil, 200, &mine)
		mine.Person = compact(t, mine.Person)
		if !strings.Contains(string(mine.Person), `"occupation_code":"6-20-01-01","level":"技师","obtained":"2021-06-30"`) ||
			!strings.Contains(string(mine.Person), `"id_number":"130102199001011237"`) || mine.RegisteredAt == "" {
			t.Errorf("张三's facts: %+v %s", mine, mine.Person)
		}
		w.call("hr", "GET", "/api/v1/people/"+strconv.FormatInt(mine.PersonID, 10)+"/facts", nil, 200, &hrs)
		hrs.Person = compact(t, hrs.Person)
		if !bytes.Equal(hrs.Person, mine.Person) {
			t.Errorf("HR sees %s, 张三 %s", hrs.Person, mine.Person)
		}
		w.call("lisi", "GET", "/api/v1/people/"+strconv.FormatInt(mine.PersonID, 10)+"/facts", nil, 403, nil)
		w.call("lisi", "GET", "/api/v1/me/facts", nil, 404, nil)

		// The check of the facts is the public check of their document.
		fromFacts := w.call("zhangsan", "GET", "/api/v1/me/facts/check?as_of=2026-11-30", nil, 200, nil)
		public := w.call("", "POST", "/api/v1/check", map[string]any{"as_of": "2026-11-30", "person": mine.Person}, 200, nil)
		if !bytes.Equal(fromFacts, public) || !strings.Contains(string(public), `"eligible": true`) {
			t.Errorf("check of the facts differs from the check of their document:\n%s\n%s", fromFacts, public)
		}
		w.call("hr", "GET", "/api/v1/people/"+strconv.FormatInt(mine.PersonID, 10)+"/facts/check?as_of=2026-11-30", nil, 200, nil)

		// A re-import replaces the facts: 张三's certificate is now 高级技师.
		again := strings.Replace(staffCSV, "6-20-01-01,技师,2021-06-30", "6-20-01-01,高级技师,2024-06-30", 1)
		rep = post("?good_rows=1", "text/csv; charset=utf-8", []byte(again), 200)
		if rep.Updated != 2 || rep.Created != 0 || len(rep.Accounts) != 0 {
			t.Errorf("re-import: %+v", rep)
		}
		w.call("zhangsan", "GET", "/api/v1/me/facts", nil, 200, &mine)
		if mine.Person = compact(t, mine.Person); !strings.Contains(string(mine.Person), `"level":"高级技师","obtained":"2024-06-30"`) {
			t.Errorf("re-imported facts: %s", mine.Person)
		}

		// Only HR imports; a body of another type is refused by name; anyone has the template.
		req, _ := http.NewRequest("POST", w.srv.URL+"/api/v1/staff/import", strings.NewReader(staffCSV))
		req.Header.Set("Content-Type", "text/csv")
		w.send(w.as("zhangsan"), req, 403, nil)
		post("", "application/json", []byte(`{}`), 400)
		post("?good_rows=maybe", "text/csv", []byte(staffCSV), 400)
		resp, err := http.Get(w.srv.URL + "/api/v1/staff/template")
		if err != nil || resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Errorf("template: %v %v", resp, err)
		}
		resp.Body.Close()
		resp, err = http.Get(w.srv.URL + "/api/v1/staff/template?format=csv")
		if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
			t.Errorf("CSV template: %v %v", resp, err)
		}
		resp.Body.Close()
	})
}

func zhangsanID(t *testing.T, w *world) int64 {
	t.Helper()
	p, err := w.st.ApplicantByIDNumber(t.Context(), "130102199001011237")
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// compact is a JSON text without its indentation, for comparing pieces of it.
func compact(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
