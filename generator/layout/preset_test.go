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

// presetFor writes and reads a preset of paras for set.
func presetFor(t testing.TB, set *fonts.Set, paras []Paragraph) ([]byte, *Preset) {
	t.Helper()
	e, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := e.WritePreset(paras)
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
	if again, _ := presetFor(t, set, shuffled); !bytes.Equal(again, data) {
		t.Error("the preset's bytes depend on the order of the paragraphs")
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
		for _, width := range []float64{430, 120} {
			for _, size := range []float64{10, 8.5} {
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
	for i, para := range paras {
		if want[i], err = scratch.prepare(w, para); err != nil {
			t.Fatal(err)
		}
	}
	found := 0
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
	}
	if found == 0 {
		t.Error("no paragraph was found after a change elsewhere")
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
