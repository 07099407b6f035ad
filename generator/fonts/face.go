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
	NumGlyphs  int
}
