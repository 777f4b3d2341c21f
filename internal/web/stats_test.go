package web

import (
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"guantong"
	"guantong/data"
	"guantong/internal/chart"
	"guantong/internal/service"
	"guantong/internal/stats"
	"guantong/internal/store/storetest"
)

// statsSamples are the statistics page's samples for TestTemplates: a chart with rows whose
// labels try to break out of the SVG and the table, and one with none.
func statsSamples(evil string) []any {
	c := stats.Chart{ID: "region", Title: "申报 · 按" + evil, Kind: "bar", Label: evil, Columns: []string{evil}, Draw: []int{0},
		Rows: []stats.Row{{Label: evil, Values: []float64{3}}}}
	l := stats.Chart{ID: "certificates", Title: "证书", Kind: "line", Label: "月份", Columns: []string{"职称证书", "技能等级证书"}, Draw: []int{0, 1}}
	view := func(c stats.Chart) chartView {
		return chartView{Chart: c, SVG: template.HTML(chart.SVG(c)), Excel: "/stats/" + c.ID + ".xlsx"}
	}
	return []any{statsPage{Scope: "全省", Admin: true, Regions: []string{evil}, Charts: []chartView{view(c), view(l)}},
		statsPage{Scope: evil}}
}

func policiesSamples(evil string) []any {
	return []any{
		policiesPage{Versions: []service.PolicyVersion{{ID: evil, Title: evil, InForce: true}, {ID: "x", Stored: true, Scheduled: true, UploadedBy: evil}}},
		policiesPage{Problems: []guantong.FieldError{{Field: evil, Message: evil}}, Done: evil},
	}
}

func policySamples(s *Server) []any {
	d := service.Diff(s.eng().Params(), s.eng().Params())
	return []any{policiesPage{Diff: &d, Body: `{"id": "<x>"}`}, policiesPage{Diff: &d, Scheduled: true}}
}

// seedStats takes one application through submission as 张三 so that the dashboard has
// figures: one application submitted, a spell in draft.
func seedStats(t *testing.T, w *world) {
	t.Helper()
	w.submitted(w.as("zhangsan"))
}

var svgValue = regexp.MustCompile(`data-row="(\d+)" data-col="(\d+)" data-value="([0-9.]+)"`)

// excelMatchesDrawn downloads a chart's workbook and checks that it holds every value the
// chart's SVG draws (data-row, data-col, data-value); it returns the workbook's rows.
func excelMatchesDrawn(t *testing.T, c *client, path, svg string) [][]string {
	t.Helper()
	status, file := c.get(path)
	if status != 200 {
		t.Fatalf("%s: %d", path, status)
	}
	f, err := excelize.OpenReader(strings.NewReader(file))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rows, err := f.GetRows(stats.SheetName)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range svgValue.FindAllStringSubmatch(svg, -1) {
		i, _ := strconv.Atoi(m[1])
		j, _ := strconv.Atoi(m[2])
		if 3+i >= len(rows) || j+1 >= len(rows[3+i]) || rows[3+i][j+1] != m[3] {
			t.Errorf("%s row %d col %d: drawn %s, workbook %v", path, i, j, m[3], rows)
		}
	}
	return rows
}

