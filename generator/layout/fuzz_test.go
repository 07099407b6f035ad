package layout

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// FuzzLines sets arbitrary text: no panic, and when it succeeds the lines
// hold the whole text in order and fit the frame.
func FuzzLines(f *testing.F) {
	for _, s := range []string{
		"Ring \u2066020-50\u00a050\u00a050\u2069 nu.",
		"اتصل على \u2066info@example.se\u2069.",
		"ถ้าคุณถูกทำร้ายโดยคนในครอบครัว",
		"a\u2067b\u2066c\u2069d\u2069e\n\tf",
		"\u202ex\u202c\u200d\u0301",
	} {
		f.Add(s, true, 120.0)
	}
	e, _ := testEngine(f)
	f.Fuzz(func(t *testing.T, text string, rtl bool, width float64) {
		// No length cap: a paragraph's cost is linear in its length
		// (BenchmarkParagraphCost), go-text's quadratic weak-type
		// resolution included (bidiweak.go).
		if !utf8.ValidString(text) || width < 50 || width > 2000 {
			return
		}
		p := Paragraph{Text: text, Lang: "ar", Dir: vocab.LTR, Font: fonts.FamilyNaskh, Style: Style{Size: 10}}
		if rtl {
			p.Dir = vocab.RTL
		}
		lines, err := e.Lines(p, width)
		var ge *GlyphError
		var we *WidthError
		if errors.As(err, &ge) || errors.As(err, &we) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, l := range lines {
			if i > 0 && l.Start != lines[i-1].End {
				t.Fatalf("line %d starts at %d, previous ends at %d", i, l.Start, lines[i-1].End)
			}
			b.WriteString(text[l.Start:l.End])
			if l.Width > width+widthTolerance && len(l.Runs) > 0 {
				// only a single grapheme may be wider than the frame
				if n := len(l.Runs[0].Glyphs); len(l.Runs) > 1 || n > 1 && l.Runs[0].Glyphs[n-1].Cluster != l.Runs[0].Glyphs[0].Cluster {
					t.Fatalf("line %q is %.1f pt in a %.1f pt frame", text[l.Start:l.End], l.Width, width)
				}
			}
		}
		if b.String() != text {
			t.Fatalf("lines hold %q, want %q", b.String(), text)
		}
	})
}
