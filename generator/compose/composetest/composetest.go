// Package composetest serves the tests of compose and of the renderers:
// resolved documents of the pipeline as fixtures (testdata/, snapshots of
// the resolve stage's output), and ways to make a document harder to lay
// out: longer texts, a long municipality name, many contacts.
package composetest

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

//go:embed testdata/*.json
var fixtures embed.FS

// Fixtures names the documents Document can load.
func Fixtures() []string { return []string{"vald_sv", "vald_ar"} }

// Document returns a fresh copy of the fixture name ("vald_sv").
func Document(name string) (*document.Document, error) {
	b, err := fixtures.ReadFile("testdata/" + name + ".json")
	if err != nil {
		return nil, err
	}
	var doc document.Document
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &doc, nil
}

// Stretch makes every plain text about 40 % longer with its own words, as
// a longer translation would be.
func Stretch(doc *document.Document) {
	grow := func(t document.Text) {
		for i, s := range t {
			if s.Kind != document.Plain || s.Text == "" {
				continue
			}
			words := strings.Fields(s.Text)
			n := utf8.RuneCountInString(s.Text)
			extra := []string{}
			for k := 0; utf8.RuneCountInString(strings.Join(extra, " ")) < n*2/5; k++ {
				extra = append(extra, words[k%len(words)])
			}
			t[i].Text = s.Text + " " + strings.Join(extra, " ")
		}
	}
	title := []rune(doc.Title)
	doc.Title += " " + string(title[:len(title)*2/5])
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		grow(b.Text)
		for _, it := range b.Items {
			grow(it)
		}
		for _, c := range b.Cards {
			for _, t := range [][]document.Text{{c.Label, c.Name, c.About, c.Address}, c.Hours, c.Notes} {
				for _, x := range t {
					grow(x)
				}
			}
		}
	}
	for _, f := range doc.Footer {
		grow(f.Text)
	}
}

// Crowd gives the document a 200-character municipality name and ten
// contacts with long names, two phone numbers, hours and addresses.
func Crowd(doc *document.Document) {
	doc.Municipality = string([]rune(strings.Repeat("Övre Långträskdalens och Norra Skärgårdsbygdens ", 5))[:200])
	var cards []document.Card
	for i := range 10 {
		phone := fmt.Sprintf("0%d0-%d%d %d0 %d1", i, i, i, i, i)
		cards = append(cards, document.Card{
			Role:    vocab.RoleSocialServices,
			Label:   doc.Blocks[len(doc.Blocks)-1].Cards[0].Label,
			Name:    document.PlainText(doc.Municipality + fmt.Sprintf(" kontakt %d", i+1)),
			Phones:  []document.Text{{{Kind: document.Phone, Text: strings.ReplaceAll(phone, " ", "\u00a0"), Href: "tel:+46" + phone}}, {{Kind: document.Phone, Text: "020-50\u00a050\u00a050", Href: "tel:+4620505050"}}},
			Email:   document.Text{{Kind: document.Email, Text: fmt.Sprintf("kontakt%d@langtraskdalen.se", i), Href: "mailto:x"}},
			Web:     document.Text{{Kind: document.URL, Text: "https://www.langtraskdalen.se/stod-och-hjalp", Href: "https://www.langtraskdalen.se/"}},
			Hours:   []document.Text{document.PlainText("måndag–fredag 08:00–16:30"), document.PlainText("lördag 10:00–14:00")},
			Address: document.PlainText("Storgatan 1, 999 99 " + string([]rune(doc.Municipality)[:40])),
		})
	}
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == document.Contacts {
			doc.Blocks[i].Cards = cards
		}
	}
}
