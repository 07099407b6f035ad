package layout

import (
	"errors"
	"strings"
	"testing"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// linkParagraph wraps href's text in LRI … PDI as the pipeline does and
// marks it as a link.
func linkParagraph(lang string, dir vocab.Direction, font, before, text, href string) Paragraph {
	s := before + "\u2066" + text + "\u2069"
	start := len(before) + len("\u2066")
	return Paragraph{Text: s, Lang: lang, Dir: dir, Font: font, Style: Style{Size: 10},
		Links: []Link{{Start: start, End: start + len(text), Href: href}}}
}

func lineTexts(p Paragraph, lines []Line) []string {
	var out []string
	for _, l := range lines {
		out = append(out, stripControls(p.Text[l.Start:l.End]))
	}
	return out
}

// TestLongAddressesBreak: a web address breaks after / . - ? & as
// browsers and typesetters break it, never inside "https://"; an e-mail
// address after @ . -; a phone number never.
func TestLongAddressesBreak(t *testing.T) {
	e, _ := testEngine(t)
	url := "https://www.halmstad.se/kommunochpolitik/trygghetochsakerhet/valdinarastarelationer/stodtilldigsomarutsatt.html?sprak=ar&utm_source=broschyr"
	tests := []struct {
		name  string
		p     Paragraph
		width float64
		after string // every line but the last ends in one of these
	}{
		{"URL in Swedish", linkParagraph("sv", vocab.LTR, fonts.FamilySans, "", url, url), 150, "/.-?&"},
		{"URL in Arabic", linkParagraph("ar", vocab.RTL, fonts.FamilyNaskh, "الموقع: ", url, url), 150, "/.-?&: "},
		{"e-mail", linkParagraph("sv", vocab.LTR, fonts.FamilySans, "", "socialtjansten.individ-och-familj@halmstad.kommun.se", "mailto:x"), 100, "@.-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := e.Lines(tt.p, tt.width)
			if err != nil {
				t.Fatal(err)
			}
			texts := lineTexts(tt.p, lines)
			if len(texts) < 2 {
				t.Fatalf("not broken: %q", texts)
			}
			for i, s := range texts {
				if i < len(texts)-1 && !strings.ContainsAny(s[len(s)-1:], tt.after) {
					t.Errorf("line %d %q ends inside a word", i, s)
				}
				if strings.HasSuffix(s, "https:") || strings.HasSuffix(s, "https:/") || strings.HasSuffix(s, "//") {
					t.Errorf("line %d %q breaks the scheme", i, s)
				}
				if lines[i].Width > tt.width+widthTolerance {
					t.Errorf("line %d %q is %.1f pt wide in %.0f", i, s, lines[i].Width, tt.width)
				}
			}
		})
	}
	t.Run("a segment wider than the frame breaks between letters", func(t *testing.T) {
		long := "https://exempel.se/" + strings.Repeat("a", 200)
		p := linkParagraph("ar", vocab.RTL, fonts.FamilyNaskh, "", long, long)
		lines, err := e.Lines(p, 80)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(lineTexts(p, lines), ""); got != long {
			t.Errorf("lines hold %q", got)
		}
	})
	t.Run("a phone number stays whole", func(t *testing.T) {
		p := linkParagraph("sv", vocab.LTR, fonts.FamilySans, "", "+46 35 13 70 00 12 34 56", "tel:+4635137000123456")
		var we *WidthError
		if _, err := e.Lines(p, 40); !errors.As(err, &we) {
			t.Errorf("got %v, want a WidthError: a phone number is never broken", err)
		}
	})
}
