package layout

import (
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout/thai"
	"infogeneratorn/generator/vocab"
)

// flatTestParagraphs are the benchmark paragraphs, every paragraph of
// the resolver's golden leaflets (Arabic, English, Swedish), and a Thai
// paragraph with a tab and a phone number, and a linked web address.
func flatTestParagraphs(t testing.TB) []Paragraph {
	var paras []Paragraph
	for _, bp := range benchParagraphs {
		paras = append(paras, bp.p)
	}
	names, err := filepath.Glob(filepath.Join("..", "resolve", "testdata", "golden", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("golden leaflets: %v, %v", names, err)
	}
	for _, name := range names {
		texts, lang, dir, font := leafletParagraphs(t, filepath.Base(name))
		for _, text := range texts {
			paras = append(paras, Paragraph{Text: text, Lang: lang, Dir: dir, Font: font, Style: Style{Size: 10}})
		}
	}
	return append(paras,
		Paragraph{Text: "ถ้าคุณถูกทำร้ายโดยคนในครอบครัว\tโทรหาหน่วยบริการสังคมที่ \u2066035-13\u00a070\u00a000\u2069", Lang: "th",
			Dir: vocab.LTR, Font: fonts.FamilyThai, Style: Style{Size: 10}},
		Paragraph{Text: "Skriv till \u2066https://www.halmstad.se/stod-och-hjalp\u2069", Lang: "sv", Dir: vocab.LTR,
			Font: fonts.FamilySans, Style: Style{Size: 10, Bold: true},
			Links: []Link{{Start: len("Skriv till \u2066"), End: len("Skriv till \u2066https://www.halmstad.se/stod-och-hjalp"), Href: "https://www.halmstad.se/stod-och-hjalp"}}})
}

// samePrepared reports whether a and b are the same analysis (an empty
// slice and nil alike).
func samePrepared(a, b *prepared) bool {
	sameItem := func(x, y item) bool {
		return x.start == y.start && x.end == y.end && x.level == y.level && x.face == y.face && x.script == y.script &&
			x.link == y.link && slices.Equal(x.glyphs, y.glyphs)
	}
	return slices.Equal(a.runes, b.runes) && slices.Equal(a.shape, b.shape) && slices.Equal(a.byteAt, b.byteAt) &&
		slices.Equal(a.levels, b.levels) && a.paraLevel == b.paraLevel && a.lang == b.lang &&
		slices.Equal(a.itemOf, b.itemOf) && slices.EqualFunc(a.items, b.items, sameItem) &&
		slices.Equal(a.brks, b.brks) && slices.Equal(a.fine, b.fine) &&
		slices.Equal(a.island, b.island) && slices.Equal(a.soft, b.soft)
}

// TestFlatPrepared: the flat cache holds no pointer the collector would
// scan; gives back exactly the prepared paragraph it was given, and the
// lines set from it are those set from scratch; never grows its arenas
// and starts again empty when full; and stores nothing it cannot give
// back exactly.
func TestFlatPrepared(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[linesKey](), reflect.TypeFor[flatSpan](), reflect.TypeFor[flatItem](),
		reflect.TypeFor[flatGlyph](), reflect.TypeFor[int8](), reflect.TypeFor[int32]()} {
		if hasPointers(typ) {
			t.Errorf("%v holds a pointer", typ)
		}
	}
	for name, typ := range map[string]reflect.Type{"items": reflect.TypeFor[[]flatItem](),
		"glyphs": reflect.TypeFor[[]flatGlyph](), "ints": reflect.TypeFor[[]int32](), "index": reflect.TypeFor[map[linesKey]flatSpan]()} {
		f, ok := reflect.TypeFor[flatArena]().FieldByName(name)
		if !ok || f.Type != typ {
			t.Errorf("flatArena.%s is not a %v", name, typ)
		}
	}

	_, set := testEngine(t)
	e, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	e.flat.epochShift = 0 // every lookup and put an epoch
	paras := flatTestParagraphs(t)
	t.Run("round trip", func(t *testing.T) {
		stored := 0
		for _, p := range paras {
			for _, width := range []float64{430, 120} {
				e.Forget()
				fresh, freshErr := e.Lines(p, width)
				pk := paraKey(e.seeds.hash(p), p)
				if _, ok := e.prepared.of(pk).get(pk); !ok {
					continue // an error before preparing, or empty
				}
				if _, ok := e.flat.get(pk, p); ok {
					t.Errorf("%q: stored when prepared the first time", excerpt(p.Text))
				}
				// Prepared the second time: stored.
				e.lines.reset()
				e.prepared.each((*linesCache[*prepared]).reset)
				e.Lines(p, width)
				orig, _ := e.prepared.of(pk).get(pk)
				flat, ok := e.flat.get(pk, p)
				if !ok {
					t.Errorf("%q: not stored", excerpt(p.Text))
					continue
				}
				stored++
				if !samePrepared(flat, orig) {
					t.Errorf("%q: the flat cache gives another analysis", excerpt(p.Text))
				}
				// Set again from the flat cache alone, at another size too.
				for _, size := range []float64{p.Style.Size, 8.5} {
					q := p
					q.Style.Size = size
					e.lines.reset()
					e.measured.each((*measuredCache).reset)
					e.prepared.each((*linesCache[*prepared]).reset)
					got, err := e.Lines(q, width)
					e.Forget()
					want, wantErr := e.Lines(q, width)
					if size == p.Style.Size && (!reflect.DeepEqual(want, fresh) || (wantErr == nil) != (freshErr == nil)) {
						t.Fatalf("%q: setting from scratch is not repeatable", excerpt(p.Text))
					}
					if (err == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
						t.Errorf("%q at %v pt, %v wide: lines from the flat cache differ (errors %v, %v)",
							excerpt(p.Text), size, width, err, wantErr)
					}
				}
			}
		}
		t.Logf("%d paragraphs, stored %d times", len(paras), stored)
		if stored < len(paras) {
			t.Errorf("%d of %d paragraphs stored", stored, 2*len(paras))
		}
	})

	t.Run("bounded, generations", func(t *testing.T) {
		c := newFlatPrepared(16<<10, 5)
		c.epochShift = 0
		w := e.pool.Get().(*work)
		defer e.pool.Put(w)
		kept := Paragraph{Text: "Kept", Lang: "en", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10}}
		keptKey := linesKey{para: paraHash{0, 0}}
		pp, err := e.prepare(w, kept)
		if err != nil {
			t.Fatal(err)
		}
		c.put(keptKey, pp)
		c.put(keptKey, pp)
		stored := 0
		for i, p := range paras[:60] {
			pp, err := e.prepare(w, p)
			if err != nil {
				t.Fatal(err)
			}
			k := linesKey{para: paraHash{uint64(i) + 1, 1}}
			c.put(k, pp)
			c.put(k, pp)
			for _, a := range []*flatArena{c.young, c.old} {
				if cap(a.items) > a.maxItems || cap(a.glyphs) > a.maxGlyphs || cap(a.ints) > a.maxInts {
					t.Fatalf("the arenas grew past their bounds: %d, %d, %d", cap(a.items), cap(a.glyphs), cap(a.ints))
				}
			}
			if len(c.young.index) > 5 || len(c.old.index) > 5 {
				t.Fatalf("%d and %d entries, at most 5 each", len(c.young.index), len(c.old.index))
			}
			if _, ok := c.get(k, p); ok {
				stored++
			}
			// kept is asked for after every paragraph: it moves from
			// the old generation to the young one and stays.
			if _, ok := c.get(keptKey, kept); !ok {
				t.Fatalf("after %d paragraphs, a paragraph asked for all along is gone", i+1)
			}
		}
		if stored < 30 {
			t.Errorf("only %d of 60 paragraphs stored in 16 KB", stored)
		}
		if _, ok := c.get(linesKey{para: paraHash{1, 1}}, paras[0]); ok {
			t.Error("the first paragraph is still there: the generations never turned")
		}
	})

	t.Run("admission", func(t *testing.T) {
		w := e.pool.Get().(*work)
		defer e.pool.Put(w)
		p := paras[0]
		pp, err := e.prepare(w, p)
		if err != nil {
			t.Fatal(err)
		}
		c := newFlatPrepared(1<<20, 10)
		k := linesKey{para: paraHash{3, 4}}
		c.put(k, pp)
		c.put(k, pp)
		if _, ok := c.get(k, p); ok {
			t.Error("stored when put twice in one epoch")
		}
		for range 1 << flatEpochShift {
			c.get(linesKey{}, p)
		}
		c.put(k, pp)
		if _, ok := c.get(k, p); !ok {
			t.Error("not stored when put again in a later epoch")
		}
		c.reset()
		if _, ok := c.get(k, p); ok {
			t.Error("stored after a reset")
		}
		for range 1 << flatEpochShift {
			c.get(linesKey{}, p)
		}
		c.put(k, pp)
		if _, ok := c.get(k, p); ok {
			t.Error("the reset did not forget the key put before it")
		}

		// Keys that choose the same set of seen slots, each put once
		// an epoch (as an order's paragraphs are, order after order):
		// each is stored when put again. One more than a set holds
		// pushes out the key put longest ago.
		c = newFlatPrepared(1<<20, 10)
		c.epochShift = 0
		key := func(i int) linesKey { return linesKey{para: paraHash{5 + flatSeenSlots*uint64(i), uint64(i) + 1}} }
		const n = 4 // keys of one set (with one slot a key, none was ever stored)
		for i := range n {
			c.put(key(i), pp)
		}
		for i := range n {
			c.put(key(i), pp)
			if _, ok := c.get(key(i), p); !ok {
				t.Errorf("key %d of %d in one set not stored when put again", i+1, n)
			}
		}
		c = newFlatPrepared(1<<20, 10)
		c.epochShift = 0
		for i := range flatSeenWays + 1 {
			c.put(key(i), pp)
		}
		c.put(key(1), pp)
		if _, ok := c.get(key(1), p); !ok {
			t.Error("the second key of a set is gone after one more came")
		}
		c.put(key(0), pp)
		if _, ok := c.get(key(0), p); ok {
			t.Error("the key put longest ago stayed when one more than a set holds came")
		}
	})

	t.Run("concurrent", func(t *testing.T) {
		// Goroutines put and get at once, in a cache small enough
		// to turn generations and move paragraphs between them; run
		// with -race.
		w := e.pool.Get().(*work)
		var pps []*prepared
		for _, p := range paras[:24] {
			pp, err := e.prepare(w, p)
			if err != nil {
				t.Fatal(err)
			}
			pps = append(pps, pp)
		}
		e.pool.Put(w)
		c := newFlatPrepared(64<<10, 16)
		c.epochShift = 0
		var wg sync.WaitGroup
		errs := make(chan string, 8)
		for g := range 8 {
			wg.Go(func() {
				for n := range 300 {
					i := (g*7 + n) % len(pps)
					k := linesKey{para: paraHash{uint64(i), 9}}
					if pp, ok := c.get(k, paras[i]); ok {
						if !samePrepared(pp, pps[i]) {
							errs <- excerpt(paras[i].Text)
							return
						}
						continue
					}
					c.put(k, pps[i])
				}
			})
		}
		wg.Wait()
		close(errs)
		for text := range errs {
			t.Errorf("%q: another analysis given back under concurrent use", text)
		}
	})

	t.Run("refuses", func(t *testing.T) {
		w := e.pool.Get().(*work)
		defer e.pool.Put(w)
		p := paras[0]
		lastGlyph := func(edit func(*glyph)) func(*prepared) {
			return func(pp *prepared) {
				it := &pp.items[len(pp.items)-1]
				edit(&it.glyphs[len(it.glyphs)-1])
			}
		}
		for _, c := range []struct {
			name string
			edit func(*prepared)
		}{
			{"nothing (stored)", func(*prepared) {}},
			{"glyph id beyond 16 bits", lastGlyph(func(g *glyph) { g.id = 1 << 16 })},
			{"advance not a whole font unit", lastGlyph(func(g *glyph) { g.xAdv++ })},
			{"offset not a whole font unit", lastGlyph(func(g *glyph) { g.yOff += 32 })},
			{"advance beyond 16 bits of font units", lastGlyph(func(g *glyph) { g.xAdv = 1 << 21 })},
			{"offset beyond 16 bits of font units", lastGlyph(func(g *glyph) { g.xOff = -1 << 22 })},
			{"a level unlike its item's", func(pp *prepared) { pp.levels[0]++ }},
			{"a Thai split too deep", func(pp *prepared) { pp.fine = append(pp.fine, thai.Split{Pos: 1, Depth: 1 << 40}) }},
		} {
			pp, err := e.prepare(w, p)
			if err != nil {
				t.Fatal(err)
			}
			c.edit(pp)
			fc := newFlatPrepared(1<<20, 10)
			fc.epochShift = 0
			k := linesKey{para: paraHash{1, 2}}
			fc.put(k, pp)
			fc.put(k, pp)
			if _, ok := fc.get(k, p); ok != (c.name == "nothing (stored)") {
				t.Errorf("%s: stored %v", c.name, ok)
			}
		}
	})
}
