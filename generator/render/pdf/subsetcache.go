package pdf

import (
	"strings"
	"sync"
	"unsafe"
)

// subsetCache keeps the compressed font programs of recent subsets of one
// face. The same leaflet set is made again and again (a preview, then the
// download, then the print shop's ZIP; the same order next week), and
// subsetting and compressing a font is a third of a leaflet's cost. The
// subset is a pure function of the glyphs in CID order, so that list is
// the key. The cache is bounded: when full it is emptied, which costs one
// recompression per subset and needs no bookkeeping.
type subsetCache struct {
	mu    sync.Mutex
	m     map[string]subsetProgram
	bytes int // of the compressed programs held
}

// subsetProgram is a subset font program: compressed, and its length
// before compression (/Length1).
type subsetProgram struct {
	deflated []byte
	length   int
}

// A face's cache holds at most maxCachedSubsets programs and
// maxCachedBytes of them (a subset compresses to 5–40 KB): enough for the
// NotoSans subsets of every topic in every language (6 × 30; the Latin
// face draws names and numbers in every script), which a server making
// varied orders cycles through. Fewer slots than that empty the cache
// before any subset is asked for again.
const (
	maxCachedSubsets = 256
	maxCachedBytes   = 4 << 20
)

func (c *subsetCache) get(gids []uint16) (subsetProgram, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[gidKey(gids)]
	return p, ok
}

func (c *subsetCache) put(gids []uint16, p subsetProgram) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedSubsets || c.bytes+len(p.deflated) > maxCachedBytes {
		c.m = make(map[string]subsetProgram)
		c.bytes = 0
	}
	c.m[strings.Clone(gidKey(gids))] = p // the key must not alias the caller's slice
	c.bytes += len(p.deflated)
}

// gidKey views the glyph list's bytes as a string, for a look-up that
// allocates nothing; put stores a copy.
func gidKey(gids []uint16) string {
	if len(gids) == 0 {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Pointer(&gids[0])), len(gids)*2)
}

func (c *subsetCache) reset() {
	c.mu.Lock()
	c.m, c.bytes = nil, 0
	c.mu.Unlock()
}
