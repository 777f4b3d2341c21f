package guantong

// Districts are the regions of Hebei under which applications, employers and statistics are
// kept: the 11 prefecture-level cities, the two cities the province administers directly
// (定州, 辛集), 雄安新区, and 省直 for units under the province itself. A region is always
// chosen from this list, never typed.
var Districts = []string{
	"石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市", "衡水市",
	"定州市", "辛集市", "雄安新区", "省直",
}

// IsDistrict reports whether s is one of Districts.
func IsDistrict(s string) bool {
	for _, d := range Districts {
		if d == s {
			return true
		}
	}
	return false
}
