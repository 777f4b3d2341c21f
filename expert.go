package guantong

import "time"

// Expert is one expert of the expert pool (专家库): who they are, where they work (the same
// employer as an applicant is a conflict of interest), whether they are a skilled expert
// (三(一)6), and the login with which they score and vote.
type Expert struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	EmployerID int64      `json:"employer_id"`
	Series     string     `json:"series,omitempty"`
	Specialty  string     `json:"specialty,omitempty"`
	Title      TitleLevel `json:"title_level"`
	Skill      SkillLevel `json:"skill_level"`
	Skilled    bool       `json:"skilled"`
	UserID     int64      `json:"user_id,omitempty"`
	Active     bool       `json:"active"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Member is an expert sitting on a committee, with their role there.
type Member struct {
	Expert
	Role        string `json:"role"`         // CommitteeChair, CommitteeViceChair or CommitteeMember
	AppointedOn Date   `json:"appointed_on"` // the term of office runs from this day (data/regulation.json term_years)
}

// The roles of a committee member.
const (
	CommitteeChair     = "chair"      // 主任委员
	CommitteeViceChair = "vice_chair" // 副主任委员
	CommitteeMember    = "member"     // 委员
)

// Achievement is one skill contribution put forward as evidence (三(一)3): its type, what it
// is, and the file that proves it. The committee's rules give each type its points.
type Achievement struct {
	Type   string `json:"type"`    // one of committee.AchievementTypes
	Title  string `json:"title"`   // 名称: the award, method, project, standard…
	Date   Date   `json:"date"`    // when it was won, published or completed
	Level  string `json:"level"`   // 国家级, 省级, 市级, 企业级… where it applies
	Role   string `json:"role"`    // the applicant's part: 主持, 参与, 第一完成人…
	FileID int64  `json:"file_id"` // the evidence (File); 0 when none yet
}

// AchievementRecord is an achievement as recorded on an application.
type AchievementRecord struct {
	ID            int64 `json:"id"`
	ApplicationID int64 `json:"application_id"`
	Achievement
}
