package compose

import (
	"fmt"
	"slices"
)

// slice is an unbreakable horizontal strip of content: the unit the
// paginator moves. Its boxes, lines and links carry page X coordinates
// and Y relative to the slice's top.
type slice struct {
	h float64
	Page
	keep bool    // no page break between this slice and the next
	gap  float64 // space after the slice; dropped at a page break
}

// add draws o into p at dy below p's top.
func (p *Page) add(o Page, dy float64) {
	for _, b := range o.Boxes {
		b.Y += dy
		if b.Kind == Logo {
			b.Inner.Y += dy
		}
		p.Boxes = append(p.Boxes, b)
	}
	for _, l := range o.Lines {
		l.Y += dy
		p.Lines = append(p.Lines, l)
	}
	for _, l := range o.Links {
		l.Y += dy
		p.Links = append(p.Links, l)
	}
}

// stack merges slices into one, each below the other (their gaps kept).
func stack(ss []slice) slice {
	var out slice
	out.reserve(ss)
	for i, s := range ss {
		out.add(s.Page, out.h)
		out.h = stackHeight(out.h, s, i == len(ss)-1)
	}
	return out
}

// reserve makes room in p for the boxes, lines and links of ss and of
// more, so that adding them does not grow p's slices step by step.
func (p *Page) reserve(ss []slice, more ...slice) {
	var boxes, lines, links int
	for _, s := range ss {
		boxes, lines, links = boxes+len(s.Boxes), lines+len(s.Lines), links+len(s.Links)
	}
	for _, s := range more {
		boxes, lines, links = boxes+len(s.Boxes), lines+len(s.Lines), links+len(s.Links)
	}
	p.Boxes = slices.Grow(p.Boxes, boxes)
	p.Lines = slices.Grow(p.Lines, lines)
	p.Links = slices.Grow(p.Links, links)
}

// stackHeight is h with slice s stacked below it: its height, and its
// gap unless it is the last.
func stackHeight(h float64, s slice, last bool) float64 {
	h += s.h
	if !last {
		h += s.gap
	}
	return h
}

// frame is the furniture every page gets and the room left for the flow.
type frame struct {
	first, rest slice   // drawn at the top of the first page, of the others
	footer      slice   // drawn at the bottom of every page
	top1, top   float64 // where the flow starts on the first page, on the others
	bottom      float64 // where the flow must end
}

// room is the height the flow has on a page.
func (f frame) room(first bool) float64 {
	if first {
		return f.bottom - f.top1
	}
	return f.bottom - f.top
}

// paginate places the flow on as many pages as it takes, at the base
// design: a run of slices tied by keep goes whole to the next page when
// it does not fit on this one; only a run taller than a whole page is
// broken, between slices. Nothing is clipped: a single slice taller than
// a page is an error.
func paginate(d design, fr frame, flow []slice) ([]Page, error) {
	gs := groups(flow, fr.room(false))
	starts := []int{0}
	y, room := 0.0, fr.room(true)
	for i, g := range gs {
		if g.h > fr.room(false)+1e-6 {
			return nil, fmt.Errorf("a line of %.1f pt does not fit in a page's %.1f pt", g.h, fr.room(false))
		}
		if y+g.h > room+1e-6 && (y > 0 || room < fr.room(false)) {
			starts = append(starts, i)
			y, room = 0, fr.room(false)
		}
		y += g.h + g.gap
	}
	return place(d, fr, flow, gs, starts, false), nil
}

// mergeBoxes joins boxes of one kind and colour that continue each other
// downwards (the pieces of a card or notice, one per line): one rectangle
// paints without the hairline seams viewers show between adjacent ones.
// It merges in place: bs is reused for the result.
func mergeBoxes(bs []Box) []Box {
	out := bs[:0]
	for _, b := range bs {
		merged := false
		for i := range slices.Backward(out) {
			o := &out[i]
			if o.Kind == b.Kind && o.Fill == b.Fill && o.Bleed == b.Bleed && near(o.X, b.X) && near(o.W, b.W) && near(o.Y+o.H, b.Y) {
				o.H = b.Y + b.H - o.Y
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, b)
		}
	}
	return out
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
