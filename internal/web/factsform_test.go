package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// zhangsanSheet registers 张三 of the demo at HR's employer: a 钳工 技师 certificate with its
// number, which no box of the forms shows, three assessments and his work.
const zhangsanSheet = "\uFEFF姓名,证件号码,证书1职业编码,证书1等级,证书1取得日期,证书1证书编号,年度考核,工作经历\n" +
	"张三,130102199001011237,6-20-01-01,技师,2021-06-30,S000012345,2023:合格；2024:优秀；2025:合格,2012-07-01至今\n"

// Issue 10 item 3: what HR imported about 张三 fills his 自助测评 and new application, which
// say so and when; the application keeps what the form cannot show (the certificate's
// number) and not the records' name and ID; HR sees the facts, and no one else's forms change.
func TestRegisteredFactsPrefill(t *testing.T) {
	w := newWorld(t)
	hr, zs := w.as("hr"), w.as("zhangsan")
	if status, body := hr.postFile("/staff", url.Values{}, "staff.csv", []byte(zhangsanSheet)); status != 200 || !strings.Contains(body, "更新 1 人") {
		t.Fatalf("import: %d\n%.1500s", status, body)
	}

	_, body := zs.get("/check")
	mustShow(t, "张三's 自助测评", body, `id="registered"`, "于 2026-12-31 导入的员工信息", `value="钳工（6-20-01-01）"`,
		`value="2021-06-30"`, `value="2012-07-01"`, `<option selected>优秀</option>`, `name="name" value="张三"`)
	for _, who := range []string{"lisi", ""} { // nobody imported 李四; a visitor is nobody
		if _, body := w.as(who).get("/check"); strings.Contains(body, `id="registered"`) || strings.Contains(body, `value="2021-06-30"`) {
			t.Errorf("%q's 自助测评 is filled from someone's facts", who)
		}
	}

	_, body = zs.get("/applications/new")
	mustShow(t, "张三's new application", body, `id="registered"`, `value="2021-06-30"`, `<option selected>技师</option>`)

	// Saved as the page shows it (titleForm is those rows): the number on the certificate is
	// kept from the registered facts; name and ID stay the records'.
	status, body := zs.postFile("/applications/new", titleForm("2021-06-30"), "", nil)
	if status != 200 || !strings.Contains(body, "草稿已保存") {
		t.Fatalf("new application: %d\n%.1500s", status, body)
	}
	path := strings.TrimPrefix(zs.last, w.ts.URL)
	id, _ := strconv.ParseInt(strings.TrimPrefix(path[:strings.Index(path, "?")], "/applications/"), 10, 64)
	v, err := w.s.svc.Application(context.Background(), asAdmin, id)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(v.Document)
	if !strings.Contains(doc, `"certificate_no":"S000012345"`) || strings.Contains(doc, "130102199001011237") || strings.Contains(doc, `"work"`) {
		t.Errorf("the draft's document: %s", doc) // titleForm has no work rows: the applicant took them out
	}

	// HR sees what it registered, from 本单位账号; 李四 does not.
	p, err := w.s.svc.Facts(context.Background(), asAdmin, v.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	_, body = hr.get("/employer/accounts")
	link := "/staff/people/" + strconv.FormatInt(p.PersonID, 10)
	mustShow(t, "本单位账号", body, `href="`+link+`"`)
	status, body = hr.get(link)
	if status != 200 {
		t.Fatalf("%s: %d", link, status)
	}
	mustShow(t, "张三's facts", body, "张三的登记信息", "钳工（6-20-01-01） 技师，2021-06-30 取得", "2024 年 优秀", "2012-07-01 至 至今")
	if status, _ := w.as("lisi").get(link); status != 403 {
		t.Errorf("李四 on %s: %d, want 403", link, status)
	}
	if status, _ := hr.get("/staff/people/" + strconv.FormatInt(p.PersonID+1000, 10)); status != 404 && status != 403 {
		t.Errorf("a person who is not there: %d", status)
	}
}
