package compose

import (
	"slices"
	"strings"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/layout"
)

// Leaflet is a composed document: pages of positioned boxes and lines.
// Coordinates are in points, in the trim box: the origin is the top-left
// corner of the trimmed page, Y grows downwards.
type Leaflet struct {
	Width, Height float64 // trim size
	Pages         []Page
	// Logo is the image a Logo box shows (the document's), nil if none.
	Logo *document.Image
	// Step is the factor the text sizes were set at to fit the page
	// budget (1: the design's base sizes; each size held at its floor).
	Step float64
}

// Page is one page, painted in order: boxes, then lines; links lie on top.
type Page struct {
	// Flow is the area the flow of blocks may fill: the content width,
	// from below the header band or strip down to above the footer.
	Flow  Rect
	Boxes []Box
	Lines []Line
	Links []Link
}

// Rect is an axis-aligned rectangle: top-left corner and size.
type Rect struct {
	X, Y, W, H float64
}

// Intersects reports whether r and o share an area (touching edges do not).
func (r Rect) Intersects(o Rect) bool {
	const eps = 1e-6
	return r.X < o.X+o.W-eps && o.X < r.X+r.W-eps && r.Y < o.Y+o.H-eps && o.Y < r.Y+r.H-eps
}

// Contains reports whether o lies inside r.
func (r Rect) Contains(o Rect) bool {
	const eps = 1e-6
	return o.X >= r.X-eps && o.Y >= r.Y-eps && o.X+o.W <= r.X+r.W+eps && o.Y+o.H <= r.Y+r.H+eps
}

// Color is a design colour in its two renditions: sRGB for screens (the
// digital PDF, HTML) and CMYK for print (the print PDF), in percent of
// each ink. design.go says how the two are matched.
type Color struct {
	R, G, B    uint8 // sRGB, 0–255
	C, M, Y, K uint8 // ink coverage, 0–100 %
}

// KOnly reports whether the colour prints with the black ink alone (or no
// ink at all: paper white).
func (c Color) KOnly() bool { return c.C == 0 && c.M == 0 && c.Y == 0 }

// BoxKind says what a box is, for the renderer's drawing and for tests.
type BoxKind string

// Box kinds.
const (
	Band   BoxKind = "band"   // a full-width background band (header, footer strip)
	Card   BoxKind = "card"   // the background of a contact card
	Notice BoxKind = "notice" // the background of a notice
	Accent BoxKind = "accent" // the start-side bar of a card or notice
	Rule   BoxKind = "rule"   // a thin separating line
	Bullet BoxKind = "bullet" // a list bullet: a disc inscribed in the box
	Logo   BoxKind = "logo"   // the municipality's logo on a white panel; the image fills Inner
)

// Box is a filled shape.
type Box struct {
	Kind BoxKind
	Rect
	Fill Color
	// Bleed: on print output, every edge that lies on the trim edge runs
	// on into the bleed.
	Bleed bool
	// Inner is where a Logo box's image goes, inside its panel.
	Inner Rect
}

// Line is one laid-out line placed on the page.
type Line struct {
	X, Y  float64 // left end of the baseline
	Line  layout.Line
	Color Color
	// Block is the index in the document's Blocks of the block the line
	// belongs to; -1 for the page's furniture (municipality name, footer).
	Block int
	// Part names what the line sets inside its block: "text", "item",
	// "label", "name", "phone", "hours", … (for tests and snapshots).
	Part string
	// Item is the index of the list item or card inside its block, or of
	// the footer line, that the line sets; 0 for other lines. With Block
	// and Part it ties a line to the document's structure (tagged PDF).
	Item int
	// Lang is the line's own language where it differs from the
	// document's (the Swedish copy of a footer notice); "" otherwise.
	Lang string
	// Langs are the stretches of the line's paragraph in another language
	// than the line's (document.Span.Lang), as byte ranges of the
	// paragraph text that layout.Glyph.Cluster indexes.
	Langs []LangRange
}

// LangRange is a byte range of a paragraph's text in language Lang.
type LangRange struct {
	Start, End int
	Lang       string
}

// Text returns the line's logical text: its clusters' characters in the
// order of the paragraph.
func (l Line) Text() string {
	type cluster struct {
		at   int
		text string
	}
	var cs []cluster
	for _, r := range l.Line.Runs {
		for _, g := range r.Glyphs {
			if text := r.TextOf(g); text != "" {
				cs = append(cs, cluster{int(g.Cluster), text})
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b cluster) int { return a.at - b.at })
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.text)
	}
	return b.String()
}

// Box returns the line's ink box from its ascent to its descent.
func (l Line) Box() Rect {
	return Rect{X: l.X, Y: l.Y - l.Line.Ascent, W: l.Line.Width, H: l.Line.Ascent + l.Line.Descent}
}

// Link is a clickable area.
type Link struct {
	Rect
	Href string
}
