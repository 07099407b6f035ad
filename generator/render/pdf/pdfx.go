package pdf

import "bytes"

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

// Describe says what a file the renderer wrote holds: its page count (the
// page objects, which are never compressed) and, for a print file, the
// PDF/X version and printing condition. It implements build.Describer.
func (r *Renderer) Describe(data []byte) (pages int, pdfx, condition string) {
	pages = bytes.Count(data, []byte("/Type /Page\n"))
	if bytes.Contains(data, []byte(pdfxInfo)) {
		return pages, PDFX1a, PrintCondition
	}
	return pages, "", ""
}
