// Package svg draws composed leaflets as SVG pages: the pages the PDF
// renderer (generator/render/pdf) draws, for the form's preview, which
// shows them as images in every browser (a browser's PDF viewer draws
// nothing in headless Chromium, and none runs in a sandboxed frame).
//
// It draws what the PDF renderer draws, from the same composition
// (generator/compose, on the PDF renderer's layout and font set): the
// same boxes in the same order (bands, cards, notices, accent bars,
// bullets as discs, QR modules, the logo's panel), the logo inside its
// panel as a data: URI, and every line's glyphs by their glyph IDs at
// the positions layout gave them, in the design's sRGB colours (the
// digital PDF's; a print file's CMYK has no place on a screen). Glyph
// shapes are the outlines of the same embedded Noto faces
// (fonts.Set.Outlines): each glyph a page uses is a <path> in <defs>,
// once, in font units, and every occurrence a <use> of it inside a
// group scaled to the run's size. Clusters of only bidi controls are not
// drawn, as in the PDF. A page is trim size (no bleed, no crop marks),
// on white.
//
// A page carries its leaflet's title and page number as <title>, and the
// page's text, line by line in logical order, as <desc>, in the
// leaflet's language and direction. It holds no script, no style sheet,
// no link and no reference outside itself: shown with <img> it runs and
// fetches nothing.
//
// TestPagesMatchPDF rasterises each page of both with pdftoppm and
// rsvg-convert and counts the pixels that agree (package svgtest); the
// web package's browser test does the same with Chromium's drawing. A
// page is 40–110 KB (Latin the least, Arabic and Ethiopic the most: their
// outlines), about a quarter of that gzipped. BenchmarkPreview gives the
// cost beside the PDF's.
//
//	r, err := svg.New(pdfRenderer.Fonts(), pdfRenderer.Setter(), pdfRenderer.Memo()) // once per process
//	pages, err := r.RenderPages(doc)                              // one SVG document per page
package svg
