package guantong

// Request is a validated check document: a person and the date on which to judge them.
// The decoder in internal/document builds it from JSON and refuses malformed input, so the
// engine can trust every field.
type Request struct {
	AsOf   Date // zero: the caller decides (the command line uses today in Asia/Shanghai)
	Person Person
}

// Person is what the engine knows of one applicant.
type Person struct {
	Name        string
	IDType      string // one of IDTypes; "" means 居民身份证
	IDNumber    string // checked by IDType (IDNumberProblem), or ""
	Employer    Employer
	Skills      []Skill
	Titles      []Title
	Assessments []Assessment
	Work        []WorkPeriod // empty: continuous technical-skill work is assumed
	Awards      []Award
	Education   []Education
	Targets     []Target // occupations of the current post for a skill evaluation (the reverse route)
}

// Target is an occupation in which a title holder asks for a skill evaluation (三(二)2): the
// occupation of the current post, as the employer confirms it.
type Target struct {
	OccupationCode string
	Item           string // a sub-item of the occupation (社会体育指导员: 游泳、滑雪、潜水、攀岩 …)
	Classification string // "2015", "2022" or "" (decided by the name, else 2015)
	Direct         string // 优秀人才直接申报 (三(二)3): the basis declared, or ""
}

// Identity document types (person.id_type).
const (
	IDResident         = "居民身份证"
	IDHongKongMacao    = "港澳居民居住证"
	IDTaiwan           = "台湾居民居住证"
	IDForeignPermanent = "外国人永久居留身份证"
	IDPassport         = "护照"
	IDOther            = "其他"
)

// IDTypes lists the accepted identity document types, the default first.
var IDTypes = []string{IDResident, IDHongKongMacao, IDTaiwan, IDForeignPermanent, IDPassport, IDOther}

// Employer kinds, as the contract lists them.
const (
	KindEnterprise = "企业"
	KindInstitute  = "事业单位"
	KindOrgan      = "机关"
	KindTechSchool = "技工院校"
	KindOther      = "其他"
)

// EmployerKinds lists the accepted employer kinds.
var EmployerKinds = []string{KindEnterprise, KindInstitute, KindOrgan, KindTechSchool, KindOther}

// Employer is the person's current employer.
type Employer struct {
	Name           string
	Kind           string // one of EmployerKinds, or "" when not given
	SelfEvaluation bool   // approved for its own skill evaluation (技能人才自主评价企业)
}

// Skill is a vocational qualification or skill-level certificate.
type Skill struct {
	OccupationCode string
	Occupation     string // the name as written on the certificate; the code decides
	Level          SkillLevel
	Obtained       Date
	CertificateNo  string
	Classification string // "2015", "2022" or "": the edition of OccupationCode
}

// Title is a professional title already held.
type Title struct {
	Series    string
	Specialty string
	Level     TitleLevel
	Obtained  Date
}

// Assessment is one year's annual assessment (年度考核).
type Assessment struct {
	Year   int
	Result string // a grade: which pass and which do not is policy data (AssessmentResults)
}

// AssessmentResults lists the grades of the check contract, the passing ones first: forms
// offer them. The policy file says which pass; it may add an employer's own.
var AssessmentResults = []string{"优秀", "良好", "称职", "合格", "基本称职", "基本合格", "不称职", "不合格", "未考核"}

// WorkPeriod is a period of technical-skill work, both ends inclusive; a zero To means
// ongoing.
type WorkPeriod struct {
	From Date
	To   Date
}

// Award is an honour that may open the green channel (三(一)4).
type Award struct {
	Name           string
	Year           int
	OccupationCode string // the occupation in which it was won (相应评委会), or ""
}

// Education is a diploma; RelatedCodes are the occupations its major is related to, which
// exempt a theory exam (三(二)3).
type Education struct {
	Level        string
	Major        string
	RelatedCodes []string
}
