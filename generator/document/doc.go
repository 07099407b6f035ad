// Package document is the resolved leaflet: pure data, the seam between the
// content stages (request, catalog, resolve) and the renderers (HTML, PDF).
//
// A Document is everything a renderer needs and nothing it must look up:
// every string is final, in the document's language, with placeholders
// filled, opening hours written out, and every phone number, e-mail address
// and URL marked as a left-to-right island.
//
// # Left-to-right islands
//
// By the Unicode bidi algorithm, "020-50 50 50" inside Arabic text displays
// as "50 50 50-020": correct by the rules, wrong for a reader who dials it.
// Text is therefore a sequence of Spans; a span of kind Phone, Email or URL
// must be shown as an isolated left-to-right run (HTML: <bdi dir="ltr">; PDF
// layout: LRI … PDI, U+2066 … U+2069) and never broken across lines. Phone
// display text has its spaces turned into no-break spaces, so that the digit
// groups stay together even in a renderer that ignores NoBreak.
//
//	for _, b := range doc.Blocks {
//		switch b.Kind {
//		case document.Heading: …
//		}
//	}
package document
