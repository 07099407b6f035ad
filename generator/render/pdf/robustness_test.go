package pdf

import (
	"strings"
	"testing"
	"unicode"

	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// docTexts lists every text a document prints.
func docTexts(doc *document.Document) []string {
	out := []string{doc.Municipality}
	for _, b := range doc.Blocks {
		out = append(out, b.Text.Bare())
		for _, it := range b.Items {
			out = append(out, it.Bare())
		}
		for _, c := range b.Cards {
			for _, tx := range append([]document.Text{c.Label, c.Name, c.About, c.Email, c.Web, c.Address},
				append(append(c.Phones, c.Hours...), c.Notes...)...) {
				out = append(out, tx.Bare())
			}
		}
	}
	return out
}

// letters keeps what must survive extraction exactly: no whitespace, no
// bidi controls, no non-spacing marks (whose order poppler may swap).
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isBidiControl(r) || unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, s)
}

// wordsOnly is letters without punctuation: a comma at the end of a
// Latin name that wraps inside right-to-left text is drawn, as the
// bidi algorithm says, at the name's left, and poppler reads it there.
func wordsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) {
			return -1
		}
		return r
	}, letters(s))
}

// TestRobustnessText renders leaflets with 40 % longer texts, a
// 200-character municipality name and ten contacts (compose's tests check
// their geometry) and finds every text in pdftotext's output, a card's
// text in the output cropped to each of its fields.
func TestRobustnessText(t *testing.T) {
	r := testRenderer(t)
	for _, name := range composetest.Fixtures() {
		for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
			for _, c := range []struct {
				name string
				mod  func(*document.Document)
			}{{"as is", func(*document.Document) {}}, {"stretched", composetest.Stretch}, {"crowded", composetest.Crowd},
				{"both", func(d *document.Document) { composetest.Crowd(d); composetest.Stretch(d) }}} {
				t.Run(name+"_"+string(paper)+"_"+c.name, func(t *testing.T) {
					doc, err := composetest.Document(name)
					if err != nil {
						t.Fatal(err)
					}
					doc.Paper = paper
					c.mod(doc)
					out, err := r.Render(doc)
					if err != nil {
						t.Fatal(err)
					}
					// The fixtures are documents resolved before spans
					// carried their language: the language check runs on
					// the real leaflets (TestRealLocales).
					tree, probs := checkUA(out, "", doc.Dir == vocab.RTL)
					for _, p := range probs {
						t.Errorf("PDF/UA %s", p)
					}
					if want, got := compact(logicalText(doc)), compact(treeText(tree)); tree != nil && want != got {
						t.Errorf("the structure tree does not read as the document: %s", firstDiff(want, got))
					}
					if doc.Dir == vocab.RTL {
						return // pdftotext guesses right-to-left order from positions (see pdftextLimit)
					}
					got := letters(pdftotext(t, out) + cardText(t, r, doc, out, false))
					// A text that runs on to the next page has the footer
					// lines in between: take them out once they are found.
					for _, f := range doc.Footer {
						if !strings.Contains(got, letters(f.Text.Bare())) {
							t.Errorf("footer line missing from pdftotext's output: %q", f.Text.Bare())
						}
						got = strings.ReplaceAll(got, letters(f.Text.Bare()), "")
					}
					var fields string // cropped field by field, made once needed
					for _, want := range docTexts(doc) {
						if strings.Contains(got, letters(want)) {
							continue
						}
						if fields == "" {
							fields = wordsOnly(cardText(t, r, doc, out, true))
						}
						if !strings.Contains(fields, wordsOnly(want)) {
							t.Errorf("text missing from pdftotext's output: %q", want)
						}
					}
				})
			}
		}
	}
}
