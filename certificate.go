package guantong

// Certificate numbers are made and read by internal/certificate (HB-2026-GC-3-000123-N for a
// title, {prefix}-2026-000007-L for a skill, each with an ISO/IEC 7064 check character);
// docs/committee.md §6 documents the scheme. The series codes live here, beside the series,
// so that the numbers and anything else that abbreviates a series share one table.

// seriesCodes are the ASCII codes of the series in title certificate numbers.
var seriesCodes = map[string]string{
	"工程":     "GC",
	"农业":     "NY",
	"工艺美术":   "GM",
	"文物博物":   "WB",
	"实验技术":   "SY",
	"艺术":     "YS",
	"体育":     "TY",
	"技工院校教师": "JG",
}

// SeriesCode returns the code of a series in certificate numbers, QT (其他) for a series
// not listed.
func SeriesCode(series string) string {
	if c, ok := seriesCodes[series]; ok {
		return c
	}
	return "QT"
}
