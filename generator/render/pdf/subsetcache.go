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
	mu sync.Mutex
	m  map[string]subsetProgram
}

// subsetProgram is a subset font program: compressed, and its length
// before compression (/Length1).
type subsetProgram struct {
	deflated []byte
	length   int
}

// maxCachedSubsets bounds a face's cache; a subset compresses to 5–40 KB.
const maxCachedSubsets = 64

func (c *subsetCache) get(gids []uint16) (subsetProgram, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[gidKey(gids)]
	return p, ok
}

func (c *subsetCache) put(gids []uint16, p subsetProgram) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedSubsets {
		c.m = make(map[string]subsetProgram, maxCachedSubsets)
	}
	c.m[strings.Clone(gidKey(gids))] = p // the key must not alias the caller's slice
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
	c.m = nil
	c.mu.Unlock()
}
