package pdf

import (
	"bytes"
	"encoding/binary"
	"io"
	"io/fs"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

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

func TestPrepareFontReachesEveryGlyph(t *testing.T) {
	for _, face := range testFaces(t) {
		t.Run(face.PSName, func(t *testing.T) {
			fc, err := prepareFont(face)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parseSFNT(fc.data)
			if err != nil {
				t.Fatal(err)
			}
			if f.table("DSIG") != nil {
				t.Error("DSIG kept")
			}
			cmap, err := f.unicodeCmap()
			if err != nil {
				t.Fatal(err)
			}
			for g := 1; g < len(fc.code); g++ {
				r := fc.code[g]
				if r == 0 || r > 0xFFFF {
					t.Fatalf("glyph %d has code %U", g, r)
				}
				if cmap[r] != uint16(g) {
					t.Fatalf("glyph %d: code %U maps to glyph %d", g, r, cmap[r])
				}
			}
			for r, g := range fc.cmap {
				if r <= 0xFFFF && r != 0xFFFF && cmap[r] != g {
					t.Fatalf("original mapping %U → %d lost (now %d)", r, g, cmap[r])
				}
			}
			t.Logf("%d glyphs, %d private-use code points", len(fc.code), fc.pua)
		})
	}
}

func TestPrepareFontChecksums(t *testing.T) {
	for _, face := range testFaces(t) {
		fc, err := prepareFont(face)
		if err != nil {
			t.Fatal(err)
		}
		if sum := checksum(fc.data); sum != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x, want 0xB1B0AFBA", face.PSName, sum)
		}
		n := int(binary.BigEndian.Uint16(fc.data[4:]))
		for i := range n {
			rec := fc.data[12+16*i:]
			tag := string(rec[:4])
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			data := bytes.Clone(fc.data[off : off+length])
			if tag == "head" {
				binary.BigEndian.PutUint32(data[8:], 0)
			}
			if got, want := binary.BigEndian.Uint32(rec[4:]), checksum(data); got != want {
				t.Errorf("%s: table %s checksum %#x, want %#x", face.PSName, tag, got, want)
			}
		}
	}
}

// TestPrepareFontSubsetKeepsOutlines checks, through fpdf's own subsetter,
// that a glyph drawn with its private-use code point is the glyph itself:
// the subset's outline for that code is the original's.
func TestPrepareFontSubsetKeepsOutlines(t *testing.T) {
	for _, face := range testFaces(t) {
		fc, err := prepareFont(face)
		if err != nil {
			t.Fatal(err)
		}
		orig, _ := parseSFNT(face.Data)
		var cut strings.Builder
		var glyphs []int
		for g := 1; g < len(fc.code) && len(glyphs) < 40; g++ {
			if fc.code[g] >= puaFirst && fc.code[g] <= puaLast && g%7 == 0 {
				cut.WriteRune(fc.code[g])
				glyphs = append(glyphs, g)
			}
		}
		sub, err := parseSFNT(fpdf.UTF8CutFont(fc.data, cut.String()))
		if err != nil {
			t.Fatalf("%s: subset: %v", face.PSName, err)
		}
		subCmap, err := sub.unicodeCmap()
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range glyphs {
			ng := subCmap[fc.code[g]]
			a, b := glyphData(t, orig, g), glyphData(t, sub, int(ng))
			if len(a) >= 2 && int16(binary.BigEndian.Uint16(a)) < 0 {
				// A composite: its component IDs are renumbered; compare the header.
				a, b = a[:10], b[:min(10, len(b))]
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s: glyph %d (%U) drawn as subset glyph %d with another outline", face.PSName, g, fc.code[g], ng)
			}
		}
	}
}

func glyphData(t *testing.T, f *sfntFont, g int) []byte {
	t.Helper()
	head, loca, glyf := f.table("head"), f.table("loca"), f.table("glyf")
	var start, end int
	if binary.BigEndian.Uint16(head[50:]) == 0 {
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	} else {
		start, end = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	}
	return glyf[start:end]
}

// TestPrepareFontFpdfAccepts loads every copy into fpdf and draws a
// private-use glyph: no error, no message printed by fpdf.
func TestPrepareFontFpdfAccepts(t *testing.T) {
	for _, face := range testFaces(t) {
		fc, err := prepareFont(face)
		if err != nil {
			t.Fatal(err)
		}
		p := fpdf.New("P", "pt", "A4", "")
		p.AddUTF8FontFromBytes("f", "", fc.data)
		p.AddPage()
		p.SetFont("f", "", 12)
		p.Text(10, 10, string(fc.code[len(fc.code)-1]))
		if err := p.Output(io.Discard); err != nil {
			t.Errorf("%s: %v", face.PSName, err)
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
