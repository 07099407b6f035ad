package layout

import (
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// Style is how a paragraph is set.
type Style struct {
	Size    float64 // font size in points
	Leading float64 // line advance as a multiple of Size; 0 means the script's default
	Bold    bool
}

// Paragraph is one paragraph of logical text to set.
type Paragraph struct {
	// Text in logical order. Left-to-right islands (phone numbers, e-mail
	// addresses, URLs) arrive wrapped in LRI … PDI (U+2066 … U+2069) and
	// are not broken across lines, except an island that is a Link to
	// https:, http: or mailto:: a web address may break after / . - ? &
	// (never inside its scheme and //), an e-mail address after @ . -,
	// and either between graphemes when a stretch is still wider than the
	// frame. A phone number never breaks.
	Text  string
	Lang  string          // BCP 47 tag: shaping language, Thai dictionary
	Dir   vocab.Direction // base direction of the paragraph
	Font  string          // the language's primary font family; other scripts fall back per run
	Style Style
	Links []Link // byte ranges of Text that link somewhere
}

// Link marks Text[Start:End] as a link to Href ("tel:+46…", "mailto:…", "https://…").
type Link struct {
	Start, End int
	Href       string
}

// Line is one laid-out line. Coordinates are in points; X grows to the
// right, Y grows downwards from the line's baseline.
type Line struct {
	Width   float64         // advance width of the content
	Ascent  float64         // above the baseline (positive)
	Descent float64         // below the baseline (positive)
	Height  float64         // distance to the next line's baseline
	Dir     vocab.Direction // the paragraph's base direction, for alignment
	Runs    []Run           // in visual order, left to right

	// Start and End are the byte range of Paragraph.Text the line holds,
	// trailing spaces and controls included (they are not drawn).
	Start, End int
}

// Run is a sequence of glyphs from one face at one size, in visual order.
type Run struct {
	Face  *fonts.Face
	Size  float64
	X     float64 // left edge of the run, from the line's left edge
	Level int     // bidi embedding level (odd: right to left)
	Href  string  // link target, if the run is inside a Link
	// Text holds the logical text of the run's clusters, which its
	// glyphs name by offset (see TextOf): one string for the run, so
	// that a glyph holds no pointer.
	Text   string
	Glyphs []Glyph
}

// TextOf returns the logical text of the cluster g starts, for the PDF
// text layer (ActualText): bidi controls left out; empty on the other
// glyphs of a cluster. g is one of r's glyphs.
func (r *Run) TextOf(g Glyph) string { return r.Text[g.TextStart:g.TextEnd] }

// Glyph is one positioned glyph. It holds no pointer, so that the
// glyphs of many set paragraphs cost the garbage collector nothing to
// scan, in 40 bytes.
type Glyph struct {
	ID uint16 // glyph index in Face
	// TextStart and TextEnd are the byte range of its run's Text that is
	// the logical text of the cluster this glyph starts (see TextOf).
	TextStart, TextEnd int32
	// Cluster is the byte offset in Paragraph.Text of the first character
	// of the glyph's cluster: the glyphs of one cluster share it and are
	// adjacent in a run.
	Cluster int32
	X, Y    float64 // where to draw it: from the run's left edge, and below the baseline (GPOS offsets applied)
	Advance float64
}
