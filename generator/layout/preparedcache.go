package layout

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"golang.org/x/image/math/fixed"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout/thai"
)

// flatPrepared holds prepared paragraphs without a pointer in its
// arenas or its index, so that the garbage collector never scans it
// however many paragraphs it holds: a server that makes every language
// and topic draws each paragraph from it instead of analysing and
// shaping it again, where the cache of *prepared (a few hundred
// pointer-rich values) holds only the paragraphs of the last leaflets.
// A paragraph is its items with their shaped glyphs (compacted, see
// flatGlyph) and its break opportunities, isolates and soft ranges; get
// rebuilds the runes and offsets from the paragraph's text, as prepare
// does, and the embedding levels from the items (an item is a run of
// one level).
//
// It keeps two generations, each an arena bounded in bytes: paragraphs
// go into the young one; when that is full, it becomes the old one and
// the old one is emptied to be the young one. A paragraph found in the
// old generation moves into the young one, so that the paragraphs every
// leaflet of a language and topic draws stay, and the paragraphs of
// one request only (its contact names) leave after two generations. Safe
// for concurrent use.
type flatPrepared struct {
	mu         sync.RWMutex
	young, old *flatArena
	// faces are the faces the items name by index: the few of the set.
	faces []*fonts.Face
	// seen admits a paragraph when it is put again in a later epoch
	// than the first time: a slot of a set of flatSeenWays chosen by the
	// key holds a tag of the key and the epoch it was put in. A batch
	// that prepares each paragraph once, or twice within one leaflet,
	// pays little for flattening it, and the paragraphs of one request
	// (its contact names) never push the ones every request draws out
	// of the young generation.
	seen []atomic.Uint64
	// clock counts lookups and puts; an epoch is 1<<epochShift of them
	// (some twenty leaflets' paragraphs).
	clock      atomic.Uint64
	epochShift uint
	// salt changes the tags with every reset, which so forgets the
	// keys put once without clearing the slots.
	salt atomic.Uint64
}

// flatEpochShift sets the length of flatPrepared's epochs.
const flatEpochShift = 11

// flatSeenSlots is the size of flatPrepared.seen, a power of two, in
// sets of flatSeenWays slots. With a slot a key, two keys that chose the
// same slot pushed each other out whenever they were put, and neither
// was ever admitted, however often it came: of the some 4,400
// paragraphs of an order of every language and topic, about 230 were
// prepared again with every new order of it (580 in all; 350 with sets
// of four, where the rest is the young generation turning over). Four
// keys share a set before one leaves it, the one put longest ago.
const (
	flatSeenSlots = 1 << 15
	flatSeenWays  = 4
)

// flatArena is one generation of flatPrepared: an index from key to
// span, and the arenas the spans point into, which grow as they fill
// (a process that never uses them never pays for them) up to their
// bounds.
type flatArena struct {
	index                        map[linesKey]flatSpan
	items                        []flatItem
	glyphs                       []flatGlyph
	ints                         []int32 // breaks, Thai splits, isolates and soft ranges
	maxItems, maxGlyphs, maxInts int
	maxEntries                   int
}

// flatSpan is where a paragraph lies in its arena.
type flatSpan struct {
	items, glyphs, ints          uint32 // offsets
	runes, nItems                uint32
	nBrks, nFine, nIsland, nSoft uint32
	paraLevel                    int8
}

// flatItem is an item: face is an index into flatPrepared.faces, and
// its glyphs follow those of the item before it.
type flatItem struct {
	start, end, link int32
	script           language.Script
	nGlyphs          uint32
	face             uint8
	level            int8
}

// flatGlyph is a glyph in 16 bytes. Shaping at one unit per font unit
// gives the advance and offsets in whole font units (multiples of 64 in
// 26.6), which fit 16 bits, as glyph ids of the set's fonts do. put
// stores only paragraphs all of whose glyphs expand back to exactly
// themselves.
type flatGlyph struct {
	cluster          int32
	id               uint16
	xAdv, xOff, yOff int16 // font units
	unsafeToBreak    bool
}

