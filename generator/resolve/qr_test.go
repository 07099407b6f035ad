package resolve

import (
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// TestQRTarget: where each leaflet's QR code leads. A saved order's code
// leads to that leaflet's own page, in its language; a given address wins;
// without either, the municipality's page.
func TestQRTarget(t *testing.T) {
	f := newFixture(t, locales.FS())
	r := f.resolver(Config{})
	const pages = "https://infogen.example.se/l/AbC_-123"
	firstWeb := ""
	for _, c := range exampleRequest(t).Contacts {
		if c.Web != "" {
			firstWeb = c.Web
			break
		}
	}
	if firstWeb == "" {
		t.Fatal("the example request has no contact with a web address")
	}
	tests := []struct {
		name       string
		qr         bool
		qrURL      string
		pages      string
		topic      vocab.TopicID
		lang, want string
	}{
		{"no code", false, "", pages, vocab.TopicViolence, "ar", ""},
		{"the municipality's page", true, "", "", vocab.TopicViolence, "ar", firstWeb},
		{"the leaflet's page, Arabic", true, "", pages, vocab.TopicViolence, "ar", pages + "/vald/ar"},
		{"the leaflet's page, Swedish", true, "", pages + "/", vocab.TopicParentingSupport, "sv", pages + "/foraldraskapsstod/sv"},
		{"a given address wins", true, "https://kommun.example.se/stod", pages, vocab.TopicViolence, "en", "https://kommun.example.se/stod"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := exampleRequest(t)
			req.QR, req.QRURL, req.LeafletPages = tc.qr, tc.qrURL, tc.pages
			doc, err := r.Resolve(req, tc.topic, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, b := range doc.Blocks {
				if b.Kind == document.QR {
					if got != "" {
						t.Fatal("two QR codes")
					}
					got = b.Text[0].Href
				}
			}
			if got != tc.want {
				t.Errorf("QR leads to %q, want %q", got, tc.want)
			}
		})
	}
}
