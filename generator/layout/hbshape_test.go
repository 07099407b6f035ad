package layout

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// hbGlyph is one glyph of hb-shape's JSON output: glyph ID, cluster (a
// character index), offsets and advance in font units.
type hbGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
}

// hbShape shapes each word with HarfBuzz's hb-shape (Debian
// libharfbuzz-bin) on the font file and returns the glyphs per word.
func hbShape(t *testing.T, fontFile, lang string, words []string) [][]hbGlyph {
	t.Helper()
	if _, err := exec.LookPath("hb-shape"); err != nil {
		t.Fatalf("hb-shape is missing (install Debian's libharfbuzz-bin): %v", err)
	}
	in := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(in, []byte(strings.Join(words, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("hb-shape", "--font-file="+fontFile, "--no-glyph-names",
		"--output-format=json", "--language="+lang, "--text-file="+in).Output()
	if err != nil {
		t.Fatalf("hb-shape %s: %v", fontFile, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(words) {
		t.Fatalf("hb-shape returned %d lines for %d words", len(lines), len(words))
	}
	res := make([][]hbGlyph, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &res[i]); err != nil {
			t.Fatalf("hb-shape output %q: %v", l, err)
		}
	}
	return res
}

// shapeWord sets word on one line at a size of one point per font unit, so
// that positions compare with hb-shape's font units, and returns its
// glyphs in visual order as hb-shape reports them.
func shapeWord(e *Engine, face *fonts.Face, lang string, dir vocab.Direction, word string) ([]hbGlyph, error) {
	lines, err := e.Lines(Paragraph{Text: word, Lang: lang, Dir: dir, Font: face.Family,
		Style: Style{Size: float64(face.UnitsPerEm), Bold: face.Bold}}, 1e9)
	if err != nil {
		return nil, err
	}
	if len(lines) != 1 || len(lines[0].Runs) != 1 || lines[0].Runs[0].Face != face {
		return nil, fmt.Errorf("%q: want one line with one run in %s, got %d lines", word, face.PSName, len(lines))
	}
	var out []hbGlyph
	pen := 0.0
	for _, g := range lines[0].Runs[0].Glyphs {
		out = append(out, hbGlyph{
			G:  int(g.ID),
			Cl: utf8.RuneCountInString(word[:g.Cluster]),
			Dx: int(math.Round(g.X - pen)),
			Dy: int(math.Round(-g.Y)),
			Ax: int(math.Round(g.Advance)),
		})
		pen += g.Advance
	}
	return out, nil
}

func readWords(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "words", name))
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, w := range strings.Split(string(data), "\n") {
		if w = strings.TrimSpace(w); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// compareHB counts the words whose glyph IDs, and whose positions
// (clusters, offsets, advances), equal hb-shape's.
func compareHB(t *testing.T, e *Engine, face *fonts.Face, lang string, dir vocab.Direction, words []string) (sameIDs, samePos int, diffs []string) {
	t.Helper()
	ref := hbShape(t, filepath.Join("..", "..", "fonts", face.File), lang, words)
	for i, w := range words {
		got, err := shapeWord(e, face, lang, dir, w)
		if err != nil {
			t.Fatalf("%s %s: %v", face.PSName, w, err)
		}
		ids := len(got) == len(ref[i])
		pos := ids
		for k := 0; ids && k < len(got); k++ {
			ids = ids && got[k].G == ref[i][k].G
			pos = pos && got[k] == ref[i][k]
		}
		if ids {
			sameIDs++
		}
		if ids && pos {
			samePos++
		}
		if !ids || !pos {
			diffs = append(diffs, fmt.Sprintf("%s:\n\tours    %v\n\thb-shape %v", w, got, ref[i]))
		}
	}
	return sameIDs, samePos, diffs
}

// TestShapingMatchesHarfBuzz compares the engine's glyphs for a word list
// per script with hb-shape on the same font file: glyph IDs must be
// identical, and so must clusters, offsets and advances.
func TestShapingMatchesHarfBuzz(t *testing.T) {
	e, set := testEngine(t)
	tests := []struct {
		name, lang, words, family string
		dir                       vocab.Direction
	}{
		{"Arabic", "ar", "ar.txt", fonts.FamilyNaskh, vocab.RTL},
		{"Persian", "fa", "fa.txt", fonts.FamilyNaskh, vocab.RTL},
		{"Pashto", "ps", "ps.txt", fonts.FamilyNaskh, vocab.RTL},
		{"Sorani", "ckb", "ckb.txt", fonts.FamilyNaskh, vocab.RTL},
		{"Urdu", "ur", "ur.txt", fonts.FamilyNaskh, vocab.RTL},
		{"Yiddish (pointed Hebrew)", "yi", "yi.txt", fonts.FamilyHebrew, vocab.RTL},
		{"Thai", "th", "th.txt", fonts.FamilyThai, vocab.LTR},
		{"Tigrinya", "ti", "ti.txt", fonts.FamilyEthiopic, vocab.LTR},
		{"Amharic", "am", "am.txt", fonts.FamilyEthiopic, vocab.LTR},
	}
	for _, tt := range tests {
		for _, bold := range []bool{false, true} {
			face, _ := set.Face(tt.family, bold)
			t.Run(tt.name+"/"+face.PSName, func(t *testing.T) {
				words := readWords(t, tt.words)
				if len(words) < 20 {
					t.Fatalf("%d words, want at least 20", len(words))
				}
				ids, pos, diffs := compareHB(t, e, face, tt.lang, tt.dir, words)
				t.Logf("%s %s: glyph IDs identical in %d of %d words, positions in %d", tt.name, face.PSName, ids, len(words), pos)
				for _, d := range diffs {
					t.Error(d)
				}
			})
		}
	}
}

// TestNastaliqAgainstHarfBuzz measures how far go-text's shaping of Noto
// Nastaliq Urdu is from HarfBuzz's. Urdu prints in Naskh (fonts/README.md)
// because of this; the test records the finding and fails if it changes,
// so that switching Urdu to Nastaliq is decided on evidence.
func TestNastaliqAgainstHarfBuzz(t *testing.T) {
	e, set := testEngine(t)
	face, _ := set.Face(fonts.FamilyNastaliq, false)
	words := readWords(t, "ur.txt")
	ids, pos, diffs := compareHB(t, e, face, "ur", vocab.RTL, words)
	t.Logf("Nastaliq: glyph IDs identical in %d of %d Urdu words, positions identical in %d", ids, len(words), pos)
	for _, d := range diffs {
		t.Log(d)
	}
	// go-text v0.3.5 chooses the same glyphs but leaves the first letter
	// of a cursive cascade on the baseline where HarfBuzz raises it (and
	// differs by one unit in a few advances).
	const wantSamePositions = 16
	if ids != len(words) || pos != wantSamePositions {
		t.Errorf("the Nastaliq finding changed: IDs %d/%d, positions %d (was %d): review Urdu's face (fonts/README.md)",
			ids, len(words), pos, wantSamePositions)
	}
}

// TestCyrillicKerningGap pins a go-text fault so that an upgrade that
// fixes it is noticed. go-text v0.3.4 and v0.3.5 skip Noto Sans's
// class-based kerning between Cyrillic letters (Т+о: HarfBuzz 486 units,
// go-text 556): their setDigest.addRange returns early once any of its
// three masks is full, so the filter misses glyphs of later coverage
// ranges and the pair-positioning subtable is never tried for them. The
// font's data, read by go-text's own parser, holds the right value
// (GPOS lookup 2, subtable 1: −70). Latin pairs of the same subtable
// kern. No later go-text is on the module proxy, and v0.3.3, without the
// fault, has no bidi package; Cyrillic prints slightly loose until then.
func TestCyrillicKerningGap(t *testing.T) {
	e, set := testEngine(t)
	face, _ := set.Face(fonts.FamilySans, false)
	words := []string{"То", "то", "To"}
	want := hbShape(t, filepath.Join("..", "..", "fonts", face.File), "ru", words)
	var differ []string
	for i, w := range words {
		got, err := shapeWord(e, face, "ru", vocab.LTR, w)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want[i]) {
			differ = append(differ, w)
		}
	}
	if fmt.Sprint(differ) != "[То то]" {
		t.Errorf("Cyrillic kerning gap changed: %v differ from hb-shape (was [То то]); if go-text fixed it, drop this test and the Russian allowance in render/pdf's proof test", differ)
	}
}
