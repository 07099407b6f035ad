package pdf

import (
	"bytes"
	"crypto/sha256"
	"sync"
)

// streamCache keeps the compressed form of streams a renderer has
// compressed more than once, by a digest of their data: a server making
// the same languages and topics again and again, with new contact names
// each time, draws most pages and ToUnicode maps byte for byte as it did
// before, and looking one up costs a tenth of compressing it (SHA-256
// runs at some ten times the compressor's speed). The compressed bytes
// are a pure function of the data, so a cached stream is the stream
// compression would give.
//
// A stream is kept only when its digest comes a second time: the page
// with the contact names, new in every request, costs the cache a digest,
// not its bytes. Both tables are bounded and, when full, emptied, which
// needs no bookkeeping and costs one more compression per stream.
type streamCache struct {
	mu    sync.Mutex
	seen  map[streamDigest]struct{} // compressed once, not kept
	kept  map[streamDigest][]byte
	bytes int // of the kept streams
}

// streamDigest is the SHA-256 of a stream's data before compression.
type streamDigest [sha256.Size]byte

// The cache keeps at most maxSeenStreams digests of streams compressed
// once and maxKeptStreamBytes of compressed streams: enough for the
// pages and ToUnicode maps every topic in 16 languages repeats (about
// 1.5 MB) while a server's live heap stays well under its limit.
const (
	maxSeenStreams     = 8192
	maxKeptStreamBytes = 3 << 20
)

// get returns the compressed form of the stream with digest d, if kept.
// The caller must not change its bytes.
func (c *streamCache) get(d streamDigest) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.kept[d]
	return out, ok
}

// put notes that the stream with digest d compresses to compressed,
// keeping a copy of it when the digest has been put before.
func (c *streamCache) put(d streamDigest, compressed []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[d]; !ok {
		if c.seen == nil || len(c.seen) >= maxSeenStreams {
			c.seen = make(map[streamDigest]struct{})
		}
		c.seen[d] = struct{}{}
		return
	}
	if len(compressed) > maxKeptStreamBytes/8 {
		return // it would crowd out the pages
	}
	if c.kept == nil || c.bytes+len(compressed) > maxKeptStreamBytes {
		c.kept = make(map[streamDigest][]byte)
		c.bytes = 0
	}
	c.kept[d] = bytes.Clone(compressed)
	c.bytes += len(compressed)
}

// reset empties the cache.
func (c *streamCache) reset() {
	c.mu.Lock()
	c.seen, c.kept, c.bytes = nil, nil, 0
	c.mu.Unlock()
}
