package layout

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"

	"infogeneratorn/generator/fonts"
)

// presetFor writes and reads a preset of paras for set, with the
// measurements presetMeasures gives.
func presetFor(t testing.TB, set *fonts.Set, paras []Paragraph) ([]byte, *Preset) {
	t.Helper()
	return presetWith(t, set, paras, presetMeasures(paras))
}

// presetWidths and presetSizes are where presetMeasures measures.
var (
	presetWidths = []float64{430, 120}
	presetSizes  = []float64{10, 8.5}
)

// presetMeasures is each of paras at each of presetSizes and
// presetWidths, its leading unset.
func presetMeasures(paras []Paragraph) []PresetMeasure {
	var out []PresetMeasure
	for _, p := range paras {
		for _, size := range presetSizes {
			for _, width := range presetWidths {
				p.Style.Size, p.Style.Leading = size, 0
				out = append(out, PresetMeasure{Para: p, Width: width})
			}
		}
	}
	return out
}

// presetWith writes and reads a preset of paras and measures for set.
func presetWith(t testing.TB, set *fonts.Set, paras []Paragraph, measures []PresetMeasure) ([]byte, *Preset) {
	t.Helper()
	e, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := e.WritePreset(paras, measures)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadPreset(data, set)
	if err != nil {
		t.Fatal(err)
	}
	return data, p
}

