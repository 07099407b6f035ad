package svg

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
)

// Renderer draws composed leaflets as SVG pages. Build it once per
// process, on the font set and layout the PDF renderer uses; it is safe
// for concurrent use.
type Renderer struct {
	set    *fonts.Set
	setter compose.Setter
	memo   *compose.Memo // the PDF renderer's: a page image sets its leaflet as the PDF was fitted
	mu     sync.RWMutex
	// paths holds each glyph's path data once drawn, for the life of the
	// process: at most every glyph of the set's faces.
	paths map[glyphKey]string
}

// glyphKey names one glyph of one face of the set.
type glyphKey struct {
	face  *fonts.Face
	glyph uint16
}

// New returns a renderer that composes with setter and draws glyphs
// from set: the PDF renderer's (pdf.Renderer.Fonts, Setter), so that both
// draw the same pages. With memo (the PDF renderer's, pdf.Renderer.Memo),
// a leaflet whose PDF was just made (a preview draws both) is set at the
// step its PDF was fitted at, without fitting it again; nil fits every
// leaflet.
func New(set *fonts.Set, setter compose.Setter, memo *compose.Memo) (*Renderer, error) {
	if set == nil || setter == nil {
		return nil, errors.New("svg: New needs a font set and a layout engine")
	}
	return &Renderer{set: set, setter: setter, memo: memo, paths: map[glyphKey]string{}}, nil
}

// ContentType is the media type of a page.
const ContentType = "image/svg+xml"

// RenderPages composes doc as the PDF renderer does and draws each page
// as an SVG document.
func (r *Renderer) RenderPages(doc *document.Document) ([][]byte, error) {
	if doc == nil {
		return nil, errors.New("svg: nil document")
	}
	layOut := compose.Compose
	if r.memo != nil {
		layOut = r.memo.Compose
	}
	l, err := layOut(doc, r.setter)
	if err != nil {
		return nil, fmt.Errorf("svg: %w", err)
	}
	return r.Draw(l, Meta{Title: doc.Title, Lang: doc.Lang, Dir: string(doc.Dir)})
}

// Meta is what a page says about itself: the leaflet's title, language
// and direction, for its <title> and <desc>.
type Meta struct {
	Title, Lang, Dir string
}

// Draw draws each page of a composed leaflet as an SVG document.
func (r *Renderer) Draw(l *compose.Leaflet, m Meta) ([][]byte, error) {
	if l == nil || len(l.Pages) == 0 {
		return nil, errors.New("svg: no pages")
	}
	var logo string
	if l.Logo != nil && len(l.Logo.Data) > 0 {
		ct := http.DetectContentType(l.Logo.Data)
		if ct != "image/png" && ct != "image/jpeg" {
			return nil, fmt.Errorf("svg: the logo is %s, not a PNG or JPEG", ct)
		}
		logo = "data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(l.Logo.Data)
	}
	if err := r.prepare(l); err != nil {
		return nil, err
	}
	out := make([][]byte, len(l.Pages))
	for i, pg := range l.Pages {
		out[i] = r.page(l, pg, i, m, logo)
	}
	return out, nil
}

// prepare reads the outline of every glyph the leaflet draws that no
// earlier page drew: one go-text face per font face (see fonts.Outlines).
func (r *Renderer) prepare(l *compose.Leaflet) error {
	want := map[*fonts.Face][]uint16{}
	seen := map[glyphKey]bool{}
	r.mu.RLock()
	for _, pg := range l.Pages {
		for _, ln := range pg.Lines {
			for _, run := range ln.Line.Runs {
				if run.Face == nil {
					r.mu.RUnlock()
					return errors.New("svg: a run has no face")
				}
				for _, g := range run.Glyphs {
					k := glyphKey{run.Face, g.ID}
					if _, ok := r.paths[k]; ok || seen[k] {
						continue
					}
					seen[k] = true
					want[run.Face] = append(want[run.Face], g.ID)
				}
			}
		}
	}
	r.mu.RUnlock()
	for face, gids := range want {
		outs, err := r.set.Outlines(face, gids)
		if err != nil {
			return fmt.Errorf("svg: %w", err)
		}
		r.mu.Lock()
		for i, g := range gids {
			r.paths[glyphKey{face, g}] = pathData(outs[i])
		}
		r.mu.Unlock()
	}
	return nil
}

