package fonts

import (
	"bytes"
	"fmt"

	gotext "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// SegmentOp is what one segment of an outline draws.
type SegmentOp uint8

// Segment operations: start a contour, a straight line, a quadratic and
// a cubic Bézier curve (TrueType outlines use the first three).
const (
	MoveTo SegmentOp = iota
	LineTo
	QuadTo
	CubeTo
)

// Point is a point of an outline in font units, Y growing upwards.
type Point struct{ X, Y float32 }

// Segment is one step of an outline: Args holds one point (MoveTo,
// LineTo), a control point and the end (QuadTo), or two control points
// and the end (CubeTo).
type Segment struct {
	Op   SegmentOp
	Args [3]Point
}

// Points returns the points the segment uses.
func (s Segment) Points() []Point {
	switch s.Op {
	case QuadTo:
		return s.Args[:2]
	case CubeTo:
		return s.Args[:3]
	}
	return s.Args[:1]
}

// Outline is a glyph's outline as the font's glyf table draws it
// (composite glyphs resolved): contours, each opened by a MoveTo and
// closed implicitly, filled by the non-zero winding rule. An outline with
// no segments draws nothing (a space).
type Outline []Segment

// OutlineError reports a glyph whose outline the font does not give.
type OutlineError struct {
	Face  string // the face's PostScript name or file
	Glyph uint16
}

func (e *OutlineError) Error() string {
	return fmt.Sprintf("fonts: %s has no outline for glyph %d", e.Face, e.Glyph)
}

// Outlines returns glyphs gids of face f as drawn by the font file the
// PDF renderer embeds, in the order asked: the page renderers
// (generator/render/svg) draw the same shapes from them. The font the
// shaper uses has no outlines (see headerOnly): the file is parsed whole
// once, on the first call for the face, and the outlines are read through
// a go-text face of this call's own (one is not safe for concurrent use,
// and making one costs a cache the size of the font, so ask for many
// glyphs at once).
func (s *Set) Outlines(f *Face, gids []uint16) ([]Outline, error) {
	ft := s.outlineFont(f)
	if ft == nil {
		return nil, &OutlineError{Face: f.File}
	}
	face := gotext.NewFace(ft)
	out := make([]Outline, len(gids))
	for i, gid := range gids {
		if int(gid) >= f.NumGlyphs {
			return nil, &OutlineError{Face: f.PSName, Glyph: gid}
		}
		data, ok := face.GlyphDataOutline(gotext.GID(gid))
		if !ok {
			return nil, &OutlineError{Face: f.PSName, Glyph: gid}
		}
		o := make(Outline, len(data.Segments))
		for k, sg := range data.Segments {
			o[k] = Segment{Op: segmentOp(sg.Op)}
			for j, p := range sg.Args {
				o[k].Args[j] = Point{X: p.X, Y: p.Y}
			}
		}
		out[i] = o
	}
	return out, nil
}

func segmentOp(op ot.SegmentOp) SegmentOp {
	switch op {
	case ot.SegmentOpLineTo:
		return LineTo
	case ot.SegmentOpQuadTo:
		return QuadTo
	case ot.SegmentOpCubeTo:
		return CubeTo
	}
	return MoveTo
}

// outlineFont returns f's go-text font parsed with its outlines, parsing
// it on the first call.
func (s *Set) outlineFont(f *Face) *gotext.Font {
	lf := s.shaping[f]
	if lf == nil || !s.load(f) {
		return nil
	}
	lf.outlinesOnce.Do(func() {
		ld, err := ot.NewLoader(bytes.NewReader(f.Data))
		if err != nil {
			return
		}
		lf.outlines, _ = gotext.NewFont(ld)
	})
	return lf.outlines
}
