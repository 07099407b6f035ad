package pdf

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
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
	uses map[*faceData]*fontUse
	buf  []byte // the text operators of the line being drawn
	logo string // the registered name of the leaflet's logo, "" for none
	// logoCMYK is the print file's logo, which the renderer writes itself
	// (fpdf would write it in RGB with a soft mask); nil for none.
	logoCMYK *cmykImage
	cmyk     bool // paint in DeviceCMYK (the print file), else DeviceRGB
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
	for _, b := range pg.Boxes {
		d.box(b, print)
	}
	for _, ln := range pg.Lines {
		if err := d.line(ln); err != nil {
			return err
		}
	}
	d.ballast(pg)
	if !print {
		for _, l := range pg.Links {
			d.pdf.LinkString(d.geo.ox+l.X, d.geo.oy+l.Y, l.W, l.H, l.Href)
		}
	}
	if print {
		d.cropMarks()
	}
	if d.pdf.Err() {
		return d.pdf.Error()
	}
	return nil
}

func (d *drawer) box(b compose.Box, print bool) {
	r := b.Rect
	if print && b.Bleed {
		r = d.geo.bleedOut(r)
	}
	x, y := d.geo.ox+r.X, d.geo.oy+r.Y
	o := append(d.buf[:0], "q "...)
	o = fill(o, b.Fill, d.cmyk)
	o = append(o, '\n')
	if b.Kind == compose.Bullet {
		o = d.disc(o, x+r.W/2, y+r.H/2, min(r.W, r.H)/2)
	} else {
		o = d.rect(o, x, y, r.W, r.H)
	}
	o = append(o, "f Q\n"...)
	d.pdf.RawWriteStr(string(o))
	d.buf = o
	if b.Kind == compose.Logo && d.logoCMYK != nil {
		d.logoCMYK.draw(d, b.Inner)
	} else if b.Kind == compose.Logo && d.logo != "" {
		in := b.Inner
		d.pdf.ImageOptions(d.logo, d.geo.ox+in.X, d.geo.oy+in.Y, in.W, in.H, false,
			fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
}

// use returns the leaflet's use of face fd.
func (d *drawer) use(fd *faceData) *fontUse {
	u := d.uses[fd]
	if u == nil {
		u = newFontUse(fd)
		d.uses[fd] = u
	}
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

// line draws one placed line, run by run, cluster by cluster, as one text
// object in its own graphics state.
func (d *drawer) line(ln compose.Line) error {
	b := append(d.buf[:0], "q BT "...)
	b = fill(b, ln.Color, d.cmyk)
	b = append(b, '\n')
	for ri, run := range ln.Line.Runs {
		fd, err := d.r.face(run.Face)
		if err != nil {
			return fmt.Errorf("%w (%v)", err, faceName(run))
		}
		u := d.use(fd)
		// The left edge of a left-to-right island (a number, a Latin
		// name) on a right-to-left line: see segments.
		island := ln.Line.Dir == vocab.RTL && run.Level%2 == 0 && (ri == 0 || ln.Line.Runs[ri-1].Level%2 == 1)
		segs := segments(u, run, island)
		if len(segs) == 0 {
			continue // only spaces: nothing to draw, and no font to name
		}
		b = append(b, '/')
		b = append(b, u.resource()...)
		b = append(b, ' ')
		b = num(b, run.Size)
		b = append(b, " Tf\n"...)
		x0, y0 := d.geo.ox+ln.X+run.X, d.geo.oy+ln.Y
		for _, seg := range segs {
			if seg.actual != "" {
				b = append(b, "/Span <</ActualText "...)
				b = append(b, seg.actual...)
				b = append(b, ">> BDC\n"...)
			}
			b = d.draw(b, u, run.Size, x0, y0, seg.glyphs)
			if seg.actual != "" {
				b = append(b, "EMC\n"...)
			}
		}
	}
	b = append(b, "ET Q\n"...)
	d.pdf.RawWriteStr(string(b))
	d.buf = b
	return nil
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
func (d *drawer) draw(b []byte, u *fontUse, size, x0, y0 float64, gs []drawGlyph) []byte {
	pen, y := math.Inf(1), math.Inf(1)
	open := false
	for _, g := range gs {
		if !open || math.Abs(g.y-y) > 1e-6 || math.Abs(x0+g.x-pen) > penTolerance {
			if open {
				b = append(b, "> Tj\n"...)
			}
			pen, y = x0+g.x, g.y
			b = append(b, "1 0 0 1 "...)
			b = num(b, pen)
			b = append(b, ' ')
			b = num(b, d.geo.mediaH-(y0+y))
			b = append(b, " Tm <"...)
			open = true
		}
		c := u.cid(g.id)
		b = append(b, hexDigits[c>>12], hexDigits[c>>8&15], hexDigits[c>>4&15], hexDigits[c&15])
		pen += float64(u.fd.width[g.id]) * size / 1000
	}
	if open {
		b = append(b, "> Tj\n"...)
	}
	return b
}

const hexDigits = "0123456789ABCDEF"

// num appends v with at most two decimals.
func num(b []byte, v float64) []byte {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// drawGlyph is a glyph as drawn: its ID and its position from the run's
// origin on the baseline (Y down).
type drawGlyph struct {
	id   uint16
	x, y float64
}

// segment is a stretch of a run drawn in one marked-content sequence:
// either clusters that copy as their ToUnicode text (no ActualText), or
// one cluster with an ActualText.
type segment struct {
	glyphs []drawGlyph
	actual string // the ActualText operand, <FEFF…>; "" for none
}

// segments splits a run into clusters (adjacent glyphs with the same
// Cluster; the first carries the cluster's text) and decides how each is
// drawn for the text layer:
//
//   - A cluster of one glyph whose text in the ToUnicode map (see
//     mapText) is the cluster's text goes into the text as it is;
//     neighbouring such clusters share one segment.
//   - A cluster of one glyph that the ToUnicode map gives another text (a
//     glyph that stands for different characters in different places)
//     gets its text as ActualText.
//   - A cluster of several glyphs (a base and its marks) gets its text as
//     ActualText, the base drawn first and, when the font has a blank
//     glyph, a blank at the cluster's end on the baseline. Extractors such
//     as poppler give a span's text the box from its first glyph's origin
//     to its last glyph's advance: a raised mark at either end would tilt
//     the box and send the text to a line of its own, or leave a gap that
//     reads as a space.
//   - In a right-to-left run, punctuation (which poppler classes as
//     left-to-right or as part of a number) gets an ActualText between two
//     RIGHT-TO-LEFT MARKs, which keep it on its side of the space:
//     poppler would otherwise read "word. next" as "word .next" and
//     "(name)" as "( )name".
//   - The first glyph of a left-to-right island on a right-to-left line
//     (island) gets an ActualText led by a RIGHT-TO-LEFT MARK, which ends
//     the island for poppler at its left edge: it would otherwise take the
//     space left of "08:00" into the number and read "من 08:00 إلى" as
//     "من  08:00إلى".
//
// Clusters of only spaces or bidi controls are not drawn: they have no
// ink, and extractors find word gaps from positions.
func segments(u *fontUse, run layout.Run, island bool) []segment {
	gs := run.Glyphs
	rtl := run.Level%2 == 1
	var out []segment
	pen := 0.0 // the pen position after the cluster
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		for _, g := range gs[i:j] {
			pen += g.Advance
		}
		text := clusterText(gs[i].Text)
		if text == "" {
			i = j
			continue
		}
		cluster := make([]drawGlyph, j-i)
		for k, g := range gs[i:j] {
			cluster[k] = drawGlyph{id: g.ID, x: g.X, y: g.Y}
		}
		if j-i > 1 {
			cluster = baseFirst(u.fd, cluster, gs[i:j], pen)
		}
		switch {
		case i == 0 && island:
			out = append(out, segment{glyphs: cluster, actual: actualText("\u200f" + text)})
		case j-i == 1 && rtl && isNeutralPunct(text):
			out = append(out, segment{glyphs: cluster, actual: actualText("\u200f" + text + "\u200f")})
		case j-i == 1 && u.text[gs[i].ID] == text:
			if n := len(out); n > 0 && out[n-1].actual == "" {
				out[n-1].glyphs = append(out[n-1].glyphs, cluster...)
			} else {
				out = append(out, segment{glyphs: cluster})
			}
		default:
			out = append(out, segment{glyphs: cluster, actual: actualText(text)})
		}
		i = j
	}
	return out
}

// clusterText is the text a cluster copies as: its characters without
// bidi controls, "" for a cluster of only spaces and controls.
func clusterText(s string) string {
	t := stripBidiControls(s)
	if strings.TrimFunc(t, unicode.IsSpace) == "" {
		return ""
	}
	return t
}

// mapText gives each glyph of the leaflet its text in the ToUnicode map:
// the text of the first cluster it forms alone (a contextual Arabic form
// copies as its letter, a ligature as its letters), so that most glyphs
// need no ActualText.
func (d *drawer) mapText(l *compose.Leaflet) {
	for _, pg := range l.Pages {
		for _, ln := range pg.Lines {
			for _, run := range ln.Line.Runs {
				fd, err := d.r.face(run.Face)
				if err != nil {
					continue // line reports it
				}
				u := d.use(fd)
				gs := run.Glyphs
				for i, g := range gs {
					single := (i == 0 || gs[i-1].Cluster != g.Cluster) && (i == len(gs)-1 || gs[i+1].Cluster != g.Cluster)
					if _, ok := u.text[g.ID]; ok || !single {
						continue
					}
					if t := clusterText(g.Text); t != "" {
						u.text[g.ID] = t
					}
				}
			}
		}
	}
}

// baseFirst orders a cluster's glyphs for its ActualText span: the base
// (the glyph with the largest advance) first, then the marks, then a
// blank glyph on the baseline at end, the pen position after the cluster.
func baseFirst(fd *faceData, cluster []drawGlyph, gs []layout.Glyph, end float64) []drawGlyph {
	base := 0
	for k, g := range gs {
		if g.Advance > gs[base].Advance {
			base = k
		}
	}
	out := make([]drawGlyph, 0, len(cluster)+1)
	out = append(out, cluster[base])
	out = append(out, cluster[:base]...)
	out = append(out, cluster[base+1:]...)
	if fd.blank != 0 {
		out = append(out, drawGlyph{id: fd.blank, x: end})
	}
	return out
}

// isNeutralPunct reports text made only of punctuation and symbols.
func isNeutralPunct(text string) bool {
	return text != "" && !strings.ContainsFunc(text, func(r rune) bool { return !unicode.IsPunct(r) && !unicode.IsSymbol(r) })
}

// isBidiControl reports the explicit bidi formatting characters: marks,
// embeddings, overrides and isolates. They steer layout and are no part
// of the text a reader copies.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

func stripBidiControls(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// actualText writes s as a PDF hex string in UTF-16BE with a byte order
// mark, the form ActualText takes.
func actualText(s string) string { return "<FEFF" + utf16Hex(s) + ">" }
