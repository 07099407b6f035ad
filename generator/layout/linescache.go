package layout

import (
	"strconv"
	"strings"
	"sync"

	"infogeneratorn/generator/vocab"
)

// linesCache remembers the lines of recently set paragraphs. Leaflets are
// made again and again from the same vetted texts (a preview, the
// download, the print shop's set), and setting a paragraph is a third of a
// leaflet's cost. Lines are a pure function of the paragraph and the
// width, so those are the key. When full, the cache is emptied: one
// re-layout per paragraph, and no bookkeeping on the hot path.
//
// The same cache, keyed without size, leading and width (paraKey), holds
// each paragraph's size-independent analysis (prepared): fitting sets a
// leaflet at several sizes, and every size after the first only scales
// the advances and breaks the lines again.
type linesCache[V any] struct {
	mu  sync.RWMutex
	m   map[linesKey]V
	max int
}

type linesKey struct {
	text, lang, font, links string
	dir                     vocab.Direction
	style                   Style
	width                   float64
}

// linesCacheEntries bounds the cache: the paragraphs of some fifty
// leaflets, a few megabytes.
const linesCacheEntries = 1024

// measuredCacheEntries bounds the cache of measured lines (Measure):
// fitting measures each paragraph of a leaflet at several sizes, some
// eight hundred entries a leaflet, but a line without runs is small.
const measuredCacheEntries = 4096

// preparedCacheEntries bounds the cache of prepared paragraphs: those of
// some twenty leaflets. A prepared paragraph (runes, levels, shaped items,
// break opportunities) takes several times the memory of its lines, and
// is worth most within one leaflet's fitting.
const preparedCacheEntries = 512

func newLinesCache[V any](max int) *linesCache[V] {
	return &linesCache[V]{m: make(map[linesKey]V, max), max: max}
}

func keyOf(p Paragraph, width float64) linesKey {
	k := linesKey{text: p.Text, lang: p.Lang, font: p.Font, dir: p.Dir, style: p.Style, width: width}
	if len(p.Links) > 0 {
		var b strings.Builder
		for _, l := range p.Links {
			b.WriteString(strconv.Itoa(l.Start))
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(l.End))
			b.WriteByte(':')
			b.WriteString(l.Href)
			b.WriteByte(0)
		}
		k.links = b.String()
	}
	return k
}

// paraKey is the key of p's prepared analysis: what it depends on, which
// is neither the size, the leading nor the width.
func paraKey(p Paragraph) linesKey {
	k := keyOf(p, 0)
	k.style = Style{Bold: p.Style.Bold}
	return k
}

func (c *linesCache[V]) get(k linesKey) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	l, ok := c.m[k]
	return l, ok
}

func (c *linesCache[V]) put(k linesKey, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		c.m = make(map[linesKey]V, c.max)
	}
	c.m[k] = v
}

func (c *linesCache[V]) reset() {
	c.mu.Lock()
	clear(c.m)
	c.mu.Unlock()
}

// Forget empties the engine's caches of shaped text and set paragraphs, so
// that the next paragraphs are set from scratch (for measuring the work of
// a leaflet the process has never made).
func (e *Engine) Forget() {
	e.cache.reset()
	e.lines.reset()
	e.measured.reset()
	e.prepared.reset()
}
