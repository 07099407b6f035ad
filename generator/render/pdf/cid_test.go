package pdf

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestCIDTable: the CIDs a leaflet's font gives out, dense or not (the
// CIDs of glyphs that copy as nothing are format characters' codes),
// give the /W widths, ToUnicode entries and CIDToGIDMap of every CID
// from 0 to the largest, unused ones mapped to glyph 0.
func TestCIDTable(t *testing.T) {
	type draw struct {
		glyph uint16
		text  string
		width int // -1: the glyph's own
	}
	cases := []struct {
		name     string
		draws    []draw
		cids     []uint16 // what each draw returns
		identity bool
		gidMap   map[uint16]uint16 // CID → subset glyph, the rest 0
		maxCID   uint16
	}{
		{
			name:     "dense, a glyph drawn again with its text",
			draws:    []draw{{5, "a", -1}, {7, "b", -1}, {5, "a", -1}},
			cids:     []uint16{1, 2, 1},
			identity: true,
			maxCID:   2,
		},
		{
			name:   "one glyph, two texts",
			draws:  []draw{{5, "a", -1}, {5, "b", -1}, {5, "a", -1}, {5, "b", -1}},
			cids:   []uint16{1, 2, 1, 2},
			gidMap: map[uint16]uint16{1: 1, 2: 1},
			maxCID: 2,
		},
		{
			name:   "glyphs that copy as nothing take format codes",
			draws:  []draw{{5, "a", -1}, {9, "", -1}, {11, "", -1}, {9, "", -1}, {12, "c", -1}},
			cids:   []uint16{1, 0x00AD, 0x0600, 0x00AD, 2},
			gidMap: map[uint16]uint16{1: 1, 0x00AD: 2, 0x0600: 3, 2: 4},
			maxCID: 0x0600,
		},
		{
			name:   "a width of its own is a CID of its own",
			draws:  []draw{{5, "a", -1}, {5, "a", -1000}, {5, "a", -1000}},
			cids:   []uint16{1, 2, 2},
			gidMap: map[uint16]uint16{1: 1, 2: 1},
			maxCID: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			widths := make([]int, 20)
			for g := range widths {
				widths[g] = 100 + g
			}
			u := newFontUse(&faceData{width: widths})
			var got []uint16
			for _, d := range tc.draws {
				if d.width == -1 {
					got = append(got, u.cid(d.glyph, d.text))
				} else {
					got = append(got, u.cidWidth(d.glyph, d.text, d.width))
				}
			}
			if !slices.Equal(got, tc.cids) {
				t.Fatalf("CIDs %v, want %v", got, tc.cids)
			}
			if u.identity() != tc.identity {
				t.Errorf("identity() = %v, want %v", u.identity(), tc.identity)
			}
			if u.maxCID != tc.maxCID {
				t.Errorf("largest CID %#x, want %#x", u.maxCID, tc.maxCID)
			}
			want := make([]byte, 2*(int(tc.maxCID)+1))
			for c, s := range tc.gidMap {
				want[2*c], want[2*c+1] = byte(s>>8), byte(s)
			}
			if tc.identity {
				for c := range int(tc.maxCID) + 1 {
					want[2*c+1] = byte(c)
				}
			}
			if m := u.cidToGIDMap([]byte("x")); !bytes.Equal(m[1:], want) || m[0] != 'x' {
				t.Errorf("CIDToGIDMap appended %x, want %x", m[1:], want)
			}
			// Each CID once, in ascending order, with the width and text
			// it was given out with.
			sorted := u.sortedCIDs()
			for i, e := range sorted {
				if i > 0 && e.cid <= sorted[i-1].cid {
					t.Errorf("sorted CIDs out of order: %#x after %#x", e.cid, sorted[i-1].cid)
				}
				k := slices.Index(got, e.cid)
				if k < 0 {
					t.Errorf("CID %#x listed but never given out", e.cid)
					continue
				}
				d := tc.draws[k]
				width := d.width
				if width == -1 {
					width = widths[d.glyph]
				}
				if e.text != d.text || e.width != width || u.gids[e.glyph] != d.glyph {
					t.Errorf("CID %#x: glyph %d, text %q, width %d; want %d, %q, %d", e.cid, u.gids[e.glyph], e.text, e.width, d.glyph, d.text, width)
				}
			}
			distinct := slices.Compact(slices.Sorted(slices.Values(got)))
			if len(sorted) != len(distinct) {
				t.Errorf("%d CIDs listed, %d given out", len(sorted), len(distinct))
			}
		})
	}
}