// flatPreparedBytes bounds the two generations of flat prepared
// paragraphs together: each holds some 460,000 glyphs, about 5,700
// paragraphs (all the languages and topics a server makes
// draw some 2,150 paragraphs again and again, which fit one generation
// with the one-off paragraphs of a few hundred requests). At 10 MB the
// two generations held too few for an order of every language and topic (180
// leaflets), and its ZIP prepared every paragraph again each time it was
// made: 16 MB took that ZIP from 606-626 to 450-490 ms of CPU, and the
// varied load's peak RSS stayed at 95-96 MiB (98-100 at 10 MB; 24 MB
// was slower than 16, its larger heap collected more often). With 24
// bytes a glyph, a generation held 320,000 glyphs, some 4,000 of that
// order's 4,400 paragraphs: it turned over with every new order, and
// about 300 paragraphs were prepared again each time; at 16 bytes the
// order fits one generation, and a new order prepares only its own
// paragraphs (those that name its contacts, some 40).
const flatPreparedBytes = 16 << 20

// flatPreparedEntries bounds the index of each generation.
const flatPreparedEntries = 1 << 14

// newFlatPrepared makes a cache of two generations of bytes/2 each, of
// at most maxEntries paragraphs each.
func newFlatPrepared(bytes, maxEntries int) *flatPrepared {
	return &flatPrepared{young: newFlatArena(bytes/2, maxEntries), old: newFlatArena(bytes/2, maxEntries),
		seen: make([]atomic.Uint64, flatSeenSlots), epochShift: flatEpochShift}
}

func newFlatArena(bytes, maxEntries int) *flatArena {
	// The glyphs take most of the room; per glyph (about one a rune),
	// text has some 0.2 breaks and 0.05 items.
	const perGlyph = 16 + 4*0.25 + 20.0/16
	n := int(float64(bytes) / perGlyph)
	return &flatArena{
		index:      make(map[linesKey]flatSpan),
		maxItems:   n / 16,
		maxGlyphs:  n,
		maxInts:    n / 4,
		maxEntries: maxEntries,
	}
}

// flatten returns g as a flatGlyph, and whether it expands back to g.
func flatten(g *glyph) (flatGlyph, bool) {
	f := flatGlyph{cluster: g.cluster, id: uint16(g.id), xAdv: int16(g.xAdv >> 6), xOff: int16(g.xOff >> 6),
		yOff: int16(g.yOff >> 6), unsafeToBreak: g.unsafeToBreak}
	return f, f.expand() == *g
}

func (f flatGlyph) expand() glyph {
	return glyph{cluster: f.cluster, id: font.GID(f.id), xAdv: fixed.Int26_6(f.xAdv) << 6,
		xOff: fixed.Int26_6(f.xOff) << 6, yOff: fixed.Int26_6(f.yOff) << 6, unsafeToBreak: f.unsafeToBreak}
}

// get rebuilds the prepared paragraph p stored under k, new; one found
// in the old generation moves into the young one.
func (c *flatPrepared) get(k linesKey, p Paragraph) (*prepared, bool) {
	c.clock.Add(1)
	c.mu.RLock()
	pp, ok := c.young.get(k, p, c.faces)
	old := false
	if !ok {
		pp, ok = c.old.get(k, p, c.faces)
		old = ok
	}
	c.mu.RUnlock()
	if old {
		c.store(k, pp)
	}
	return pp, ok
}

func (a *flatArena) get(k linesKey, p Paragraph, faces []*fonts.Face) (*prepared, bool) {
	s, ok := a.index[k]
	if !ok {
		return nil, false
	}
	items := a.items[s.items : s.items+s.nItems]
	total := 0
	for _, fi := range items {
		total += int(fi.nGlyphs)
	}
	expanded := make([]glyph, total)
	for i, g := range a.glyphs[s.glyphs : s.glyphs+uint32(total)] {
		expanded[i] = g.expand()
	}
	pp := unflatten(p, s, items, expanded, a.ints[s.ints:], func(i uint8) *fonts.Face { return faces[i] })
	return pp, pp != nil
}

