package web

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium through the flows a person follows. One browser
// serves the whole package (it takes over a second to start); each test opens its own tab
// against its own server on 127.0.0.1. Without chromium they skip, saying why, unless
// CI=true, where they fail: .ci/run installs chromium and fonts-noto-cjk.
//
// Each main page is saved as a full-page PNG in screenshots/ at the module root (git ignores
// it), at 1280 pixels wide and, for some, 390 (a phone).

var (
	browser       context.Context // the shared browser; nil when there is none
	browserAbsent string          // why there is none
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	path := chromiumPath()
	if path == "" {
		browserAbsent = "chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)"
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "guantong-chromium-")
	if err != nil {
		browserAbsent = "no temporary directory for chromium's profile: " + err.Error()
		return m.Run()
	}
	defer os.RemoveAll(dir)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// No steps: start the browser and its first tab. The context of this first call owns the
	// browser, so it must be the package's, not one with a deadline.
	if err := chromedp.Do(ctx); err != nil {
		browserAbsent = fmt.Sprintf("chromium (%s) did not start: %v", path, err)
		return m.Run()
	}
	browser = ctx
	return m.Run()
}

func chromiumPath() string {
	if p := os.Getenv("GUANTONG_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newTab opens a tab in the shared browser, or skips the test (fails it under CI=true)
// when there is no browser.
func newTab(t *testing.T) context.Context {
	t.Helper()
	if browser == nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test cannot run under CI=true: %s", browserAbsent)
		}
		t.Skipf("skipping browser test: %s", browserAbsent)
	}
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// navigate runs steps that load a page (a click on a link or a submit button) and waits for
// the page, failing on an HTTP error status.
func navigate(t *testing.T, ctx context.Context, want int64, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != want {
		t.Fatalf("%s: status %d, want %d", resp.URL, resp.Status, want)
	}
}

func text(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// optionText returns what the option card headed what shows, "" when there is none.
func optionText(t *testing.T, ctx context.Context, what string) string {
	t.Helper()
	return text(t, ctx, fmt.Sprintf(`(() => {
		const card = [...document.querySelectorAll("article.option")].find(a => a.querySelector("h4").textContent === %q);
		return card ? card.innerText : "";
	})()`, what))
}

func mustContain(t *testing.T, where, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not show %q; it shows:\n%s", where, w, got)
		}
	}
}

// screenshot saves the whole page as screenshots/NAME.png; at width 390 it emulates a phone
// first and restores the desktop width after.
func screenshot(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if width != 1280 {
		do(t, ctx, chromedp.EmulateViewport(width, 844, chromedp.EmulateScale(2)))
		defer do(t, ctx, chromedp.EmulateViewport(1280, 900))
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// fillWorker fills the self-check form for a 钳工 技师 with passing assessments for 2023-2025.
func fillWorker(obtained string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(chromedp.ID("as_of"), "2026-12-31"),
		chromedp.SendKeys(chromedp.ID("name"), "王师傅"),
		chromedp.SetValue(chromedp.ID("employer_kind"), "企业"),
		chromedp.SendKeys(chromedp.ID("skills-0-occupation"), "钳工"),
		chromedp.SetValue(chromedp.ID("skills-0-level"), "技师"),
		chromedp.SendKeys(chromedp.ID("skills-0-obtained"), obtained),
		chromedp.SetValue(chromedp.ID("assessments-0-year"), "2023"),
		chromedp.SetValue(chromedp.ID("assessments-0-result"), "合格"),
		chromedp.SetValue(chromedp.ID("assessments-1-year"), "2024"),
		chromedp.SetValue(chromedp.ID("assessments-1-result"), "合格"),
		chromedp.SetValue(chromedp.ID("assessments-2-year"), "2025"),
		chromedp.SetValue(chromedp.ID("assessments-2-result"), "合格"),
	)
}

var submit = chromedp.Click(chromedp.CSS(`.check-form button[type="submit"]`))

func TestBrowserHome(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/"))
	header := text(t, ctx, `document.querySelector("header.site-header").innerText`)
	mustContain(t, "the header", header, "贯通", "自助测评", "工种查询", "政策原文", "公示", "证书查验", "登录")
	screenshot(t, ctx, "home", 1280)
	screenshot(t, ctx, "home-390", 390)
	navigate(t, ctx, 404, chromedp.Navigate(ts.URL+"/no/such/page"))
	mustContain(t, "the 404 page", text(t, ctx, `document.body.innerText`), "页面不存在")
	screenshot(t, ctx, "404", 1280)
}

// TestBrowserCheckEligible: a 钳工 技师 since 2021-06-30 may apply for 工程 中级 on 2026-12-31.
func TestBrowserCheckEligible(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("as_of"))); err != nil || v != "2026-12-31" {
		t.Errorf("the date defaults to %q (%v), want today 2026-12-31", v, err)
	}
	screenshot(t, ctx, "check-form", 1280)

	// With JavaScript, empty rows after the first wait behind a button.
	if hidden := text(t, ctx, `String(document.getElementById("skills-1-occupation").closest("[data-row]").hidden)`); hidden != "true" {
		t.Errorf("the second certificate row is not hidden behind 再添加一项")
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`fieldset[data-rows] .add-row`)))
	if hidden := text(t, ctx, `String(document.getElementById("skills-1-occupation").closest("[data-row]").hidden)`); hidden != "false" {
		t.Errorf("再添加一项 did not show the second certificate row")
	}

	do(t, ctx, fillWorker("2021-06-30"))
	navigate(t, ctx, 200, submit)
	card := optionText(t, ctx, "工程系列 中级职称")
	mustContain(t, "the 工程 中级 card", card, "可以申报", "申报评审", "2024-06-30 起可申报", "评审委员会", "✓", "三(一)2")
	mustContain(t, "the result", text(t, ctx, `document.getElementById("result").innerText`), "王师傅的测评结果", "评估日期 2026-12-31")
	screenshot(t, ctx, "check-eligible", 1280)
	screenshot(t, ctx, "check-eligible-390", 390)

	// Printed, the answer stands alone: no navigation, no form.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{"nav.site-nav", "form.check-form", "footer.site-footer"} {
		if d := text(t, ctx, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); d != "none" {
			t.Errorf("printed, %s is displayed (%s)", sel, d)
		}
	}
	screenshot(t, ctx, "check-eligible-print", 1280)
}