// TestPresetRoundTrip: a preset gives back exactly the analysis the
// engine makes from scratch, for every paragraph of the golden leaflets
// (Arabic, English, Swedish), Thai with a tab, and a linked address; the
// lines an engine sets with it are those it sets without; and its bytes
// do not depend on the order or repetition of the paragraphs.
func TestPresetRoundTrip(t *testing.T) {
	_, set := testEngine(t)
	paras := flatTestParagraphs(t)
	data, preset := presetFor(t, set, paras)

	shuffled := slices.Clone(paras)
	slices.Reverse(shuffled)
	shuffled = append(shuffled, paras[:5]...)
	measures := presetMeasures(shuffled)
	slices.Reverse(measures[:len(measures)/2])
	if again, _ := presetWith(t, set, shuffled, measures); !bytes.Equal(again, data) {
		t.Error("the preset's bytes depend on the order of the paragraphs or the measurements")
	}

	scratch, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	w := scratch.pool.Get().(*work)
	distinct := map[string]bool{}
	for _, p := range paras {
		distinct[PresetKey(p)] = true
		got, ok := preset.get(p)
		if !ok {
			t.Errorf("%q: not in the preset", excerpt(p.Text))
			continue
		}
		want, err := scratch.prepare(w, p)
		if err != nil {
			t.Fatal(err)
		}
		if !samePrepared(got, want) {
			t.Errorf("%q: the preset gives another analysis", excerpt(p.Text))
		}
	}
	if preset.Len() != len(distinct) {
		t.Errorf("the preset holds %d paragraphs, want %d", preset.Len(), len(distinct))
	}

	with, err := NewWith(set, Options{Preset: preset, Prepared: func(p Paragraph) {
		t.Errorf("%q: prepared, though the preset holds it", excerpt(p.Text))
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paras {
		for _, width := range presetWidths {
			for _, size := range presetSizes {
				p.Style.Size = size
				got, gotErr := with.Lines(p, width)
				want, wantErr := scratch.Lines(p, width)
				if !reflect.DeepEqual(got, want) || (gotErr == nil) != (wantErr == nil) {
					t.Errorf("%q at %v pt, %v wide: lines differ with the preset", excerpt(p.Text), size, width)
				}
			}
		}
	}
}

// TestPresetMeasured: a preset gives back exactly the lines and reach
// the engine measures from scratch, at each size and width it was
// written with, at any leading; at a size or width it was not, it holds
// nothing, and an engine with it measures the paragraph as one without.
func TestPresetMeasured(t *testing.T) {
	_, set := testEngine(t)
	paras := flatTestParagraphs(t)
	_, preset := presetFor(t, set, paras)
	// An engine that records measurements caches no lines: each is set
	// now, with its reach.
	scratch, err := NewWith(set, Options{Measured: func(Paragraph, float64) {}})
	if err != nil {
		t.Fatal(err)
	}
	with, err := NewWith(set, Options{Preset: preset})
	if err != nil {
		t.Fatal(err)
	}
	held, refused := 0, 0
	for _, p := range paras {
		for _, width := range append(slices.Clone(presetWidths), 300) {
			for _, size := range append(slices.Clone(presetSizes), 9) {
				for _, leading := range []float64{0, 0.8, 1.8} {
					p.Style.Size, p.Style.Leading = size, leading
					want, wantReach, wantErr := scratch.MeasureReach(p, width)
					lines, reach, ok := preset.measured(p, width, size*with.leading(p))
					// A paragraph the engine refuses at a size and width
					// (an address wider than the frame) is not written.
					written := slices.Contains(presetWidths, width) && slices.Contains(presetSizes, size)
					if written && wantErr != nil {
						written = false
						refused++
					}
					if ok != written {
						t.Errorf("%q at %v pt, %v wide: held %v, want %v", excerpt(p.Text), size, width, ok, written)
					}
					if ok {
						held++
						if !reflect.DeepEqual(lines, want) || reach != wantReach {
							t.Errorf("%q at %v pt, %v wide, leading %v: the preset holds other lines or reach",
								excerpt(p.Text), size, width, leading)
						}
					}
					got, gotReach, gotErr := with.MeasureReach(p, width)
					if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) || ok && gotReach != wantReach {
						t.Errorf("%q at %v pt, %v wide, leading %v: the engine with the preset measures otherwise (%v, want %v)",
							excerpt(p.Text), size, width, leading, gotErr, wantErr)
					}
				}
			}
		}
	}
	if want := len(paras)*len(presetSizes)*len(presetWidths)*3 - refused; held != want || refused == 0 {
		t.Errorf("the preset held %d measurements, want %d; %d refused, want some", held, want, refused)
	}
	if !wantReachKnown(t, scratch, paras) {
		t.Error("no measurement has a known reach: the test compares nothing")
	}
}

// wantReachKnown reports whether e measures some of paras with a known
// reach.
func wantReachKnown(t *testing.T, e *Engine, paras []Paragraph) bool {
	t.Helper()
	for _, p := range paras {
		if _, reach, err := e.MeasureReach(p, presetWidths[0]); err == nil && reach.known {
			return true
		}
	}
	return false
}

// TestMeasuredOption: an engine with Options.Measured is told of every
// measurement asked of it, a repeated one too, and caches no lines: the
// same paragraph at the same size and width comes with its reach every
// time, as set now.
func TestMeasuredOption(t *testing.T) {
	_, set := testEngine(t)
	p := flatTestParagraphs(t)[0]
	type asked struct {
		text  string
		size  float64
		width float64
	}
	var got []asked
	e, err := NewWith(set, Options{Measured: func(p Paragraph, width float64) {
		got = append(got, asked{p.Text, p.Style.Size, width})
	}})
	if err != nil {
		t.Fatal(err)
	}
	var reaches []Reach
	for range 3 {
		_, reach, err := e.MeasureReach(p, 300)
		if err != nil {
			t.Fatal(err)
		}
		reaches = append(reaches, reach)
	}
	if _, err := e.Lines(p, 300); err != nil { // drawing is not measuring
		t.Fatal(err)
	}
	if _, reach, _ := e.MeasureReach(p, 300); reach != reaches[0] {
		t.Errorf("after drawing, the reach is %+v, want %+v", reach, reaches[0])
	}
	want := slices.Repeat([]asked{{p.Text, p.Style.Size, 300}}, 4)
	if !slices.Equal(got, want) {
		t.Errorf("told of %d measurements, want %d", len(got), len(want))
	}
	if !reaches[0].known || reaches[1] != reaches[0] || reaches[2] != reaches[0] {
		t.Errorf("reaches %+v: want the same known reach each time", reaches)
	}
	cached, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	cached.MeasureReach(p, 300)
	if _, reach, _ := cached.MeasureReach(p, 300); reach.known {
		t.Error("an engine with its caches gives a known reach for cached lines: the test shows nothing")
	}
}

// TestPresetMisses: a paragraph that differs from every one of the
// preset in anything its analysis depends on is not found, and the
// engine prepares it.
func TestPresetMisses(t *testing.T) {
	_, set := testEngine(t)
	paras := flatTestParagraphs(t)
	last := paras[len(paras)-1] // the linked address, bold
	_, preset := presetFor(t, set, paras)
	if _, ok := preset.get(last); !ok {
		t.Fatal("the linked paragraph is not in the preset")
	}
	for name, change := range map[string]func(*Paragraph){
		"text":      func(p *Paragraph) { p.Text += "." },
		"language":  func(p *Paragraph) { p.Lang = "en" },
		"direction": func(p *Paragraph) { p.Dir = "rtl" },
		"family":    func(p *Paragraph) { p.Font = fonts.FamilyNaskh },
		"weight":    func(p *Paragraph) { p.Style.Bold = false },
		"no links":  func(p *Paragraph) { p.Links = nil },
		"link end": func(p *Paragraph) {
			p.Links = []Link{{Start: p.Links[0].Start, End: p.Links[0].End - 1, Href: p.Links[0].Href}}
		},
		"link href": func(p *Paragraph) {
			p.Links = []Link{{Start: p.Links[0].Start, End: p.Links[0].End, Href: "https://x.se"}}
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := last
			change(&p)
			if _, ok := preset.get(p); ok {
				t.Errorf("found, changed in its %s", name)
			}
			prepared := 0
			e, err := NewWith(set, Options{Preset: preset, Prepared: func(Paragraph) { prepared++ }})
			if err != nil {
				t.Fatal(err)
			}
			e.Lines(p, 430)
			if prepared != 1 {
				t.Errorf("prepared %d times, want 1", prepared)
			}
		})
	}
	var nothing *Preset
	if _, ok := nothing.get(last); ok {
		t.Error("a nil preset holds a paragraph")
	}
}

// TestPresetDamaged: bytes that are not a whole preset are refused when
// read, or give misses; never a panic, never another analysis. Every cut
// of the preset is tried, and a change of every byte.
func TestPresetDamaged(t *testing.T) {
	_, set := testEngine(t)
	paras := flatTestParagraphs(t)[:4]
	data, _ := presetFor(t, set, paras)
	for n := range len(data) {
		p, err := ReadPreset(data[:n], set)
		if err != nil {
			continue
		}
		for _, para := range paras {
			p.get(para) // must not panic; a cut entry is a miss
			p.measured(para, presetWidths[0], 12)
		}
	}
	if _, err := ReadPreset([]byte("IGPRESET\x02\x00\x00\x00"), set); !errors.Is(err, ErrPresetFormat) {
		t.Errorf("another version: %v, want ErrPresetFormat", err)
	}
	scratch, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	w := scratch.pool.Get().(*work)
	want := make([]*prepared, len(paras))
	wantLines := make([][]Line, len(paras))
	for i, para := range paras {
		if want[i], err = scratch.prepare(w, para); err != nil {
			t.Fatal(err)
		}
		if wantLines[i], err = scratch.Measure(para, presetWidths[0]); err != nil {
			t.Fatal(err)
		}
	}
	found, foundLines := 0, 0
	for i := range data {
		damaged := slices.Clone(data)
		damaged[i] ^= 0xA5
		p, err := ReadPreset(damaged, set)
		if err != nil {
			continue
		}
		for j, para := range paras {
			got, ok := p.get(para)
			if !ok {
				continue
			}
			// Found despite the change: another paragraph's entry was
			// changed, or its index's hash.
			found++
			if !samePrepared(got, want[j]) {
				t.Fatalf("byte %d changed: %q has another analysis", i, excerpt(para.Text))
			}
		}
		for j, para := range paras {
			lines, _, ok := p.measured(para, presetWidths[0], para.Style.Size*scratch.leading(para))
			if !ok {
				continue
			}
			foundLines++
			if !reflect.DeepEqual(lines, wantLines[j]) {
				t.Fatalf("byte %d changed: %q has other measured lines", i, excerpt(para.Text))
			}
		}
	}
	if found == 0 || foundLines == 0 {
		t.Errorf("after a change elsewhere, %d paragraphs and %d measurements were found, want some", found, foundLines)
	}
	if _, err := NewWith(set, Options{Preset: &Preset{set: new(fonts.Set)}}); err == nil {
		t.Error("a preset of another font set was taken")
	}
}

// TestPresetConcurrent: many goroutines read one preset (its faces are
// looked up on first use) under -race.
func TestPresetConcurrent(t *testing.T) {
	_, set := testEngine(t)
	paras := flatTestParagraphs(t)
	_, preset := presetFor(t, set, paras)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, p := range paras {
				if _, ok := preset.get(p); !ok {
					t.Errorf("%q: not found", excerpt(p.Text))
				}
			}
		})
	}
	wg.Wait()
}

// TestPresetKeyLen: an entry is recognised, in place, by exactly the key
// appendPresetKey writes for its paragraph: a key cut short, or another
// paragraph's, is not it.
func TestPresetKeyLen(t *testing.T) {
	paras := flatTestParagraphs(t)
	for _, p := range paras {
		key := appendPresetKey(nil, p)
		if n := presetKeyLen(append(slices.Clip(key), 1, 2, 3), p); n != len(key) {
			t.Errorf("%q: key length %d, want %d", excerpt(p.Text), n, len(key))
		}
		if n := presetKeyLen(key[:len(key)-1], p); n != -1 {
			t.Errorf("%q: a key cut short gives %d, want -1", excerpt(p.Text), n)
		}
		for _, q := range paras {
			// The language is not in the key: it names the index.
			other := appendPresetKey(nil, q)
			if !bytes.Equal(other, key) && presetKeyLen(other, p) != -1 {
				t.Errorf("%q is recognised in the entry of %q", excerpt(p.Text), excerpt(q.Text))
			}
		}
	}
}
