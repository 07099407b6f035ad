package layout

import (
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"infogeneratorn/generator/fonts"
)

// shapeCache remembers shaped text across calls. The leaflets of one
// language repeat much of their text (help lines, contact cards, common
// messages), and shaping is half the cost of setting a paragraph. The
// result of shaping depends only on the key: face, script, direction,
// language, the text and the context HarfBuzz reads around it. It is safe
// for concurrent use and bounded: when full it starts again empty.
type shapeCache struct {
	mu      sync.Mutex
	entries map[shapeKey][]cachedGlyph
	max     int
}

// cachedGlyph is a shaping.Glyph in half the memory: shaping without
// extents leaves Width, Height and the bearings zero, and the counts fit
// 32 bits. put stores only glyphs that expand back to exactly themselves
// (compact checks the fields it drops; the glyph's unexported letter
// spacing is set only by Output.AddLetterSpacing, which the engine never
// calls).
type cachedGlyph struct {
	id                              font.GID
	mask                            uint32
	advance, xAdv, yAdv, xOff, yOff fixed.Int26_6
	cluster, runeCount, glyphCount  int32
}

// compact returns g in a cachedGlyph, and whether it expands back to g.
func compact(g *shaping.Glyph) (cachedGlyph, bool) {
	c := cachedGlyph{id: g.GlyphID, mask: g.Mask, advance: g.Advance, xAdv: g.XAdvance, yAdv: g.YAdvance,
		xOff: g.XOffset, yOff: g.YOffset, cluster: int32(g.ClusterIndex), runeCount: int32(g.RuneCount), glyphCount: int32(g.GlyphCount)}
	ok := g.Width == 0 && g.Height == 0 && g.XBearing == 0 && g.YBearing == 0 &&
		int(c.cluster) == g.ClusterIndex && int(c.runeCount) == g.RuneCount && int(c.glyphCount) == g.GlyphCount
	return c, ok
}

func (c cachedGlyph) expand() shaping.Glyph {
	return shaping.Glyph{GlyphID: c.id, Mask: c.mask, Advance: c.advance, XAdvance: c.xAdv, YAdvance: c.yAdv,
		XOffset: c.xOff, YOffset: c.yOff, ClusterIndex: int(c.cluster), RuneCount: int(c.runeCount), GlyphCount: int(c.glyphCount)}
}

type shapeKey struct {
	face   *fonts.Face
	script language.Script
	rtl    bool
	lang   language.Language
	text   string // context before, the text, context after
	pre, n int    // bytes of context before and of the text
}

// contextRunes is how many runes around a shaped range HarfBuzz consults
// (its CONTEXT_LENGTH).
const contextRunes = 5

func newShapeCache(max int) *shapeCache {
	return &shapeCache{entries: make(map[shapeKey][]cachedGlyph), max: max}
}

func (c *shapeCache) key(text []rune, start, end int, face *fonts.Face, sc language.Script, rtl bool, lang language.Language) shapeKey {
	var b strings.Builder
	b.Grow((end - start + 2*contextRunes) * 3)
	for _, r := range text[max(0, start-contextRunes):start] {
		b.WriteRune(r)
	}
	pre := b.Len()
	for _, r := range text[start:end] {
		b.WriteRune(r)
	}
	n := b.Len() - pre
	for _, r := range text[end:min(len(text), end+contextRunes)] {
		b.WriteRune(r)
	}
	return shapeKey{face: face, script: sc, rtl: rtl, lang: lang, text: b.String(), pre: pre, n: n}
}

// get returns the cached glyphs for k, with cluster indices shifted to
// start at start.
func (c *shapeCache) get(k shapeKey, start int) ([]shaping.Glyph, bool) {
	c.mu.Lock()
	gs, ok := c.entries[k]
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	out := make([]shaping.Glyph, len(gs))
	for i, g := range gs {
		out[i] = g.expand()
		out[i].ClusterIndex += start
	}
	return out, true
}

// put stores glyphs shaped from rune start under k.
func (c *shapeCache) put(k shapeKey, start int, glyphs []shaping.Glyph) {
	gs := make([]cachedGlyph, len(glyphs))
	for i := range glyphs {
		g := glyphs[i]
		g.ClusterIndex -= start
		c, ok := compact(&g)
		if !ok {
			return // a glyph with extents, or counts beyond 32 bits: not cached
		}
		gs[i] = c
	}
	c.mu.Lock()
	if len(c.entries) >= c.max {
		clear(c.entries)
	}
	c.entries[k] = gs
	c.mu.Unlock()
}

// reset empties the cache.
func (c *shapeCache) reset() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}
