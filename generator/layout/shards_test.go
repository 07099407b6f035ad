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

	lines := newShardedLines[int](cacheShards * 100)
	perPart := map[*linesCache[int]]int{}
	for i, k := range keys[:cacheShards*40] {
		c := lines.of(k)
		if lines.of(k) != c {
			t.Fatal("a key went to two parts")
		}
		perPart[c]++
		lines.put(k, i)
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
		if v, ok := lines.get(k); !ok || v != i {
			t.Fatalf("key %d: got %v, %v", i, v, ok)
		}
	}
	if n := lines.len(); n != cacheShards*40 {
		t.Errorf("len %d, want %d", n, cacheShards*40)
	}
	for i, k := range keys {
		lines.put(k, i)
	}
	if n := lines.len(); n > cacheShards*100 || n == 0 {
		t.Errorf("after %d puts the parts hold %d entries, bound %d", len(keys), n, cacheShards*100)
	}
	lines.reset()
	if n := lines.len(); n != 0 {
		t.Errorf("after reset: %d entries", n)
	}

	measured := newShardedMeasured(cacheShards*8, cacheShards*20)
	one := []Line{{Width: 10, Ascent: 8, Descent: 2, Dir: vocab.LTR, End: 1}}
	for i := range measured.parts {
		c := &measured.parts[i].c
		if c.maxEntries != 8 || c.maxLines != 20 || cap(c.arena) > measuredCacheFirstLines/cacheShards {
			t.Errorf("part %d: %d entries, %d lines, room for %d at first", i, c.maxEntries, c.maxLines, cap(c.arena))
		}
	}
	measured.put(keys[0], one)
	if got, ok := measured.get(keys[0], 14); !ok || len(got) != 1 || got[0].Height != 14 {
		t.Errorf("measured: got %v, %v", got, ok)
	}
	measured.reset()
	if _, ok := measured.get(keys[0], 14); ok {
		t.Error("measured: a line kept after reset")
	}
}

// splitmix64 is a fixed 64-bit mix, standing in for maphash.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
