package layout

import (
	"fmt"
	"strings"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// costTexts builds, for n runes, the kinds of text whose layout cost once
// grew faster than their length: a run of digits inside Arabic text
// (go-text's resolution of the weak types is quadratic in the length of a
// stretch of numbers without a strong character; see bidiweak.go),
// words alternating between right-to-left and left-to-right script, one
// long word without a break opportunity, and a long web address.
func costTexts(n int) []struct{ name, text string } {
	fill := func(unit string) string {
		k := len([]rune(unit))
		return strings.Repeat(unit, max(1, n/k))
	}
	digits := "اتصل " + strings.Repeat("1", max(1, n-10)) + " الآن"
	return []struct{ name, text string }{
		{"digits-in-arabic", digits},
		{"digit-groups-in-arabic", fill("رقم 0123456789 ")},
		{"spaced-digits-in-arabic", "اتصل " + fill("12, ")},
		{"alternating", fill("كلمة word ")},
		{"long-word", fill("ابتثجحخ")},
		{"long-latin-word", fill("abcdefg")},
		{"url", "\u2066https://" + fill("ab.cd/") + "\u2069"},
	}
}

// BenchmarkParagraphCost sets each pathological text at 1k to 64k runes in
// a 300 pt right-to-left frame with empty caches. Cost should grow about
// linearly: ns/op of /64000 near 64 times /1000 (compare ns/rune, which
// the benchmark reports, across sizes).
func BenchmarkParagraphCost(b *testing.B) {
	e, _ := testEngine(b)
	for _, n := range []int{1000, 2000, 4000, 8000, 16000, 64000} {
		for _, c := range costTexts(n) {
			p := Paragraph{Text: c.text, Lang: "ar", Dir: vocab.RTL, Font: fonts.FamilyNaskh, Style: Style{Size: 10}}
			if c.name == "url" { // a link: broken like an address
				p.Links = []Link{{Start: len("\u2066"), End: len(c.text) - len("\u2069"), Href: "https://x.se/"}}
			}
			runes := len([]rune(c.text))
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					e.Forget()
					if _, err := e.Lines(p, 300); err != nil {
						b.Fatal(c.name, "failed") // the error quotes the whole text
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(runes), "ns/rune")
			})
		}
	}
}