// pathData writes an outline as SVG path data in font units with Y
// growing downwards (the page's direction), each contour closed: relative
// commands, a command letter only where it changes, "t" for a quadratic
// curve whose control point mirrors the last one, coordinates rounded
// to a tenth of a unit (each delta is taken between rounded points, so
// rounding does not add up along a contour).
func pathData(o fonts.Outline) string {
	var b []byte
	var cur, start [2]float64 // the current point and the contour's start, rounded
	var prevCtrl [2]float64   // the last quadratic segment's control point
	smooth := false           // the last segment was quadratic
	last := byte(0)
	round := func(v float32) float64 { return math.Round(float64(v)*10) / 10 }
	for _, s := range o {
		op := "mlqc"[s.Op]
		if s.Op == fonts.MoveTo {
			if last != 0 {
				b = append(b, 'z')
				cur = start
			}
			last = 0
		}
		pts := s.Points()
		if s.Op == fonts.QuadTo {
			ctrl := [2]float64{round(pts[0].X), -round(pts[0].Y)}
			// A control point that mirrors the last one about the current
			// point (TrueType's implied on-curve points) goes unsaid: "t".
			if smooth && math.Abs(2*cur[0]-prevCtrl[0]-ctrl[0]) < 1e-6 && math.Abs(2*cur[1]-prevCtrl[1]-ctrl[1]) < 1e-6 {
				op, pts = 't', pts[1:]
			}
			prevCtrl, smooth = ctrl, true
		} else {
			smooth = false
		}
		if op != last {
			b = append(b, op)
			last = op
		}
		base := cur
		for _, p := range pts {
			pt := [2]float64{round(p.X), -round(p.Y)}
			b = coord(b, pt[0]-base[0])
			b = coord(b, pt[1]-base[1])
			cur = pt
		}
		if s.Op == fonts.MoveTo {
			start = cur
			// Pairs after a moveto are linetos: say so, for clarity.
			last = 'm'
		}
	}
	if len(b) > 0 {
		b = append(b, 'z')
	}
	return string(b)
}

// coord appends a coordinate with at most one decimal to path data,
// after a space unless a command letter or its own minus sign separates
// it from the number before; "0.5" is written ".5".
func coord(b []byte, v float64) []byte {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	if n := len(b); n > 0 && v >= 0 && (b[n-1] >= '0' && b[n-1] <= '9' || b[n-1] == '.') {
		b = append(b, ' ')
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// num appends a page coordinate in points with at most two decimals, as
// the PDF renderer writes them.
func num(b []byte, v float64) []byte {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// glyphID is the element ID of a glyph's path: the face's place in the
// set and the glyph index.
func (r *Renderer) glyphID(b []byte, k glyphKey) []byte {
	i, _ := r.set.Index(k.face)
	b = append(b, 'f')
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, 'g')
	return strconv.AppendInt(b, int64(k.glyph), 10)
}

// drawn is one glyph placed on the page: the glyph and its origin in
// points, Y down.
type drawn struct {
	key  glyphKey
	x, y float64
}

// page draws one page: boxes, then lines, in the PDF renderer's order.
func (r *Renderer) page(l *compose.Leaflet, pg compose.Page, idx int, m Meta, logo string) []byte {
	var body bytes.Buffer
	var used []glyphKey
	defined := map[glyphKey]bool{}
	for _, bx := range pg.Boxes {
		box(&body, bx, logo)
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var b []byte
	for _, ln := range pg.Lines {
		b = append(b[:0], `<g fill="`...)
		b = colour(b, ln.Color)
		b = append(b, `">`...)
		for _, run := range ln.Line.Runs {
			gs := glyphs(&run)
			var ink []drawn
			for _, g := range gs {
				if r.paths[g.key] != "" {
					ink = append(ink, g)
				}
			}
			if len(ink) == 0 {
				continue
			}
			s := run.Size / float64(run.Face.UnitsPerEm)
			b = append(b, `<g transform="translate(`...)
			b = num(b, ln.X+run.X)
			b = append(b, ' ')
			b = num(b, ln.Y)
			b = append(b, ") scale("...)
			b = strconv.AppendFloat(b, s, 'g', 6, 64)
			b = append(b, `)">`...)
			for _, g := range ink {
				if !defined[g.key] {
					defined[g.key] = true
					used = append(used, g.key)
				}
				b = append(b, `<use href="#`...)
				b = r.glyphID(b, g.key)
				b = append(b, '"')
				if x := math.Round(g.x / s); x != 0 {
					b = append(b, ` x="`...)
					b = strconv.AppendFloat(b, x, 'f', -1, 64)
					b = append(b, '"')
				}
				if y := math.Round(g.y / s); y != 0 {
					b = append(b, ` y="`...)
					b = strconv.AppendFloat(b, y, 'f', -1, 64)
					b = append(b, '"')
				}
				b = append(b, "/>"...)
			}
			b = append(b, "</g>"...)
		}
		b = append(b, "</g>\n"...)
		body.Write(b)
	}

	var out bytes.Buffer
	out.Grow(body.Len() + 64*len(used) + 1024)
	w, h := num(nil, l.Width), num(nil, l.Height)
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%spt" height="%spt" viewBox="0 0 %s %s" role="img" aria-labelledby="title">`+"\n",
		w, h, w, h)
	lang := html.EscapeString(m.Lang)
	dir := "ltr"
	if m.Dir == "rtl" {
		dir = "rtl"
	}
	fmt.Fprintf(&out, `<title id="title" lang="%s" dir="%s">%s (%d/%d)</title>`+"\n", lang, dir, html.EscapeString(m.Title), idx+1, len(l.Pages))
	fmt.Fprintf(&out, `<desc lang="%s" dir="%s">%s</desc>`+"\n", lang, dir, html.EscapeString(pageText(pg)))
	// The paper: white under everything, as a PDF page is.
	fmt.Fprintf(&out, `<rect width="%s" height="%s" fill="#fff"/>`+"\n", w, h)
	out.WriteString("<defs>\n")
	for _, k := range used {
		out.WriteString(`<path id="`)
		out.Write(r.glyphID(nil, k))
		out.WriteString(`" d="`)
		out.WriteString(r.paths[k])
		out.WriteString("\"/>\n")
	}
	out.WriteString("</defs>\n")
	out.Write(body.Bytes())
	out.WriteString("</svg>\n")
	return out.Bytes()
}

// glyphs returns the glyphs of a run that the PDF renderer draws, with
// their origins from the run's origin: every cluster but those of only
// bidi controls (see the PDF renderer's segments).
func glyphs(run *layout.Run) []drawn {
	gs := run.Glyphs
	var out []drawn
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].Cluster == gs[i].Cluster {
			j++
		}
		if strings.TrimFunc(run.TextOf(gs[i]), isBidiControl) == "" {
			i = j
			continue
		}
		for _, g := range gs[i:j] {
			out = append(out, drawn{key: glyphKey{run.Face, g.ID}, x: g.X, y: g.Y})
		}
		i = j
	}
	return out
}

