package layout

import "testing"

// BenchmarkRebuild is the price of a paragraph a process has prepared
// before or that the preset holds: rebuilt from the flat cache, or from
// a preset, for every paragraph of the golden leaflets (per paragraph).
//
//	go test -run '^$' -bench Rebuild ./generator/layout
func BenchmarkRebuild(b *testing.B) {
	_, set := testEngine(b)
	paras := flatTestParagraphs(b)
	_, preset := presetFor(b, set, paras)
	e, err := New(set)
	if err != nil {
		b.Fatal(err)
	}
	keys := make([]linesKey, len(paras))
	w := e.pool.Get().(*work)
	for i, p := range paras {
		keys[i] = paraKey(e.seeds.hash(p), p)
		pp, err := e.prepare(w, p)
		if err != nil {
			b.Fatal(err)
		}
		e.flat.store(keys[i], pp)
	}
	b.Run("flat", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, ok := e.flat.get(keys[i%len(keys)], paras[i%len(paras)]); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("preset", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, ok := preset.get(paras[i%len(paras)]); !ok {
				b.Fatal("miss")
			}
		}
	})
}
