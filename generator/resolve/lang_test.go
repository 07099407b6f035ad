package resolve

import (
	"reflect"
	"testing"

	"infogeneratorn/generator/document"
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
