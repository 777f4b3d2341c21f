package screen

import (
	"strings"

	"guantong"
)

// StatusLabel names a status in Chinese, as the result sheet shows it.
func StatusLabel(status string) string {
	switch status {
	case guantong.StatusEligible:
		return "可申报"
	case guantong.StatusNotYet:
		return "年限未满"
	case guantong.StatusNeedsInformation:
		return "待补信息"
	case guantong.StatusIneligible:
		return "不符合"
	}
	return status
}

// RouteLabel names a route in Chinese (guantong.RouteName).
func RouteLabel(route string) string { return guantong.RouteName(route) }

// Opens returns the date an option can be applied for: the day its years are met, or as_of
// for an eligible option without a years condition; zero for an option that waits on
// anything but time.
func Opens(o guantong.Option, asOf guantong.Date) guantong.Date {
	switch o.Status {
	case guantong.StatusEligible:
		if o.YearsMetOn.IsZero() || o.YearsMetOn.After(asOf) {
			return asOf
		}
		return o.YearsMetOn
	case guantong.StatusNotYet:
		return o.YearsMetOn
	}
	return guantong.Date{}
}

// FirstUnmet returns the first condition an option fails, with its clause ("三(一)2 …"), or
// "".
func FirstUnmet(o guantong.Option) string {
	for _, r := range o.Reasons {
		if !r.Met {
			return r.Clause + " " + r.Text
		}
	}
	return ""
}

// Missing lists what information an option waits for.
func Missing(o guantong.Option) string { return strings.Join(o.Missing, "；") }