// The 统计 page on both engines: the admin sees the province, the 职改办 its region and
// cannot ask for another, others are refused; each chart's Excel download holds the numbers
// the page draws (every bar's data-value) and tables.
func TestStatsPageExcelMatchesDrawn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorldOn(t, dsn)
		seedStats(t, w)
		admin, office := w.as("admin"), w.as("office")
		status, body := admin.get("/stats")
		if status != 200 {
			t.Fatalf("admin /stats: %d %.300s", status, body)
		}
		for _, want := range []string{"统计 · 全省", "申报 · 按阶段", "待单位推荐", "各阶段停留天数", `role="img"`, "<desc", "下载 Excel", "石家庄市"} {
			if !strings.Contains(body, want) {
				t.Errorf("admin /stats lacks %q", want)
			}
		}
		if status, body := office.get("/stats"); status != 200 || !strings.Contains(body, "统计 · 石家庄市") {
			t.Errorf("office /stats: %d %.200s", status, body)
		}
		if status, _ := office.get("/stats?region=" + url.QueryEscape("唐山市")); status != 403 {
			t.Errorf("office asked for another region: %d", status)
		}
		if status, _ := w.as("zhangsan").get("/stats"); status != 403 {
			t.Errorf("applicant /stats: %d", status)
		}
		// Each chart's drawn numbers and the workbook.
		charts := regexp.MustCompile(`(?s)<svg [^>]*data-chart="([a-z_]+)".*?</svg>`).FindAllStringSubmatch(body, -1)
		if len(charts) != 12 {
			t.Fatalf("%d charts drawn, want 12", len(charts))
		}
		for _, c := range charts {
			rows := excelMatchesDrawn(t, admin, "/stats/"+c[1]+".xlsx", c[0])
			if c[1] == "stage" && (len(rows) != 4 || rows[3][0] != "待单位推荐" || rows[3][1] != "1") {
				t.Errorf("stage.xlsx: %v, want one application 待单位推荐", rows)
			}
		}
		if status, _ := admin.get("/stats/nothing.xlsx"); status != 404 {
			t.Errorf("unknown chart: %d", status)
		}
	})
}

// twoYearDraft is the built-in policy file as hebei-2027, from 2027-06-01, in which 技师 →
// 中级 needs 2 years instead of 3 (三(一)2).
func twoYearDraft(t *testing.T) string {
	t.Helper()
	raw, err := data.Policies.ReadFile("policy/hebei-2021.json")
	if err != nil {
		t.Fatal(err)
	}
	good := strings.Replace(string(raw), `"id": "hebei-2021"`, `"id": "hebei-2027"`, 1)
	good = strings.Replace(good, `"effective_from": "2021-01-01"`, `"effective_from": "2027-06-01"`, 1)
	return strings.Replace(good, `{"skill": "技师", "title": "中级", "years": 3}`, `{"skill": "技师", "title": "中级", "years": 2}`, 1)
}

// The policy versions page: a file with a bad key is refused, the key named at the file
// field; a good one is set beside the policy in force, then scheduled and listed.
func TestPolicyUploadPage(t *testing.T) {
	w := newWorld(t)
	admin := w.as("admin")
	good := twoYearDraft(t)
	bad := strings.Replace(good, `"years": 2}`, `"years": -1}`, 1) // forward[0]: 高级工 → 助理级

	status, body := admin.postFile("/admin/policies/preview", nil, "bad.json", []byte(bad))
	if status != 422 || !strings.Contains(body, "forward[0].years") || !strings.Contains(body, `aria-describedby="file-error"`) {
		t.Errorf("bad file: %d, want 422 naming forward[0].years at the field\n%s", status, body[strings.Index(body, "<main"):])
	}
	status, body = admin.postFile("/admin/policies/preview", nil, "good.json", []byte(good))
	if status != 200 || !strings.Contains(body, "政策对照") || !strings.Contains(body, "diff-changed") || !strings.Contains(body, "满2年") {
		t.Fatalf("preview: %d\n%.500s", status, body)
	}
	if !strings.Contains(body, `name="body" value="{`) {
		t.Fatal("preview has no body to schedule")
	}
	status, body = admin.post("/admin/policies", url.Values{"body": {good}}) // what the browser posts back
	if status != 200 || !strings.Contains(body, "hebei-2027") || !strings.Contains(body, "已排定，尚未施行") {
		t.Errorf("schedule: %d\n%.500s", status, body)
	}
	if status, _ := w.as("office").get("/admin/policies"); status != 403 {
		t.Errorf("office /admin/policies: %d", status)
	}
}
