package calendar

import (
	"testing"

	"guantong"
)

func date(t testing.TB, s string) guantong.Date {
	t.Helper()
	d, err := guantong.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func TestYears(t *testing.T) {
	first, last := Default().Years()
	if first != 2020 || last != 2027 {
		t.Errorf("Years() = %d, %d; want 2020, 2027", first, last)
	}
}

// TestFacts checks the built-in table against days known from the State Council's notices.
func TestFacts(t *testing.T) {
	c := Default()
	tests := []struct {
		fact    string
		date    string
		workday bool
		name    string // "" for an ordinary day
	}{
		{"2024 春节调休 2024-02-04（星期日）上班", "2024-02-04", true, "春节"},
		{"2024 春节 2024-02-10（星期六）放假", "2024-02-10", false, "春节"},
		{"2024 春节 2024-02-12（星期一）放假", "2024-02-12", false, "春节"},
		{"2024 春节 2024-02-16（星期五）放假", "2024-02-16", false, "春节"},
		{"2024 春节 2024-02-17（星期六）放假", "2024-02-17", false, "春节"},
		{"2024 春节调休 2024-02-18（星期日）上班", "2024-02-18", true, "春节"},
		{"2024 春节后 2024-02-19（星期一）照常上班", "2024-02-19", true, ""},
		{"2025 国庆节、中秋节调休 2025-09-28（星期日）上班", "2025-09-28", true, "国庆节、中秋节"},
		{"2025 国庆节、中秋节 2025-10-01 放假", "2025-10-01", false, "国庆节、中秋节"},
		{"2025 国庆节、中秋节 2025-10-06 放假（中秋当日）", "2025-10-06", false, "国庆节、中秋节"},
		{"2025 国庆节、中秋节 2025-10-08 放假", "2025-10-08", false, "国庆节、中秋节"},
		{"2025 国庆后 2025-10-09 照常上班", "2025-10-09", true, ""},
		{"2025 国庆节、中秋节调休 2025-10-11（星期六）上班", "2025-10-11", true, "国庆节、中秋节"},
		{"2025 2025-10-12（星期日）照常休息", "2025-10-12", false, ""},
		{"2026 元旦 2026-01-01 放假", "2026-01-01", false, "元旦"},
		{"2026 元旦调休 2026-01-04（星期日）上班", "2026-01-04", true, "元旦"},
		{"2026 春节调休 2026-02-14（星期六）上班", "2026-02-14", true, "春节"},
		{"2026 春节 2026-02-23（星期一）放假", "2026-02-23", false, "春节"},
		{"2026 春节调休 2026-02-28（星期六）上班", "2026-02-28", true, "春节"},
		{"2023 清明节只放 2023-04-05 一天", "2023-04-05", false, "清明节"},
		{"2020 春节延长至 2020-02-02，原定 2020-02-01 上班取消", "2020-02-01", false, "春节"},
		{"普通星期三 2024-03-13 上班", "2024-03-13", true, ""},
		{"普通星期六 2024-03-16 休息", "2024-03-16", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.fact, func(t *testing.T) {
			d := date(t, tt.date)
			if !c.Covers(d) {
				t.Fatalf("Covers(%s) = false", d)
			}
			if got := c.IsWorkday(d); got != tt.workday {
				t.Errorf("IsWorkday(%s) = %v, want %v", d, got, tt.workday)
			}
			name, ok := c.Holiday(d)
			if name != tt.name || ok != (tt.name != "") {
				t.Errorf("Holiday(%s) = %q, %v; want %q", d, name, ok, tt.name)
			}
		})
	}
}

// TestEveryYearHasItsHolidays guards the table against a year transcribed only in part.
func TestEveryYearHasItsHolidays(t *testing.T) {
	c := Default()
	first, last := c.Years()
	for y := first; y <= last; y++ {
		found := map[string]bool{}
		for d := guantong.MakeDate(y, 1, 1); d.Year() == y; d = d.AddDays(1) {
			if name, ok := c.Holiday(d); ok {
				found[name] = true
			}
		}
		if found["国庆节、中秋节"] {
			found["国庆节"], found["中秋节"] = true, true
		}
		for _, name := range []string{"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"} {
			if !found[name] {
				t.Errorf("%d: no day of %s", y, name)
			}
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	c := Default()
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"普通一周：星期一开始，第5个工作日是星期五", "2024-03-11", 5, "2024-03-15"},
		{"星期六开始：第1个工作日是下星期一", "2024-03-16", 1, "2024-03-18"},
		{"工作日开始：n=1 是当天", "2024-03-13", 1, "2024-03-13"},
		{"国庆 2025：2025-09-30 开始，跨过 10-01..08，10-11 调休上班算第4天", "2025-09-30", 5, "2025-10-13"},
		{"国庆 2025：2025-09-26 开始，09-28 调休上班算第2天", "2025-09-26", 5, "2025-10-09"},
		{"国庆 2025：假期中 2025-10-03 开始，第1天是 10-09", "2025-10-03", 5, "2025-10-14"},
		{"春节 2026：2026-02-12 开始，02-14 调休上班算第3天", "2026-02-12", 5, "2026-02-25"},
		{"春节 2026：假期中 2026-02-16 开始，02-28 调休上班算第5天", "2026-02-16", 5, "2026-02-28"},
		{"清明 2026：星期五 2026-04-03 开始，三天假后到下星期五", "2026-04-03", 5, "2026-04-10"},
		{"表外 2030：只按周一至周五", "2030-09-30", 5, "2030-10-04"},
		{"跨出表尾：2027-12-29 开始", "2027-12-29", 5, "2028-01-04"},
		{"n=0 返回开始日", "2025-10-01", 0, "2025-10-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := date(t, tt.start)
			got := c.AddWorkdays(start, tt.n)
			if got.String() != tt.want {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.want)
			}
			if tt.n >= 1 {
				if !c.IsWorkday(got) {
					t.Errorf("AddWorkdays(%s, %d) = %s, not a working day", tt.start, tt.n, got)
				}
				if w := c.WorkdaysBetween(start, got); w != tt.n {
					t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", start, got, w, tt.n)
				}
			}
		})
	}
	if got := c.AddWorkdays(guantong.Date{}, 5); !got.IsZero() {
		t.Errorf("AddWorkdays(zero, 5) = %s, want the zero Date", got)
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := Default()
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"2024 全年 251 个工作日", "2024-01-01", "2024-12-31", 251},
		{"2025 全年 248 个工作日", "2025-01-01", "2025-12-31", 248},
		{"2025 年 10 月：23 个平日，减 6 天假，加 10-11 调休", "2025-10-01", "2025-10-31", 18},
		{"2024 春节：02-10..02-18 只有 02-18 调休上班", "2024-02-10", "2024-02-18", 1},
		{"2024 春节前后：02-04 调休 + 02-05..09 五天 + 02-18 调休", "2024-02-04", "2024-02-18", 7},
		{"同一天，工作日", "2024-02-04", "2024-02-04", 1},
		{"同一天，假日", "2024-02-12", "2024-02-12", 0},
		{"to 早于 from", "2024-02-20", "2024-02-19", 0},
		{"表外 2030 年 10 月按周一至周五", "2030-10-01", "2030-10-31", 23},
		{"跨过表头：2019-12-30..2020-01-03", "2019-12-30", "2020-01-03", 4},
		{"跨过表尾：2027-12-27..2028-01-07", "2027-12-27", "2028-01-07", 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := date(t, tt.from), date(t, tt.to)
			if got := c.WorkdaysBetween(from, to); got != tt.want {
				t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// slowCount counts working days one by one, as the definition says.
func slowCount(c *Calendar, from, to guantong.Date) int {
	n := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}

// TestWorkdaysBetweenAgreesWithCounting compares the prefix-sum count with counting one by
// one, for spans starting before, inside and after the table and spans crossing both ends.
func TestWorkdaysBetweenAgreesWithCounting(t *testing.T) {
	c := Default()
	for from := date(t, "2019-11-01"); from.Before(date(t, "2028-03-01")); from = from.AddDays(37) {
		for _, span := range []int{0, 1, 4, 6, 13, 60, 400, 3500} {
			to := from.AddDays(span)
			if got, want := c.WorkdaysBetween(from, to), slowCount(c, from, to); got != want {
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, counting gives %d", from, to, got, want)
			}
		}
	}
}

func TestOutsideTheTable(t *testing.T) {
	c := Default()
	tests := []struct {
		name    string
		date    string
		workday bool
	}{
		{"2030-01-01 星期二：表外，不知元旦，按平日上班", "2030-01-01", true},
		{"2030-10-01 星期二：表外，不知国庆，按平日上班", "2030-10-01", true},
		{"2030-10-05 星期六：休息", "2030-10-05", false},
		{"2019-10-01 星期二：表前，按平日上班", "2019-10-01", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := date(t, tt.date)
			if c.Covers(d) {
				t.Errorf("Covers(%s) = true", d)
			}
			if got := c.IsWorkday(d); got != tt.workday {
				t.Errorf("IsWorkday(%s) = %v, want %v", d, got, tt.workday)
			}
			if name, ok := c.Holiday(d); ok {
				t.Errorf("Holiday(%s) = %q, want none", d, name)
			}
		})
	}
	for _, s := range []string{"2020-01-01", "2027-12-31"} {
		if !c.Covers(date(t, s)) {
			t.Errorf("Covers(%s) = false, want true", s)
		}
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := Default()
	start := date(b, "2025-09-30")
	for b.Loop() {
		_ = c.AddWorkdays(start, 5)
	}
}

func BenchmarkWorkdaysBetween(b *testing.B) {
	c := Default()
	from, to := date(b, "2019-06-01"), date(b, "2028-06-01")
	for b.Loop() {
		_ = c.WorkdaysBetween(from, to)
	}
}
