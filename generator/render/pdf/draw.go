package pdf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/layout"
)

// penTolerance is how far (points) the PDF's own advance (the glyph's /W
// width) may put a glyph from where the shaper placed it before a new
// string is started. Coordinates are written with two decimals.
const penTolerance = 0.01

// drawer draws one leaflet's pages into an fpdf instance: boxes and links
// through fpdf, text as content stream operators of its own.
type drawer struct {
	pdf  *fpdf.Fpdf
	r    *Renderer
	geo  geometry
	logo string // the registered name of the leaflet's logo, "" for none
	// logoCMYK is the print file's logo, which the renderer writes itself
	// (fpdf would write it in RGB with a soft mask); nil for none.
	logoCMYK *cmykImage
	cmyk     bool // paint in DeviceCMYK (the print file), else DeviceRGB
	// tags collects the structure tree of a tagged file; nil for an
	// untagged (print) file.
	tags    *tagger
	pageIdx int // the index of the page being drawn
	// chunks holds what the drawer writes into the pages' content
	// streams; fpdf's pages get a marker for each chunk.
	chunks *contentChunks
	*drawScratch
}

// drawScratch is the drawer's scratch space. A render takes it with its
// other buffers (finishBuffers) and leaves it for the next, so that it
// is grown once, not for every leaflet.
type drawScratch struct {
	buf []byte // the operators of the line or box being drawn
	// segs and placed are scratch space for segments and drawReversed.
	segs   segmentBuf
	placed []placedGlyph
	// text and lineChunks are scratch space for line: the text operators
	// of a piece's chunks, and the chunks.
	text       []byte
	lineChunks []textChunk
	// pieces and parts are a line's pieces and their parts (see
	// pieces); marks and marked the pieces drawn in a tagged file and
	// their marked-content sequences (see line).
	pieces []piece
	parts  []part
	marks  []drawnPiece
	marked []markedChunk
	// uses are the leaflet's fonts by face; fonts every font drawn with
	// through this scratch space, empty (fontUse.reset) but for those in
	// uses, so that a font's tables are grown once, not for every leaflet.
	uses, fonts map[*faceData]*fontUse
}

// forget clears what the scratch space points to (the last leaflet's
// texts and glyphs, which may be pieces of large strings) before it is
// kept for the next render, so that it holds no memory of its own
// beyond its buffers.
func (s *drawScratch) forget() {
	for _, u := range s.uses {
		u.reset()
	}
	clear(s.uses)
	clear(s.segs.segs[:cap(s.segs.segs)])
	clear(s.segs.glyphs[:cap(s.segs.glyphs)])
	clear(s.segs.clusters[:cap(s.segs.clusters)])
	clear(s.segs.cluster[:cap(s.segs.cluster)])
	clear(s.lineChunks[:cap(s.lineChunks)])
	clear(s.pieces[:cap(s.pieces)])
	clear(s.marks[:cap(s.marks)])
}

// textChunk is a stretch of a piece drawn in one marked-content sequence
// (see line): its operators are text[preFrom:bodyTo] of the line's
// scratch, the font selection before bodyFrom written before the
// sequence begins.
type textChunk struct {
	preFrom, bodyFrom, bodyTo int
	actual                    string // the ActualText (see segment)
	first                     int    // the chunk's smallest cluster offset
}

func (c textChunk) pre(text []byte) []byte  { return text[c.preFrom:c.bodyFrom] }
func (c textChunk) body(text []byte) []byte { return text[c.bodyFrom:c.bodyTo] }

// raw writes content stream operators b, and a newline, as fpdf's
// RawWriteStr would, into the drawer's own content (see content.go).
func (d *drawer) raw(b []byte) {
	d.chunks.add(b)
}

