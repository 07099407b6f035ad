package layout

import (
	"reflect"
	"sync"
	"testing"

	"infogeneratorn/generator/vocab"
)

// hasPointers reports whether a value of type t holds a pointer the
// garbage collector would follow.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	}
	return true
}

// TestMeasuredCache: the cache gives back what was put, with the heights
// of the leading asked for; keeps nothing it cannot give back exactly;
// starts again empty when its index or its arena is full; and holds no
// pointer (so the collector never scans it).
func TestMeasuredCache(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[linesKey](), reflect.TypeFor[measuredSpan](), reflect.TypeFor[measuredLine]()} {
		if hasPointers(typ) {
			t.Errorf("%v holds a pointer", typ)
		}
	}
	key := func(i int) linesKey { return linesKey{para: paraHash{uint64(i), 7}, width: 300} }
	lines := []Line{
		{Width: 100.5, Ascent: 9, Descent: 3, Height: 14, Dir: vocab.RTL, Start: 0, End: 12},
		{Width: 80.25, Ascent: 10, Descent: 4, Height: 14, Dir: vocab.RTL, Start: 12, End: 20},
	}
	c := newMeasuredCache(3, 5)
	c.put(key(1), lines)
	for _, adv := range []float64{14, 20, 1} {
		got, ok := c.get(key(1), adv)
		if !ok || len(got) != len(lines) {
			t.Fatalf("adv %v: got %v, %v", adv, got, ok)
		}
		for i, ln := range got {
			want := lines[i]
			want.Height = max(adv, want.Ascent+want.Descent)
			if !reflect.DeepEqual(ln, want) {
				t.Errorf("adv %v line %d: %+v, want %+v", adv, i, ln, want)
			}
		}
	}
	for _, c2 := range []struct {
		name string
		edit func(*Line)
	}{
		{"runs", func(l *Line) { l.Runs = []Run{} }},
		{"no direction", func(l *Line) { l.Dir = "" }},
		{"offset beyond 32 bits", func(l *Line) { l.End = 1 << 40 }},
	} {
		bad := []Line{lines[0]}
		c2.edit(&bad[0])
		c.put(key(2), bad)
		if _, ok := c.get(key(2), 14); ok {
			t.Errorf("%s: stored", c2.name)
		}
	}
	c.put(key(2), lines) // 4 lines of 5
	c.put(key(3), lines) // the arena is full: starts again
	if _, ok := c.get(key(1), 14); ok {
		t.Error("the arena overflowed without starting again")
	}
	if _, ok := c.get(key(3), 14); !ok {
		t.Error("the entry that overflowed the arena is not stored")
	}
	c.put(key(4), lines[:1])
	c.put(key(5), lines[:1])
	c.put(key(6), lines[:1]) // the index is full (3 entries): starts again
	if _, ok := c.get(key(3), 14); ok {
		t.Error("the index overflowed without starting again")
	}
	if got, ok := c.get(key(6), 14); !ok || len(got) != 1 {
		t.Errorf("after starting again: %v, %v", got, ok)
	}

	// The arena starts small and grows to its bound, not past it.
	big := newMeasuredCache(1<<20, measuredCacheFirstLines*3)
	if cap(big.arena) > measuredCacheFirstLines {
		t.Errorf("a new arena has room for %d lines, want at most %d", cap(big.arena), measuredCacheFirstLines)
	}
	for i := range measuredCacheFirstLines * 3 / 2 {
		big.put(key(100+i), lines)
	}
	if n := len(big.arena); n != measuredCacheFirstLines*3 {
		t.Errorf("the arena holds %d lines, want its bound %d", n, measuredCacheFirstLines*3)
	}
	if _, ok := big.get(key(100), 14); !ok {
		t.Error("the arena started again before its bound")
	}
	big.put(key(99), lines)
	if len(big.arena) != len(lines) {
		t.Errorf("past its bound the arena holds %d lines, want it started again with %d", len(big.arena), len(lines))
	}
}

// TestMeasuredCacheConcurrent: goroutines putting and getting at once,
// the arena starting again under them, always read back what was put
// under a key (run with -race: no field is read outside the lock while
// another goroutine writes it).
func TestMeasuredCacheConcurrent(t *testing.T) {
	c := newMeasuredCache(16, 24)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 2000 {
				n := 1 + (g+i)%5
				lines := make([]Line, n)
				for j := range lines {
					lines[j] = Line{Width: float64(g*10000 + i), Ascent: 9, Descent: 3, Dir: vocab.LTR, Start: j, End: j + 1}
				}
				k := linesKey{para: paraHash{uint64(g), uint64(i)}, width: 300}
				c.put(k, lines)
				if got, ok := c.get(k, 14); ok && (len(got) != n || got[0].Width != float64(g*10000+i)) {
					t.Errorf("goroutine %d, put %d: got %d lines of width %v", g, i, len(got), got[0].Width)
					return
				}
			}
		})
	}
	wg.Wait()
}
