package layout

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// Paragraphs of leaflet length (about 60 words) with a phone number and an
// e-mail address, as the pipeline delivers them.
var benchParagraphs = []struct {
	name string
	p    Paragraph
}{
	{"Swedish", Paragraph{Lang: "sv", Dir: vocab.LTR, Font: fonts.FamilySans, Style: Style{Size: 10},
		Text: "Om du är utsatt för våld eller hot av någon i din familj eller av en partner kan du få stöd och hjälp av socialtjänsten. " +
			"Du kan prata med oss även om du inte vet vad du vill göra. Vi har tystnadsplikt och du kan få tolk utan kostnad. " +
			"Ring \u2066020-50\u00a050\u00a050\u2069 eller skriv till \u2066stod@kommun.se\u2069. Vid akut fara, ring alltid \u2066112\u2069."}},
	{"Arabic", Paragraph{Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10},
		Text: "إذا كنتِ تتعرضين للعنف أو التهديد من أحد أفراد عائلتك أو من شريك حياتك، يمكنك الحصول على الدعم والمساعدة من الخدمات الاجتماعية. " +
			"يمكنك التحدث معنا حتى لو لم تعرفي بعد ماذا تريدين أن تفعلي. نحن ملزمون بالسرية ويمكنك الحصول على مترجم مجاناً. " +
			"اتصلي على \u2066020-50\u00a050\u00a050\u2069 أو اكتبي إلى \u2066stod@kommun.se\u2069. في حالة الخطر الفوري، اتصلي دائماً بالرقم \u2066112\u2069."}},
}

// BenchmarkLines sets each paragraph in a 360 pt frame: "cold" empties
// the caches before every paragraph (new text), "warm" does not (a
// paragraph the process has set before, as in a set of leaflets).
func BenchmarkLines(b *testing.B) {
	e, _ := testEngine(b)
	for _, bp := range benchParagraphs {
		for _, cold := range []bool{true, false} {
			name := bp.name + "/warm"
			if cold {
				name = bp.name + "/cold"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if cold {
						e.Forget()
					}
					if _, err := e.Lines(bp.p, 360); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// leafletParagraphs returns the paragraphs of a resolved leaflet from the
// resolve stage's golden files: every list of text spans, with the spans
// that are not plain text (phone numbers, addresses, links) wrapped in
// LRI … PDI as the pipeline does. The JSON is walked generically so that
// the benchmark does not depend on the document's schema.
func leafletParagraphs(b testing.TB, name string) (paras []string, lang string, dir vocab.Direction, font string) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "resolve", "testdata", "golden", name))
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			var sb strings.Builder
			spans := len(v) > 0
			for _, x := range v {
				m, ok := x.(map[string]any)
				text, isText := m["text"].(string)
				if !ok || !isText {
					spans = false
					break
				}
				if m["kind"] != "text" {
					text = "\u2066" + text + "\u2069"
				}
				sb.WriteString(text)
			}
			if spans {
				paras = append(paras, sb.String())
				return
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	lang, _ = doc["lang"].(string)
	d, _ := doc["dir"].(string)
	font, _ = doc["font"].(string)
	return paras, lang, vocab.Direction(d), font
}

// BenchmarkLeafletText sets all the text of one resolved A4 leaflet
// (about 2,000 characters) with empty caches: the layout share of making
// a leaflet for the first time.
func BenchmarkLeafletText(b *testing.B) {
	e, _ := testEngine(b)
	for _, name := range []string{"vald_ar.json", "vald_sv.json"} {
		paras, lang, dir, font := leafletParagraphs(b, name)
		if len(paras) < 10 {
			b.Fatalf("%s: %d paragraphs", name, len(paras))
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e.Forget()
				for _, text := range paras {
					p := Paragraph{Text: text, Lang: lang, Dir: dir, Font: font, Style: Style{Size: 10}}
					if _, err := e.Lines(p, 430); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkPathological sets text of the kinds that once cost time
// quadratic in their length, at two lengths: the ns/op of /16000 should
// be about four times that of /4000. Long runs without a break
// opportunity, many isolates, long Thai, and combining marks that shape
// into one cluster (one glyph run per line used to cut the whole
// cluster's text once per glyph).
func BenchmarkPathological(b *testing.B) {
	e, _ := testEngine(b)
	thaiText := "ถ้าคุณถูกทำร้ายโดยคนในครอบครัว"
	for _, n := range []int{4000, 16000} {
		for _, c := range []struct{ name, text string }{
			{"no-breaks", strings.Repeat("a", n)},
			{"digits-rtl", strings.Repeat("1", n)},
			{"isolates", strings.Repeat("\u2066a\u2069 ", n/4)},
			{"thai", strings.Repeat(thaiText, n/len([]rune(thaiText)))},
			{"marks", strings.Repeat("\u0301", n)},
			{"url", "\u2066https://" + strings.Repeat("ab/", n/3) + "\u2069"},
		} {
			p := Paragraph{Text: c.text, Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}}
			if c.name == "url" {
				p.Links = []Link{{Start: len("\u2066"), End: len(c.text) - len("\u2069"), Href: "https://x.se/"}}
			}
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					e.Forget()
					e.Lines(p, 50)
				}
			})
		}
	}
}

// BenchmarkFitSizes sets every paragraph of one resolved A4 leaflet at
// the body sizes of fitting's trial steps (8 to 14.3 pt, 430 pt wide),
// each paragraph's size-independent analysis already prepared, as
// fitting does after its first step: "lines" builds the glyph runs,
// "measure" only the lines' widths and heights (what fitting's trials
// use). The caches of set and measured lines are emptied every time.
func BenchmarkFitSizes(b *testing.B) {
	e, _ := testEngine(b)
	sizes := []float64{8, 10.5, 11.5, 12.5, 13.75, 14.3}
	for _, name := range []string{"vald_sv.json", "vald_ar.json"} {
		texts, lang, dir, font := leafletParagraphs(b, name)
		for _, measure := range []bool{false, true} {
			b.Run(strings.TrimSuffix(name, ".json")+map[bool]string{false: "/lines", true: "/measure"}[measure], func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					e.lines.reset()
					e.measured.each((*measuredCache).reset)
					for _, size := range sizes {
						for _, text := range texts {
							p := Paragraph{Text: text, Lang: lang, Dir: dir, Font: font, Style: Style{Size: size}}
							if _, _, err := e.paragraphLines(p, 430, measure); err != nil {
								b.Fatal(err)
							}
						}
					}
				}
			})
		}
	}
}