// unflatten rebuilds the prepared paragraph p from its flat parts: the
// span's counts, its items, their glyphs (expanded, kept by the items),
// and the ints that start with its own (what follows them is not read).
// nil if the runes are not p's.
func unflatten(p Paragraph, s flatSpan, items []flatItem, expanded []glyph, ints []int32, face func(uint8) *fonts.Face) *prepared {
	pp := new(prepared)
	pp.load(p.Text)
	if uint32(len(pp.runes)) != s.runes {
		return nil // not p's: never for a 128-bit key, but cheap to ask
	}
	pp.levels = make([]int8, s.runes)
	pp.paraLevel = s.paraLevel
	pp.lang = language.NewLanguage(p.Lang)
	pp.itemOf = make([]int, s.runes)
	pp.items = make([]item, len(items))
	for i, fi := range items {
		it := &pp.items[i]
		*it = item{start: int(fi.start), end: int(fi.end), level: fi.level, face: face(fi.face), script: fi.script,
			link: int(fi.link), glyphs: expanded[:fi.nGlyphs:fi.nGlyphs]}
		expanded = expanded[fi.nGlyphs:]
		for r := it.start; r < it.end; r++ {
			pp.itemOf[r] = i
			pp.levels[r] = it.level
		}
	}
	if s.nBrks > 0 {
		pp.brks = make([]Break, s.nBrks)
		for i := range pp.brks {
			pp.brks[i] = Break{Pos: int(ints[i] >> 1), Mandatory: ints[i]&1 == 1}
		}
		ints = ints[s.nBrks:]
	}
	if s.nFine > 0 {
		pp.fine = make([]thai.Split, s.nFine)
		for i := range pp.fine {
			pp.fine[i] = thai.Split{Pos: int(ints[2*i]), Depth: int(ints[2*i+1])}
		}
		ints = ints[2*s.nFine:]
	}
	pp.island, ints = pairsOf(ints, s.nIsland)
	pp.soft, _ = pairsOf(ints, s.nSoft)
	return pp
}

// pairsOf returns the first n pairs of ints, and the rest.
func pairsOf(ints []int32, n uint32) ([][2]int, []int32) {
	if n == 0 {
		return nil, ints
	}
	out := make([][2]int, n)
	for i := range out {
		out[i] = [2]int{int(ints[2*i]), int(ints[2*i+1])}
	}
	return out, ints[2*n:]
}

// put stores pp under k in the young generation, unless a part of it
// cannot be given back exactly: a glyph flatGlyph cannot hold, a count
// or an offset beyond 30 bits, levels other than its items', more faces
// than a byte names, or more than a generation holds at all.
func (c *flatPrepared) put(k linesKey, pp *prepared) {
	if c.admit(k) {
		c.store(k, pp)
	}
}

// admit reports whether k was put before in an earlier epoch (and not
// forgotten since), and otherwise remembers it.
func (c *flatPrepared) admit(k linesKey) bool {
	epoch := c.clock.Add(1) >> c.epochShift & 0xFFFF
	tag := (k.para[1]+c.salt.Load())<<2 | 2 // never 0, an empty slot's
	if k.style.Bold {
		tag |= 1
	}
	tag <<= 16
	at := int(k.para[0]&(flatSeenSlots-1)) &^ (flatSeenWays - 1)
	set := c.seen[at : at+flatSeenWays]
	// k's slot, if the set holds one; otherwise k takes an empty slot,
	// or the one put the most epochs ago (ages wrap at 16 bits, as the
	// epochs do).
	free, age := 0, -1
	for i := range set {
		v := set[i].Load()
		if v&^0xFFFF == tag {
			return v&0xFFFF != epoch
		}
		a := int((epoch - v) & 0xFFFF)
		if v == 0 {
			a = 1 << 16
		}
		if a > age {
			free, age = i, a
		}
	}
	set[free].Store(tag | epoch)
	return false
}

