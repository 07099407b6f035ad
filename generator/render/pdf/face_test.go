package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/fonts"
)

// testFaces reads every shipped font file as a bare fonts.Face.
func testFaces(t testing.TB) []*fonts.Face {
	t.Helper()
	names, err := fs.Glob(fontfiles.FS(), "*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fonts: %v", err)
	}
	var faces []*fonts.Face
	for _, name := range names {
		data, err := fs.ReadFile(fontfiles.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		ps := strings.TrimSuffix(name, ".ttf")
		faces = append(faces, &fonts.Face{Family: strings.Split(ps, "-")[0], Bold: strings.HasSuffix(ps, "-Bold"),
			PSName: ps, File: name, Data: data})
	}
	return faces
}

// tableChecksum reads the checksum the directory of font gives tag.
func tableChecksum(font []byte, tag string) uint32 {
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[:4]) == tag {
			return binary.BigEndian.Uint32(rec[4:])
		}
	}
	return 0
}

// TestSubset subsets a sample of every font's glyphs, composites among
// them, and reads the subset back: glyph i is the glyph asked for, with
// the same outline and metrics; composites find their components; every
// checksum holds.
func TestSubset(t *testing.T) {
	for i, face := range testFaces(t) {
		t.Run(face.PSName, func(t *testing.T) {
			fd, err := readFace(face, i)
			if err != nil {
				t.Fatal(err)
			}
			gids := []uint16{0}
			composites := 0
			for g := 1; g < len(fd.adv); g++ {
				c, _ := components(fd.glyph(uint16(g)))
				if g%5 == 0 || len(c) > 0 && composites < 20 {
					gids = append(gids, uint16(g))
					if len(c) > 0 {
						composites++
					}
				}
			}
			data, err := fd.subset(gids)
			if err != nil {
				t.Fatal(err)
			}
			if sum := checksum(data); sum != 0xB1B0AFBA {
				t.Errorf("file checksum %#x, want 0xB1B0AFBA", sum)
			}
			sub, err := parseSFNT(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range sub.tables {
				d := tb.data
				if tb.tag == "head" {
					d = bytes.Clone(d)
					binary.BigEndian.PutUint32(d[8:], 0)
				}
				if want := checksum(d); tableChecksum(data, tb.tag) != want {
					t.Errorf("table %s: checksum %#x, want %#x", tb.tag, tableChecksum(data, tb.tag), want)
				}
			}
			n, _ := sub.numGlyphs()
			if n < len(gids) {
				t.Fatalf("%d glyphs in the subset, want at least %d", n, len(gids))
			}
			sd := &faceData{font: sub}
			if sd.loca, err = sub.locations(n); err != nil {
				t.Fatal(err)
			}
			adv, _, err := sub.metrics(n)
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range gids {
				if adv[i] != fd.adv[g] {
					t.Errorf("glyph %d: advance %d, want %d", g, adv[i], fd.adv[g])
				}
				if err := sameGlyph(fd, g, sd, uint16(i)); err != nil {
					t.Errorf("glyph %d: %v", g, err)
				}
			}
			t.Logf("%d of %d glyphs, %d composites, %d bytes", len(gids), len(fd.adv), composites, len(data))
		})
	}
}

// TestReadFace: every shipped face has the tables the renderer reads and
// a blank glyph for the ActualText spans.
func TestReadFace(t *testing.T) {
	for i, face := range testFaces(t) {
		fd, err := readFace(face, i)
		if err != nil {
			t.Fatalf("%s: %v", face.PSName, err)
		}
		if fd.blank == 0 {
			t.Errorf("%s: no blank glyph", face.PSName)
		}
	}
}

func TestBuildCmap4RoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		entries []cmapEntry
	}{
		{"empty", nil},
		{"one", []cmapEntry{{0x41, 36}}},
		{"delta run", []cmapEntry{{0x41, 36}, {0x42, 37}, {0x43, 38}, {0x44, 39}, {0x45, 40}}},
		{"scattered", []cmapEntry{{0x41, 9}, {0x42, 3}, {0x43, 700}, {0x100, 1}, {0xE000, 65000}}},
		{"mixed run", []cmapEntry{{1, 5}, {2, 9}, {3, 10}, {4, 11}, {5, 12}, {6, 13}, {7, 2}, {8, 1}}},
		{"wraps", []cmapEntry{{0xFFF0, 20}, {0xFFF1, 21}, {0xFFFE, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := buildCmap4(tt.entries)
			if err != nil {
				t.Fatal(err)
			}
			got := map[rune]uint16{}
			if err := readCmap4(sub, got); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.entries) {
				t.Errorf("%d mappings, want %d: %v", len(got), len(tt.entries), got)
			}
			for _, e := range tt.entries {
				if got[rune(e.code)] != e.glyph {
					t.Errorf("%U → %d, want %d", e.code, got[rune(e.code)], e.glyph)
				}
			}
		})
	}
}

