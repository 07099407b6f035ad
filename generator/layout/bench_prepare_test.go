package layout

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// localeTexts returns the translated strings ("other = …") of a locale
// file whose keys start with one of prefixes: a leaflet's worth of text
// for a language that has no resolved golden leaflet (Thai).
func localeTexts(b testing.TB, lang string, prefixes ...string) []string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "locales", lang+".toml"))
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	keep := false
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			keep = false
			for _, p := range prefixes {
				keep = keep || strings.HasPrefix(line, `["`+p)
			}
			continue
		}
		rest, ok := strings.CutPrefix(line, "other = ")
		if !ok || !keep {
			continue
		}
		s, err := strconv.Unquote(rest)
		if err != nil || s == "" {
			continue
		}
		out = append(out, s)
	}
	return out
}

// BenchmarkPrepare analyses every paragraph of one leaflet with empty
// caches, as a batch does for text it has not set before (each paragraph
// of a batch is prepared once): levels, faces, items, shaping and break
// opportunities, but no lines. Swedish and Arabic are resolved golden
// leaflets; Thai is the shared and vald strings of its locale file.
func BenchmarkPrepare(b *testing.B) {
	e, _ := testEngine(b)
	type leaflet struct {
		name  string
		texts []string
		lang  string
		dir   vocab.Direction
		font  string
	}
	var leaflets []leaflet
	for _, name := range []string{"vald_sv.json", "vald_ar.json"} {
		texts, lang, dir, font := leafletParagraphs(b, name)
		leaflets = append(leaflets, leaflet{lang, texts, lang, dir, font})
	}
	leaflets = append(leaflets, leaflet{"th", localeTexts(b, "th", "common.", "vald."), "th", vocab.LTR, fonts.FamilyThai})
	for _, l := range leaflets {
		if len(l.texts) < 10 {
			b.Fatalf("%s: %d paragraphs", l.name, len(l.texts))
		}
		b.Run(l.name, func(b *testing.B) {
			b.ReportAllocs()
			w := e.pool.Get().(*work)
			defer e.pool.Put(w)
			for b.Loop() {
				for _, text := range l.texts {
					p := Paragraph{Text: text, Lang: l.lang, Dir: l.dir, Font: l.font, Style: Style{Size: 10}}
					if _, err := e.prepare(w, p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
