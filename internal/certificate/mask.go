package certificate

import (
	"strings"

	"guantong"
)

// MaskName hides a name for public verification: the first character stays and, for three
// characters or more, the last (张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜). The middle dot of
// a transliterated name stays (阿依古丽·买买提 → 阿***·**提). ID numbers and phones are masked
// by guantong.MaskID and guantong.MaskPhone, which issue 3's public notices already use.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(r[0]) + "*"
	}
	for i := 1; i < len(r)-1; i++ {
		if r[i] != '·' && r[i] != '•' && r[i] != '.' {
			r[i] = '*'
		}
	}
	return string(r)
}

// Certificate statuses, as guantong.CertificateStatus.Status holds them.
const (
	StatusValid   = "valid"   // 有效
	StatusRevoked = "revoked" // 已撤销
	StatusIssued  = "issued"  // 已发证，尚未上网 (a skill certificate not yet registered)
)

var statusNames = map[string]string{StatusValid: "有效", StatusRevoked: "已撤销", StatusIssued: "已发证，尚未上网"}

// StatusName returns the Chinese name of a certificate status.
func StatusName(status string) string {
	if n, ok := statusNames[status]; ok {
		return n
	}
	return status
}

// Public returns what anyone verifying a certificate by its number may see: the name and ID
// number masked, the rest as it is.
func Public(st guantong.CertificateStatus) guantong.CertificateStatus {
	st.Name = MaskName(st.Name)
	if !strings.Contains(st.IDNumber, "*") {
		st.IDNumber = guantong.MaskID(st.IDNumber)
	}
	return st
}
