package guantong

import "encoding/json"

// SkillLevel is a level of vocational qualification or skill-level certificate, lowest
// first. The zero value is no level.
type SkillLevel int8

const (
	Skill5 SkillLevel = iota + 1 // 初级工 (五级)
	Skill4                       // 中级工 (四级)
	Skill3                       // 高级工 (三级)
	Skill2                       // 技师 (二级)
	Skill1                       // 高级技师 (一级)
)

var skillNames = [...]string{"", "初级工", "中级工", "高级工", "技师", "高级技师"}
var skillAliases = [...]string{"", "五级", "四级", "三级", "二级", "一级"}

// SkillLevels lists the canonical names, lowest first.
func SkillLevels() []string { return append([]string(nil), skillNames[1:]...) }

// ParseSkillLevel reads a canonical name (技师) or its alias (二级).
func ParseSkillLevel(s string) (SkillLevel, bool) {
	for i := 1; i < len(skillNames); i++ {
		if s == skillNames[i] || s == skillAliases[i] {
			return SkillLevel(i), true
		}
	}
	return 0, false
}

// String returns the canonical name, "" for no level.
func (l SkillLevel) String() string {
	if l < 0 || int(l) >= len(skillNames) {
		return ""
	}
	return skillNames[l]
}

// Valid reports whether l is one of the five levels.
func (l SkillLevel) Valid() bool { return l >= Skill5 && l <= Skill1 }

func (l SkillLevel) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

func (l *SkillLevel) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, ok := ParseSkillLevel(s)
	if !ok {
		return Errorf(EInvalid, "%q 不是职业技能等级（初级工、中级工、高级工、技师、高级技师）", s)
	}
	*l = v
	return nil
}

// TitleLevel is a level of professional title, lowest first. The zero value is no level.
type TitleLevel int8

const (
	Title5 TitleLevel = iota + 1 // 员级
	Title4                       // 助理级
	Title3                       // 中级
	Title2                       // 副高级
	Title1                       // 正高级
)

var titleNames = [...]string{"", "员级", "助理级", "中级", "副高级", "正高级"}

// TitleLevels lists the names, lowest first.
func TitleLevels() []string { return append([]string(nil), titleNames[1:]...) }

// ParseTitleLevel reads a title level name.
func ParseTitleLevel(s string) (TitleLevel, bool) {
	for i := 1; i < len(titleNames); i++ {
		if s == titleNames[i] {
			return TitleLevel(i), true
		}
	}
	return 0, false
}

// String returns the name, "" for no level.
func (l TitleLevel) String() string {
	if l < 0 || int(l) >= len(titleNames) {
		return ""
	}
	return titleNames[l]
}

// Valid reports whether l is one of the five levels.
func (l TitleLevel) Valid() bool { return l >= Title5 && l <= Title1 }

func (l TitleLevel) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

func (l *TitleLevel) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, ok := ParseTitleLevel(s)
	if !ok {
		return Errorf(EInvalid, "%q 不是职称等级（员级、助理级、中级、副高级、正高级）", s)
	}
	*l = v
	return nil
}

// Level is either kind of level, as an option names it: a title level for title routes, a
// skill level for skill evaluation.
type Level struct {
	Title TitleLevel
	Skill SkillLevel
}

func (l Level) String() string {
	if l.Title != 0 {
		return l.Title.String()
	}
	return l.Skill.String()
}

func (l Level) MarshalJSON() ([]byte, error) { return json.Marshal(l.String()) }

// UnmarshalJSON reads a title level or a skill level (canonical or alias); "" is the zero
// Level, as MarshalJSON writes it.
func (l *Level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*l = Level{}
		return nil
	}
	if t, ok := ParseTitleLevel(s); ok {
		*l = Level{Title: t}
		return nil
	}
	if k, ok := ParseSkillLevel(s); ok {
		*l = Level{Skill: k}
		return nil
	}
	return Errorf(EInvalid, "%q 不是职称等级或职业技能等级", s)
}
