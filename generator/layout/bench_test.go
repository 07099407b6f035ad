package layout

import (
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
// the shaping cache before every paragraph (new text), "warm" does not
// (text the process has set before, as in a set of leaflets).
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
						e.cache.reset()
					}
					if _, err := e.Lines(bp.p, 360); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
