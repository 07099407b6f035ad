package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

// penTolerance is how far (points) fpdf's own advance may put a glyph from
// where the shaper wants it before a new Text call starts. fpdf writes
// coordinates with two decimals, so nothing finer is worth asking for.
const penTolerance = 0.01

// drawer draws one leaflet's pages into an fpdf instance.
type drawer struct {
	pdf  *fpdf.Fpdf
	r    *Renderer
	geo  geometry
	used map[*fontCopy]map[rune]bool // code points drawn per font, for the subset tag
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
	d.pdf.SetFillColor(int(b.Fill.R), int(b.Fill.G), int(b.Fill.B))
	x, y := d.geo.ox+r.X, d.geo.oy+r.Y
	if b.Kind == compose.Bullet {
		d.pdf.Circle(x+r.W/2, y+r.H/2, min(r.W, r.H)/2, "F")
		return
	}
	d.pdf.Rect(x, y, r.W, r.H, "F")
}

// line draws one placed line run by run, glyph cluster by cluster.
func (d *drawer) line(ln compose.Line) error {
	d.pdf.SetTextColor(int(ln.Color.R), int(ln.Color.G), int(ln.Color.B))
	for ri, run := range ln.Line.Runs {
		fc := d.r.fonts[run.Face]
		if fc == nil {
			return fmt.Errorf("a run uses a face that is not in the renderer's font set (%v)", faceName(run))
		}
		d.pdf.SetFont(fc.key, "", run.Size)
		used := d.used[fc]
		if used == nil {
			used = map[rune]bool{}
			d.used[fc] = used
		}
		x0, y0 := d.geo.ox+ln.X+run.X, d.geo.oy+ln.Y
		// The left edge of a left-to-right island (a number, a Latin
		// name) on a right-to-left line: see segments.
		island := ln.Line.Dir == vocab.RTL && run.Level%2 == 0 && (ri == 0 || ln.Line.Runs[ri-1].Level%2 == 1)
		for _, seg := range segments(fc, run, island) {
			if seg.actual != "" {
				d.pdf.RawWriteStr("/Span <</ActualText " + seg.actual + ">> BDC\n")
			}
			d.draw(fc, run.Size, x0, y0, seg.glyphs, used)
			if seg.actual != "" {
				d.pdf.RawWriteStr("EMC\n")
			}
		}
	}
	return nil
}

func faceName(run layout.Run) string {
	if run.Face == nil {
		return "nil face"
	}
	return run.Face.PSName
}

// draw draws glyphs, one Text call for each stretch in which fpdf's own
// advance (the /W width of each code) puts the next glyph within
// penTolerance of where the shaper placed it.
func (d *drawer) draw(fc *fontCopy, size, x0, y0 float64, gs []drawGlyph, used map[rune]bool) {
	var s strings.Builder
	var first drawGlyph
	pen := 0.0 // where fpdf's advance puts the next glyph
	flush := func() {
		if s.Len() > 0 {
			d.pdf.Text(x0+first.x, y0+first.y, s.String())
		}
		s.Reset()
	}
	for _, g := range gs {
		if s.Len() > 0 && (math.Abs(g.y-first.y) > 1e-6 || math.Abs(x0+g.x-pen) > penTolerance) {
			flush()
		}
		if s.Len() == 0 {
			first, pen = g, x0+g.x
		}
		s.WriteRune(g.code)
		used[g.code] = true
		pen += float64(fc.width[g.id]) * size / 1000
	}
	flush()
}

// drawGlyph is a glyph as drawn: its code and its position from the run's
// origin on the baseline (Y down).
type drawGlyph struct {
	id   uint16
	code rune
	x, y float64
}

// segment is a stretch of a run drawn in one marked-content sequence:
// either clusters whose drawn codes are their own characters (no
// ActualText), or one cluster with an ActualText.
type segment struct {
	glyphs []drawGlyph
	actual string // the ActualText operand, <FEFF…>; "" for none
}

// segments splits a run into clusters (adjacent glyphs with the same
// Cluster; the first carries the cluster's text) and decides how each is
// drawn for the text layer:
//
//   - A cluster of one glyph drawn with its own character goes into the
//     text as it is; neighbouring such clusters share one segment.
//   - A cluster of one glyph drawn with another code (a contextual form or
//     ligature with a private-use code) gets its text as ActualText.
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
func segments(fc *fontCopy, run layout.Run, island bool) []segment {
	gs := run.Glyphs
	rtl := run.Level%2 == 1
	var out []segment
	pen := 0.0 // the pen position at the start of cluster i
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		for _, g := range gs[i:j] {
			pen += g.Advance
		}
		text := stripBidiControls(gs[i].Text)
		if strings.TrimFunc(text, unicode.IsSpace) == "" && gs[i].Text != "" {
			i = j
			continue
		}
		cluster := make([]drawGlyph, j-i)
		avail := []rune(text)
		for k, g := range gs[i:j] {
			cluster[k] = drawGlyph{id: g.ID, code: fc.code[g.ID], x: g.X, y: g.Y}
			for a, r := range avail {
				if r <= 0xFFFF && fc.cmap[r] == g.ID && !isControl(r) {
					cluster[k].code = r
					avail = slices.Delete(avail, a, a+1)
					break
				}
			}
		}
		switch {
		case i == 0 && island:
			lead := segment{glyphs: cluster, actual: actualText("\u200f" + text)}
			if j-i > 1 {
				lead.glyphs = baseFirst(fc, cluster, gs[i:j], pen)
			}
			out = append(out, lead)
		case j-i == 1 && rtl && isNeutralPunct(text):
			out = append(out, segment{glyphs: cluster, actual: actualText("\u200f" + text + "\u200f")})
		case j-i == 1 && sameRunes(cluster, text):
			if n := len(out); n > 0 && out[n-1].actual == "" {
				out[n-1].glyphs = append(out[n-1].glyphs, cluster...)
			} else {
				out = append(out, segment{glyphs: cluster})
			}
		case j-i == 1:
			out = append(out, segment{glyphs: cluster, actual: actualText(text)})
		default:
			out = append(out, segment{glyphs: baseFirst(fc, cluster, gs[i:j], pen), actual: actualText(text)})
		}
		i = j
	}
	return out
}

// baseFirst orders a cluster's glyphs for its ActualText span: the base
// (the glyph with the largest advance) first, then the marks, then a
// blank glyph on the baseline at end, the pen position after the cluster.
func baseFirst(fc *fontCopy, cluster []drawGlyph, gs []layout.Glyph, end float64) []drawGlyph {
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
	if fc.blank != 0 {
		out = append(out, drawGlyph{id: fc.blank, code: fc.code[fc.blank], x: end})
	}
	return out
}

// isNeutralPunct reports text made only of punctuation and symbols.
func isNeutralPunct(text string) bool {
	return text != "" && !strings.ContainsFunc(text, func(r rune) bool { return !unicode.IsPunct(r) && !unicode.IsSymbol(r) })
}

// sameRunes reports whether the glyphs' codes are text's characters in
// some order.
func sameRunes(gs []drawGlyph, text string) bool {
	want := []rune(text)
	if len(want) != len(gs) {
		return false
	}
	got := make([]rune, len(gs))
	for i, g := range gs {
		got[i] = g.code
	}
	slices.Sort(got)
	slices.Sort(want)
	return slices.Equal(got, want)
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
func actualText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
