package layout

import (
	"testing"

	"infogeneratorn/generator/vocab"
)

// TestShards: a key always goes to the same part, the keys of many
// paragraphs spread over every part, each part keeps its share of the
// bound and starts again on its own when full, and reset empties all.
func TestShards(t *testing.T) {
	// Keys as paraHash makes them, from a fixed mix instead of random
	// seeds, so that the spread checked below is the same on every run.
	keys := make([]linesKey, 4000)
	for i := range keys {
		keys[i] = linesKey{para: paraHash{splitmix64(uint64(i)), uint64(i)}, width: 300}
	}

	lines := newSharded(func(c *linesCache[int]) { c.init(100) })
	perPart := map[*linesCache[int]]int{}
	for i, k := range keys[:cacheShards*40] {
		c := lines.of(k)
		if lines.of(k) != c {
			t.Fatal("a key went to two parts")
		}
		perPart[c]++
		lines.of(k).put(k, i)
	}
	if len(perPart) != cacheShards {
		t.Errorf("%d keys went to %d of %d parts", cacheShards*40, len(perPart), cacheShards)
	}
	for c, n := range perPart {
		if n < 10 || n > 90 {
			t.Errorf("a part got %d of %d keys, far from its %d", n, cacheShards*40, 40)
		}
		if c.max != 100 {
			t.Errorf("a part holds up to %d entries, want 100", c.max)
		}
	}
	for i, k := range keys[:cacheShards*40] {
		if v, ok := lines.of(k).get(k); !ok || v != i {
			t.Fatalf("key %d: got %v, %v", i, v, ok)
		}
	}
	if n := shardedLen(lines); n != cacheShards*40 {
		t.Errorf("len %d, want %d", n, cacheShards*40)
	}
	for i, k := range keys {
		lines.of(k).put(k, i)
	}
	if n := shardedLen(lines); n > cacheShards*100 || n == 0 {
		t.Errorf("after %d puts the parts hold %d entries, bound %d", len(keys), n, cacheShards*100)
	}
	lines.each((*linesCache[int]).reset)
	if n := shardedLen(lines); n != 0 {
		t.Errorf("after reset: %d entries", n)
	}

	// The engine's caches: each part has its share of the bound, and a
	// measured-lines part starts with room for its share of the first
	// lines, not all of them.
	e, _ := testEngine(t)
	e.measured.each(func(c *measuredCache) {
		if c.maxEntries != measuredCacheEntries/cacheShards || c.maxLines != measuredCacheLines/cacheShards || cap(c.arena) > measuredCacheFirstLines/cacheShards {
			t.Errorf("a measured part: %d entries, %d lines, room for %d at first", c.maxEntries, c.maxLines, cap(c.arena))
		}
	})
	e.prepared.each(func(c *linesCache[*prepared]) {
		if c.max != preparedCacheEntries/cacheShards {
			t.Errorf("a prepared part holds up to %d entries, want %d", c.max, preparedCacheEntries/cacheShards)
		}
	})
	one := []Line{{Width: 10, Ascent: 8, Descent: 2, Dir: vocab.LTR, End: 1}}
	e.measured.of(keys[0]).put(keys[0], one)
	if got, ok := e.measured.of(keys[0]).get(keys[0], 14); !ok || len(got) != 1 || got[0].Height != 14 {
		t.Errorf("measured: got %v, %v", got, ok)
	}
	e.Forget()
	if _, ok := e.measured.of(keys[0]).get(keys[0], 14); ok {
		t.Error("measured: a line kept after Forget")
	}
}

// shardedLen returns how many entries the parts of s hold in all.
func shardedLen[V any](s *sharded[linesCache[V]]) int {
	n := 0
	s.each(func(c *linesCache[V]) {
		c.mu.RLock()
		n += len(c.e)
		c.mu.RUnlock()
	})
	return n
}

// splitmix64 is a fixed 64-bit mix, standing in for maphash.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
