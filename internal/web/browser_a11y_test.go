package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The accessibility walk (issue 13 item 7): axe-core on every main page of every role and on
// the forms sent back with mistakes, and what axe cannot see: where focus goes after a
// mistake, what each field is described by, and the navigation on a phone.

// visit opens path in ctx, expecting status, and runs axe-core on it.
func visit(t *testing.T, ctx context.Context, base, who, path string, status int64) {
	t.Helper()
	navigate(t, ctx, status, chromedp.Navigate(base+path))
	axeCheck(t, ctx, who+" "+path)
}

// navLinks returns the paths of the navigation's links on the page in ctx.
func navLinks(t *testing.T, ctx context.Context) []string {
	t.Helper()
	list := text(t, ctx, `[...document.querySelectorAll("nav.site-nav a")].map(a => a.pathname).join("\n")`)
	return strings.Split(list, "\n")
}

// TestBrowserAccessible: axe-core finds no serious or critical violation on any page of the
// public menu, nor on any page of each role's menu, nor on the pages of one application (granted,
// with its certificate and its review meeting) as each role that may see them sees them.
func TestBrowserAccessible(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL
	w.submitted(w.as("lisi")) // one waiting in the queues, submitted before the clock moves
	app, number := w.granted()

	pub := person(t, base, "")
	for _, path := range []string{"/", "/check", "/catalog", "/catalog?q=" + url.QueryEscape("钳工"), "/plan",
		"/plan/" + url.PathEscape("三(一)2"), "/notices", "/verify", "/verify/" + number, "/login"} {
		visit(t, pub, base, "a visitor", path, 200)
	}
	visit(t, pub, base, "a visitor", "/no/such/page", 404)
	navigate(t, pub, 200, chromedp.Navigate(base+"/check"))
	do(t, pub, fillWorker("2021-06-30"))
	navigate(t, pub, 200, submit)
	axeCheck(t, pub, "a visitor's self-check answer")
	if n := text(t, pub, `String(document.querySelectorAll('.mark[role="img"][aria-label="符合"]').length)`); n == "0" {
		t.Errorf("the answer's ✓ marks are not images named 符合")
	}
	public := map[string]bool{}
	for _, p := range navLinks(t, pub) {
		public[p] = true
	}

	extra := map[string][]string{
		"zhangsan":  {app, "/certificates/" + number},
		"hr":        {app},
		"office":    {app},
		"secretary": {app, "/meetings/1"},
		"expert2":   {"/meetings/1"},
		"admin":     {app, w.committee("河北省工程系列中级职称评审委员会"), "/admin/experts/1"},
	}
	for _, who := range []string{"zhangsan", "hr", "hr2", "office", "secretary", "expert2", "evaluator", "admin"} {
		ctx := person(t, base, who)
		axeCheck(t, ctx, who+"'s first page")
		var own []string
		for _, p := range navLinks(t, ctx) {
			if !public[p] {
				own = append(own, p)
			}
		}
		if len(own) == 0 {
			t.Errorf("%s's navigation has no page of the role", who)
		}
		for _, p := range append(own, extra[who]...) {
			visit(t, ctx, base, who, p, 200)
		}
	}
	t.Logf("axe-core checked %d page states", axeChecked.Load())
}