// isBidiControl reports the explicit bidi formatting characters, which
// steer layout and draw nothing.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// box draws one filled shape, and a logo's image inside its panel.
func box(out *bytes.Buffer, bx compose.Box, logo string) {
	var b []byte
	if bx.Kind == compose.Bullet {
		rad := min(bx.W, bx.H) / 2
		b = append(b, `<circle cx="`...)
		b = num(b, bx.X+bx.W/2)
		b = append(b, `" cy="`...)
		b = num(b, bx.Y+bx.H/2)
		b = append(b, `" r="`...)
		b = num(b, rad)
	} else {
		b = append(b, `<rect x="`...)
		b = num(b, bx.X)
		b = append(b, `" y="`...)
		b = num(b, bx.Y)
		b = append(b, `" width="`...)
		b = num(b, bx.W)
		b = append(b, `" height="`...)
		b = num(b, bx.H)
	}
	b = append(b, `" fill="`...)
	b = colour(b, bx.Fill)
	b = append(b, "\"/>\n"...)
	if bx.Kind == compose.Logo && logo != "" {
		in := bx.Inner
		b = append(b, `<image x="`...)
		b = num(b, in.X)
		b = append(b, `" y="`...)
		b = num(b, in.Y)
		b = append(b, `" width="`...)
		b = num(b, in.W)
		b = append(b, `" height="`...)
		b = num(b, in.H)
		b = append(b, `" preserveAspectRatio="none" href="`...)
		b = append(b, logo...)
		b = append(b, "\"/>\n"...)
	}
	out.Write(b)
}

// colour appends a design colour's sRGB rendition as #rrggbb.
func colour(b []byte, c compose.Color) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '#')
	for _, v := range []uint8{c.R, c.G, c.B} {
		b = append(b, hex[v>>4], hex[v&15])
	}
	return b
}

// pageText is the page's text, line by line in the order compose placed
// them, each in logical order: the page's <desc>.
func pageText(pg compose.Page) string {
	lines := make([]string, 0, len(pg.Lines))
	for _, ln := range pg.Lines {
		t := strings.Map(func(r rune) rune {
			if isBidiControl(r) {
				return -1
			}
			return r
		}, ln.Text())
		if t = strings.TrimSpace(t); t != "" {
			lines = append(lines, t)
		}
	}
	return strings.Join(slices.Clip(lines), "\n")
}
