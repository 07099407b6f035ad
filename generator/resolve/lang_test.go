package resolve

import (
	"reflect"
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

func TestMarkSwedish(t *testing.T) {
	plain := func(s, lang string) document.Span { return document.Span{Kind: document.Plain, Text: s, Lang: lang} }
	phone := document.Span{Kind: document.Phone, Text: "112", Href: "tel:112"}
	for _, c := range []struct {
		name   string
		in     document.Text
		script string
		src    string
		want   document.Text
	}{
		{"arabic term in brackets", document.Text{plain("الخدمات الاجتماعية (socialtjänsten) أو", "")}, "Arab", "",
			document.Text{plain("الخدمات الاجتماعية (", ""), plain("socialtjänsten", "sv"), plain(") أو", "")}},
		{"name with comma and space", document.Text{plain("في Halmstads kommun.", "")}, "Arab", "",
			document.Text{plain("في ", ""), plain("Halmstads kommun", "sv"), plain(".", "")}},
		{"phone untouched", document.Text{plain("اتصل ", ""), phone}, "Arab", "",
			document.Text{plain("اتصل ", ""), phone}},
		{"latin term in source", document.Text{plain("social services (socialtjänsten)", "")}, "Latn", "Socialtjänsten hjälper",
			document.Text{plain("social services (", ""), plain("socialtjänsten", "sv"), plain(")", "")}},
		{"latin brackets not in source", document.Text{plain("a (b) c", "")}, "Latn", "x",
			document.Text{plain("a (b) c", "")}},
		{"kept name", document.Text{plain("Kvinnofridslinjen", "")}, "Latn", "Kvinnofridslinjen",
			document.Text{plain("Kvinnofridslinjen", "sv")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := markSwedish(c.in, c.script, c.src); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v\nwant %#v", got, c.want)
			}
		})
	}
}

// TestGivenNamesMarkedSwedish: the names and addresses a municipality
// gives are its own Swedish words, marked so in every leaflet not in
// Swedish when they are written in Latin letters.
func TestGivenNamesMarkedSwedish(t *testing.T) {
	f := newFixture(t, locales.FS())
	for _, c := range []struct {
		lang, name, address string
		want                string // the Lang of both
	}{
		{"ar", "Kvinnojouren i Halmstad", "Storgatan 4, Halmstad", "sv"},
		{"en", "Kvinnojouren i Halmstad", "Storgatan 4, Halmstad", "sv"},
		{"th", "Kvinnojouren i Halmstad", "Storgatan 4, Halmstad", "sv"},
		{"sv", "Kvinnojouren i Halmstad", "Storgatan 4, Halmstad", ""},
		{"sv-x-lattlast", "Kvinnojouren i Halmstad", "Storgatan 4, Halmstad", ""},
		{"ar", "جمعية الأمل", "شارع 4", ""},       // not Latin: the document's language
		{"en", "Föreningen الأمل", "12 - 14", ""}, // mixed script; no letters at all
	} {
		t.Run(c.lang+" "+c.name, func(t *testing.T) {
			req := exampleRequest(t)
			req.Contacts = []request.Contact{{Role: string(vocab.RoleWomensShelter), Name: c.name, Address: c.address}}
			doc, err := f.resolver(Config{}).Resolve(req, vocab.TopicViolence, c.lang)
			if err != nil {
				t.Fatal(err)
			}
			var cards []document.Card
			for _, b := range doc.Blocks {
				if b.Kind == document.Contacts {
					cards = append(cards, b.Cards...)
				}
			}
			if len(cards) != 1 {
				t.Fatalf("%d contact cards, want 1", len(cards))
			}
			for what, text := range map[string]document.Text{"name": cards[0].Name, "address": cards[0].Address} {
				if len(text) != 1 {
					t.Fatalf("%s: %d spans, want 1: %#v", what, len(text), text)
				}
				if text[0].Lang != c.want {
					t.Errorf("%s %q: lang %q, want %q", what, text[0].Text, text[0].Lang, c.want)
				}
			}
		})
	}
}
