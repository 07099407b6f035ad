// Package pdf writes composed leaflets as PDF files. It is the only user
// of fpdf (codeberg.org/go-pdf/fpdf), which cannot shape text: layout
// (generator/layout) shapes and positions every glyph, compose
// (generator/compose) places the lines, and this package draws them.
//
// # Glyphs and fonts
//
// fpdf draws pages, boxes, links, page boxes, metadata and the output
// intent. Text it cannot draw: its fonts are reached by rune through the
// first format 4 cmap subtable, so contextual forms, ligatures and mark
// variants have no way in, and embedding one font through it costs 3 to 4
// ms (it re-parses the font and JSON-encodes a 65,536-entry width table
// for every document). The renderer therefore writes text itself: each
// line is a text object of its own in the page's content stream (written
// beside fpdf's page, which holds a marker for it: content.go), with
// glyphs addressed by CID, and after fpdf has
// written the file the fonts are added to it (post.go): for each face a
// TrueType subset of the glyphs drawn, numbered in order of use
// (subset.go), a /W array of their CIDs' advances, a ToUnicode map and,
// when a glyph has several CIDs, a CIDToGIDMap. An earlier version gave
// glyphs private-use code points in a copy of each font so fpdf could
// draw them; took 18 ms (Swedish) and 21 ms (Arabic) per A4 leaflet,
// most of it in fpdf's font handling, and PDFs a third larger.
//
// Consecutive glyphs share one string while the PDF's own advance (the
// glyph's /W width) puts the next one within 0.01 pt of where the shaper
// placed it.
//
// # Text layer
//
// pdf.js and poppler's structure text (pdfinfo -struct-text) take a
// tagged file's text from the glyphs alone, in the order they are drawn,
// through the ToUnicode map; neither reads ActualText. So a CID stands
// for a glyph with the text it has in that place (fontobj.go): a
// contextual Arabic form copies as its letter, a ligature as its letters,
// and a cluster of several glyphs (a base and its marks) as its text on
// the glyph drawn first, the others on CIDs with an empty ToUnicode
// entry, numbered as invisible format characters (U+200B and the like),
// which is what pdf.js reads for an empty entry and then drops. Several
// CIDs may share a glyph, through the CIDToGIDMap.
//
// Glyphs are drawn in logical order: left-to-right text as it stands, a
// stretch of right-to-left text from its first character, the rightmost,
// each glyph moved to where the visual order puts it by the TJ array's
// adjustments (draw.go, drawReversed; the start of each string exactly,
// the rest within 10⁻⁶ pt). Readers that keep the drawing order (poppler's
// structure text) and readers that apply bidi to each stretch they
// gather (pdf.js, which then gets one glyph at a time) both read logical
// text; pdftotext, which orders characters by position, reads as it did
// from visual order. A right-to-left glyph without advance that copies as
// text (the alef of a lam-alef, a ZERO WIDTH NON-JOINER) gets a CID with
// a /W width of -0.001 em, so that pdftotext, which would give a
// character of no width a line of its own, places it just left of the
// glyph before it. A right-to-left cluster of several glyphs also carries
// its text as ActualText in a marked-content sequence of its own, for
// pdftotext, which reads a base and its marks the wrong way round
// without it. Its characters are spread over its glyphs, one each, with
// blanks (no ink) added where there are fewer glyphs than characters,
// and the glyphs that carry text alternate between two resource names of
// the same font (draw.go, splitRTL): pdf.js runs its bidi over each text
// item it gathers, which would turn a base and its marks round, and ends
// an item at each font change, so it gets one character per item and
// reads the cluster as written; poppler reads the same characters in
// drawing order, and nothing drawn changes.
// Spaces are drawn (the font's space glyph, no ink) so that readers that
// take text from the structure tree find word gaps. Right-to-left text
// carries no marks that steer one extractor (an earlier version added
// RIGHT-TO-LEFT MARKs for poppler, which ended up in copied text).
//
// # Tagged PDF (PDF/UA-1)
//
// The digital file is tagged (tag.go): a structure tree built from the
// document's blocks in their logical order, never from positions on the
// page (H1, H2, P, L › LI › Lbl + LBody, the notice as Notice role-mapped
// to Div, a Div of contact cards each a Sect headed by its label, Link
// elements tied to their annotations, which carry /Contents such as "Ring
// 020-50 50 50", the logo a Figure with /Alt); a Span with /Lang for text
// in another language than its element (document.Span.Lang, compose's
// Line.Langs). compose tags every line with its block, part and item;
// each line is drawn as marked-content sequences, one per run of one
// direction, language and link (and one per right-to-left cluster with
// ActualText, never nested: poppler's structure text drops what follows
// a nested one),
// each with an MCID that its element owns. Bands, card and notice
// backgrounds and the footer after the first page are artifacts. The
// catalog gets /MarkInfo, /StructTreeRoot with a ParentTree, /Lang,
// /ViewerPreferences /DisplayDocTitle, and XMP (xmp.go) with dc:title,
// dc:language and pdfuaid:part 1; every page /Tabs /S. The print file is
// not tagged. The tests check every leaflet against the Matterhorn
// Protocol's machine-decidable conditions (pdfua_test.go).
//
// # Digital and print
//
// One layout, two renditions. Digital output is trim size with clickable
// tel:, mailto: and https: links, every colour in DeviceRGB (the design's
// sRGB rendition, compose/design.go), PDF 1.5 and an sRGB output intent
// (the ICC's sRGB2014.icc). Print output (Document.Print) is PDF/X-1a:2003
// (pdfx.go): the trim box on a larger medium, backgrounds that touch the
// trim edge running 3 mm into the bleed, crop marks in the registration
// colour outside the bleed, TrimBox and BleedBox; every colour in
// DeviceCMYK (the design's CMYK rendition: black text 100 % K), the logo
// converted to CMYK on white (image.go), no transparency, PDF 1.4, a
// GTS_PDFX output intent for the registered condition FOGRA39 without an
// embedded profile, GTS_PDFXVersion and Trapped /False in the document
// information and the XMP metadata. The colour operators are chosen in
// one place (colour.go); boxes and discs are drawn with the renderer's
// own operators, since fpdf has no CMYK fill.
//
// Both kinds embed subset fonts named with a subset tag
// ("ABCDEF+NotoSans-Regular", derived from the glyphs used), carry XMP
// metadata (xmp.go), title, author, subject, creator, /Lang, a fixed date
// from Document.Meta.Generated and a file identifier computed from the
// content, so the same document gives the same bytes.
//
//	r, err := pdf.New(set, engine) // once per process
//	data, err := r.Render(doc)     // safe for concurrent use
package pdf