// TestBrowserCheckNotYet: a 钳工 技师 since 2025-01-10 may not apply yet; the page says from
// when, and its clause link opens the clause. It runs with JavaScript off: the core flow must
// not need it.
func TestBrowserCheckNotYet(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
	do(t, ctx, fillWorker("2025-01-10"))
	navigate(t, ctx, 200, submit)
	card := optionText(t, ctx, "工程系列 中级职称")
	mustContain(t, "the 工程 中级 card", card, "暂不能申报", "2028年1月10日起可申报", "✗", "三(一)2")
	screenshot(t, ctx, "check-not-yet", 1280)
	screenshot(t, ctx, "check-not-yet-390", 390)

	link := chromedp.Search(`//article[.//h4[text()="工程系列 中级职称"]]//li[contains(@class,"unmet")]//a[@class="clause" and text()="三(一)2"]`)
	navigate(t, ctx, 200, chromedp.Click(link))
	page := text(t, ctx, `document.querySelector("main").innerText`)
	mustContain(t, "the clause page", page, "三(一)2", "取得技师职业资格或职业技能等级后从事技术技能工作满3年", "引擎检查")
	screenshot(t, ctx, "clause", 1280)
}

// TestBrowserCheckMistakes: a wrong date comes back with a message next to it, as typed.
func TestBrowserCheckMistakes(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
	do(t, ctx, fillWorker("2021-02-30"))
	navigate(t, ctx, 422, submit)
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("skills-0-obtained")))
	if err != nil || v != "2021-02-30" {
		t.Errorf("the date field holds %q (%v), want what was typed", v, err)
	}
	field := text(t, ctx, `document.getElementById("skills-0-obtained").closest(".field").innerText`)
	mustContain(t, "the date field", field, "不是真实存在的日期")
	screenshot(t, ctx, "check-mistakes-390", 390)
}

func TestBrowserCatalog(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/catalog"))
	mustContain(t, "the catalog's index", text(t, ctx, `document.querySelector("main").innerText`), "工程", "实验技术", "个职业")
	screenshot(t, ctx, "catalog-index", 1280)
	do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "qg"))
	navigate(t, ctx, 200, chromedp.Click(chromedp.CSS(`form.search button`)))
	table := text(t, ctx, `document.querySelector("table.catalog").innerText`)
	mustContain(t, "the catalog table for qg", table, "钳工", "6-20-01-01", "工程")
	screenshot(t, ctx, "catalog", 1280)
	screenshot(t, ctx, "catalog-390", 390)
}

func TestBrowserPlan(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/plan"))
	clause := text(t, ctx, `(document.getElementById("c-三(一)4") || {innerText: ""}).innerText`)
	mustContain(t, "clause 三(一)4 on the plan page", clause, "三(一)4", "绿色通道", "中华技能大奖", "引擎检查")
	screenshot(t, ctx, "plan", 1280)
	screenshot(t, ctx, "plan-390", 390)
}
