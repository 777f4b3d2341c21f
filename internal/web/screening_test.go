package web

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"guantong/internal/store"
	"guantong/internal/store/storetest"
)

// screeningSamples is every state of the 批量测评 page, for TestTemplates.
func screeningSamples(evil string) []any {
	at := time.Date(2026, 12, 31, 4, 0, 0, 0, time.UTC)
	jobs := []jobView{
		viewJob(store.Job{ID: 1, InputName: evil, Status: store.JobQueued, CreatedAt: at}),
		viewJob(store.Job{ID: 2, InputName: evil, Status: store.JobRunning, Done: 5000}),
		viewJob(store.Job{ID: 3, InputName: evil, Status: store.JobDone, Done: 9, HasResult: true, Message: "读取人数：9\n" + evil}),
		viewJob(store.Job{ID: 4, InputName: evil, Status: store.JobFailed, Message: evil}),
	}
	var out []any
	for i := range jobs {
		out = append(out, &screeningPage{Job: &jobs[i], Jobs: jobs, Today: "2026-12-31"})
	}
	return append(out, &screeningPage{Errs: errs{"file": evil, "as_of": evil}, AsOf: evil}, &screeningPage{})
}

const staffCSV = "\uFEFF姓名,证件号码,证书1职业编码,证书1等级,证书1取得日期,年度考核\n" +
	"张三,130102199001011237,6-20-01-01,技师,2021-06-30,2023:合格；2024:合格；2025:合格\n" +
	"李四,130102199001011238,6-20-01-01,技师,2021-06-31,\n" +
	"王五,,6-20-01-01,技师,2024-06-30,2023:合格；2024:合格；2025:合格\n"

var jobLink = regexp.MustCompile(`/screen/(\d+)/result\.xlsx`)

// HR uploads a staff sheet; the page shows the queued job and reloads itself; a worker runs
// it; the page, reloaded, shows the summary, and the result workbook downloads with each
// person's options and the bad row by row and column. Another user cannot see it, and an
// applicant has no 批量测评 page.
func TestScreeningPage(t *testing.T) {
	w, st := newWorldStore(t, storetest.SQLite(t))
	hr := w.as("hr")
	status, body := hr.get("/screen")
	if status != 200 || !strings.Contains(body, "新的批量测评") || !strings.Contains(body, `href="/screen"`) {
		t.Fatalf("GET /screen: %d\n%.400s", status, body)
	}
	status, body = hr.postFile("/screen", url.Values{"as_of": {"2026-12-31"}}, "staff.txt", []byte("x"))
	if status != 400 || !strings.Contains(body, "请上传员工信息表") {
		t.Errorf("a .txt upload: %d", status)
	}
	status, body = hr.postFile("/screen", url.Values{"as_of": {"2026-12-31"}}, "staff.csv", []byte(staffCSV))
	if status != 200 || !strings.Contains(body, "排队中") || !strings.HasSuffix(hr.last, "/screen/1") {
		t.Fatalf("upload: %d at %s\n%.600s", status, hr.last, body)
	}
	req, _ := http.NewRequest("GET", w.ts.URL+"/screen/1", nil)
	resp, err := hr.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Refresh") == "" {
		t.Error("the page of a queued job does not reload itself")
	}

	runJob(t, w, st)
	status, body = hr.get("/screen/1")
	if status != 200 || !strings.Contains(body, "已完成") || !strings.Contains(body, "读取人数：3") || !strings.Contains(body, "数据有误（见“数据问题”）：1") {
		t.Fatalf("after the run: %d\n%.1500s", status, body)
	}
	m := jobLink.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no download link")
	}
	req, _ = http.NewRequest("GET", w.ts.URL+m[0], nil)
	resp, err = hr.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	resp.Body.Close()
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the result is not a workbook: %v", err)
	}
	rows, _ := f.GetRows("测评结果")
	problems, _ := f.GetRows("数据问题")
	f.Close()
	var people []string
	for _, r := range rows[1:] {
		people = append(people, r[0]+r[1]+":"+r[7]+r[8])
	}
	got := strings.Join(people, " ")
	if !strings.Contains(got, "2张三:中级可申报") || !strings.Contains(got, "4王五:中级年限未满") || strings.Contains(got, "李四") {
		t.Errorf("result rows: %s", got)
	}
	if len(problems) != 3 || problems[1][0] != "3" || problems[1][2] != "证件号码" || problems[2][2] != "证书1取得日期" {
		t.Errorf("数据问题: %v", problems)
	}

	if status, _ := w.as("office").get("/screen/1"); status != 404 {
		t.Errorf("another user's job: %d, want 404", status)
	}
	if status, _ := w.as("zhangsan").get("/screen"); status != 403 {
		t.Errorf("an applicant on /screen: %d, want 403", status)
	}
}
