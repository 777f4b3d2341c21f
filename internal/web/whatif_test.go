package web

import (
	"bytes"
	"context"
	"html/template"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/internal/catalog"
	"guantong/internal/chart"
	"guantong/internal/policy"
	"guantong/internal/population"
	"guantong/internal/screen"
	"guantong/internal/service"
	"guantong/internal/stats"
	"guantong/internal/store"
	"guantong/internal/store/storetest"
	"guantong/internal/whatif"
	"guantong/internal/workbook"
)

// whatifSamples is every state of the 政策模拟 page, for TestTemplates: names and reasons
// that try to break out of the page, a failed job, a form with every problem.
func whatifSamples(evil string) []any {
	jobs := []jobView{
		viewSimulation(store.Job{ID: 1, InputName: evil, Status: store.JobRunning, Done: 5000}),
		viewSimulation(store.Job{ID: 2, InputName: evil, Status: store.JobFailed, Message: evil}),
		viewSimulation(store.Job{ID: 3, InputName: evil, Status: store.JobDone, Done: 9, HasResult: true, Message: evil}),
	}
	c := stats.Chart{ID: "by-series", Title: evil, Kind: "bar", Label: evil, Columns: whatif.KindLabels[:], Draw: []int{0, 1, 2, 3},
		Rows: []stats.Row{{Label: evil, Values: []float64{1, 2, 3, 4, 5}}}, Note: evil}
	f := &whatif.Figures{Base: evil, Draft: evil, Read: 9, Gainers: 1}
	side := &whatif.Side{Label: evil, Opens: guantong.MakeDate(2027, 1, 1), Reasons: []guantong.Reason{{Clause: "三(一)2", Met: true, Text: evil}}}
	ex := exampleView{ExampleView: whatif.ExampleView{Kind: evil, Name: evil, Series: evil}, Sides: [2]sideView{{evil, nil}, {evil, side}}}
	drafts := []service.PolicyVersion{{ID: evil, Title: evil, Stored: true, Scheduled: true}}
	return []any{
		&whatifPage{Jobs: jobs, Job: &jobs[0], Drafts: drafts, Today: "2026-12-31"},
		&whatifPage{Jobs: jobs, Job: &jobs[1]},
		&whatifPage{Jobs: jobs, Job: &jobs[2], Figures: f, Examples: []exampleView{ex},
			Charts: []chartView{{Chart: c, SVG: template.HTML(chart.SVG(c)), Excel: "/admin/whatif/3/charts/by-series.xlsx"}}},
		&whatifPage{Job: &jobs[2], Figures: &whatif.Figures{}},
		&whatifPage{Drafts: drafts, Form: whatifForm{Draft: evil, AsOf: evil},
			Errs: errs{"draft": evil, "draft_file": evil, "population": evil, "as_of": evil}},
	}
}

// upload is one file of a multipart form.
type upload struct {
	field, name string
	data        []byte
}

// postFiles submits a multipart form with several files, as the page would.
func (c *client) postFiles(path string, fields map[string]string, files ...upload) (int, string) {
	c.w.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile(f.field, f.name)
		fw.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.w.ts.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.w.ts.URL)
	return c.do(req)
}

// seededPopulation writes n people of `guantong population --seed seed` to a file and
// returns its bytes and path.
func seededPopulation(t *testing.T, n int, seed uint64) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := population.New(seed, guantong.Date{}, catalog.Default()).Write(context.Background(), &buf, n, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "people.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), path
}

// simulateDirectly runs internal/whatif on the population without the server: the figures
// the page must show.
func simulateDirectly(t *testing.T, path, draft string, asOf guantong.Date) whatif.Figures {
	t.Helper()
	p, err := policy.Load(strings.NewReader(draft))
	if err != nil {
		t.Fatal(err)
	}
	r, err := workbook.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep, _ := whatif.NewReport("")
	checkers := []screen.Checker{policy.New(policy.Default(), catalog.Default()), policy.New(p, catalog.Default())}
	if err := screen.Run(context.Background(), r, checkers, screen.Options{AsOf: asOf}, rep.Add); err != nil {
		t.Fatal(err)
	}
	return rep.Figures(policy.DefaultID, p.ID)
}

var figureValue = regexp.MustCompile(`data-figure="([a-z]+)">(\d+)<`)

