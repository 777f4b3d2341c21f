package population

import (
	"math/rand/v2"
	"sort"
	"strings"

	"guantong"
	"guantong/internal/catalog"
)

// weighted is a discrete distribution over n items: cumulative weights.
type weighted []float64

func newWeighted(ws ...float64) weighted {
	c := make(weighted, len(ws))
	sum := 0.0
	for i, w := range ws {
		sum += w
		c[i] = sum
	}
	for i := range c {
		c[i] /= sum
	}
	return c
}

// pick returns an index drawn by the weights.
func (w weighted) pick(r *rand.Rand) int {
	x := r.Float64()
	i := sort.SearchFloat64s(w, x)
	if i >= len(w) {
		i = len(w) - 1
	}
	return i
}

// districts: guantong.Districts in order, with weights after the resident population in
// millions (2020 census, rounded; 保定 without 定州 and the three counties of 雄安; 省直 the
// staff of provincial units), and the area code that begins a resident ID number there.
var districts = []struct {
	weight float64
	code   string
}{
	{11.2, "130102"}, {7.7, "130202"}, {3.1, "130302"}, {9.4, "130402"}, {7.1, "130502"},
	{9.2, "130602"}, {4.1, "130702"}, {3.4, "130802"}, {7.3, "130902"}, {5.5, "131002"},
	{4.2, "131102"}, {1.1, "130682"}, {0.6, "130181"}, {1.2, "130638"}, {2.0, "130104"},
}

var districtWeights = func() weighted {
	ws := make([]float64, len(districts))
	for i, d := range districts {
		ws[i] = d.weight
	}
	return newWeighted(ws...)
}()

// industries weight the occupations of the table by Hebei's industries: the prefixes of
// occupation codes (大类-中类) that make each industry, with its share of skilled workers.
var industries = []struct {
	name     string
	weight   float64
	prefixes []string
}{
	{"钢铁", 26, []string{"6-17"}},
	{"装备制造", 30, []string{"6-18", "6-19", "6-20", "6-21", "6-22", "6-23", "6-24", "6-25"}},
	{"石化", 12, []string{"6-10", "6-11"}},
	{"建筑", 15, []string{"6-29", "6-15"}},
	{"农业", 7, []string{"6-01", "6-02", "6-03"}},
	{"其他", 4, []string{"4-08", "4-09", "4-13", "6-06", "6-09", "6-16", "6-26", "6-27", "6-28", "6-30"}},
}

// outside are occupations of Hebei's workforce that the plan's table does not hold: they open
// no title series by the table (a warning), but a 技工院校 teacher or a title holder's target
// may use them. 焊工 is also an access-type occupation (三(二)6).
var outside = []struct{ code, name string }{
	{"6-18-02-04", "焊工"}, {"6-31-01-03", "电工"}, {"4-12-01-01", "汽车维修工"},
	{"4-03-02-01", "中式烹调师"}, {"4-10-01-03", "保育员"},
}

// outsideShare is the share of people whose certificates are in an occupation outside the
// table.
const outsideShare = 0.05

type occupation struct{ code, name string }

// occupations is the table's distinct codes grouped by industry.
type occupations struct {
	byIndustry [][]occupation
	weights    weighted
}

func newOccupations(c *catalog.Catalog) occupations {
	var o occupations
	seen := map[string]bool{}
	ws := make([]float64, len(industries))
	o.byIndustry = make([][]occupation, len(industries))
	for _, e := range c.Entries() {
		if seen[e.Code] {
			continue
		}
		for i, ind := range industries {
			if hasPrefix(e.Code, ind.prefixes) {
				seen[e.Code] = true
				o.byIndustry[i] = append(o.byIndustry[i], occupation{e.Code, e.Occupation})
				break
			}
		}
	}
	for i, ind := range industries {
		if len(o.byIndustry[i]) > 0 {
			ws[i] = ind.weight
		}
	}
	o.weights = newWeighted(ws...)
	return o
}

func hasPrefix(code string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(code, p+"-") {
			return true
		}
	}
	return false
}

func (o occupations) pick(r *rand.Rand) occupation {
	if r.Float64() < outsideShare || len(o.weights) == 0 {
		x := outside[r.IntN(len(outside))]
		return occupation{x.code, x.name}
	}
	list := o.byIndustry[o.weights.pick(r)]
	return list[r.IntN(len(list))]
}

// Highest skill level held, among the skilled workforce the plan addresses (most are 高级工;
// 中级工 are there because an employer's sheet lists them too).
var highestLevels = []guantong.SkillLevel{guantong.Skill4, guantong.Skill3, guantong.Skill2, guantong.Skill1}
var highestWeights = newWeighted(15, 45, 28, 12)

// Years between one level and the next, drawn uniformly from [min, max].
const (
	stepMinYears = 2
	stepMaxYears = 6
)

// Employer kinds and their shares.
var employerKinds = []string{guantong.KindEnterprise, guantong.KindInstitute, guantong.KindTechSchool, guantong.KindOrgan, guantong.KindOther}
var employerKindWeights = newWeighted(85, 7, 4, 2, 2)

// Assessment results of one year for someone assessed: mostly passing; 基本合格 and 不合格
// rare.
var results = []string{"优秀", "合格", "称职", "基本合格", "不合格"}
var resultWeights = newWeighted(15, 75, 8, 1.5, 0.5)

// Awards and how often each is held (per person). The green channel's awards are rare; one
// unknown name shows the warning.
var awards = []struct {
	name  string
	share float64
}{
	{"河北省技术能手", 0.004}, {"全国技术能手", 0.001}, {"省级技能大师工作室领办人", 0.0005},
	{"河北省突出贡献技师", 0.0003}, {"享受国务院政府特殊津贴", 0.0001}, {"中华技能大奖", 0.00005},
	{"世界技能大赛优胜奖", 0.00005}, {"市级优秀员工", 0.002},
}

// Title series and levels of title holders, with shares.
var titleSeries = []string{"工程", "实验技术", "农业"}
var titleSeriesWeights = newWeighted(80, 12, 8)
var titleLevels = []guantong.TitleLevel{guantong.Title4, guantong.Title3, guantong.Title2, guantong.Title1}
var titleLevelWeights = newWeighted(45, 40, 13, 2)

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文玉兰海峰鹏飞波宇浩凯亮晨辉斌东林鑫瑞雪梅丹宁")
