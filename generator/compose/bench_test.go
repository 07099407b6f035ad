package compose

import (
	"fmt"
	"testing"

	"infogeneratorn/generator/vocab"
)

// BenchmarkFit composes one leaflet fitted to a page budget, as build
// does for every leaflet: the search over text steps, the steps compared
// for balance and the page breaking, without rendering. The budgets are
// the shipped ones of the vald topic (A4 4, A5 8, large print 8), where
// Swedish is short for its count and must be spread. "warm" is a leaflet
// the engine has set before (its caches hold the lines), "cold" one it
// has never set.
func BenchmarkFit(b *testing.B) {
	e := testEngine(b)
	for _, name := range []string{"vald_sv", "vald_ar"} {
		for _, v := range []struct {
			paper vocab.Paper
			large bool
			pages int
		}{{vocab.A4, false, 4}, {vocab.A5, false, 8}, {vocab.A4, true, 8}} {
			for _, cold := range []bool{false, true} {
				kind := fmt.Sprintf("%s/%s-large=%v/%d", name, v.paper, v.large, v.pages)
				b.Run(kind+map[bool]string{false: "/warm", true: "/cold"}[cold], func(b *testing.B) {
					doc := loadDoc(b, name)
					doc.Paper, doc.LargePrint, doc.Pages = v.paper, v.large, v.pages
					b.ReportAllocs()
					for b.Loop() {
						if cold {
							e.Forget()
						}
						if _, err := Compose(doc, e); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
