package fonts

import (
	"errors"
	"testing"

	fontfiles "infogeneratorn/fonts"
)

// TestOutlines reads glyph outlines from the embedded faces: a letter has
// closed contours inside the font's em box, a space none, and a glyph
// index past the font's end is an *OutlineError.
func TestOutlines(t *testing.T) {
	set, err := Open(fontfiles.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		family   string
		letter   rune
		contours int // at least
	}{
		{FamilySans, 'o', 2},
		{FamilySans, 'B', 3},
		{FamilyNaskh, 'ب', 2}, // the tooth and the dot
		{FamilyThai, 'ก', 1},
		{FamilyEthiopic, 'ሀ', 1},
	} {
		face, ok := set.Face(c.family, false)
		if !ok {
			t.Fatalf("no face %s", c.family)
		}
		letter, ok := set.GlyphID(face, c.letter)
		if !ok {
			t.Fatalf("%s does not map %q", c.family, c.letter)
		}
		space, _ := set.GlyphID(face, ' ')
		outs, err := set.Outlines(face, []uint16{letter, space})
		if err != nil {
			t.Fatal(err)
		}
		moves := 0
		for _, s := range outs[0] {
			if s.Op == MoveTo {
				moves++
			}
			for _, p := range s.Points() {
				if p.X < -float32(face.UnitsPerEm) || p.X > 2*float32(face.UnitsPerEm) || p.Y < float32(face.Descender)*2 || p.Y > float32(face.Ascender)*2 {
					t.Errorf("%s %q: point %v far outside the em box", c.family, c.letter, p)
				}
			}
		}
		if moves < c.contours || outs[0][0].Op != MoveTo {
			t.Errorf("%s %q: %d contours (first op %d), want at least %d", c.family, c.letter, moves, outs[0][0].Op, c.contours)
		}
		if len(outs[1]) != 0 {
			t.Errorf("%s space: %d segments, want none", c.family, len(outs[1]))
		}
		var oe *OutlineError
		if _, err := set.Outlines(face, []uint16{uint16(face.NumGlyphs)}); !errors.As(err, &oe) {
			t.Errorf("%s glyph %d (past the end): %v, want an *OutlineError", c.family, face.NumGlyphs, err)
		}
	}
}
