package province

import (
	"fmt"
	"math/rand/v2"

	"guantong"
)

// Regions are Hebei's districts, one list for the whole system (guantong.Regions).
var Regions = guantong.Regions

// regionCodes are the first six digits of ID numbers issued in each region (a county or
// district of it), in the order of guantong.Regions.
var regionCodes = []string{"130104", "130203", "130302", "130402", "130502", "130602", "130702", "130802",
	"130902", "131002", "131102", "130682", "130181", "130632", "130100"}

// regionWeights spread people as the population does, roughly: 石家庄, 保定, 唐山 and 邯郸 most.
var regionWeights = []int{15, 11, 4, 13, 10, 14, 5, 4, 10, 7, 6, 2, 1, 2, 6}

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文斌辉力鹏宇浩凯俊帅晨阳雪梅兰海波丹亮宁欣然子轩一鸣佳琪思远博文嘉怡雨泽梓涵诗雅浩然")

// name returns a plausible Chinese name: a surname and one or two characters.
func name(r *rand.Rand) string {
	n := string(surnames[r.IntN(len(surnames))]) + string(givenChars[r.IntN(len(givenChars))])
	if r.IntN(3) > 0 {
		n += string(givenChars[r.IntN(len(givenChars))])
	}
	return n
}

// idNumber returns a valid 18-character resident ID number (GB 11643-1999), unique for each
// n: the region's code, a birth date from 1963 to 2002 and a sequence number derived from n.
func idNumber(region, n int) string {
	const days = 14600 // forty years of birth dates
	d := (n % days) * 7919 % days
	birth := base.AddDate(0, 0, d)
	seq := n / days
	s := fmt.Sprintf("%s%s%03d", regionCodes[region], birth.Format("20060102"), seq%1000)
	return s + checkChar(s)
}

// checkChar is the ISO 7064 MOD 11-2 check character of the first 17 digits.
func checkChar(s string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return string("10X98765432"[sum%11])
}

// phone returns a mobile number.
func phone(r *rand.Rand) string {
	prefixes := []string{"130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "186", "187", "188"}
	return fmt.Sprintf("%s%08d", prefixes[r.IntN(len(prefixes))], r.IntN(100000000))
}

// Employer names are built from a region's short name, a trade and a form of organisation
// that fits the kind.
var (
	trades = []string{"钢铁", "机械", "装备制造", "电力", "建工", "化工", "纺织", "食品", "汽车零部件", "物流",
		"电子", "医药", "建材", "煤炭", "港口", "轨道交通", "新能源", "石油", "冶金", "玻璃"}
	forms = map[string][]string{
		"企业":   {"集团有限公司", "股份有限公司", "有限责任公司", "制造有限公司"},
		"事业单位": {"技术推广中心", "质量检验检测中心", "研究院", "设计院"},
		"机关":   {"应急管理局", "住房和城乡建设局", "交通运输局", "农业农村局", "市场监督管理局"},
		"技工院校": {"技师学院", "高级技工学校", "技工学校"},
		"其他":   {"行业协会", "职业培训学校", "合作社"},
	}
)

// short returns a region's name without 市, for names of the units in it.
func short(region string) string {
	r := []rune(region)
	if r[len(r)-1] == '市' {
		return string(r[:len(r)-1])
	}
	return region
}

var brands = []string{"冀东", "华北", "燕赵", "太行", "渤海", "恒信", "宏达", "金石", "新兴", "长城", "德隆", "鑫源",
	"中冀", "海河", "永安", "瑞丰", "北方", "冀中", "滦河", "正定"}

// employerName returns the name of the i-th employer of a kind in a region.
func employerName(r *rand.Rand, region, kind string, i int) string {
	f := forms[kind]
	switch kind {
	case "机关":
		return fmt.Sprintf("%s第%d区%s", short(region), i+1, f[r.IntN(len(f))])
	case "技工院校":
		return fmt.Sprintf("%s%s第%d%s", short(region), trades[r.IntN(len(trades))], i+1, f[r.IntN(len(f))])
	}
	return fmt.Sprintf("%s%s%s%s（%d）", short(region), brands[r.IntN(len(brands))], trades[r.IntN(len(trades))], f[r.IntN(len(f))], i+1)
}
