package layout

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// linesCache remembers the lines of recently set paragraphs. Leaflets are
// made again and again from the same vetted texts (a preview, the
// download, the print shop's set), and setting a paragraph is a third of a
// leaflet's cost. Lines are a pure function of the paragraph and the
// width, so those are the key. When full, the cache lets go of one entry
// not read lately (CLOCK, a second chance for each entry read since the
// hand last passed it), so that the paragraphs every leaflet of a
// language shares stay while the language is made. A read marks its
// entry with one atomic store, and only the first read since the hand
// passed.
//
// The same cache, keyed without size, leading and width (paraKey), holds
// each paragraph's size-independent analysis (prepared): fitting sets a
// leaflet at several sizes, and every size after the first only scales
// the advances and breaks the lines again.
type linesCache[V any] struct {
	mu   sync.RWMutex
	m    map[linesKey]int32 // index into e
	e    []cacheEntry[V]
	hand int32 // the next entry put looks at when full (CLOCK)
	max  int
}

// cacheEntry is a linesCache entry; read is set (atomically, under the
// read lock) when the entry is read, and cleared (under the write lock)
// when put's hand passes it.
type cacheEntry[V any] struct {
	k    linesKey
	v    V
	read uint32
}

// linesKey is a paragraph (its paraHash), its style and the width it is
// set in. It holds no pointer, so that a large cache costs the garbage
// collector nothing to scan, and it is hashed and compared in a few
// words, however long the text.
type linesKey struct {
	para  paraHash
	style Style
	width float64
}

// paraHash is a 128-bit hash of what a paragraph's lines depend on
// besides its style and width: text, language, direction, font family
// and links. It is two 64-bit maphash sums under independent random
// seeds (new with every engine, so unknown to whoever writes the text),
// each field written with its length so that no two paragraphs write the
// same bytes. Two paragraphs that differ collide with probability
// 2^-128; among a million cached paragraphs, about 10^-27 for any
// collision at all: a key stands for its paragraph.
type paraHash [2]uint64

// hashSeeds are the seeds of an engine's paraHash.
type hashSeeds [2]maphash.Seed

func newHashSeeds() hashSeeds {
	return hashSeeds{maphash.MakeSeed(), maphash.MakeSeed()}
}

// hash returns p's paraHash.
func (s *hashSeeds) hash(p Paragraph) paraHash {
	var h paraHash
	for i := range s {
		var m maphash.Hash
		m.SetSeed(s[i])
		for _, f := range [...]string{p.Text, p.Lang, string(p.Dir), p.Font} {
			writeLen(&m, len(f))
			m.WriteString(f)
		}
		writeLen(&m, len(p.Links))
		for _, l := range p.Links {
			writeLen(&m, l.Start)
			writeLen(&m, l.End)
			writeLen(&m, len(l.Href))
			m.WriteString(l.Href)
		}
		h[i] = m.Sum64()
	}
	return h
}

func writeLen(m *maphash.Hash, n int) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	m.Write(b[:])
}

// linesCacheEntries bounds the cache: the paragraphs of some twenty-five
// leaflets, a few megabytes. It was 1,024 when the cache was emptied
// when full, and so held 512 on average; held full (CLOCK), 1,024 took
// enough of the server's heap to collect more often under its memory
// limit (BenchmarkZipAll/new, GOMEMLIMIT=74MiB, three runs each: 13.7 to
// 14.5 collections an order, against 11.9 to 12.5 emptied at 1,024 and
// 11.6 to 11.9 at 512 with CLOCK).
const linesCacheEntries = 512

// preparedCacheEntries bounds the cache of prepared paragraphs: those of
// some ten leaflets. A prepared paragraph (runes, levels, shaped items,
// break opportunities) takes several times the memory of its lines, and
// is worth most within one leaflet's fitting; the flat cache behind it
// (flatPrepared) gives back the older ones for the price of rebuilding
// them. At 512 entries, when a prepared glyph took 80 bytes, the cache
// held some 6 MB of the server's live heap, which its memory limit (74
// MiB) left too little room beside: a new order of all 180 leaflets
// collected 35 to 38 times (BenchmarkZipAll under GOMEMLIMIT=74MiB),
// against 28 to 31 at 256, and its ZIP through the server took 9 % more
// CPU (611 against 553 ms, 15 orders each, interleaved). With 24-byte
// glyphs (see glyph) 512 still collected a little more often than 256
// (25 to 27 times against 24 to 25). At 128 the command line's batch of
// 180 PDFs took more CPU than at 256 (915 against 840 ms user, 10 runs
// each, interleaved). Emptied when full, the cache made the batch
// prepare 5,341 paragraphs, of 4,366 distinct ones; letting go of one
// unread entry at a time (CLOCK), 4,610 to 4,730 at the same bound (the
// rest are paragraphs the two workers prepare at the same time).
const preparedCacheEntries = 256

func newLinesCache[V any](max int) *linesCache[V] {
	c := &linesCache[V]{}
	c.init(max)
	return c
}

// init makes c an empty cache of at most max entries.
func (c *linesCache[V]) init(max int) {
	c.m, c.e, c.max = make(map[linesKey]int32, max), make([]cacheEntry[V], 0, max), max
}

// keyOf is the key of p's lines at width; h is p's paraHash.
func keyOf(h paraHash, p Paragraph, width float64) linesKey {
	return linesKey{para: h, style: p.Style, width: width}
}

// paraKey is the key of p's prepared analysis: what it depends on, which
// is neither the size, the leading nor the width.
func paraKey(h paraHash, p Paragraph) linesKey {
	return linesKey{para: h, style: Style{Bold: p.Style.Bold}}
}

func (c *linesCache[V]) get(k linesKey) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	i, ok := c.m[k]
	if !ok {
		var zero V
		return zero, false
	}
	e := &c.e[i]
	if atomic.LoadUint32(&e.read) == 0 {
		atomic.StoreUint32(&e.read, 1)
	}
	return e.v, true
}

func (c *linesCache[V]) put(k linesKey, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.m[k]; ok {
		c.e[i].v = v
		return
	}
	if len(c.e) < c.max {
		c.m[k] = int32(len(c.e))
		c.e = append(c.e, cacheEntry[V]{k: k, v: v})
		return
	}
	// Full: the hand goes round, unmarking the entries read since it
	// last passed, and the first unmarked one makes room. It stops
	// within one round, by which time it has unmarked them all.
	for {
		i := c.hand
		c.hand = (c.hand + 1) % int32(len(c.e))
		e := &c.e[i]
		if e.read != 0 {
			e.read = 0
			continue
		}
		delete(c.m, e.k)
		*e = cacheEntry[V]{k: k, v: v}
		c.m[k] = i
		return
	}
}

func (c *linesCache[V]) reset() {
	c.mu.Lock()
	clear(c.m)
	clear(c.e)
	c.e, c.hand = c.e[:0], 0
	c.mu.Unlock()
}

// Forget empties the engine's caches of prepared and set paragraphs, so
// that the next paragraphs are set from scratch (for measuring the work of
// a leaflet the process has never made).
func (e *Engine) Forget() {
	e.lines.reset()
	e.measured.each((*measuredCache).reset)
	e.prepared.each((*linesCache[*prepared]).reset)
	e.flat.reset()
}
