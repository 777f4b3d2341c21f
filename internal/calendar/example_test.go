package calendar_test

import (
	"fmt"

	"guantong"
	"guantong/internal/calendar"
)

// A notice opened on Tuesday 2025-09-30 counts that day as day 1, skips the eight days of
// 国庆节、中秋节, counts the 调休 Saturday 2025-10-11, and ends on Monday 2025-10-13.
func ExampleCalendar_AddWorkdays() {
	c := calendar.Default()
	opened := guantong.MakeDate(2025, 9, 30)
	ends := c.AddWorkdays(opened, 5)
	fmt.Println(ends, c.WorkdaysBetween(opened, ends))
	name, _ := c.Holiday(guantong.MakeDate(2025, 10, 11))
	fmt.Println(name, c.IsWorkday(guantong.MakeDate(2025, 10, 11)))
	// Output:
	// 2025-10-13 5
	// 国庆节、中秋节 true
}
