package fonts

// Face is one font file of the set. Data is the file exactly as shipped;
// renderers that must alter the font (the PDF renderer's private-use cmap)
// work on a copy.
type Face struct {
	Family     string // "NotoSans", "NotoNaskhArabic", …
	Bold       bool
	PSName     string // PostScript name from the name table, e.g. "NotoSans-Regular"
	File       string // file name in the fonts FS
	Data       []byte // the TrueType file
	UnitsPerEm int
	Ascender   int // hhea/OS2 typographic ascender, font units (positive)
	Descender  int // font units (negative)
	// XHeight is the height of the script's short letters above the
	// baseline, font units: the Latin x-height ("x", "o", "n"), and for
	// other scripts the same measure of letters without ascenders
	// (Arabic ب د ح ه: tooth and bowl, no marks above; Hebrew א ה ם ש, Thai อ า ม น, Ethiopic ሀ ለ መ ሰ): the
	// median of their ink tops. Text in two scripts reads at about the
	// same size when their sizes are in the inverse ratio of their
	// x-heights per em. 0 for a face without letters (symbols).
	XHeight   int
	NumGlyphs int
}
