package certificate

// Document is a certificate as issued: everything the printed page and the PDF show, in the
// order they show it. The service fills it (service.CertificateDocument); the page
// (templates/certificate.html) and WritePDF lay out the same Document, so that the two
// cannot disagree.
type Document struct {
	Heading    string // 职称证书, 职业技能等级证书
	Number     string
	Name       string
	Sex        string // 男, 女: from the ID number (SexOf); "" when it does not say
	IDNumber   string // in full: the certificate is printed for its holder
	Rows       []Row  // what is certified: 系列, 专业, 资格名称, 级别, 评审委员会, 批准文号; or 职业（工种）, 等级, 评价机构
	Department string // the issuing department (发证单位)
	IssuedOn   string // YYYY-MM-DD
	VerifyURL  string // what the QR code holds, printed under it
	Status     string // 有效, 已撤销, 已发证，尚未上网
	RevokedOn  string // the day, once revoked
	Photo      []byte // the holder's JPEG; nil when there is none
}

// Row is one line of a certificate: a label and its value.
type Row struct {
	Label, Value string
}

// SexOf reads the sex from a mainland resident ID number: the 17th character is odd for a
// man and even for a woman (GB 11643). Anything else says nothing: "".
func SexOf(id string) string {
	if len(id) != 18 || id[16] < '0' || id[16] > '9' {
		return ""
	}
	if (id[16]-'0')%2 == 1 {
		return "男"
	}
	return "女"
}
