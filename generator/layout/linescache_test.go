package layout

import (
	"slices"
	"sync"
	"testing"
)

// TestLinesCacheClock: a full cache lets go of an entry not read since
// the hand last passed it, keeps the entries read, never grows past its
// bound, and makes room even when every entry was read.
func TestLinesCacheClock(t *testing.T) {
	key := func(i int) linesKey { return linesKey{para: paraHash{uint64(i), 7}, width: 100} }
	for _, tc := range []struct {
		name string
		read []int // the keys 0..3 read after all four were put
		put  []int // the keys put then, in order
		want []int // the keys held at the end
	}{
		{"nothing read: the oldest goes", nil, []int{4}, []int{1, 2, 3, 4}},
		{"the oldest read: the next goes", []int{0}, []int{4}, []int{0, 2, 3, 4}},
		{"all but one read: that one goes", []int{0, 1, 3}, []int{4}, []int{0, 1, 3, 4}},
		{"all read: a round unmarks them, the first goes", []int{0, 1, 2, 3}, []int{4}, []int{1, 2, 3, 4}},
		{"a read entry outlives two puts", []int{1}, []int{4, 5}, []int{1, 3, 4, 5}},
		{"its mark is spent once: it goes when the hand comes round again", []int{1}, []int{4, 5, 6, 7, 8}, []int{5, 6, 7, 8}},
		{"put again: replaced, not added", nil, []int{2}, []int{0, 1, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newLinesCache[int](4)
			for i := range 4 {
				c.put(key(i), i)
			}
			for _, i := range tc.read {
				if v, ok := c.get(key(i)); !ok || v != i {
					t.Fatalf("get %d: %v, %v", i, v, ok)
				}
			}
			for _, i := range tc.put {
				c.put(key(i), 10*i)
				if len(c.e) > 4 || len(c.m) != len(c.e) {
					t.Fatalf("after put %d: %d entries, %d in the index, bound 4", i, len(c.e), len(c.m))
				}
			}
			var held []int
			for i := range 9 {
				if _, ok := c.get(key(i)); ok {
					held = append(held, i)
				}
			}
			if !slices.Equal(held, tc.want) {
				t.Errorf("held %v, want %v", held, tc.want)
			}
			if v, _ := c.get(key(tc.put[len(tc.put)-1])); v != 10*tc.put[len(tc.put)-1] {
				t.Errorf("the last put reads back as %d", v)
			}
		})
	}

	c := newLinesCache[int](4)
	c.put(key(1), 1)
	c.reset()
	if _, ok := c.get(key(1)); ok || len(c.e) != 0 || len(c.m) != 0 {
		t.Error("an entry kept after reset")
	}
}

// TestLinesCacheConcurrent reads and puts from several goroutines (run
// with -race): every value read is the one put under its key.
func TestLinesCacheConcurrent(t *testing.T) {
	c := newLinesCache[int](64)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 2000 {
				k := (i*7 + g) % 200
				key := linesKey{para: paraHash{uint64(k), 1}}
				if v, ok := c.get(key); ok && v != k {
					t.Errorf("key %d read %d", k, v)
					return
				}
				c.put(key, k)
			}
		})
	}
	wg.Wait()
	if len(c.e) > 64 {
		t.Errorf("%d entries, bound 64", len(c.e))
	}
}
