//go:build ignore

// Gen writes data/holidays.json, the table of China's statutory holidays and 调休 working
// days that package calendar reads, from the table that github.com/6tail/lunar-go keeps in
// its HolidayUtil package. It is run by hand, once per new year's arrangement:
//
//	go get github.com/6tail/lunar-go@v1.4.7   # only this generator uses it; go mod tidy drops it again
//	go run internal/calendar/gen/main.go > data/holidays.json
//
// and its output is reviewed against the State Council's notice before it is committed. The
// runtime never imports lunar-go: its table is a mutable package global (HolidayUtil.Fix), and
// ours is dated data under review like any other.
//
// A day belongs to the arrangement of the holiday it is attached to (lunar-go's "target"), so
// 2023-12-30, a day off for 元旦 2024, is in the 2024 arrangement. Names are lunar-go's, with
// 元旦节 written 元旦 and 国庆中秋 written 国庆节、中秋节, the way the notices put it; when any day
// of a block carries the joint name, every day of that block does.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/6tail/lunar-go/HolidayUtil"
)

type day struct {
	date, name, target string
	work               bool
}

var names = map[string]string{
	"元旦节":  "元旦",
	"春节":   "春节",
	"清明节":  "清明节",
	"劳动节":  "劳动节",
	"端午节":  "端午节",
	"中秋节":  "中秋节",
	"国庆节":  "国庆节",
	"国庆中秋": "国庆节、中秋节",
}

func main() {
	from := flag.Int("from", 2020, "first arrangement year")
	to := flag.Int("to", 2027, "last arrangement year")
	flag.Parse()
	if err := run(*from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(from, to int) error {
	var days []day
	// A year's arrangement may begin in the December before it.
	for y := from - 1; y <= to; y++ {
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			ty, err := strconv.Atoi(h.GetTarget()[:4])
			if err != nil {
				return fmt.Errorf("%s: target %q: %v", h.GetDay(), h.GetTarget(), err)
			}
			if ty < from || ty > to {
				continue
			}
			name, ok := names[h.GetName()]
			if !ok {
				return fmt.Errorf("%s: holiday name %q is not one we know: add it to names", h.GetDay(), h.GetName())
			}
			days = append(days, day{date: h.GetDay(), name: name, target: h.GetTarget(), work: h.IsWork()})
		}
	}
	if len(days) == 0 {
		return fmt.Errorf("lunar-go has no holidays for %d-%d", from, to)
	}
	joint := map[string]bool{}
	for _, d := range days {
		if d.name == names["国庆中秋"] {
			joint[d.target] = true
		}
	}
	for i := range days {
		if joint[days[i].target] {
			days[i].name = names["国庆中秋"]
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].date < days[j].date })

	source := fmt.Sprintf("国务院办公厅关于%d年至%d年各年部分节假日安排的通知（每年一份；2020年春节另有《国务院办公厅关于延长2020年春节假期的通知》），"+
		"经 github.com/6tail/lunar-go %s 的 HolidayUtil 转录，由 internal/calendar/gen/main.go 生成。"+
		"每个条目是放假日（rest，含假期中的周末）或调休上班的周末（work）；表中没有的日子，周一至周五上班，周六周日休息。"+
		"新一年的安排发布后：重新生成或手工追加条目，对照通知核对，再重新构建。", from, to, lunarVersion())
	var b strings.Builder
	b.WriteString("{\n")
	fmt.Fprintf(&b, "  \"source\": %s,\n", quote(source))
	b.WriteString("  \"days\": [\n")
	for i, d := range days {
		kind := "rest"
		if d.work {
			kind = "work"
		}
		fmt.Fprintf(&b, "    {\"date\": %s, \"name\": %s, \"kind\": %q}", quote(d.date), quote(d.name), kind)
		if i < len(days)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("  ]\n}\n")
	_, err := os.Stdout.WriteString(b.String())
	return err
}

func quote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a string always marshals
	}
	return string(b)
}

func lunarVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/6tail/lunar-go" {
				return m.Version
			}
		}
	}
	return "(version unknown)"
}
