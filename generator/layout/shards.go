package layout

// cacheShards is how many parts the engine's caches of measured lines
// and of prepared paragraphs are cut into, each behind its own lock. A
// batch sets paragraphs on every core at once and puts nearly every one
// it sets in a cache: with one lock a cache, the two workers of a 2-core
// batch of all 180 leaflets waited on each other's puts, and then for
// the scheduler to run them again (go tool trace -pprof=sched: some 50
// ms of each batch, four fifths of it on the measured lines), so that
// the batch took 770 ms on one core but 470-500 on two. A paragraph's
// part is chosen by its paraHash, random under the engine's seeds, so
// the parts fill evenly; each is a cache of its own, emptied when it is
// full as a whole one was.
//
// The cache of drawn lines (Engine.lines) stays whole: cut into parts of
// 64, it raised the server's tail under varied load, p99 to 2.4-3.1
// times p50 (web/loadtest -varied, 15 s runs, interleaved), where whole
// it stays at 1.9-2.2 with the other two caches cut. Likely (not
// measured) because its working set there is near its bound, and some
// parts fill and empty far more often than the whole cache did. The
// batch gains as much either way (hyperfine, 20 runs: 487.7 ms whole,
// 487.1 cut, 549.5 with no cache cut).
const cacheShards = 16

// shardedMeasured is a measuredCache cut into cacheShards parts.
type shardedMeasured struct {
	parts [cacheShards]struct {
		c measuredCache
		_ [128]byte // each part's lock on cache lines of its own
	}
}

// newShardedMeasured returns a cache of at most maxEntries paragraphs and
// maxLines lines in all.
func newShardedMeasured(maxEntries, maxLines int) *shardedMeasured {
	s := &shardedMeasured{}
	for i := range s.parts {
		s.parts[i].c.init(maxEntries/cacheShards, maxLines/cacheShards, measuredCacheFirstLines/cacheShards)
	}
	return s
}

// of returns the part that holds k.
func (s *shardedMeasured) of(k linesKey) *measuredCache {
	return &s.parts[k.para[0]%cacheShards].c
}

func (s *shardedMeasured) get(k linesKey, adv float64) ([]Line, bool) { return s.of(k).get(k, adv) }

func (s *shardedMeasured) put(k linesKey, lines []Line) { s.of(k).put(k, lines) }

func (s *shardedMeasured) reset() {
	for i := range s.parts {
		s.parts[i].c.reset()
	}
}

// shardedLines is a linesCache cut into cacheShards parts.
type shardedLines[V any] struct {
	parts [cacheShards]struct {
		c linesCache[V]
		_ [128]byte // each part's lock on cache lines of its own
	}
}

// newShardedLines returns a cache of at most max entries in all.
func newShardedLines[V any](max int) *shardedLines[V] {
	s := &shardedLines[V]{}
	for i := range s.parts {
		s.parts[i].c.init(max / cacheShards)
	}
	return s
}

// of returns the part that holds k.
func (s *shardedLines[V]) of(k linesKey) *linesCache[V] {
	return &s.parts[k.para[0]%cacheShards].c
}

func (s *shardedLines[V]) get(k linesKey) (V, bool) { return s.of(k).get(k) }

func (s *shardedLines[V]) put(k linesKey, v V) { s.of(k).put(k, v) }

func (s *shardedLines[V]) reset() {
	for i := range s.parts {
		s.parts[i].c.reset()
	}
}

// len returns how many entries the parts hold in all.
func (s *shardedLines[V]) len() int {
	n := 0
	for i := range s.parts {
		c := &s.parts[i].c
		c.mu.RLock()
		n += len(c.m)
		c.mu.RUnlock()
	}
	return n
}