// store puts pp under k, as put does, without asking admit.
// flatGlyphsInts returns pp's glyphs and ints as a flat paragraph keeps
// them, and false if a part of pp cannot be given back exactly: a glyph
// flatGlyph cannot hold, a count beyond 30 bits, or levels other than
// its items'.
func flatGlyphsInts(pp *prepared) ([]flatGlyph, []int32, bool) {
	fits := func(n int) bool { return n >= 0 && n < 1<<30 }
	if !fits(len(pp.runes)) || len(pp.levels) != len(pp.runes) {
		return nil, nil, false
	}
	glyphs := make([]flatGlyph, 0, len(pp.runes))
	for i := range pp.items {
		it := &pp.items[i]
		for _, l := range pp.levels[it.start:it.end] {
			if l != it.level {
				return nil, nil, false
			}
		}
		for j := range it.glyphs {
			g, ok := flatten(&it.glyphs[j])
			if !ok {
				return nil, nil, false
			}
			glyphs = append(glyphs, g)
		}
	}
	ints := make([]int32, 0, len(pp.brks)+2*(len(pp.fine)+len(pp.island)+len(pp.soft)))
	for _, b := range pp.brks {
		v := int32(b.Pos) << 1
		if b.Mandatory {
			v |= 1
		}
		ints = append(ints, v)
	}
	for _, s := range pp.fine {
		if !fits(s.Depth) {
			return nil, nil, false
		}
		ints = append(ints, int32(s.Pos), int32(s.Depth))
	}
	for _, r := range slices.Concat(pp.island, pp.soft) {
		ints = append(ints, int32(r[0]), int32(r[1]))
	}
	return glyphs, ints, true
}

// flatSpanOf is pp's span, at offsets 0, with its counts.
func flatSpanOf(pp *prepared) flatSpan {
	return flatSpan{runes: uint32(len(pp.runes)), nItems: uint32(len(pp.items)),
		nBrks: uint32(len(pp.brks)), nFine: uint32(len(pp.fine)), nIsland: uint32(len(pp.island)), nSoft: uint32(len(pp.soft)),
		paraLevel: pp.paraLevel}
}

// flatItemOf is item it with its face as index f.
func flatItemOf(it *item, f int) flatItem {
	return flatItem{start: int32(it.start), end: int32(it.end), link: int32(it.link), script: it.script,
		nGlyphs: uint32(len(it.glyphs)), face: uint8(f), level: it.level}
}

func (c *flatPrepared) store(k linesKey, pp *prepared) {
	glyphs, ints, ok := flatGlyphsInts(pp)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if y := c.young; len(pp.items) > y.maxItems || len(glyphs) > y.maxGlyphs || len(ints) > y.maxInts {
		return // more than a generation holds
	}
	items := make([]flatItem, len(pp.items))
	for i := range pp.items {
		it := &pp.items[i]
		f := slices.Index(c.faces, it.face)
		if f < 0 {
			if len(c.faces) > math.MaxUint8 {
				return
			}
			f = len(c.faces)
			c.faces = append(c.faces, it.face)
		}
		items[i] = flatItemOf(it, f)
	}
	if _, ok := c.young.index[k]; ok {
		return // moved here by another caller
	}
	if y := c.young; len(y.index) >= y.maxEntries || len(y.items)+len(items) > y.maxItems ||
		len(y.glyphs)+len(glyphs) > y.maxGlyphs || len(y.ints)+len(ints) > y.maxInts {
		c.young, c.old = c.old, c.young
		c.young.clear()
	}
	y := c.young
	span := flatSpanOf(pp)
	span.items, span.glyphs, span.ints = uint32(len(y.items)), uint32(len(y.glyphs)), uint32(len(y.ints))
	y.index[k] = span
	y.items = appendBounded(y.items, items, y.maxItems)
	y.glyphs = appendBounded(y.glyphs, glyphs, y.maxGlyphs)
	y.ints = appendBounded(y.ints, ints, y.maxInts)
}

// appendBounded appends add to s, which has room for them within limit;
// it doubles s's capacity when it must grow, never past limit.
func appendBounded[T any](s, add []T, limit int) []T {
	if len(s)+len(add) > cap(s) {
		grown := make([]T, len(s), min(limit, max(2*cap(s), len(s)+len(add), 1024)))
		copy(grown, s)
		s = grown
	}
	return append(s, add...)
}

// clear empties the index and the arenas.
func (a *flatArena) clear() {
	clear(a.index)
	a.items, a.glyphs, a.ints = a.items[:0], a.glyphs[:0], a.ints[:0]
}

// reset empties both generations and forgets the keys put once.
func (c *flatPrepared) reset() {
	c.mu.Lock()
	c.young.clear()
	c.old.clear()
	c.salt.Add(1)
	c.mu.Unlock()
}
