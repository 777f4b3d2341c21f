package data

import _ "embed"

// Holidays is China's statutory calendar as package calendar reads it (holidays.json): for
// each arrangement year, the days off (rest, weekends inside a holiday block included) and the
// weekend days worked in exchange (work, 调休), each with its holiday's name. It was generated
// once from github.com/6tail/lunar-go's HolidayUtil table by internal/calendar/gen/main.go,
// which transcribes the State Council's yearly notices (国务院办公厅关于××年部分节假日安排的通知);
// the file's "source" field says so too. A new year's arrangement is a data change: append its
// days, check them against the notice, rebuild.
//
//go:embed holidays.json
var Holidays []byte
