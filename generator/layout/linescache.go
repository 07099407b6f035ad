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
type linesCache struct {
	mu  sync.RWMutex
	m   map[linesKey][]Line
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

func newLinesCache(max int) *linesCache {
	return &linesCache{m: make(map[linesKey][]Line, max), max: max}
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

func (c *linesCache) get(k linesKey) ([]Line, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	l, ok := c.m[k]
	return l, ok
}

func (c *linesCache) put(k linesKey, lines []Line) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		c.m = make(map[linesKey][]Line, c.max)
	}
	c.m[k] = lines
}

func (c *linesCache) reset() {
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
}