// 三(一)2 技师 → 中级 after 2 years instead of 3, on a seeded population, through the page
// and a worker, on both engines: the page's counts of people and every bar drawn are
// internal/whatif's on the same people; each chart's Excel holds the figures drawn; the
// workbook is the one `guantong simulate` writes; example people show their reasons under
// both policies. Only the admin has the page.
func TestWhatifPageMatchesWhatif(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w, st := newWorldStore(t, dsn)
		admin := w.as("admin")
		draft := twoYearDraft(t)
		people, path := seededPopulation(t, 1500, 7)
		asOf := guantong.MakeDate(2026, 12, 31)
		want := simulateDirectly(t, path, draft, asOf)
		if want.Gainers == 0 || want.Losers != 0 {
			t.Fatalf("the seeded population: %d gainers, %d losers; want some gainers and no losers", want.Gainers, want.Losers)
		}

		status, body := admin.postFiles("/admin/whatif", map[string]string{"as_of": "2026-12-31"},
			upload{"draft_file", "draft.json", []byte(draft)}, upload{"population", "people.jsonl", people})
		if status != 200 || !strings.Contains(body, "排队中") {
			t.Fatalf("start: %d at %s\n%.800s", status, admin.last, body)
		}
		id := admin.last[strings.LastIndexByte(admin.last, '/')+1:]
		runJob(t, w, st)
		status, body = admin.get("/admin/whatif/" + id)
		if status != 200 || !strings.Contains(body, "已完成") {
			t.Fatalf("after the run: %d\n%.1500s", status, body)
		}
		got := map[string]int{}
		for _, m := range figureValue.FindAllStringSubmatch(body, -1) {
			got[m[1]], _ = strconv.Atoi(m[2])
		}
		for k, v := range map[string]int{"read": want.Read, "bad": want.Bad, "changed": want.Changed, "gainers": want.Gainers, "losers": want.Losers, "moved": want.Moved} {
			if got[k] != v {
				t.Errorf("%s: the page shows %d, internal/whatif %d", k, got[k], v)
			}
		}
		for _, wantText := range []string{"新增可申报：第", "现行 hebei-2021", "草案 hebei-2027", "三(一)2", `role="img"`, "下载模拟结果"} {
			if !strings.Contains(body, wantText) {
				t.Errorf("the page lacks %q", wantText)
			}
		}

		charts := regexp.MustCompile(`(?s)<svg [^>]*data-chart="([a-z-]+)".*?</svg>`).FindAllStringSubmatch(body, -1)
		if len(charts) != 4 {
			t.Fatalf("%d charts drawn, want 4 (series, level, region, route)", len(charts))
		}
		for _, c := range charts {
			wc, ok := want.Chart(c[1])
			if !ok {
				t.Fatalf("chart %s is not internal/whatif's", c[1])
			}
			excelMatchesDrawn(t, admin, "/admin/whatif/"+id+"/charts/"+c[1]+".xlsx", c[0])
			drawn := svgValue.FindAllStringSubmatch(c[0], -1)
			if len(drawn) != 4*len(wc.Rows) {
				t.Errorf("%s: %d bars drawn, want 4 for each of %d rows", c[1], len(drawn), len(wc.Rows))
			}
			for _, m := range drawn {
				i, _ := strconv.Atoi(m[1])
				j, _ := strconv.Atoi(m[2])
				if i >= len(wc.Rows) || stats.Format(wc.Rows[i].Values[j]) != m[3] {
					t.Errorf("%s row %d col %d: drawn %s, internal/whatif %v", c[1], i, j, m[3], wc.Rows)
				}
			}
		}

		status, file := admin.get("/admin/whatif/" + id + "/result.xlsx")
		if status != 200 {
			t.Fatalf("result.xlsx: %d", status)
		}
		f, err := excelize.OpenReader(strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		detail, _ := f.GetRows("变化明细")
		sheets := f.GetSheetList()
		f.Close()
		changes := 0
		for _, c := range want.Charts[whatif.ByRoute].Rows {
			for _, v := range c.Values {
				changes += int(v)
			}
		}
		if len(detail) != 1+changes || strings.Join(detail[0], ",") != strings.Join(whatif.DetailHeaders, ",") {
			t.Errorf("变化明细: %d rows, want a header and %d changes", len(detail), changes)
		}
		if strings.Join(sheets, ",") != "变化明细,汇总,按系列,按等级,按地区,按途径" {
			t.Errorf("sheets: %v", sheets)
		}

		if status, _ := w.as("office").get("/admin/whatif/" + id); status != 403 {
			t.Errorf("the 职改办 on a simulation: %d, want 403", status)
		}
		if status, _ := admin.get("/admin/whatif/" + id + "/charts/nothing.xlsx"); status != 404 {
			t.Errorf("an unknown chart: %d, want 404", status)
		}
	})
}

