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
// line is a text object of its own in the page's content stream (through
// fpdf's RawWriteStr), with glyphs addressed by CID, and after fpdf has
// written the file the fonts are added to it (post.go): for each face a
// TrueType subset of the glyphs drawn, numbered in order of use
// (CIDToGIDMap /Identity, subset.go), a /W array of their advances, and a
// ToUnicode map; the resource dictionary gains the font entries and the
// cross-reference table is written anew. An earlier version gave glyphs
// private-use code points in a copy of each font so fpdf could draw them;
// took 18 ms (Swedish) and 21 ms (Arabic) per A4 leaflet, most of it in
// fpdf's font handling, and PDFs a third larger.
//
// Consecutive glyphs share one string while the PDF's own advance (the
// glyph's /W width) puts the next one within 0.01 pt of where the shaper
// placed it.
//
// # Text layer
//
// Each glyph's ToUnicode text is the text of the first cluster it forms
// alone in the leaflet: a contextual Arabic form copies as its letter, a
// ligature as its letters. A cluster whose glyph the map gives another
// text, and every cluster of several glyphs (a base and its marks),
// carries its logical text as ActualText; segments (draw.go) says how.
// Spaces are drawn (the font's space glyph, no ink) so that readers that
// take text from the structure tree find word gaps. Glyphs are drawn in
// visual order, as other PDF producers do; right-to-left text carries no
// marks that steer one extractor (an earlier version added RIGHT-TO-LEFT
// MARKs for poppler, which ended up in copied text).
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
// direction, language and link (and one per ActualText cluster, never
// nested: poppler's structure text drops what follows a nested one),
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
