package guantong

import "fmt"

// Certificate numbers.
//
// A professional title granted through guantong is numbered 冀职称-{year}-{series code}-{seq},
// e.g. 冀职称-2026-GC-000001: the year of the grant, the series code below, and a sequence
// that restarts for every year and series. A skill certificate is numbered by the
// organisation that issues it: {prefix}-{year}-{seq}, e.g. 冀技0007-2026-000001, where the
// prefix is the organisation's own (Organisation.CertPrefix) or 冀技 and its ID.

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

// TitleCertificatePrefix returns the part of a title certificate number before the
// sequence; the sequence counts per prefix.
func TitleCertificatePrefix(year int, series string) string {
	return fmt.Sprintf("冀职称-%d-%s", year, SeriesCode(series))
}

// SkillCertificatePrefix returns the part of a skill certificate number before the sequence.
func SkillCertificatePrefix(year int, issuer *Organisation) string {
	p := issuer.CertPrefix
	if p == "" {
		p = fmt.Sprintf("冀技%04d", issuer.ID)
	}
	return fmt.Sprintf("%s-%d", p, year)
}

// CertificateNumber joins a prefix and a sequence number.
func CertificateNumber(prefix string, seq int64) string {
	return fmt.Sprintf("%s-%06d", prefix, seq)
}
