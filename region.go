package guantong

import "strings"

// Regions are the districts an organisation belongs to or a 职改办 serves: Hebei's eleven
// cities, the two cities directly administered by the province (定州, 辛集), the 雄安新区 and
// 省直 for provincial departments and their units. An employer's title applications go to the
// 职改办 of its region (三(一)5), so a region is chosen from this list, never typed: a
// "石家庄" without 市 once routed nowhere.
var Regions = []string{
	"石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市", "衡水市",
	"定州市", "辛集市", "雄安新区", "省直",
}

// ValidRegion reports whether s is one of Regions, exactly.
func ValidRegion(s string) bool {
	for _, r := range Regions {
		if r == s {
			return true
		}
	}
	return false
}

// NormalizeRegion returns the region of Regions that s unambiguously names ("石家庄" and
// "河北省石家庄市" are 石家庄市, "雄安" is 雄安新区, "省人力资源和社会保障厅" is 省直), and
// false when it names none or several. Migration 0010 applies the same rules in SQL to the
// regions stored before the list existed.
func NormalizeRegion(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "河北省")
	if s == "" {
		return "", false
	}
	if ValidRegion(s) {
		return s, true
	}
	if strings.HasPrefix(s, "省") {
		return "省直", true // a provincial department (省人社厅) or a unit under one
	}
	if strings.HasPrefix(s, "雄安") {
		return "雄安新区", true
	}
	found := ""
	for _, r := range Regions {
		if base := strings.TrimSuffix(r, "市"); base != r && s == base {
			if found != "" {
				return "", false
			}
			found = r
		}
	}
	return found, found != ""
}
