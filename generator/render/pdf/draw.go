package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/layout"
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

func (d *drawer) page(pg compose.Page, print bool) error {
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
	for _, run := range ln.Line.Runs {
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
		for _, seg := range segments(fc, run.Glyphs) {
			if seg.actual != nil {
				d.pdf.RawWriteStr("/Span <</ActualText " + *seg.actual + ">> BDC\n")
			}
			d.glyphs(fc, run.Size, x0, y0, run.Glyphs[seg.from:seg.to], seg.codes, used)
			if seg.actual != nil {
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

// glyphs draws gs with codes, one Text call for each stretch in which
// fpdf's own advance (the /W width of each code) puts the next glyph where
// the shaper placed it.
func (d *drawer) glyphs(fc *fontCopy, size, x0, y0 float64, gs []layout.Glyph, codes []rune, used map[rune]bool) {
	var s strings.Builder
	start := 0
	pen := 0.0 // where fpdf's advance puts the next glyph
	flush := func(end int) {
		if end > start {
			d.pdf.Text(x0+gs[start].X, y0+gs[start].Y, s.String())
		}
		s.Reset()
		start = end
	}
	for i, g := range gs {
		if i > start && (math.Abs(g.Y-gs[start].Y) > 1e-6 || math.Abs(x0+g.X-pen) > penTolerance) {
			flush(i)
		}
		if i == start {
			pen = x0 + g.X
		}
		s.WriteRune(codes[i])
		used[codes[i]] = true
		pen += float64(fc.width[g.ID]) * size / 1000
	}
	flush(len(gs))
}

// segment is a stretch of a run's glyphs drawn in one marked-content
// sequence: either several clusters whose drawn codes are their own
// characters (actual == nil), or one cluster with an ActualText.
type segment struct {
	from, to int
	codes    []rune  // code drawn for each glyph of the segment
	actual   *string // the ActualText operand, <FEFF…>
}

// segments splits a run into clusters (adjacent glyphs with the same
// Cluster; the first carries the cluster's text), chooses the code each
// glyph is drawn with, and merges neighbouring clusters that need no
// ActualText. Clusters that consist only of bidi controls are dropped:
// they have no ink and no text to copy.
func segments(fc *fontCopy, gs []layout.Glyph) []segment {
	var out []segment
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		text := stripBidiControls(gs[i].Text)
		if text == "" && gs[i].Text != "" {
			i = j
			continue // LRI, PDI …: nothing to draw, nothing to copy
		}
		codes := make([]rune, j-i)
		avail := []rune(text)
		for k, g := range gs[i:j] {
			codes[k] = fc.code[g.ID]
			for a, r := range avail {
				if r <= 0xFFFF && fc.cmap[r] == g.ID && !isControl(r) {
					codes[k] = r
					avail = slices.Delete(avail, a, a+1)
					break
				}
			}
		}
		if sameRunes(codes, text) {
			if n := len(out); n > 0 && out[n-1].actual == nil && out[n-1].to == i {
				out[n-1].to = j
				out[n-1].codes = append(out[n-1].codes, codes...)
			} else {
				out = append(out, segment{from: i, to: j, codes: codes})
			}
		} else {
			a := actualText(text)
			out = append(out, segment{from: i, to: j, codes: codes, actual: &a})
		}
		i = j
	}
	return out
}

// sameRunes reports whether codes are text's characters in some order.
func sameRunes(codes []rune, text string) bool {
	want := []rune(text)
	if len(want) != len(codes) {
		return false
	}
	got := slices.Clone(codes)
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
