// Package compose lays a resolved document out on pages: the leaflet's
// design and its pagination. Its output is pure data, lines of positioned
// glyphs (from generator/layout) and filled boxes in points on the trim
// box, which a renderer draws (generator/render/pdf).
//
// # Design
//
// The first page opens with a brand-coloured band that carries the
// municipality's name and the title and runs into the bleed; the pages
// after it have a thin strip of the same colour. Every page ends with the
// footer lines on a tinted band. In between flow the blocks: headings,
// paragraphs, bulleted lists (the bullet on the start side), the notice (a
// tinted box with an accent bar on the start side), and contact cards
// (role label, local name, description, phone numbers large and bold,
// hours, e-mail, web, address, notes), two to a row on A4 and A5 in
// every script. On A5 a column is 59 mm wide and holds about 26–29
// characters of card text (measured on vald_sv and vald_ar), a newspaper
// column's measure. Readers get the cards' order from the tagged PDF's
// structure tree, not from the positions a text extractor guesses
// reading order from. A phone number, e-mail address or URL that does not
// fit its column is set smaller (never below 60 %), as such stretches are
// never broken.
// Right-to-left documents mirror: text aligns right, bullets and accent
// bars stand on the right, the first card of a row is the right one.
//
// Sizes, margins and spacing come per paper size (A4, A5); text in
// Arabic script, Hebrew, Thai and Ethiopic is set larger and with more
// leading than Latin and Cyrillic (design.go).
//
// # Pagination
//
// Content is cut into slices, one per line (a row of cards is one slice),
// that never break. A heading is kept with the first lines of what
// follows; the first two and last two lines of a paragraph stay together;
// a card or notice is moved whole to the next page when it does not fit,
// and is broken between its lines only when it is taller than a page.
// Line boxes include the line's ascent and descent, so no two lines
// overlap and nothing is clipped.
//
// # Proof sheets
//
// Proof lays out rows of (label, text, language) on A4 pages, each text
// set exactly as a leaflet paragraph of its language: for translators
// checking strings, and for tests against HarfBuzz.
//
// # Errors
//
// Layout errors come back naming the language and the block's message
// IDs; a .notdef glyph in a line is a *MissingGlyphError.
//
//	l, err := compose.Compose(doc, engine) // engine: *layout.Engine
//	for _, page := range l.Pages {
//		for _, line := range page.Lines { … }
//	}
package compose
