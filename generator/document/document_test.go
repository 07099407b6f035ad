package document

import (
	"reflect"
	"testing"
)

func TestGiven(t *testing.T) {
	sv := func(s string) Text { return Text{{Kind: Plain, Text: s, Lang: GivenLang}} }
	for _, c := range []struct {
		in, lang string
		want     Text
	}{
		{"Stationsgatan 2, Halmstad", "ar", sv("Stationsgatan 2, Halmstad")},
		{"Kvinnojouren i Halmstad", "en", sv("Kvinnojouren i Halmstad")},
		{"Kvinnojouren i Halmstad", "sv", PlainText("Kvinnojouren i Halmstad")},
		{"Kvinnojouren i Halmstad", "sv-x-lattlast", PlainText("Kvinnojouren i Halmstad")},
		{"Kvinnojouren i Halmstad", "svx", sv("Kvinnojouren i Halmstad")}, // another language, not a Swedish variant
		{"جمعية الأمل", "ar", PlainText("جمعية الأمل")},                   // not Latin: the document's language
		{"Föreningen الأمل", "en", PlainText("Föreningen الأمل")},         // mixed scripts
		{"12-14", "en", PlainText("12-14")},                               // no letters
		{"", "en", nil},
	} {
		if got := Given(c.in, c.lang); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Given(%q, %q) = %#v, want %#v", c.in, c.lang, got, c.want)
		}
	}
}

func TestTextLang(t *testing.T) {
	plain := func(s, lang string) Span { return Span{Kind: Plain, Text: s, Lang: lang} }
	phone := Span{Kind: Phone, Text: "112", Href: "tel:112"}
	for _, c := range []struct {
		name string
		in   Text
		want string
	}{
		{"empty", nil, ""},
		{"document's language", Text{plain("a", "")}, ""},
		{"one span in Swedish", Text{plain("Bris", "sv")}, "sv"},
		{"two spans in Swedish", Text{plain("Bris", "sv"), plain(" och", "sv")}, "sv"},
		{"Swedish and the document's", Text{plain("Bris", "sv"), plain(" or", "")}, ""},
		{"Swedish and a phone", Text{plain("Bris ", "sv"), phone}, ""},
		{"two languages", Text{plain("a", "sv"), plain("b", "en")}, ""},
	} {
		if got := c.in.Lang(); got != c.want {
			t.Errorf("%s: Lang() = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSameLanguage(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"sv", "sv", true},
		{"sv-x-lattlast", "sv", true},
		{"sr-Latn", "SR", true},
		{"sv", "se", false},
		{"svx", "sv", false},
		{"", "sv", false},
	} {
		if got := SameLanguage(c.a, c.b); got != c.want {
			t.Errorf("SameLanguage(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