// sameGlyph compares glyph g of a with glyph h of b: the same outline
// without hinting instructions, or for composites the same header and the
// same components, recursively.
func sameGlyph(a *faceData, g uint16, b *faceData, h uint16) error {
	ga, err := unhinted(a.glyph(g))
	if err != nil {
		return err
	}
	gb := b.glyph(h)
	ca, _ := components(ga)
	cb, err := components(gb)
	if err != nil {
		return err
	}
	if len(ca) == 0 {
		// The subset pads each glyph to four bytes.
		if len(gb) < len(ga) || len(gb)-len(ga) > 3 || !bytes.Equal(ga, gb[:len(ga)]) || bytes.ContainsFunc(gb[len(ga):], func(r rune) bool { return r != 0 }) {
			return fmt.Errorf("outline of %d differs from %d in the subset", g, h)
		}
		return nil
	}
	if len(ca) != len(cb) || !bytes.Equal(ga[:10], gb[:10]) || len(gb) < len(ga) || len(gb)-len(ga) > 3 {
		return fmt.Errorf("composite %d differs from %d in the subset", g, h)
	}
	for k := range ca {
		if err := sameGlyph(a, ca[k], b, cb[k]); err != nil {
			return err
		}
	}
	return nil
}

// TestUnhinted: stripping instructions keeps every byte of the outline
// and leaves no instructions.
func TestUnhinted(t *testing.T) {
	for i, face := range testFaces(t)[:4] {
		fd, err := readFace(face, i)
		if err != nil {
			t.Fatal(err)
		}
		for g := range fd.adv {
			orig := fd.glyph(uint16(g))
			got, err := unhinted(orig)
			if err != nil {
				t.Fatalf("%s glyph %d: %v", face.PSName, g, err)
			}
			if len(orig) < 10 {
				continue
			}
			if c := int16(binary.BigEndian.Uint16(orig)); c >= 0 {
				at := 10 + 2*int(c)
				n := int(binary.BigEndian.Uint16(orig[at:]))
				if binary.BigEndian.Uint16(got[at:]) != 0 || !bytes.Equal(got[at+2:], orig[at+2+n:]) || !bytes.Equal(got[:at], orig[:at]) {
					t.Fatalf("%s glyph %d: outline changed", face.PSName, g)
				}
				continue
			}
			if err := eachComponent(got, func(at int) {
				if binary.BigEndian.Uint16(got[at-2:])&haveInstructions != 0 {
					t.Errorf("%s glyph %d: instructions flag kept", face.PSName, g)
				}
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSubsetInScratch builds subsets of growing and shrinking size in
// one scratch space, as a render's fonts do one after another: each is
// the font a fresh subset gives, whatever the space held before.
func TestSubsetInScratch(t *testing.T) {
	faces := testFaces(t)
	fd, err := readFace(faces[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	every := func(step, limit int) []uint16 {
		gids := []uint16{0}
		for g := step; g < min(len(fd.adv), limit); g += step {
			gids = append(gids, uint16(g))
		}
		return gids
	}
	tests := []struct {
		name string
		gids []uint16
	}{
		{"small", every(7, 200)},
		{"large", every(2, 2000)},
		{"small after large", every(11, 300)},
		{"notdef only", []uint16{0}},
		{"large again", every(3, 3000)},
	}
	var s subsetScratch
	for _, tt := range tests {
		want, err := fd.subset(tt.gids)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fd.subsetIn(&s, tt.gids)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the subset built in used space differs from a fresh one", tt.name)
		}
	}
}

// readCmap4 reads a format 4 cmap subtable into m, code point to glyph:
// how a reader of the PDF reads what buildCmap4 writes.
func readCmap4(sub []byte, m map[rune]uint16) error {
	if len(sub) < 14 {
		return errShort
	}
	length := int(binary.BigEndian.Uint16(sub[2:]))
	if length > len(sub) {
		length = len(sub) // some fonts overstate it; read what is there
	}
	sub = sub[:length]
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	ranges := deltas + 2*segs
	if len(sub) < ranges+2*segs {
		return errShort
	}
	for i := range segs {
		end := int(binary.BigEndian.Uint16(sub[ends+2*i:]))
		start := int(binary.BigEndian.Uint16(sub[starts+2*i:]))
		delta := binary.BigEndian.Uint16(sub[deltas+2*i:])
		ro := int(binary.BigEndian.Uint16(sub[ranges+2*i:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				p := ranges + 2*i + ro + 2*(c-start)
				if p+2 > len(sub) {
					return errShort
				}
				g = binary.BigEndian.Uint16(sub[p:])
				if g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[rune(c)] = g
			}
		}
	}
	return nil
}
