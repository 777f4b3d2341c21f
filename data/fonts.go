package data

import _ "embed"

// CertificateFont is fonts/gbsn00lp.ttf (AR PL SungtiL GB, Arphic Public License in
// fonts/ARPHICPL.TXT): the single-file Chinese TrueType font the certificates' PDF embeds.
//
//go:embed fonts/gbsn00lp.ttf
var CertificateFont []byte
