package layout

import (
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout/thai"
	"infogeneratorn/generator/vocab"
)

// icuWordBoundaries returns ICU's word boundaries (code point offsets) of
// each paragraph, from testdata/icu-thai-words.py (Debian python3-icu).
func icuWordBoundaries(t *testing.T, paras []string) []map[int]bool {
	t.Helper()
	const python = "/usr/bin/python3" // Debian's, where python3-icu is installed
	cmd := exec.Command(python, "testdata/icu-thai-words.py")
	cmd.Stdin = strings.NewReader(strings.Join(paras, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ICU reference (install Debian's python3-icu): %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(paras) {
		t.Fatalf("ICU returned %d lines for %d paragraphs", len(lines), len(paras))
	}
	res := make([]map[int]bool, len(lines))
	for i, l := range lines {
		res[i] = map[int]bool{}
		for _, f := range strings.Fields(l) {
			v, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			res[i][v] = true
		}
	}
	return res
}

// dictionaryBoundary reports whether a line may end before text[pos] by the
// dictionary: next to a non-Thai character (a space, punctuation, digits:
// UAX #14 decides there), or at a boundary between dictionary words (of
// the best segmentation, or inside a compound of it).
func dictionaryBoundary(d *thai.Dict, text []rune, pos int) bool {
	if pos <= 0 || pos >= len(text) || !thai.IsThai(text[pos-1]) || !thai.IsThai(text[pos]) {
		return true
	}
	a, b := pos, pos
	for a > 0 && thai.IsThai(text[a-1]) {
		a--
	}
	for b < len(text) && thai.IsThai(text[b]) {
		b++
	}
	words, splits := d.Breaks(text[a:b])
	return slices.Contains(words, pos-a) || slices.ContainsFunc(splits, func(s thai.Split) bool { return s.Pos == pos-a })
}

// TestThaiLineBreaks sets a Thai text of about 390 words in frames of
// several widths: every line must fit its frame, and every break must be a
// word boundary by the dictionary. Agreement with ICU's dictionary is
// measured too: the two word lists differ, so a few breaks may fall where
// ICU sees a compound as one word.
func TestThaiLineBreaks(t *testing.T) {
	e, _ := testEngine(t)
	data, err := os.ReadFile("testdata/thai-help.txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.TrimSpace(string(data)), "\n")
	icu := icuWordBoundaries(t, paras)
	words := 0
	for i, b := range icu {
		r := []rune(paras[i])
		prev := 0
		for _, end := range slices.Sorted(maps.Keys(b)) {
			if slices.ContainsFunc(r[prev:end], thai.IsThai) {
				words++
			}
			prev = end
		}
	}
	if words < 300 {
		t.Fatalf("the Thai text has %d ICU words, want at least 300", words)
	}
	breaks, icuAgrees, lines := 0, 0, 0
	for _, width := range []float64{60, 90, 130, 180, 250, 340} {
		for pi, text := range paras {
			p := Paragraph{Text: text, Lang: "th", Dir: vocab.LTR, Font: fonts.FamilyThai, Style: Style{Size: 10}}
			ls, err := e.Lines(p, width)
			if err != nil {
				t.Fatal(err)
			}
			runes := []rune(text)
			var got strings.Builder
			for i, l := range ls {
				lines++
				got.WriteString(text[l.Start:l.End])
				if l.Width > width+widthTolerance {
					t.Errorf("width %v: line %q is %.2f pt wide", width, text[l.Start:l.End], l.Width)
				}
				if i == len(ls)-1 {
					continue
				}
				pos := utf8.RuneCountInString(text[:l.End])
				breaks++
				if !dictionaryBoundary(thaiDict(t, e), runes, pos) {
					t.Errorf("width %v: break inside a word: %q | %q", width, string(runes[max(0, pos-8):pos]), string(runes[pos:min(len(runes), pos+8)]))
				}
				if icu[pi][pos] {
					icuAgrees++
				} else {
					t.Logf("width %v: ICU sees no word boundary at %q | %q", width, string(runes[max(0, pos-8):pos]), string(runes[pos:min(len(runes), pos+8)]))
				}
			}
			if got.String() != text {
				t.Errorf("width %v: lines do not add up to the paragraph", width)
			}
		}
	}
	t.Logf("Thai: %d words (ICU), %d lines, %d breaks, all at dictionary word boundaries; ICU agrees with %d of %d",
		words, lines, breaks, icuAgrees, breaks)
	if breaks == 0 || float64(icuAgrees) < 0.95*float64(breaks) {
		t.Errorf("ICU agrees with %d of %d breaks, want at least 95%%", icuAgrees, breaks)
	}
}

func thaiDict(t *testing.T, e *Engine) *thai.Dict {
	t.Helper()
	d, err := e.thai()
	if err != nil {
		t.Fatal(err)
	}
	return d
}
