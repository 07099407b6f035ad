package printset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
)

// PrintRequest is req as the print shop needs it: print-ready PDF only.
func PrintRequest(req *request.Request) *request.Request {
	r := *req
	r.Formats = []string{string(vocab.PDF)}
	r.Print = true
	return &r
}

// Paper is the request's paper, defaulting as the resolver does.
func Paper(req *request.Request) vocab.Paper {
	if p, ok := vocab.ParsePaper(req.Paper); ok {
		return p
	}
	return vocab.A4
}

// FileName names one print file for people: municipality, topic, the
// language's Swedish name and the paper, "Falkenberg_vald_arabiska_A4.pdf".
func FileName(municipality string, topic vocab.TopicID, langSwedish string, paper vocab.Paper) string {
	return ASCII(municipality) + "_" + ASCII(string(topic)) + "_" + ASCII(strings.ToLower(langSwedish)) + "_" +
		strings.ToUpper(string(paper)) + ".pdf"
}

// BundleName names the ZIP of an order's print files.
func BundleName(municipality, date string) string {
	return ASCII(municipality) + "_tryckfiler_" + date + ".zip"
}

// ASCII transliterates s for a file name: diacritics dropped, every run
// of other characters one "-", never empty.
func ASCII(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		default:
			if t, ok := translit[r]; ok {
				b.WriteString(t)
				dash = false
			} else if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "x"
	}
	return out
}

// translit covers the letters NFD does not decompose.
var translit = map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "Ae", 'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D", 'ł': "l", 'Ł': "L", 'ı': "i"}

// Fingerprint is a SHA-256 of what a leaflet prints: its text, contacts,
// review state, paper and logo size, but not the date it was made on.
func Fingerprint(doc *document.Document) string {
	d := *doc
	d.Meta = document.Meta{}
	b, err := json.Marshal(&d)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
