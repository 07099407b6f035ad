package fonts

import (
	"bytes"
	"io/fs"
	"testing"

	gotext "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"

	fontfiles "infogeneratorn/fonts"
)

// TestHeaderOnlyKeepsMetrics: every embedded face, parsed without its
// outlines, has the same glyph count, advances, glyph extents (the
// bounding boxes layout measures ink by), cmap and post metrics as parsed
// whole, and has indeed lost its outlines and glyph names.
func TestHeaderOnlyKeepsMetrics(t *testing.T) {
	names, err := fs.Glob(fontfiles.FS(), "*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fonts: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(fontfiles.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := headerOnly(data)
		if !ok {
			t.Errorf("%s: not reduced", name)
			continue
		}
		whole := mustFont(t, name, bytes.NewReader(data))
		reduced := mustFont(t, name, r)
		wf, rf := gotext.NewFace(whole), gotext.NewFace(reduced)
		if whole.Upem() != reduced.Upem() {
			t.Fatalf("%s: units per em %d, want %d", name, reduced.Upem(), whole.Upem())
		}
		for _, m := range []gotext.LineMetric{gotext.UnderlinePosition, gotext.UnderlineThickness} {
			if w, r := wf.LineMetric(m), rf.LineMetric(m); w != r {
				t.Fatalf("%s: line metric %d is %v, want %v", name, m, r, w)
			}
		}
		if wn, rn := whole.GlyphName(1), reduced.GlyphName(1); wn == "" || rn != "" {
			t.Errorf("%s: glyph 1 named %q, %q whole; want no name without the post names", name, rn, wn)
		}
		outlines := 0
		for gid := range gotext.GID(numGlyphs(t, data)) {
			we, wok := wf.GlyphExtents(gid)
			re, rok := rf.GlyphExtents(gid)
			if we != re || wok != rok {
				t.Fatalf("%s: glyph %d extents %+v %v, want %+v %v", name, gid, re, rok, we, wok)
			}
			if wa, ra := wf.HorizontalAdvance(gid), rf.HorizontalAdvance(gid); wa != ra {
				t.Fatalf("%s: glyph %d advance %v, want %v", name, gid, ra, wa)
			}
			if o, ok := wf.GlyphData(gid).(gotext.GlyphOutline); ok && len(o.Segments) > 0 {
				outlines++
				if o, ok := rf.GlyphData(gid).(gotext.GlyphOutline); ok && len(o.Segments) > 0 {
					t.Fatalf("%s: glyph %d keeps its outline", name, gid)
				}
			}
		}
		if outlines == 0 {
			t.Errorf("%s: no glyph with an outline to leave out", name)
		}
		for r := rune(0); r < 0x30000; r++ {
			wg, wok := whole.NominalGlyph(r)
			rg, rok := reduced.NominalGlyph(r)
			if wg != rg || wok != rok {
				t.Fatalf("%s: U+%04X maps to %d %v, want %d %v", name, r, rg, rok, wg, wok)
			}
		}
	}
}

// TestHeaderOnlyRefuses: a file it cannot reduce exactly is left to
// go-text whole.
func TestHeaderOnlyRefuses(t *testing.T) {
	data, err := fs.ReadFile(fontfiles.FS(), "NotoSansHebrew-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	rename := func(from, to string) []byte {
		d := bytes.Clone(data)
		dir, _ := tableDirectory(d)
		copy(d[dir[from].entry:], to)
		return d
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not TrueType", append([]byte("OTTO"), data[4:]...)},
		{"truncated directory", data[:40]},
		{"truncated tables", data[:len(data)/2]},
		{"variations", rename("GDEF", "fvar")},
		{"vertical metrics", rename("GDEF", "vmtx")},
		{"no glyf", rename("glyf", "xxxx")},
		{"no loca", rename("loca", "xxxx")},
	} {
		if _, ok := headerOnly(c.data); ok {
			t.Errorf("%s: reduced", c.name)
		}
	}
}

func mustFont(t *testing.T, name string, r ot.Resource) *gotext.Font {
	t.Helper()
	ld, err := ot.NewLoader(r)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	f, err := gotext.NewFont(ld)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func numGlyphs(t *testing.T, data []byte) int {
	t.Helper()
	dir, _ := tableDirectory(data)
	maxp := data[dir["maxp"].offset:]
	return int(maxp[4])<<8 | int(maxp[5])
}