// Bad uploads are refused before any job is queued, each named in Chinese at its field: no
// draft, a policy file with a bad key (named), a population that is not people, a date that
// is not one. A stored policy not yet in force can be picked instead of a file, with a staff
// sheet as the population, and is compared with the rule it would replace.
func TestWhatifPageRefusesBadUploads(t *testing.T) {
	w, st := newWorldStore(t, storetest.SQLite(t))
	admin := w.as("admin")
	people, _ := seededPopulation(t, 5, 1)
	draft := twoYearDraft(t)
	bad := strings.Replace(draft, `"years": 2}`, `"years": -1}`, 1)
	for _, c := range []struct {
		name   string
		fields map[string]string
		files  []upload
		want   []string
	}{
		{"no draft", nil, []upload{{"population", "people.jsonl", people}}, []string{"请选择草案"}},
		{"a bad key in the draft", nil, []upload{{"draft_file", "d.json", []byte(bad)}, {"population", "people.jsonl", people}},
			[]string{"政策文件 forward[0].years", `aria-describedby="draft_file-error"`}},
		{"no population", nil, []upload{{"draft_file", "d.json", []byte(draft)}}, []string{"请选择人群文件"}},
		{"a population that is not JSON", nil, []upload{{"draft_file", "d.json", []byte(draft)}, {"population", "people.jsonl", []byte("\nname,id\n")}},
			[]string{"第 2 行不是 JSON 对象"}},
		{"a population of another kind", nil, []upload{{"draft_file", "d.json", []byte(draft)}, {"population", "people.pdf", []byte("%PDF")}},
			[]string{"请上传 .jsonl"}},
		{"a staff sheet without its header", nil, []upload{{"draft_file", "d.json", []byte(draft)}, {"population", "staff.csv", []byte("a,b\n1,2\n")}},
			[]string{`id="population-error"`, "姓名"}},
		{"both a draft and a file", map[string]string{"draft": "hebei-2027"}, []upload{{"draft_file", "d.json", []byte(draft)}, {"population", "people.jsonl", people}},
			[]string{"二者选一"}},
		{"an unknown draft", map[string]string{"draft": "hebei-2099"}, []upload{{"population", "people.jsonl", people}}, []string{"没有尚未施行的政策版本 hebei-2099"}},
		{"a date that is not one", map[string]string{"as_of": "2026-02-30"}, []upload{{"draft_file", "d.json", []byte(draft)}, {"population", "people.jsonl", people}},
			[]string{"不是日期"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body := admin.postFiles("/admin/whatif", c.fields, c.files...)
			if status != 400 {
				t.Fatalf("%d, want 400", status)
			}
			for _, want := range c.want {
				if !strings.Contains(body, want) {
					t.Errorf("the page lacks %q\n%s", want, body[strings.Index(body, `id="start"`):])
				}
			}
		})
	}
	if status, body := admin.get("/admin/whatif"); status != 200 || !strings.Contains(body, "还没有政策模拟") {
		t.Errorf("a job was queued by a refused upload: %d", status)
	}

	// A scheduled policy is a draft to pick.
	if status, _ := admin.post("/admin/policies", url.Values{"body": {draft}}); status != 200 {
		t.Fatalf("scheduling the draft: %d", status)
	}
	status, body := admin.get("/admin/whatif")
	if status != 200 || !strings.Contains(body, `<option value="hebei-2027">`) {
		t.Fatalf("the scheduled policy is not offered: %d", status)
	}
	status, body = admin.postFiles("/admin/whatif", map[string]string{"draft": "hebei-2027", "as_of": "2027-06-15"},
		upload{"population", "staff.csv", []byte(staffCSV)})
	if status != 200 || !strings.Contains(body, "排队中") {
		t.Fatalf("picking the scheduled draft: %d\n%.600s", status, body)
	}
	// On 2027-06-15 the draft itself would be in force: the simulation compares it with the
	// rule it replaces, not with itself. The staff sheet's bad row is counted, not fatal.
	runJob(t, w, st)
	_, body = admin.get(admin.last[len(w.ts.URL):])
	for _, want := range []string{"草案 hebei-2027 对比现行 hebei-2021", `data-figure="read">3<`, `data-figure="bad">1<`,
		`data-figure="changed">2<`, "日期提前：第 4 行 王五", "取得技师后从事技术技能工作满2年"} {
		if !strings.Contains(body, want) {
			t.Errorf("the scheduled draft's simulation lacks %q", want)
		}
	}
}
