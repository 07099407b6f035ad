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
// the parts fill evenly; each is a cache of its own, with its share of
// the bound.
//
// The cache of drawn lines (Engine.lines) stays whole: cut into parts of
// 64, it raised the server's tail under varied load, p99 to 2.4-3.1
// times p50 (web/loadtest -varied, 15 s runs, interleaved), where whole
// it stays at 1.9-2.2 with the other two caches cut. Likely (not
// measured) because its working set there is near its bound, and some
// parts fill and empty far more often than the whole cache did. The
// batch gains as much either way (hyperfine, 20 runs: 487.7 ms whole,
// 487.1 cut, 549.5 with no cache cut). Tried again once the caches let
// go of one entry at a time (CLOCK) instead of emptying: p99 38.3 and
// 46.5 ms cut, against 30.7 and 38.2 whole (two interleaved pairs).
const cacheShards = 16

// sharded is a cache C cut into cacheShards parts.
type sharded[C any] struct {
	parts [cacheShards]struct {
		c C
		_ [128]byte // each part's lock on cache lines of its own
	}
}

// newSharded returns a cache whose parts init has made empty.
func newSharded[C any](init func(*C)) *sharded[C] {
	s := &sharded[C]{}
	s.each(init)
	return s
}

// of returns the part that holds k.
func (s *sharded[C]) of(k linesKey) *C {
	return &s.parts[k.para[0]%cacheShards].c
}

// each calls f with every part.
func (s *sharded[C]) each(f func(*C)) {
	for i := range s.parts {
		f(&s.parts[i].c)
	}
}