// rawString is raw for a string.
func (d *drawer) rawString(s string) {
	d.chunks.add(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// rect appends a rectangle path; x, y is its top-left corner on the
// medium (Y down).
func (d *drawer) rect(b []byte, x, y, w, h float64) []byte {
	b = num(b, x)
	b = append(b, ' ')
	b = num(b, d.geo.mediaH-y-h)
	b = append(b, ' ')
	b = num(b, w)
	b = append(b, ' ')
	b = num(b, h)
	return append(b, " re\n"...)
}

// disc appends a circle path of radius r around cx, cy (Y down): four
// Bézier arcs.
func (d *drawer) disc(b []byte, cx, cy, r float64) []byte {
	const k = 0.5523 // control point distance for a quarter circle
	cy = d.geo.mediaH - cy
	pt := func(b []byte, x, y float64) []byte {
		b = num(b, x)
		b = append(b, ' ')
		return num(b, y)
	}
	b = pt(b, cx+r, cy)
	b = append(b, " m\n"...)
	for _, q := range [4][3][2]float64{
		{{cx + r, cy + k*r}, {cx + k*r, cy + r}, {cx, cy + r}},
		{{cx - k*r, cy + r}, {cx - r, cy + k*r}, {cx - r, cy}},
		{{cx - r, cy - k*r}, {cx - k*r, cy - r}, {cx, cy - r}},
		{{cx + k*r, cy - r}, {cx + r, cy - k*r}, {cx + r, cy}},
	} {
		for i, p := range q {
			if i > 0 {
				b = append(b, ' ')
			}
			b = pt(b, p[0], p[1])
		}
		b = append(b, " c\n"...)
	}
	return b
}

func (d *drawer) page(pg compose.Page, m meta) error {
	print := m.Print
	if print && d.pdf.PageCount() == 0 {
		// Page boxes given before the first page apply to every page.
		d.pdf.SetPageBox("trim", d.geo.ox, d.geo.oy, d.geo.trimW, d.geo.trimH)
		d.pdf.SetPageBox("bleed", d.geo.ox-bleed, d.geo.oy-bleed, d.geo.trimW+2*bleed, d.geo.trimH+2*bleed)
	}
	d.pdf.AddPage()
	d.pageIdx = d.pdf.PageCount() - 1
	for _, b := range pg.Boxes {
		d.box(b, print)
	}
	for _, ln := range pg.Lines {
		// The running footer is content on the first page and an
		// artifact on the others.
		artifact := ln.Part == "footer" && ln.Block < 0 && d.pageIdx > 0
		if err := d.line(ln, artifact); err != nil {
			return err
		}
	}
	if !print && d.tags == nil {
		for _, l := range pg.Links {
			d.pdf.LinkString(d.geo.ox+l.X, d.geo.oy+l.Y, l.W, l.H, l.Href)
		}
	}
	d.chunks.flush(d.pdf) // before fpdf draws on the page or starts the next
	if print {
		d.cropMarks()
	}
	if d.pdf.Err() {
		return d.pdf.Error()
	}
	return nil
}

// artifact wraps what draw paints in an artifact sequence when the file
// is tagged.
func (d *drawer) artifact(draw func()) {
	if d.tags != nil {
		d.rawString("/Artifact <</Type /Layout>> BDC\n")
	}
	draw()
	if d.tags != nil {
		d.rawString("EMC\n")
	}
}

// content wraps what draw paints in marked content owned by e, when the
// file is tagged and e is not nil; an artifact otherwise.
func (d *drawer) content(e *structElem, draw func()) {
	if d.tags == nil || e == nil {
		d.artifact(draw)
		return
	}
	id := d.tags.mark(d.pageIdx, e, e)
	d.buf = appendMarkedBegin(d.buf[:0], e.role, id)
	d.raw(d.buf)
	draw()
	d.rawString("EMC\n")
}

func (d *drawer) box(b compose.Box, print bool) {
	r := b.Rect
	if print && b.Bleed {
		r = d.geo.bleedOut(r)
	}
	x, y := d.geo.ox+r.X, d.geo.oy+r.Y
	paint := func() {
		o := append(d.buf[:0], "q "...)
		o = fill(o, b.Fill, d.cmyk)
		o = append(o, '\n')
		if b.Kind == compose.Bullet {
			o = d.disc(o, x+r.W/2, y+r.H/2, min(r.W, r.H)/2)
		} else {
			o = d.rect(o, x, y, r.W, r.H)
		}
		o = append(o, "f Q\n"...)
		d.raw(o)
		d.buf = o
	}
	if b.Kind == compose.Bullet {
		// A list item's bullet is its label (Lbl).
		var lbl *structElem
		if d.tags != nil && len(d.tags.bullets) > 0 {
			lbl, d.tags.bullets = d.tags.bullets[0], d.tags.bullets[1:]
		}
		d.content(lbl, paint)
		return
	}
	d.artifact(paint)
	if b.Kind == compose.Logo && d.logoCMYK != nil {
		d.logoCMYK.draw(d, b.Inner)
	} else if b.Kind == compose.Logo && d.logo != "" {
		in := b.Inner
		var fig *structElem
		if d.tags != nil && d.tags.logo != nil {
			fig = d.tags.logo
			g := d.geo
			fig.bbox = []float64{g.ox + in.X, g.mediaH - (g.oy + in.Y + in.H), g.ox + in.X + in.W, g.mediaH - (g.oy + in.Y)}
		}
		d.content(fig, func() {
			d.chunks.flush(d.pdf)
			d.pdf.ImageOptions(d.logo, d.geo.ox+in.X, d.geo.oy+in.Y, in.W, in.H, false,
				fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		})
	}
}

// use returns the leaflet's use of face fd.
func (d *drawer) use(fd *faceData) *fontUse {
	u := d.uses[fd]
	if u != nil {
		return u
	}
	if d.uses == nil {
		d.uses, d.fonts = map[*faceData]*fontUse{}, map[*faceData]*fontUse{}
	}
	if u = d.fonts[fd]; u == nil {
		u = newFontUse(fd)
		d.fonts[fd] = u
	}
	d.uses[fd] = u
	return u
}

// used returns the faces the leaflet drew with, in the set's order (their
// resource names /F<index>): the order the font objects are written in.
func (d *drawer) used() []*fontUse {
	out := make([]*fontUse, 0, len(d.uses))
	for _, u := range d.uses {
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b *fontUse) int { return a.fd.index - b.fd.index })
	return out
}

// part is a stretch of one run's glyphs drawn in one marked-content
// sequence: whole clusters of one language and link target.
type part struct {
	run      int
	from, to int // glyph indexes in the run
	first    int // the smallest cluster offset of its glyphs
}

// piece is a stretch of a line's parts, in visual order, that shares a
// language and a link target: one marked-content sequence of a tagged
// file, one element kid in the structure tree.
type piece struct {
	parts []part
	lang  string
	href  string
	first int // the smallest cluster offset: the piece's logical position
}

// pieces splits a line into pieces at every change of language (a
// compose.LangRange) or link target. The pieces are appended to out and
// their parts to parts, which it returns with them: each piece's parts
// are a stretch of parts.
func pieces(ln compose.Line, out []piece, parts []part) ([]piece, []part) {
	langAt := func(c int) string {
		for _, r := range ln.Langs {
			if c >= r.Start && c < r.End {
				return r.Lang
			}
		}
		return ""
	}
	for ri, run := range ln.Line.Runs {
		gs := run.Glyphs
		for i := 0; i < len(gs); {
			lang := langAt(int(gs[i].Cluster))
			j := i + 1
			for j < len(gs) && (gs[j].Cluster == gs[j-1].Cluster || langAt(int(gs[j].Cluster)) == lang) {
				j++
			}
			first := int(gs[i].Cluster)
			for _, g := range gs[i:j] {
				first = min(first, int(g.Cluster))
			}
			parts = append(parts, part{ri, i, j, first})
			// The last piece's parts are the tail of parts.
			if n := len(out); n > 0 && out[n-1].lang == lang && out[n-1].href == run.Href {
				from := len(parts) - 1 - len(out[n-1].parts)
				out[n-1].parts = parts[from:len(parts):len(parts)]
				out[n-1].first = min(out[n-1].first, first)
			} else {
				out = append(out, piece{parts: parts[len(parts)-1 : len(parts) : len(parts)], lang: lang, href: run.Href, first: first})
			}
			i = j
		}
	}
	return out, parts
}

// drawnPiece is a piece drawn in a tagged file: its box on the page and
// its marked-content sequences, marked[from:to] of the drawer's scratch.
type drawnPiece struct {
	piece
	from, to int
	box      compose.Rect
}

// markedChunk is one marked-content sequence of a drawn piece: its MCID
// and its chunk's logical position.
type markedChunk struct {
	mcid, first int
}

// appendMarkedBegin appends the operator that begins a marked-content
// sequence of role with MCID id.
func appendMarkedBegin(b []byte, role string, id int) []byte {
	b = append(b, '/')
	b = append(b, role...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(id), 10)
	return append(b, ">> BDC\n"...)
}

// line draws one placed line, as one text object in its own graphics
// state. In a tagged file each piece of it is a marked-content sequence
// owned by the line's element in the structure tree (artifact: the line
// is the running footer repeated, an artifact sequence around it all).
func (d *drawer) line(ln compose.Line, artifact bool) error {
	b := d.buf[:0]
	if artifact {
		b = append(b, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"...)
	}
	b = append(b, "q BT "...)
	b = fill(b, ln.Color, d.cmyk)
	b = append(b, '\n')
	tagged := d.tags != nil && !artifact
	var elem *structElem
	marks, marked := d.marks[:0], d.marked[:0]
	text := d.text[:0] // the chunks' operators
	defer func() { d.text, d.marks, d.marked = text, marks, marked }()
	d.pieces, d.parts = pieces(ln, d.pieces[:0], d.parts[:0])
	for _, pc := range d.pieces {
		// A piece is drawn in chunks: stretches of clusters that copy as
		// their ToUnicode text, and single clusters with an ActualText.
		// Each chunk is a marked-content sequence of its own, none nested
		// in another (poppler's structure text loses the rest of a
		// sequence after a nested one).
		chunks := d.lineChunks[:0]
		box := compose.Rect{}
		for _, pt := range pc.parts {
			run := ln.Line.Runs[pt.run]
			fd, err := d.r.face(run.Face)
			if err != nil {
				return fmt.Errorf("%w (%v)", err, faceName(run))
			}
			u := d.use(fd)
			sub := run
			sub.Glyphs = run.Glyphs[pt.from:pt.to]
			segs := segments(u.fd, sub, &d.segs)
			x := run.X
			for _, g := range run.Glyphs[:pt.from] {
				x += g.Advance
			}
			w := 0.0
			for _, g := range sub.Glyphs {
				w += g.Advance
			}
			r := compose.Rect{X: ln.X + x, Y: ln.Y - ln.Line.Ascent, W: w, H: ln.Line.Ascent + ln.Line.Descent}
			if box.W == 0 {
				box = r
			} else {
				right := max(box.X+box.W, r.X+r.W)
				box.X = min(box.X, r.X)
				box.W = right - box.X
			}
			if len(segs) == 0 {
				continue // only spaces: nothing to draw, and no font to name
			}
			preFrom := len(text)
			text = append(text, '/')
			text = append(text, u.resource()...)
			text = append(text, ' ')
			text = num(text, run.Size)
			text = append(text, " Tf\n"...)
			x0, y0 := d.geo.ox+ln.X+run.X, d.geo.oy+ln.Y
			// A new chunk for each run: a chunk holds text of one
			// direction, so a reader can put it in logical order.
			newRun := true
			rtl := run.Level%2 == 1
			for _, seg := range segs {
				if !rtl {
					// Left to right, the ToUnicode map gives a cluster
					// of several glyphs its text in drawing order: no
					// ActualText, and no marked-content sequence of its
					// own (poppler's structure text walks the page
					// once for each).
					seg.actual = ""
				}
				n := len(chunks)
				if seg.actual != "" || newRun || chunks[n-1].actual != "" {
					chunks = append(chunks, textChunk{preFrom: preFrom, bodyFrom: len(text), actual: seg.actual, first: seg.first})
				} // else the chunk's body goes on at the end of text
				newRun = false
				c := &chunks[len(chunks)-1]
				c.first = min(c.first, seg.first)
				text = d.draw(text, u, run.Size, x0, y0, seg.glyphs, rtl, rtl && seg.actual == "" && !seg.cluster)
				c.bodyTo, preFrom = len(text), len(text) // the run's font is selected
			}
		}
		d.lineChunks = chunks
		if len(chunks) == 0 {
			continue
		}
		if !tagged {
			for _, c := range chunks {
				b = append(b, c.pre(text)...)
				if c.actual != "" {
					b = append(b, "/Span <</ActualText "...)
					b = appendActualText(b, c.actual)
					b = append(b, ">> BDC\n"...)
				}
				b = append(b, c.body(text)...)
				if c.actual != "" {
					b = append(b, "EMC\n"...)
				}
			}
			continue
		}
		if elem == nil {
			elem = d.tags.element(ln)
		}
		role := elem.role
		switch {
		case pc.href != "":
			role = "Link"
		case pc.lang != "" && !document.SameLanguage(pc.lang, langOf(elem, d.tags.docLang)):
			role = "Span"
		}
		m := drawnPiece{piece: pc, box: box, from: len(marked)}
		for _, c := range chunks {
			id := d.tags.mark(d.pageIdx, nil, nil)
			marked = append(marked, markedChunk{mcid: id, first: c.first})
			b = append(b, c.pre(text)...)
			if c.actual != "" {
				b = append(b, "/Span <</MCID "...)
				b = strconv.AppendInt(b, int64(id), 10)
				b = append(b, " /ActualText "...)
				b = appendActualText(b, c.actual)
				b = append(b, ">> BDC\n"...)
			} else {
				b = appendMarkedBegin(b, role, id)
			}
			b = append(b, c.body(text)...)
			b = append(b, "EMC\n"...)
		}
		m.to = len(marked)
		marks = append(marks, m)
	}
	b = append(b, "ET Q\n"...)
	if artifact {
		b = append(b, "EMC\n"...)
	}
	d.raw(b)
	d.buf = b
	// The structure tree takes the pieces in logical order.
	slices.SortStableFunc(marks, func(a, b drawnPiece) int { return a.first - b.first })
	for _, m := range marks {
		owner := elem
		switch {
		case m.href != "":
			owner = elem.add("Link")
			if m.lang != "" && !document.SameLanguage(m.lang, langOf(elem, d.tags.docLang)) {
				owner.lang = m.lang
			}
			contents := d.tags.labels[m.href]
			if contents == "" {
				contents = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(m.href, "tel:"), "mailto:"), "https://")
			}
			g := d.geo
			d.tags.annots = append(d.tags.annots, annotation{page: d.pageIdx, href: m.href, contents: contents, parent: owner,
				rect: [4]float64{g.ox + m.box.X, g.mediaH - (g.oy + m.box.Y + m.box.H), g.ox + m.box.X + m.box.W, g.mediaH - (g.oy + m.box.Y)}})
			owner.kids = append(owner.kids, structKid{annot: len(d.tags.annots), mcid: -1})
		case m.lang != "" && !document.SameLanguage(m.lang, langOf(elem, d.tags.docLang)):
			owner = elem.add("Span")
			owner.lang = m.lang
		}
		// A piece's chunks, in logical order.
		chunks := marked[m.from:m.to]
		slices.SortStableFunc(chunks, func(a, b markedChunk) int { return a.first - b.first })
		for _, c := range chunks {
			id := c.mcid
			d.tags.pages[d.pageIdx][id] = owner
			owner.kids = append(owner.kids, structKid{page: d.pageIdx, mcid: id})
		}
	}
	return nil
}

// langOf is the language e's text is in: its own /Lang or the nearest
// ancestor's, else the document's.
func langOf(e *structElem, doc string) string {
	for ; e != nil; e = e.parent {
		if e.lang != "" {
			return e.lang
		}
	}
	return doc
}

func faceName(run layout.Run) string {
	if run.Face == nil {
		return "nil face"
	}
	return run.Face.PSName
}

// draw appends the operators that show glyphs: one string for each
// stretch in which the PDF's own advance (the /W width of each glyph)
// puts the next glyph within penTolerance of where the shaper placed it.
// gs are in visual order; with logical, a stretch of single-glyph
// clusters of right-to-left text, they are shown in reverse, logical,
// order (each glyph moved to its place by the TJ array's adjustments),
// so that readers that take text in the order it is drawn (pdf.js,
// poppler's structure text) read it in logical order. The glyphs land
// where the visual order puts them, to within 10⁻⁶ pt.
func (d *drawer) draw(b []byte, u *fontUse, size, x0, y0 float64, gs []drawGlyph, rtl, logical bool) []byte {
	if logical && len(gs) > 1 {
		return d.drawReversed(b, u, size, x0, y0, gs)
	}
	pen, y := math.Inf(1), math.Inf(1)
	open := false
	alias := false
	for _, g := range gs {
		if g.alias != alias {
			// The same font under its other name (splitRTL).
			if open {
				b = append(b, "> Tj\n"...)
				open = false
			}
			b = d.setFont(b, u, size, g.alias)
			alias = g.alias
		}
		if math.Abs(g.y-y) > 1e-6 || math.Abs(x0+g.x-pen) > penTolerance {
			if open {
				b = append(b, "> Tj\n"...)
			}
			pen, y = x0+g.x, g.y
			b = append(b, "1 0 0 1 "...)
			b = num(b, pen)
			b = append(b, ' ')
			b = num(b, d.geo.mediaH-(y0+y))
			b = append(b, " Tm "...)
			open = false
		}
		w := u.fd.width[g.id]
		if rtl && g.still && g.text != "" {
			// The CID of negative width (see drawReversed), and the pen
			// moved on as the glyph's own width would.
			if open {
				b = append(b, "> Tj\n"...)
				open = false
			}
			b = append(b, '[', '<')
			b = appendHex4(b, u.cidWidth(g.id, g.text, -zeroAdvanceWidth))
			b = append(b, '>')
			b = strconv.AppendInt(b, int64(-(w + zeroAdvanceWidth)), 10)
			b = append(b, "] TJ\n"...)
		} else {
			if !open {
				b = append(b, '<')
				open = true
			}
			b = appendHex4(b, u.cid(g.id, g.text))
		}
		pen += float64(w) * size / 1000
	}
	if open {
		b = append(b, "> Tj\n"...)
	}
	if alias {
		b = d.setFont(b, u, size, false)
	}
	return b
}

// setFont appends the Tf that selects u at size, under its alias if
// alias.
func (d *drawer) setFont(b []byte, u *fontUse, size float64, alias bool) []byte {
	b = append(b, '/')
	if alias {
		u.aliased = true
		b = append(b, u.alias()...)
	} else {
		b = append(b, u.resource()...)
	}
	b = append(b, ' ')
	b = num(b, size)
	return append(b, " Tf\n"...)
}

// drawReversed shows gs (in visual order) from last to first, each glyph
// where draw would put it: the start of each of draw's strings at its
// coordinates with two decimals, the rest at the /W advances from there.
func (d *drawer) drawReversed(b []byte, u *fontUse, size, x0, y0 float64, gs []drawGlyph) []byte {
	place := slices.Grow(d.placed[:0], len(gs))[:len(gs)]
	defer func() { d.placed = place }()
	pen, y := math.Inf(1), math.Inf(1)
	shown, origin, started := 0.0, 0.0, false // the pen as the PDF moves it
	for i, g := range gs {
		if !started || math.Abs(g.y-y) > 1e-6 || math.Abs(x0+g.x-pen) > penTolerance {
			pen, y = x0+g.x, g.y
			shown, started = math.Round(pen*100)/100, true
			origin = shown
		}
		w := float64(u.fd.width[g.id]) * size / 1000
		place[i] = placedGlyph{x: shown, y: math.Round((d.geo.mediaH-(y0+y))*100) / 100, w: w, origin: origin}
		pen += w
		shown += w
	}
	// The CIDs in the order shown, so that CIDs are numbered in order of
	// use as in draw.
	for i := len(gs) - 1; i >= 0; i-- {
		g := gs[i]
		if !g.still || g.text == "" {
			place[i].cid = u.cid(g.id, g.text)
			continue
		}
		// A glyph without advance that copies as text (the alef of a
		// lam-alef, drawn where the lam starts) gets a small negative
		// width: poppler's pdftotext then takes its character for one
		// left of the glyph before it, as it stands in visual order,
		// where a character of no width at the same place would be
		// ordered by chance and set on a line of its own.
		place[i].cid = u.cidWidth(g.id, g.text, -zeroAdvanceWidth)
		place[i].w = -zeroAdvanceWidth * size / 1000
	}
	open := false
	pen = 0
	for i := len(place) - 1; i >= 0; i-- {
		p := place[i]
		// A new Tm where the baseline changes and at the start of each of
		// draw's strings, so that those glyphs stand exactly where draw
		// puts them (at two decimals, which a raster's pixel grid can
		// meet exactly), the others within 10⁻⁶ pt.
		if !open || p.y != place[i+1].y || p.x == p.origin {
			if open {
				b = append(b, "] TJ\n"...)
			}
			b = append(b, "1 0 0 1 "...)
			b = num(b, p.origin)
			b = append(b, ' ')
			b = num(b, p.y)
			b = append(b, " Tm ["...)
			pen = p.origin
			open = true
		}
		// A TJ number moves the pen left by number/1000 of the size.
		if thousandths := math.Round((pen - p.x) * 1e6 / size); thousandths != 0 {
			b = appendRounded(b, thousandths, 3) // the number thousandths/1000
			pen -= thousandths / 1000 * size / 1000
		}
		b = append(b, '<')
		b = appendHex4(b, p.cid)
		b = append(b, '>')
		pen += p.w
	}
	if open {
		b = append(b, "] TJ\n"...)
	}
	return b
}

// placedGlyph is a glyph drawReversed shows: its CID, where draw would
// show it, its /W advance (points) and where draw's string that holds it
// starts.
type placedGlyph struct {
	cid    uint16
	x, y   float64
	w      float64
	origin float64
}

// zeroAdvanceWidth is the /W width (thousandths of the size, taken
// negative) of the CIDs of right-to-left glyphs without advance that copy
// as text (see drawReversed).
const zeroAdvanceWidth = 1

// stillShift is how far (points) left of a right-to-left cluster without
// advance its leading blank stands (see segments).
const stillShift = 0.02

const hexDigits = "0123456789ABCDEF"

// num appends v with at most two decimals.
func num(b []byte, v float64) []byte {
	return appendRounded(b, v*100, 2)
}

// appendRounded appends scaled/10^decimals, scaled rounded to a whole
// number first, with no trailing zeros and no "-0": what
// strconv.AppendFloat(b, math.Round(scaled)/10^decimals, 'f', -1, 64)
// writes (the shortest decimal that reads back as that float is the
// rounded number itself), without its general float formatting, for the
// numbers a page is made of.
func appendRounded(b []byte, scaled float64, decimals int) []byte {
	r := math.Round(scaled)
	if !(math.Abs(r) < 1e15) { // huge or not a number: the general way
		return strconv.AppendFloat(b, r/math.Pow10(decimals), 'f', -1, 64)
	}
	n := int64(r)
	if n == 0 {
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	// Two and three decimals, which pages are written with, divide by
	// constants, which the compiler turns into multiplications.
	switch decimals {
	case 2:
		b = strconv.AppendInt(b, n/100, 10)
		return appendFraction(b, n%100/10, n%10, 0, 2)
	case 3:
		b = strconv.AppendInt(b, n/1000, 10)
		return appendFraction(b, n%1000/100, n%100/10, n%10, 3)
	}
	pow := int64(1)
	for range decimals {
		pow *= 10
	}
	b = strconv.AppendInt(b, n/pow, 10)
	frac := n % pow
	if frac == 0 {
		return b
	}
	b = append(b, '.')
	for pow /= 10; frac != 0; pow /= 10 {
		b = append(b, byte('0'+frac/pow))
		frac %= pow
	}
	return b
}

// appendFraction appends the first n of the decimal digits d1, d2, d3
// after a point, without trailing zeros; nothing when all n are 0.
func appendFraction(b []byte, d1, d2, d3 int64, n int) []byte {
	if n < 3 {
		d3 = 0
	}
	switch {
	case d3 != 0:
		return append(b, '.', byte('0'+d1), byte('0'+d2), byte('0'+d3))
	case d2 != 0:
		return append(b, '.', byte('0'+d1), byte('0'+d2))
	case d1 != 0:
		return append(b, '.', byte('0'+d1))
	}
	return b
}

// drawGlyph is a glyph as drawn: its ID and its position from the run's
// origin on the baseline (Y down).
type drawGlyph struct {
	id   uint16
	x, y float64
	// text is what the glyph copies as (its CID's ToUnicode entry): its
	// cluster's text on the first glyph drawn of a cluster, "" on the
	// others.
	text string
	// still: the shaper gave the glyph no advance (an alef of a lam-alef,
	// a ZERO WIDTH NON-JOINER drawn as a space of no advance).
	still bool
	// alias: shown under the font's second resource name (see
	// splitRTL).
	alias bool
}

// segment is a stretch of a run drawn in one marked-content sequence:
// either clusters that copy as their ToUnicode text (no ActualText), or
// one cluster with an ActualText.
type segment struct {
	glyphs  []drawGlyph
	actual  string // the ActualText, as text (see appendActualText); "" for none
	cluster bool   // one cluster of several glyphs
	first   int    // the smallest cluster offset of its glyphs
}

// segmentBuf is the space segments writes its results in, kept by the
// drawer from one run to the next.
type segmentBuf struct {
	segs   []segment
	glyphs []drawGlyph // the plain segments' glyphs
	// clusters holds the glyphs of the segments of one cluster, cluster
	// those of the cluster being ordered.
	clusters, cluster []drawGlyph
}

// segments splits a run into clusters (adjacent glyphs with the same
// Cluster; the first carries the cluster's text) and decides how each is
// drawn for the text layer. Every glyph's CID maps to the text it stands
// for here (fontUse.cid), so a glyph copies as its cluster's text however
// the font's cmap or other places use it:
//
//   - A cluster of one glyph copies as its text; neighbouring such
//     clusters share one segment.
//   - A cluster of several glyphs (a base and its marks) copies as its
//     text on the glyph drawn first, the others as nothing; it also gets
//     its text as ActualText, which the drawer keeps for right-to-left
//     text (see line) for pdftotext. The base is
//     drawn first and, when the font has a blank glyph, a blank at the
//     cluster's end on the baseline. Extractors such as poppler give a
//     span's text the box from its first glyph's origin to its last
//     glyph's advance: a raised mark at either end would tilt the box and
//     send the text to a line of its own, or leave a gap that reads as a
//     space.
//
// Right-to-left text gets no RIGHT-TO-LEFT MARKs to steer one extractor:
// its glyphs are shown in logical order (draw).
//
// Clusters of only bidi controls are not drawn.
//
// The segments and their glyphs are appended to buf's, which the next
// call reuses.
func segments(fd *faceData, run layout.Run, buf *segmentBuf) []segment {
	gs := run.Glyphs
	out, plain, clusters, cluster := buf.segs[:0], buf.glyphs[:0], buf.clusters[:0], buf.cluster[:0]
	defer func() { buf.segs, buf.glyphs, buf.clusters, buf.cluster = out, plain, clusters, cluster }()
	pen := 0.0 // the pen position after the cluster
	// The open plain segment, the last of out, has the glyphs from
	// plainFrom on, given to it when it closes; -1 for none open.
	plainFrom := -1
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		start := pen
		for _, g := range gs[i:j] {
			pen += g.Advance
		}
		text := clusterText(run.TextOf(gs[i]))
		if text == "" {
			i = j
			continue
		}
		if j-i == 1 && (run.Level%2 == 0 || utf8.RuneCountInString(text) == 1) {
			// The common case, one glyph: onto the plain segment.
			// The plain segment's glyphs are the tail of plain: a
			// segment of clusters, which comes between two plain ones,
			// has glyphs of its own.
			if plainFrom < 0 {
				plainFrom = len(plain)
				out = append(out, segment{first: int(gs[i].Cluster)})
			}
			plain = append(plain, drawGlyph{id: gs[i].ID, x: gs[i].X, y: gs[i].Y, text: text, still: gs[i].Advance == 0})
			out[len(out)-1].first = min(out[len(out)-1].first, int(gs[i].Cluster))
			i = j
			continue
		}
		if plainFrom >= 0 {
			out[len(out)-1].glyphs = plain[plainFrom:len(plain):len(plain)]
			plainFrom = -1
		}
		cluster = cluster[:0]
		for _, g := range gs[i:j] {
			cluster = append(cluster, drawGlyph{id: g.ID, x: g.X, y: g.Y})
		}
		if j-i > 1 {
			cluster = baseFirst(fd, cluster, gs[i:j], pen)
		}
		if run.Level%2 == 1 && pen-start < 0.05*run.Size && fd.blank != 0 {
			// A right-to-left cluster (almost) without advance (an alef
			// and its tanwin after a lam) starts with a blank just left of
			// it: pdftotext boxes an ActualText from its first glyph, and
			// would otherwise tie it with the glyph before it.
			blank := drawGlyph{id: fd.blank, x: min(cluster[0].x, start, pen) - stillShift}
			cluster = append(cluster, drawGlyph{})
			copy(cluster[1:], cluster)
			cluster[0] = blank
		}
		cluster[0].text = text
		if run.Level%2 == 1 {
			cluster = splitRTL(fd, cluster, pen)
		}
		from := len(clusters)
		clusters = append(clusters, cluster...)
		out = append(out, segment{glyphs: clusters[from:len(clusters):len(clusters)], actual: text, first: int(gs[i].Cluster), cluster: true})
		i = j
	}
	if plainFrom >= 0 {
		out[len(out)-1].glyphs = plain[plainFrom:len(plain):len(plain)]
	}
	return out
}

// splitRTL spreads a right-to-left cluster's text (on its first glyph)
// over its glyphs in drawing order, one character each, the last glyph
// taking what remains; when the font has a blank glyph, blanks at end
// (no ink) are added until every character has a glyph. Glyphs that
// carry text alternate between the font's two resource names.
//
// pdf.js runs its bidi algorithm (bidi in src/core/bidi.js) over each
// text item it gathers, taking the item for visual order: a stretch of
// right-to-left characters is reversed as a whole, marks included (it
// types Hebrew points R and gives Arabic marks, NSM, the type of the
// character before). An item ends at every marked-content operator and
// font change, but not at a glyph whose text holds a nonspacing mark,
// which it treats as of no width. So a cluster drawn as one item copies
// from pdf.js with its marks before its base; drawn as items of one
// character each, separated by font changes, it copies as written.
// poppler reads the glyphs' text in drawing order, the same either way,
// and pdftotext the cluster's ActualText.
//
// The glyphs' texts are pieces of the cluster's (made valid UTF-8 first,
// each invalid byte a U+FFFD, as a conversion to runes would).
func splitRTL(fd *faceData, cluster []drawGlyph, end float64) []drawGlyph {
	text := cluster[0].text
	n := utf8.RuneCountInString(text)
	if n < 2 {
		return cluster
	}
	if !utf8.ValidString(text) {
		text = string([]rune(text))
	}
	for fd.blank != 0 && len(cluster) < n {
		cluster = append(cluster, drawGlyph{id: fd.blank, x: end})
	}
	at := 0 // where the next glyph's character starts in text
	for k := range cluster {
		cluster[k].alias = k%2 == 1
		switch {
		case k >= n:
			cluster[k].text = ""
			cluster[k].alias = cluster[k-1].alias
		case k == len(cluster)-1:
			cluster[k].text = text[at:]
		default:
			_, size := utf8.DecodeRuneInString(text[at:])
			cluster[k].text = text[at : at+size]
			at += size
		}
	}
	return cluster
}

// clusterText is the text a cluster copies as: its characters without
// bidi controls, "" for a cluster of only controls. Spaces are drawn (as
// the font's space glyph, no ink): readers that take text from the
// structure tree, not from positions, find word gaps in them.
func clusterText(s string) string {
	return stripBidiControls(s)
}

// baseFirst orders a cluster's glyphs for its ActualText span: the base
// (the glyph with the largest advance) first, then the marks, then a
// blank glyph on the baseline at end, the pen position after the cluster.
// It orders cluster in place and appends the blank to it.
func baseFirst(fd *faceData, cluster []drawGlyph, gs []layout.Glyph, end float64) []drawGlyph {
	base := 0
	for k, g := range gs {
		if g.Advance > gs[base].Advance {
			base = k
		}
	}
	b := cluster[base]
	copy(cluster[1:base+1], cluster[:base])
	cluster[0] = b
	if fd.blank != 0 {
		cluster = append(cluster, drawGlyph{id: fd.blank, x: end})
	}
	return cluster
}

// isBidiControl reports the explicit bidi formatting characters: marks,
// embeddings, overrides and isolates. They steer layout and are no part
// of the text a reader copies.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// hasBidiControl reports whether s holds a bidi control
// (isBidiControl), as strings.ContainsFunc(s, isBidiControl) would,
// looking at bytes rather than decoding every character: in UTF-8 the
// controls are D8 9C (U+061C) and E2 80 8E-8F, E2 80 AA-AE and
// E2 81 A6-A9, and neither lead byte continues a character, so they
// decode as themselves wherever they stand.
func hasBidiControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xD8:
			if i+1 < len(s) && s[i+1] == 0x9C {
				return true
			}
		case 0xE2:
			if i+2 >= len(s) {
				return false
			}
			b1, b2 := s[i+1], s[i+2]
			if b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || b2 >= 0xAA && b2 <= 0xAE) || b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 {
				return true
			}
		}
	}
	return false
}

func stripBidiControls(s string) string {
	if !hasBidiControl(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// appendActualText appends s as a PDF hex string in UTF-16BE with a byte
// order mark, the form ActualText takes.
func appendActualText(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	b = appendUTF16Hex(b, s)
	return append(b, '>')
}
