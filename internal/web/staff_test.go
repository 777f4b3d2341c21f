package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"guantong/internal/service"
	"guantong/internal/store/storetest"
	"guantong/internal/workbook"
)

// staffSamples are the 员工导入 page before an upload, after a refused sheet, and after an
// import with new accounts.
func staffSamples(evil string) []any {
	bad := workbook.Problem{Row: 3, Col: 4, Header: evil, Message: evil}
	return []any{
		&staffPage{},
		&staffPage{Errs: errs{"file": evil}, GoodOnly: true},
		&staffPage{Report: &service.StaffImport{Rows: 2, Problems: []workbook.Problem{bad}}},
		&staffPage{Report: &service.StaffImport{Rows: 2, Created: 1, Written: true, Skipped: 1, Problems: []workbook.Problem{bad},
			Accounts: []service.StaffAccount{{Row: 2, Name: evil, Username: evil, Password: evil}}}, Sheet: "data:x;base64,AAAA"},
	}
}

// staffImportCSV is a staff sheet of two people, the second with a phone number of five
// digits (row 3, column D).
const staffImportCSV = "\uFEFF姓名,证件类型,证件号码,手机号码\n" +
	"赵一,居民身份证,130102199003071233,13800000001\n" +
	"钱二,护照,E7654321,12345\n"

// Issue 10 item 3 on the page: HR imports a sheet with one bad row and nothing is written,
// the row and column named; with 只导入无误的行 the good row gets an account whose one-time
// password is on the page and in the download; an applicant has no such page.
func TestStaffImportPage(t *testing.T) {
	s, st := newServerStore(t, storetest.SQLite(t))
	mux := http.NewServeMux()
	s.Routes(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	w := &world{t: t, ts: ts, s: s}
	hr := w.as("hr")
	status, body := hr.get("/staff")
	if status != 200 || !strings.Contains(body, "上传员工信息表") || !strings.Contains(body, `href="/staff"`) {
		t.Fatalf("GET /staff: %d\n%.400s", status, body)
	}
	status, body = hr.postFile("/staff", url.Values{}, "staff.csv", []byte(staffImportCSV))
	if status != 422 || !strings.Contains(body, "共 2 行，1 处有误") || !strings.Contains(body, "第3行 D列（手机号码）") {
		t.Fatalf("a sheet with a bad row: %d\n%.1500s", status, body)
	}
	if _, err := st.ApplicantByIDNumber(t.Context(), "130102199003071233"); err == nil {
		t.Error("a refused sheet wrote its good row")
	}
	status, body = hr.postFile("/staff", url.Values{"good_only": {"1"}}, "staff.csv", []byte(staffImportCSV))
	if status != 200 || !strings.Contains(body, "新建 1 人") || !strings.Contains(body, "130102199003071233") ||
		!strings.Contains(body, "data:application/vnd.openxmlformats") || !strings.Contains(body, "第3行 D列（手机号码）") {
		t.Fatalf("the good rows only: %d\n%.2000s", status, body)
	}
	if status, _ := hr.postFile("/staff", url.Values{}, "staff.txt", []byte("x")); status != 400 {
		t.Errorf("a .txt upload: %d, want 400", status)
	}
	if status, _ := w.as("zhangsan").get("/staff"); status != 403 {
		t.Errorf("an applicant on /staff: %d, want 403", status)
	}
}
