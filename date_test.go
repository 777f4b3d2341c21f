package guantong

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2021-06-30", "2020-02-29", "0001-01-01", "1969-12-31", "2100-12-31"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "2021-13-01", "2021-02-29", "2021-6-30", "2021/06/30", "20210630xx", "２０２１-06-30", "0000-01-01"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MakeDate(2020, time.February, 29)
	if got := d.AddYears(3).String(); got != "2023-02-28" {
		t.Errorf("2020-02-29 + 3 years = %s, want 2023-02-28 (contract default 1, 民法典 第二百零二条)", got)
	}
	if got := d.AddYears(4).String(); got != "2024-02-29" {
		t.Errorf("2020-02-29 + 4 years = %s", got)
	}
	if got := MakeDate(2021, 12, 31).AddDays(31).String(); got != "2022-01-31" {
		t.Errorf("AddDays = %s", got)
	}
	if n := MakeDate(2022, 1, 1).DaysUntil(MakeDate(2022, 2, 1)); n != 31 {
		t.Errorf("DaysUntil = %d", n)
	}
	for _, c := range []struct {
		d    Date
		want time.Weekday
	}{{MakeDate(1970, 1, 1), time.Thursday}, {MakeDate(2024, 2, 4), time.Sunday}, {MakeDate(1969, 12, 31), time.Wednesday}, {MakeDate(2026, 11, 28), time.Saturday}} {
		if got := c.d.Weekday(); got != c.want {
			t.Errorf("%s is a %s, want %s", c.d, got, c.want)
		}
	}
	if !(Date{}).IsZero() || MakeDate(1970, 1, 1).IsZero() {
		t.Error("zero Date confused with 1970-01-01")
	}
	if got := Today(time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)).String(); got != "2027-01-01" {
		t.Errorf("Today at 17:00 UTC on 2026-12-31 = %s, want 2027-01-01 in Asia/Shanghai", got)
	}
}

func TestDateJSON(t *testing.T) {
	var d Date
	if err := d.UnmarshalJSON([]byte(`"2021-06-30"`)); err != nil || d.String() != "2021-06-30" {
		t.Errorf("%v %v", d, err)
	}
	if b, _ := (Date{}).MarshalJSON(); string(b) != "null" {
		t.Errorf("zero Date marshals as %s", b)
	}
	if err := d.UnmarshalJSON([]byte(`"2021-02-30"`)); err == nil {
		t.Error("accepted 2021-02-30")
	}
}

func TestLevelJSONRoundTrip(t *testing.T) {
	for _, l := range []Level{{}, {Title: Title3}, {Skill: Skill2}} {
		b, _ := l.MarshalJSON()
		var back Level
		if err := back.UnmarshalJSON(b); err != nil || back != l {
			t.Errorf("%v → %s → %v, %v", l, b, back, err)
		}
	}
	var l Level
	if err := l.UnmarshalJSON([]byte(`"二级"`)); err != nil || l.Skill != Skill2 {
		t.Errorf("alias: %v %v", l, err)
	}
	if err := l.UnmarshalJSON([]byte(`"大师"`)); err == nil {
		t.Error("accepted 大师")
	}
}

// The integer calendar agrees with package time on every day from 1900 to 2100.
func TestCivilDaysAgreeWithTime(t *testing.T) {
	for tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); tm.Year() <= 2100; tm = tm.AddDate(0, 0, 1) {
		d := DateOf(tm)
		if !d.Time().Equal(tm) || d.Year() != tm.Year() || d.Month() != tm.Month() || d.Day() != tm.Day() {
			t.Fatalf("%s: got %s", tm.Format("2006-01-02"), d)
		}
		want := DateOf(tm.AddDate(3, 0, 0))
		if tm.Month() == time.February && tm.Day() == 29 {
			want = want.AddDays(-1) // 民法典 第二百零二条: 28 February, not time's 1 March
		}
		if got := d.AddYears(3); got != want {
			t.Fatalf("%s + 3 years = %s, want %s", d, got, want)
		}
	}
}
