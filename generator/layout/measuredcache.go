package layout

import (
	"math"
	"sync"

	"infogeneratorn/generator/vocab"
)

// measuredCache holds Measure's lines without a pointer anywhere: the
// lines of all paragraphs in one arena of plain values, an index from
// key (linesKey, itself pointer-free) to a span of the arena. The
// garbage collector never scans it, however large, so it can hold the
// measured lines of all the languages and topics a server makes (some
// 30,000 paragraph sizes, a few megabytes) where a map of []Line made
// every collection slower. A line is stored without its height, which
// the paragraph's leading gives (Height = max(size × leading, ascent +
// descent), as buildLine computes it): lines measured at one leading
// serve all. When the arena or the index is full, both start again
// empty. Safe for concurrent use.
type measuredCache struct {
	mu         sync.RWMutex
	index      map[linesKey]measuredSpan
	arena      []measuredLine
	maxEntries int
	maxLines   int // the arena's bound, fixed: read without the lock
}

// measuredLine is a measured Line: Runs is nil, Dir is LTR or RTL.
type measuredLine struct {
	width, ascent, descent float64
	start, end             int32
	rtl                    bool
}

type measuredSpan struct{ off, n uint32 }

// measuredCacheEntries and measuredCacheLines bound the cache of
// measured lines: a paragraph at each of fitting's sizes is an entry of
// a few lines, 40 bytes each; 5 MB of lines and about as much index.
const (
	measuredCacheEntries = 1 << 15
	measuredCacheLines   = 1 << 17
)

// measuredCacheFirstLines is the arena's first capacity: it grows as it
// fills, so that a process making one leaflet (some 3,000 measured lines)
// does not allocate and zero the whole 5 MB bound at start.
const measuredCacheFirstLines = 4096

func newMeasuredCache(maxEntries, maxLines int) *measuredCache {
	c := &measuredCache{}
	c.init(maxEntries, maxLines, measuredCacheFirstLines)
	return c
}

// init makes c an empty cache of at most maxEntries paragraphs and
// maxLines lines, with room for firstLines at first.
func (c *measuredCache) init(maxEntries, maxLines, firstLines int) {
	c.index = make(map[linesKey]measuredSpan)
	c.arena = make([]measuredLine, 0, min(maxLines, firstLines))
	c.maxEntries, c.maxLines = maxEntries, maxLines
}

// get returns the lines stored under k, new, with the heights the
// leading adv (size × leading) gives them.
func (c *measuredCache) get(k linesKey, adv float64) ([]Line, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s, ok := c.index[k]
	if !ok || s.n == 0 {
		return nil, ok
	}
	out := make([]Line, s.n)
	for i, m := range c.arena[s.off : s.off+s.n] {
		out[i] = Line{Width: m.width, Ascent: m.ascent, Descent: m.descent, Height: max(adv, m.ascent+m.descent),
			Dir: vocab.LTR, Start: int(m.start), End: int(m.end)}
		if m.rtl {
			out[i].Dir = vocab.RTL
		}
	}
	return out, true
}

// put stores measured lines under k; lines it cannot store exactly (with
// runs, another direction, offsets beyond 32 bits) are not stored.
func (c *measuredCache) put(k linesKey, lines []Line) {
	if !measuredPlain(lines) || len(lines) > c.maxLines {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.index) >= c.maxEntries || len(c.arena)+len(lines) > c.maxLines {
		clear(c.index)
		c.arena = c.arena[:0]
	}
	s := measuredSpan{off: uint32(len(c.arena)), n: uint32(len(lines))}
	for _, ln := range lines {
		c.arena = append(c.arena, measuredLine{width: ln.Width, ascent: ln.Ascent, descent: ln.Descent,
			start: int32(ln.Start), end: int32(ln.End), rtl: ln.Dir == vocab.RTL})
	}
	c.index[k] = s
}

// measuredPlain reports whether measured lines can be stored exactly as
// plain values (measuredLine): without runs, in one of the two
// directions, with offsets within 31 bits.
func measuredPlain(lines []Line) bool {
	for _, ln := range lines {
		if ln.Runs != nil || (ln.Dir != vocab.LTR && ln.Dir != vocab.RTL) || ln.End > math.MaxInt32 {
			return false
		}
	}
	return true
}

func (c *measuredCache) reset() {
	c.mu.Lock()
	clear(c.index)
	c.arena = c.arena[:0]
	c.mu.Unlock()
}