// TestSplitRTL: a right-to-left cluster's text is spread over its glyphs
// one character each, the last taking the rest, blanks added while the
// font has one, names alternating; invalid UTF-8 copies as U+FFFD.
func TestSplitRTL(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		glyphs int
		blank  uint16
		texts  []string
		alias  []bool
	}{
		{"one character", "ب", 2, 3, []string{"ب", ""}, []bool{false, false}},
		{"base and mark", "بِ", 2, 3, []string{"ب", "ِ"}, []bool{false, true}},
		{"more characters than glyphs, a blank", "لَا", 2, 3, []string{"ل", "َ", "ا"}, []bool{false, true, false}},
		{"more characters than glyphs, no blank", "لَا", 2, 0, []string{"ل", "َا"}, []bool{false, true}},
		{"more glyphs than characters", "بِ", 4, 3, []string{"ب", "ِ", "", ""}, []bool{false, true, true, true}},
		{"invalid UTF-8", "\xffب\xfe", 3, 0, []string{"\uFFFD", "ب", "\uFFFD"}, []bool{false, true, false}},
		{"invalid UTF-8, the last glyph takes the rest", "\xffب\xfe", 2, 0, []string{"\uFFFD", "ب\uFFFD"}, []bool{false, true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cluster := make([]drawGlyph, tc.glyphs)
			for k := range cluster {
				cluster[k].id = uint16(10 + k)
			}
			cluster[0].text = tc.text
			out := splitRTL(&faceData{blank: tc.blank}, cluster, 7)
			var texts []string
			var alias []bool
			for _, g := range out {
				texts = append(texts, g.text)
				alias = append(alias, g.alias)
			}
			if !slices.Equal(texts, tc.texts) || !slices.Equal(alias, tc.alias) {
				t.Errorf("texts %q, aliases %v; want %q, %v", texts, alias, tc.texts, tc.alias)
			}
			for _, g := range out[tc.glyphs:] {
				if g.id != tc.blank || g.x != 7 {
					t.Errorf("added glyph %d at %v, want the blank %d at 7", g.id, g.x, tc.blank)
				}
			}
		})
	}
}

// TestFontUseReset: a font reset after one leaflet gives the next the
// same CIDs, tables and subset as a new one, none of the first's glyphs
// or texts.
func TestFontUseReset(t *testing.T) {
	widths := make([]int, 20)
	for g := range widths {
		widths[g] = 100 + g
	}
	fd := &faceData{width: widths}
	type draw struct {
		glyph uint16
		text  string
	}
	first := []draw{{5, "a"}, {9, ""}, {5, "b"}, {11, ""}, {12, "c"}}
	second := []draw{{12, "x"}, {3, ""}, {5, "a"}, {12, "x"}}
	reused, fresh := newFontUse(fd), newFontUse(fd)
	for _, d := range first {
		reused.cid(d.glyph, d.text)
	}
	reused.aliased = true
	reused.reset()
	for _, d := range second {
		if got, want := reused.cid(d.glyph, d.text), fresh.cid(d.glyph, d.text); got != want {
			t.Errorf("glyph %d %q: CID %#x after reset, %#x new", d.glyph, d.text, got, want)
		}
	}
	if !slices.Equal(reused.gids, fresh.gids) || !slices.Equal(reused.sub, fresh.sub) || !slices.Equal(reused.firstCID, fresh.firstCID) ||
		!slices.Equal(reused.cids, fresh.cids) || reused.maxCID != fresh.maxCID || reused.next != fresh.next ||
		reused.silent != fresh.silent || reused.aliased != fresh.aliased {
		t.Errorf("after reset:\n%+v\nnew:\n%+v", *reused, *fresh)
	}
	if got, want := reused.toUnicode(nil, reused.sortedCIDs()), fresh.toUnicode(nil, fresh.sortedCIDs()); !bytes.Equal(got, want) {
		t.Errorf("ToUnicode after reset:\n%s\nnew:\n%s", got, want)
	}
}

// TestHasBidiControl: the byte scan finds a bidi control where decoding
// the text finds one, in valid and invalid UTF-8, at its start, middle
// and end.
func TestHasBidiControl(t *testing.T) {
	for _, s := range []string{"", "a", "Hjälp", "مساعدة", "\u061C", "a\u200E", "\u200Fb", "x\u202Ay", "\u202E", "\u2066",
		"\u2069z", "\u2065", "\u206A", "\u202F", "\u2029", "\u200D", "\xe2\x80", "\xe2\x80\x8e", "\xd8", "\xd8\x9c", "\xe2\xd8\x9c",
		"\xe2\x80\xe2\x80\x8f", "\xf0\xe2\x81\xa6"} {
		if got, want := hasBidiControl(s), strings.ContainsFunc(s, isBidiControl); got != want {
			t.Errorf("hasBidiControl(%q) = %v, want %v", s, got, want)
		}
	}
	// Random strings of the bytes that make or nearly make a control.
	alphabet := []byte{'a', 0xD8, 0x9C, 0x9B, 0xE2, 0x80, 0x81, 0x8D, 0x8E, 0x8F, 0xA9, 0xAA, 0xAE, 0xAF, 0xA5, 0xA6, 0xD9, 0xE0, 0xED, 0xF0}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := hasBidiControl(string(b)), strings.ContainsFunc(string(b), isBidiControl); got != want {
			t.Fatalf("hasBidiControl(%q) = %v, want %v", b, got, want)
		}
	}
}
