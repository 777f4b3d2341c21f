package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeScript is axe-core, vendored (testdata/axe.README.md says which and from where): the
// tests inject it into the page they check, so they never fetch anything.
//
//go:embed testdata/axe.min.js
var axeScript string

// axeChecked counts the page states axeCheck has examined, for the tests' logs.
var axeChecked atomic.Int64

// axeViolation is one rule broken on the page, with the elements that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeCheck runs axe-core's WCAG 2.x A and AA rules and its best practices on the page in
// ctx and fails the test on every serious or critical violation, naming the page's state
// (what was shown, to whom). Moderate and minor ones are logged.
func axeCheck(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		t.Fatal(err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeScript)); err != nil {
			t.Fatalf("%s: injecting axe-core: %v", state, err)
		}
	}
	js := `axe.run(document, {resultTypes: ["violations"], runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", state, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("%s: axe's answer: %v", state, err)
	}
	axeChecked.Add(1)
	for _, v := range vs {
		msg := fmt.Sprintf("%s: axe %s (%s) %s:\n\t%s", state, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}
