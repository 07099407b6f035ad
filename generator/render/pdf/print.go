package pdf

import "infogeneratorn/generator/compose"

// Print geometry, in points.
const (
	mm    = 72 / 25.4
	bleed = 3 * mm // backgrounds run this far past the trim edge
	// Crop marks lie on the trim lines' extensions, from markFrom to markTo
	// outside the trim edge: wholly outside the bleed.
	markFrom  = 4 * mm
	markTo    = 10 * mm
	markWidth = 0.25
	// slug is the media margin around the trim box on print output, about
	// 12 mm: a whole number of points, so that the trim box, written with
	// two decimals, measures A4 or A5 to the hundredth of a point.
	slug = 34.0
	// registration is the spot colour crop marks are drawn in: the PDF
	// name "All" marks every separation.
	registration = "All"
)

// geometry places the trim box on the medium.
type geometry struct {
	trimW, trimH   float64
	mediaW, mediaH float64
	ox, oy         float64 // trim box origin on the medium (top-left)
}

func newGeometry(w, h float64, print bool) geometry {
	if !print {
		return geometry{trimW: w, trimH: h, mediaW: w, mediaH: h}
	}
	return geometry{trimW: w, trimH: h, mediaW: w + 2*slug, mediaH: h + 2*slug, ox: slug, oy: slug}
}

// bleedOut extends r by the bleed on every side that lies on the trim edge.
func (g geometry) bleedOut(r compose.Rect) compose.Rect {
	const eps = 0.01
	if r.X <= eps {
		r.X -= bleed
		r.W += bleed
	}
	if r.Y <= eps {
		r.Y -= bleed
		r.H += bleed
	}
	if r.X+r.W >= g.trimW-eps {
		r.W += bleed
	}
	if r.Y+r.H >= g.trimH-eps {
		r.H += bleed
	}
	return r
}

// markSegment is one crop mark, in medium coordinates (top-left origin).
type markSegment struct{ x1, y1, x2, y2 float64 }

// cropMarks returns the eight crop marks: at each corner, one horizontal
// and one vertical line on the extension of the trim edges.
func (g geometry) cropMarks() []markSegment {
	var out []markSegment
	for _, cx := range []float64{g.ox, g.ox + g.trimW} {
		for _, cy := range []float64{g.oy, g.oy + g.trimH} {
			sx := -1.0 // outward direction from the trim box
			if cx > g.ox {
				sx = 1
			}
			sy := -1.0
			if cy > g.oy {
				sy = 1
			}
			out = append(out,
				markSegment{cx + sx*markFrom, cy, cx + sx*markTo, cy},
				markSegment{cx, cy + sy*markFrom, cx, cy + sy*markTo})
		}
	}
	return out
}

func (d *drawer) cropMarks() {
	d.pdf.SetLineWidth(markWidth)
	d.pdf.SetDrawSpotColor(registration, 100)
	for _, m := range d.geo.cropMarks() {
		d.pdf.Line(m.x1, m.y1, m.x2, m.y2)
	}
}