// TestBrowserAccessibleMistakes: a form sent back with mistakes passes axe-core, moves focus
// to its summary of errors (the one live region), and ties every field in error to its
// message, and every field with a hint to its hint, by aria-describedby.
func TestBrowserAccessibleMistakes(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	base := w.ts.URL

	pub := person(t, base, "")
	navigate(t, pub, 200, chromedp.Navigate(base+"/check"))
	do(t, pub, fillWorker("2021-02-30"), chromedp.SetValue(chromedp.ID("as_of"), "2026-13-01"))
	navigate(t, pub, 422, submit)
	axeCheck(t, pub, "the self-check with two mistakes")
	mistakes(t, pub, "the self-check", "errors", 2)

	// Without JavaScript the summary takes focus too (autofocus).
	nojs := person(t, base, "")
	if _, err := chromedp.Call(nojs, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, nojs, 200, chromedp.Navigate(base+"/check"))
	do(t, nojs, fillWorker("2021-02-30"))
	navigate(t, nojs, 422, submit)
	mistakes(t, nojs, "the self-check without JavaScript", "errors", 1)

	zs := person(t, base, "zhangsan")
	navigate(t, zs, 200, chromedp.Navigate(base+"/applications/new"))
	do(t, zs, chromedp.Click(chromedp.ID("route-title_review")),
		chromedp.SendKeys(chromedp.ID("skills-0-obtained"), "2021-02-30"))
	navigate(t, zs, 422, chromedp.Click(chromedp.ID("save")))
	axeCheck(t, zs, "the application form with mistakes")
	mistakes(t, zs, "the application form", "errors", 1)

	// A message about a group (no application ticked) takes focus itself.
	w.submitted(w.as("zhangsan"))
	hr := person(t, base, "hr")
	navigate(t, hr, 422, chromedp.Click(chromedp.CSS(`button[name="action"][value="recommend"]`)))
	axeCheck(t, hr, "recommending with nothing ticked")
	if got := text(t, hr, `document.activeElement.className + ": " + document.activeElement.textContent`); got != "field-error: 请至少勾选一项申报" {
		t.Errorf("recommending with nothing ticked: focus on %q, want the message", got)
	}

	adm := person(t, base, "admin")
	navigate(t, adm, 200, chromedp.Navigate(base+"/admin/users"))
	navigate(t, adm, 400, chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button[type="submit"]`)))
	axeCheck(t, adm, "a new account with nothing filled in")
	mistakes(t, adm, "the new account", "", 1)
}

// mistakes checks a page sent back with at least least mistakes: focus is on the error
// summary with the id summary, the page's one live region (without a summary: on the first
// field in error, and no live region), and each field marked invalid is described by its
// message (and by its hint, when it has one).
func mistakes(t *testing.T, ctx context.Context, where, summary string, least int) {
	t.Helper()
	// The browser runs autofocus at its next rendering update, after the load event that
	// navigate waits for: on a busy machine that may come a little later, so look again a
	// bounded number of times before judging where focus is.
	for range 50 {
		if text(t, ctx, `document.activeElement ? document.activeElement.tagName : "BODY"`) != "BODY" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	got := text(t, ctx, `(() => {
		const a = document.activeElement, live = document.querySelectorAll('[role="alert"], [role="status"], [aria-live]');
		const out = ["focus " + (a.id || a.tagName), "live " + live.length + " " + [...live].map(e => e.id).join(",")];
		const bad = document.querySelectorAll('[aria-invalid="true"]');
		out.push("invalid " + bad.length);
		for (const f of bad) {
			const ids = (f.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
			const said = ids.map(id => (document.getElementById(id) || {textContent: "?" + id}).textContent.trim());
			const err = f.closest(".field, fieldset").querySelector(".field-error");
			const hint = f.closest(".field") && f.closest(".field").querySelector(".hint");
			if (!err || !said.includes(err.textContent.trim())) out.push("UNTIED " + f.id + ": " + said.join(" | "));
			if (hint && !said.includes(hint.textContent.trim())) out.push("NOHINT " + f.id + ": " + said.join(" | "));
		}
		return out.join("\n");
	})()`)
	lines := strings.Split(got, "\n")
	focus, live := "focus "+summary, "live 1 "+summary
	if summary == "" {
		first := text(t, ctx, `document.querySelector('[aria-invalid="true"]').id`)
		focus, live = "focus "+first, "live 0 "
	}
	if lines[0] != focus {
		t.Errorf("%s: after the mistakes %s, want %s", where, lines[0], focus)
	}
	if lines[1] != live {
		t.Errorf("%s: %s, want %s (the live regions and their ids)", where, lines[1], live)
	}
	var n int
	fmt.Sscanf(lines[2], "invalid %d", &n)
	if n < least {
		t.Errorf("%s: %d fields marked invalid, want at least %d", where, n, least)
	}
	for _, l := range lines[3:] {
		t.Errorf("%s: %s", where, l)
	}
}

// TestBrowserPhoneNavigation: at 390 pixels the navigation of the role with the most links
// fits the screen without sideways scrolling, every link of it on screen, the role's own
// pages included. The header is saved as screenshots/nav-390[-user].png.
func TestBrowserPhoneNavigation(t *testing.T) {
	newTab(t)
	w := newWorld(t)
	for _, who := range []string{"", "zhangsan", "secretary", "admin"} {
		ctx := person(t, w.ts.URL, who)
		do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
		navigate(t, ctx, 200, chromedp.Navigate(w.ts.URL+"/check"))
		off := text(t, ctx, `(() => {
			const out = [], vw = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth > vw) out.push("the page scrolls sideways: " + document.documentElement.scrollWidth + " > " + vw);
			for (const a of document.querySelectorAll("nav.site-nav a")) {
				const r = a.getBoundingClientRect();
				if (r.width === 0 || r.left < 0 || r.right > vw) out.push(a.textContent.trim() + " is off-screen (" + Math.round(r.left) + "–" + Math.round(r.right) + ")");
				let p = a.parentElement;
				for (; p && p !== document.body; p = p.parentElement) {
					if (p.scrollWidth > p.clientWidth + 1 && getComputedStyle(p).overflowX !== "visible") { out.push(a.textContent.trim() + " sits in a sideways scroller"); break; }
				}
			}
			return out.join("\n");
		})()`)
		if off != "" {
			t.Errorf("at 390 px, %s's navigation:\n%s", who, off)
		}
		name := "nav-390"
		if who != "" {
			name += "-" + who
		}
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("header.site-header")))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(screenshotsDir(t), name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserFocusRing (WCAG 1.4.11, 2.4.7): focused from the keyboard, a text field, a
// select, a checkbox, a link of the navigation and a button each show an outline of at least
// 2 pixels whose colour has a contrast of 3:1 or more with the background around it.
func TestBrowserFocusRing(t *testing.T) {
	ctx := newTab(t)
	ts := newTestServer(t)
	navigate(t, ctx, 200, chromedp.Navigate(ts.URL+"/check"))
	for _, sel := range []string{"#as_of", "#employer_kind", "#self_evaluation", `nav.site-nav a[href="/plan"]`, `.check-form button[type="submit"]`} {
		// Focus given by a script with no pointer used before counts as keyboard focus.
		got := text(t, ctx, fmt.Sprintf(`(() => {
			const el = document.querySelector(%q);
			el.focus();
			const st = getComputedStyle(el);
			const rgb = c => c.match(/[\d.]+/g).slice(0, 4).map(Number);
			const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; }; return .2126 * f(r) + .7152 * f(g) + .0722 * f(b); };
			let bg = null;
			for (let p = el.parentElement; p; p = p.parentElement) {
				const c = rgb(getComputedStyle(p).backgroundColor);
				if (c.length < 4 || c[3] > 0) { bg = c; break; }
			}
			bg = bg || [255, 255, 255];
			let ring = rgb(st.outlineColor);
			if (ring.length === 4) ring = ring.slice(0, 3).map((v, i) => ring[3] * v + (1 - ring[3]) * bg[i]); // a translucent ring over bg
			const a = lum(ring), b = lum(bg);
			const ratio = (Math.max(a, b) + .05) / (Math.min(a, b) + .05);
			return [el.matches(":focus-visible"), st.outlineStyle, parseFloat(st.outlineWidth), ratio.toFixed(2), st.outlineColor, "rgb(" + bg.slice(0, 3) + ")"].join(" ");
		})()`, sel))
		var visible bool
		var style, color, bg string
		var width, ratio float64
		fmt.Sscanf(got, "%t %s %g %g", &visible, &style, &width, &ratio)
		if f := strings.Fields(got); len(f) >= 6 {
			color, bg = strings.Join(f[4:len(f)-1], ""), f[len(f)-1]
		}
		if !visible || style == "none" || width < 2 || ratio < 3 {
			t.Errorf("%s focused: focus-visible %v, outline %s %gpx %s on %s: contrast %.2f:1, want a visible ring of 3:1 or more", sel, visible, style, width, color, bg, ratio)
		}
	}
}
