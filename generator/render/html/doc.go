// Package html renders a resolved document as one standalone, accessible
// HTML file: <html lang dir>, semantic headings, lists and cards, print CSS
// for A4 or A5, readable on a phone.
//
// # Nothing from another host
//
// The stylesheet is inlined and no web font, script or image is referenced,
// so a leaflet opens offline and tells no other host that it was read (a
// person at risk may read it on a watched device). The only absolute URLs
// in a leaflet are the municipality's own links and tel:/mailto: links.
//
// # Left-to-right islands
//
// Phone numbers, e-mail addresses and URLs are wrapped in <bdi dir="ltr">
// with white-space: nowrap, so that "020-50 50 50" reads left to right and
// whole inside Arabic text.
//
//	r, err := html.New(templates.FS())
//	page, err := r.Render(doc)
package html
