package orders

import (
	"bytes"
	"regexp"
	"strconv"
	"sync"
)

// PrintFacts are what an order sheet says about a PDF, read from the
// file itself rather than from what was asked for.
type PrintFacts struct {
	Pages   int
	BleedMM float64 // how far the first page's BleedBox reaches past its TrimBox; 0 without one
	PDFX    string  // the declared GTS_PDFXVersion ("PDF/X-1a:2003"), "" for none
}

// printFactPatterns are compiled when ReadPrintFacts is first called, not
// at start-up (every command links this package).
var printFactPatterns = sync.OnceValue(func() (p struct{ pageObj, trimBox, bleedBox, pdfxVer *regexp.Regexp }) {
	p.pageObj = regexp.MustCompile(`/Type\s*/Page[^s]`)
	p.trimBox = regexp.MustCompile(`/TrimBox\s*\[\s*([-\d.]+)\s+([-\d.]+)`)
	p.bleedBox = regexp.MustCompile(`/BleedBox\s*\[\s*([-\d.]+)\s+([-\d.]+)`)
	p.pdfxVer = regexp.MustCompile(`/GTS_PDFXVersion\s*\(([^)]{1,40})\)`)
	return p
})

// ReadPrintFacts reads a PDF whose page objects are not compressed into
// object streams (the renderer writes none). Whatever it cannot find is
// left zero; it never fails on odd input.
func ReadPrintFacts(pdf []byte) PrintFacts {
	var f PrintFacts
	re := printFactPatterns()
	f.Pages = len(re.pageObj.FindAllIndex(pdf, -1))
	t, b := re.trimBox.FindSubmatch(pdf), re.bleedBox.FindSubmatch(pdf)
	if t != nil && b != nil {
		tx, err1 := strconv.ParseFloat(string(t[1]), 64)
		bx, err2 := strconv.ParseFloat(string(b[1]), 64)
		if err1 == nil && err2 == nil && tx > bx {
			f.BleedMM = float64(int((tx-bx)*25.4/72*10+0.5)) / 10
		}
	}
	if m := re.pdfxVer.FindSubmatch(pdf); m != nil {
		f.PDFX = string(bytes.TrimSpace(m[1]))
	}
	return f
}
