package layout

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// goTextLevels are go-text's levels for text as it is, without the weak
// types resolved first.
func goTextLevels(text []rune, paraLevel int8) []int8 {
	var p bidi.Paragraph
	dir := bidi.LeftToRight
	if paraLevel == 1 {
		dir = bidi.RightToLeft
	}
	f := reflect.ValueOf(p.Segment(text, dir)).FieldByName(levelsField)
	out := make([]int8, len(text))
	for i := range out {
		out[i] = int8(f.Index(i).Int())
	}
	return out
}

// TestPreresolveWeakKeepsLevels compares go-text's levels for random
// texts with and without the weak types resolved first. The alphabet has
// a character of every class the weak rules read (digits of both kinds,
// separators, terminators, marks, strong characters of each direction,
// brackets, spaces, isolates and a boundary neutral), so that runs, W4
// and W5 neighbours, marks after each class and isolates in every
// nesting meet; 20,000 texts of up to 24 characters.
func TestPreresolveWeakKeepsLevels(t *testing.T) {
	alphabet := []rune("1٠۱+-,.:/%$#\u0301a\u05d0\u0627!()[] \u2066\u2067\u2068\u2069\u200d\u00ad")
	rng := rand.New(rand.NewPCG(11, 19))
	buf := make([]rune, 0, 32)
	for n := range 20000 {
		text := make([]rune, 1+rng.IntN(24))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		for _, base := range []vocab.Direction{vocab.LTR, vocab.RTL, ""} {
			lvl := paragraphLevel(text, base)
			want := goTextLevels(text, lvl)
			buf = preresolveWeak(buf, text, lvl)
			if got := goTextLevels(buf, lvl); !slices.Equal(got, want) {
				t.Fatalf("case %d %q (%+q) base %q: levels %v after resolving weak types as %q, want %v",
					n, string(text), string(text), base, got, string(buf), want)
			}
		}
	}
}

// TestPreresolveWeakLeavesEmbeddings: text with explicit embeddings or
// overrides is handed to go-text unchanged.
func TestPreresolveWeakLeavesEmbeddings(t *testing.T) {
	for _, s := range []string{"\u202a1+1\u202c", "a\u202e12\u202c", "\u202b1\u202c"} {
		text := []rune(s)
		if got := preresolveWeak(nil, text, 0); string(got) != s {
			t.Errorf("%+q: got %+q, want it unchanged", s, string(got))
		}
	}
}

// TestBidiCost: a paragraph with more brackets and isolates than
// MaxBidiPairs, or long text with explicit embeddings, is refused with a
// *BidiCostError; at the limit it is set.
func TestBidiCost(t *testing.T) {
	e, _ := testEngine(t)
	for _, c := range []struct {
		name, text string
		refused    bool
	}{
		{"brackets at the limit", strings.Repeat("(a)", MaxBidiPairs/2), false},
		{"brackets over the limit", strings.Repeat("(a)", MaxBidiPairs/2+1), true},
		{"isolates over the limit", strings.Repeat("\u2066a\u2069", MaxBidiPairs/2+1), true},
		{"long digits with an embedding", "\u202b" + strings.Repeat("1", maxEmbeddedText), true},
		{"long digits without", "\u0627 " + strings.Repeat("1", 4*maxEmbeddedText), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Paragraph{Text: c.text, Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}}
			_, err := e.Lines(p, 300)
			var ce *BidiCostError
			if got := errors.As(err, &ce); got != c.refused {
				t.Fatalf("refused %v (%v), want %v", got, err, c.refused)
			}
		})
	}
}

// TestEvenLevelsMatchGoText compares the levels appendEvenLevels gives
// with go-text's for random left-to-right texts: letters, digits of the
// European kind, separators, terminators, marks, brackets, spaces, tabs,
// boundary neutrals and LRI … PDI isolates (unmatched ones too), and
// now and then a character that must send the text to go-text (Hebrew,
// Arabic, an Arabic digit, RLI, FSI, an embedding); 50,000 texts of up
// to 24 characters, and isolates nested to the depth limit and past it.
func TestEvenLevelsMatchGoText(t *testing.T) {
	even := []rune("a1+-,.:/%$#\u0301!()[] \t\u2066\u2069\u200d\u00ad\u0e01\u0e31")
	other := []rune("\u05d0\u0627\u0661\u2067\u2068\u202a\u202b\u202e\u202c")
	rng := rand.New(rand.NewPCG(5, 23))
	var fast, slow int
	check := func(text []rune) {
		t.Helper()
		want := goTextLevels(text, 0)
		got, ok := appendEvenLevels(nil, text)
		if !ok {
			slow++
			if len(got) != 0 {
				t.Fatalf("%+q: refused but appended %v", string(text), got)
			}
			if !slices.ContainsFunc(text, func(r rune) bool { return slices.Contains(other, r) }) &&
				strings.Count(string(text), "\u2066") <= maxEvenDepth {
				t.Fatalf("%+q: refused, though it has no right-to-left character", string(text))
			}
			return
		}
		fast++
		if !slices.Equal(got, want) {
			t.Fatalf("%+q: levels %v, go-text's %v", string(text), got, want)
		}
	}
	for range 50000 {
		text := make([]rune, 1+rng.IntN(24))
		for i := range text {
			text[i] = even[rng.IntN(len(even))]
			if rng.IntN(40) == 0 {
				text[i] = other[rng.IntN(len(other))]
			}
		}
		check(text)
	}
	for _, depth := range []int{maxEvenDepth - 1, maxEvenDepth, maxEvenDepth + 1} {
		check([]rune(strings.Repeat("\u2066a ", depth) + "1" + strings.Repeat(" \u2069", depth) + " "))
	}
	if fast == 0 || slow == 0 {
		t.Fatalf("%d texts resolved here, %d by go-text: both must be tried", fast, slow)
	}
}

// TestASCIIBidiClass: the ASCII shortcut of bidiClass gives
// golang.org/x/text's class for every ASCII character.
func TestASCIIBidiClass(t *testing.T) {
	for r := range rune(utf8.RuneSelf) {
		p, _ := xbidi.LookupRune(r)
		if got := asciiBidiClass(r); got != p.Class() {
			t.Errorf("%U: class %v, want %v", r, got, p.Class())
		}
	}
}
