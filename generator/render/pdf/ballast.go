package pdf

import (
	"strings"

	"golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/vocab"
)

// ballast steers poppler's reading direction on pages with right-to-left
// lines that hold more left-to-right letters than right-to-left ones.
//
// poppler (pdftotext, Evince, Okular, search indexers) decides the reading
// direction of a whole page by a vote of its characters. The contact page
// of an Arabic or Yiddish leaflet can be mostly Latin: local names,
// addresses, e-mail and web addresses. poppler then reads every Arabic
// line on it as left-to-right text and cuts it apart at each number ("من
// 08:00 إلى 16:30"). On such a page a blank glyph (no ink, no advance) at
// the top of the trim box carries an ActualText of RIGHT-TO-LEFT MARKs
// that tips the vote; other readers copy them as invisible marks. Read
// right to left, poppler still gives left-to-right lines whole.
func (d *drawer) ballast(pg compose.Page) {
	var ltr, rtl int
	hasRTL := false
	for _, ln := range pg.Lines {
		hasRTL = hasRTL || ln.Line.Dir == vocab.RTL
		for _, run := range ln.Line.Runs {
			for _, g := range run.Glyphs {
				for _, r := range g.Text {
					p, _ := bidi.LookupRune(r)
					switch p.Class() {
					case bidi.L:
						ltr++
					case bidi.R, bidi.AL:
						rtl++
					}
				}
			}
		}
	}
	if !hasRTL || ltr < rtl {
		return
	}
	var fd *faceData
	for _, u := range d.used() {
		if u.fd.blank != 0 {
			fd = u.fd
			break
		}
	}
	if fd == nil {
		return
	}
	u := d.use(fd)
	b := append(d.buf[:0], "q BT /"...)
	b = append(b, u.resource()...)
	b = append(b, " 1 Tf\n/Span <</ActualText "...)
	b = append(b, actualText(strings.Repeat("\u200f", ltr-rtl+1))...)
	b = append(b, ">> BDC\n"...)
	b = d.draw(b, u, 1, d.geo.ox+d.geo.trimW/2, d.geo.oy+1, []drawGlyph{{id: fd.blank}})
	b = append(b, "EMC\nET Q\n"...)
	d.pdf.RawWriteStr(string(b))
	d.buf = b
}
