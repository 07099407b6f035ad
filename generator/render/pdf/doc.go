// Package pdf writes composed leaflets as PDF files. It is the only user
// of fpdf (codeberg.org/go-pdf/fpdf), which cannot shape text: layout
// (generator/layout) shapes and positions every glyph, compose
// (generator/compose) places the lines, and this package draws the glyphs
// through fpdf's public API.
//
// # Glyphs through a rune-based API
//
// fpdf draws runes, mapped through the first format 4 cmap subtable of a
// font. At start-up New gives every face of the set an in-memory copy in
// which each glyph without a BMP code point (contextual forms, ligatures,
// mark variants) has a Private Use Area code point from U+E000 upward: one
// merged format 4 subtable that both the (0,3) and the (3,1) records point
// at, table checksums and head.checkSumAdjustment recomputed, DSIG dropped
// (see sfnt.go and pua.go). Each copy is loaded once into a throw-away
// fpdf instance, because fpdf reports some parse errors only by printing.
//
// A glyph is drawn with the cluster's own character where the font maps
// that character to it, else with its own code point. Consecutive glyphs
// go into one Text call while fpdf's advance (the glyph's width in the
// PDF) puts the next one within 0.01 pt of where the shaper placed it.
//
// # Text layer
//
// fpdf writes an identity ToUnicode map, so a glyph drawn with a private
// use code point would copy as that code point. A cluster whose drawn
// codes are not its own characters is wrapped in marked content,
// "/Span <</ActualText <FEFF…>>> BDC … EMC", carrying its logical text.
//
// # Digital and print
//
// Digital output is trim size with clickable tel:, mailto: and https:
// links. Print output (Document.Print) puts the trim box on a larger
// medium: backgrounds that touch the trim edge run 3 mm into the bleed,
// crop marks in the registration colour lie outside the bleed, and
// TrimBox and BleedBox are set. Both kinds embed subset fonts named with a
// subset tag ("ABCDEF+NotoSans-Regular", derived from the glyphs used),
// carry an sRGB output intent (the ICC's sRGB2014.icc), title, author,
// subject, creator, /Lang, and a fixed date from Document.Meta.Generated,
// so the same document gives the same bytes.
//
//	r, err := pdf.New(set, engine) // once per process
//	data, err := r.Render(doc)     // safe for concurrent use
package pdf
