package pdf

import (
	"bytes"
	"strconv"
)

// The print file is PDF/X-1a:2003 (ISO 15930-4): every colour DeviceCMYK
// (or the registration colour of the crop marks, a Separation with a CMYK
// alternate), fonts embedded, no transparency, PDF 1.4, a trim box on
// every page, and an output intent naming the printing condition.
//
// The condition is Coated FOGRA39 (ISO 12647-2:2004), which is registered
// in the ICC's characterisation registry: a registered condition lets a
// PDF/X-1a file leave out the ICC profile (DestOutputProfile), and this
// one does. No FOGRA39 ICC profile is packaged in Debian main
// (icc-profiles-free ships only Fogra's measurement data, FOGRA39L.ti3,
// which design.go's sRGB renditions are computed from), and the widely
// used ones (ECI's ISOcoated_v2, Adobe's CoatedFOGRA39) may not be
// redistributed under a free licence. A print shop's preflight then
// uses its own FOGRA39 profile for the named condition.
//
// PDF/X-4 would also be acceptable, but it requires the profile to be
// embedded (or referenced, X-4p), so X-1a is the version that can be met
// without one.

// PDF/X identification.
const (
	// PDFX1a is the GTS_PDFXVersion the print file claims.
	PDFX1a = "PDF/X-1a:2003"
	// PrintCondition is the registered printing condition the print file
	// is made for: its OutputCondition and OutputConditionIdentifier.
	PrintCondition   = "Coated FOGRA39 (ISO 12647-2:2004)"
	PrintConditionID = "FOGRA39"
)

// fogra39Intent is the print file's output intent: GTS_PDFX for the
// registered condition, without a profile.
const fogra39Intent = "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (" + PrintConditionID +
	") /RegistryName (http://www.color.org) /OutputCondition (Coated FOGRA39 \\(ISO 12647-2:2004\\)) /Info (Coated FOGRA39 \\(ISO 12647-2:2004\\))>>]\n"

// srgbIntent is the digital file's output intent, sRGB, with the profile
// as object %d.
const srgbIntent = "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>]\n"

// pdfxInfo is what the print file's document information adds to fpdf's
// (title, dates, …): its PDF/X version, and that it has not been trapped.
const pdfxInfo = "/GTS_PDFXVersion (" + PDFX1a + ")\n/Trapped /False\n"

// Describe says what a file the renderer wrote holds: its page count and,
// for a print file, the PDF/X version and printing condition. It
// implements build.Describer.
//
// It reads them as a reader would, from the cross-reference table: the
// trailer's /Root and /Info, the catalog's /Pages, that object's /Count,
// and whether the document information claims PDF/X. That reads a few
// hundred bytes, where looking through the whole file cost 1.3 % of the
// CPU of all 180 leaflets; a file whose table does not lead there is
// looked through (describeScan).
func (r *Renderer) Describe(data []byte) (pages int, pdfx, condition string) {
	pages, claims, ok := describeXref(data)
	if !ok {
		pages, claims = describeScan(data)
	}
	if claims {
		return pages, PDFX1a, PrintCondition
	}
	return pages, "", ""
}

// describeScan counts the page objects, which are never compressed, and
// looks for the print file's document information anywhere in data.
func describeScan(data []byte) (pages int, pdfx bool) {
	return bytes.Count(data, []byte("/Type /Page\n")), bytes.Contains(data, []byte(pdfxInfo))
}

// describeXref reads the page count and the PDF/X claim of a file as
// finish writes it, through its cross-reference table (readXref); ok is
// false when anything is not where the table says.
func describeXref(data []byte) (pages int, pdfx, ok bool) {
	_, offsets, trailer, err := readXref(data)
	if err != nil {
		return 0, false, false
	}
	// object returns object i's text, from "i 0 obj" to its "endobj".
	object := func(i int, ok bool) ([]byte, bool) {
		if !ok || i <= 0 || i >= len(offsets) {
			return nil, false
		}
		obj, ok := bytes.CutPrefix(data[offsets[i]:], []byte(strconv.Itoa(i)+" 0 obj\n"))
		end := bytes.Index(obj, []byte("endobj"))
		if !ok || end < 0 {
			return nil, false
		}
		return obj[:end], true
	}
	catalog, ok1 := object(entry(trailer, "/Root "))
	info, ok2 := object(entry(trailer, "/Info "))
	if !ok1 || !ok2 {
		return 0, false, false
	}
	tree, ok := object(entry(catalog, "/Pages "))
	if !ok {
		return 0, false, false
	}
	count, ok := entry(tree, "/Count ")
	return count, bytes.Contains(info, []byte(pdfxInfo)), ok
}

// entry reads the number after the first key in b ("/Root " → 13).
func entry(b []byte, key string) (int, bool) {
	at := bytes.Index(b, []byte(key))
	if at < 0 {
		return 0, false
	}
	return leadingInt(b[at+len(key):])
}

// leadingInt reads the decimal digits b begins with.
func leadingInt(b []byte) (int, bool) {
	n, digits := 0, 0
	for _, c := range b {
		if c < '0' || c > '9' || digits == 18 {
			break
		}
		n = n*10 + int(c-'0')
		digits++
	}
	return n, digits > 0
}
