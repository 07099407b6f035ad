package layout

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	xbidi "golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// TestScriptLookup: scriptLookup gives language.LookupScript's script for
// every code point, read in order (each one found in the last range) and
// alternating with ASCII and with a far code point (each one searched).
func TestScriptLookup(t *testing.T) {
	var inOrder, jumping scriptLookup
	for r := range rune(unicode.MaxRune + 1) {
		want := language.LookupScript(r)
		if got := inOrder.of(r); got != want {
			t.Fatalf("%U in order: %v, want %v", r, got, want)
		}
		jumping.of((r * 7919) % (unicode.MaxRune + 1))
		if got := jumping.of(r); got != want {
			t.Fatalf("%U after a jump: %v, want %v", r, got, want)
		}
	}
}

// TestNeedsNoGlyphASCII: the ASCII shortcut of needsNoGlyph agrees with
// its definition (controls, default ignorables).
func TestNeedsNoGlyphASCII(t *testing.T) {
	for r := range rune(utf8.RuneSelf) {
		want := unicode.Is(unicode.Cc, r) || harfbuzz.IsDefaultIgnorable(r)
		if got := needsNoGlyph(r); got != want {
			t.Errorf("%U: %v, want %v", r, got, want)
		}
	}
}

// TestFaceMemoAcrossParagraphs: the face choices remembered from one
// paragraph are those of its family and weight only. A work that set a
// Latin paragraph in the Naskh family (Latin letters in the sans face,
// "(" as Common) and then sets the same text in the sans family, bold,
// then regular, gets the faces a fresh work gets.
func TestFaceMemoAcrossParagraphs(t *testing.T) {
	e, _ := testEngine(t)
	paras := []Paragraph{
		{Text: "Ring (020) 12 34 56, يمكنك.", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}},
		{Text: "Ring (020) 12 34 56, يمكنك.", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10, Bold: true}},
		{Text: "Ring (020) 12 34 56, يمكنك.", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10}},
		{Text: "Ring (020) 12 34 56, يمكنك.", Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}},
		{Text: "ถ้าคุณ (020) ถูกทำร้าย", Lang: "th", Dir: vocab.LTR, Font: fonts.FamilyThai, Style: Style{Size: 10}},
	}
	used := new(work)
	for _, p := range paras {
		fresh := new(work)
		for _, w := range []*work{used, fresh} {
			w.prepared = new(prepared)
			w.load(p.Text)
			w.levels, _ = Levels(w.runes, p.Dir)
			if err := e.assignFaces(w, p); err != nil {
				t.Fatal(err)
			}
		}
		for i := range fresh.faces {
			if used.faces[i] != fresh.faces[i] || used.script[i] != fresh.script[i] {
				t.Errorf("%q (%s, bold %v) rune %d: face %s/%v, a fresh work's %s/%v", p.Text, p.Font, p.Style.Bold, i,
					used.faces[i].Family, used.script[i], fresh.faces[i].Family, fresh.script[i])
			}
		}
	}
}

// TestIsSeparator: isSeparator is true exactly for the code points of
// Bidi_Class S and B.
func TestIsSeparator(t *testing.T) {
	for r := range rune(unicode.MaxRune + 1) {
		c := bidiClass(r)
		if want := c == xbidi.S || c == xbidi.B; isSeparator(r) != want {
			t.Errorf("%U: %v, want %v", r, isSeparator(r), want)
		}
	}
}

// TestParaHash: paragraphs that differ in any field a paragraph's lines
// depend on (text, language, direction, font, links) hash apart, however
// the bytes are split between the fields; equal ones hash alike, the
// style aside (it is a field of the key of its own).
func TestParaHash(t *testing.T) {
	base := Paragraph{Text: "ab", Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans,
		Links: []Link{{Start: 0, End: 1, Href: "tel:1"}}}
	variants := []func(p *Paragraph){
		func(p *Paragraph) { p.Text = "a" },
		func(p *Paragraph) { p.Text, p.Lang = "a", "bsv" },
		func(p *Paragraph) { p.Lang = "en" },
		func(p *Paragraph) { p.Dir = vocab.RTL },
		func(p *Paragraph) { p.Dir = "" },
		func(p *Paragraph) { p.Font = fonts.FamilyNaskh },
		func(p *Paragraph) { p.Links = nil },
		func(p *Paragraph) { p.Links = []Link{{Start: 0, End: 2, Href: "tel:1"}} },
		func(p *Paragraph) { p.Links = []Link{{Start: 1, End: 1, Href: "tel:1"}} },
		func(p *Paragraph) { p.Links = []Link{{Start: 0, End: 1, Href: "tel:2"}} },
		func(p *Paragraph) { p.Links = append(p.Links, Link{Href: ""}) },
	}
	seeds := newHashSeeds()
	want := seeds.hash(base)
	same := base
	same.Style = Style{Size: 99, Bold: true} // style is keyed apart
	if got := seeds.hash(same); got != want {
		t.Errorf("equal paragraphs: %x and %x", got, want)
	}
	seen := map[paraHash]int{want: -1}
	for i, edit := range variants {
		p := base
		p.Links = slices.Clone(base.Links)
		edit(&p)
		h := seeds.hash(p)
		if j, dup := seen[h]; dup {
			t.Errorf("variant %d (%+v) hashes as variant %d", i, p, j)
		}
		seen[h] = i
	}
}
