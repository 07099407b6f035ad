package content_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/helplines"
	"infogeneratorn/generator/municipality"
	"infogeneratorn/generator/render/html"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/templates"
)

// everyRole is a request with a contact for every role, with opening
// hours of every shape (a day range, a single day, past midnight, every
// day), so that every role label and hours message is printed.
func everyRole() *request.Request {
	req := &request.Request{Municipality: request.Municipality{Code: "1380", Name: "Halmstads kommun"}, Paper: "a4"}
	hours := []request.Hours{{Days: "mon-thu", From: "08:00", To: "16:30"}, {Days: "fri", From: "08:00", To: "15:00"}}
	for i, r := range vocab.Roles() {
		c := request.Contact{Role: string(r), Name: "Kontakt " + string(r), Phone: "035-13 70 0" + string(rune('0'+i)), Hours: hours}
		if r == vocab.RoleSocialEmergency {
			c.Hours = []request.Hours{{Days: "mon-sun", From: "16:30", To: "08:00"}}
		}
		req.Contacts = append(req.Contacts, c)
	}
	return req
}

// TestEveryLeafletResolvesAndRenders builds every topic in every shipped
// locale as HTML, once with the help lines printed by default and once
// with medium-confidence lines too, so that every message a leaflet can
// print is filled from its template. The violence topics' danger notice
// must carry the emergency number as a phone span from the data.
func TestEveryLeafletResolvesAndRenders(t *testing.T) {
	f := load(t)
	munis, err := municipality.Load()
	if err != nil {
		t.Fatal(err)
	}
	renderer, err := html.New(templates.FS())
	if err != nil {
		t.Fatal(err)
	}
	emergency, _ := f.lines.Line("nodnummer")
	req := everyRole()
	start := time.Now()
	n := 0
	for _, policy := range []helplines.Policy{{}, {MinConfidence: helplines.Medium}} {
		r := resolve.New(resolve.Config{Catalog: f.cat, Topics: f.set, HelpLines: f.lines, Municipalities: munis,
			Policy: policy, Version: "test", Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }})
		for _, topic := range vocab.Topics() {
			for _, tag := range f.cat.Tags() {
				doc, err := r.Resolve(req, topic, tag)
				if err != nil {
					t.Errorf("%s %s: %v", topic, tag, err)
					continue
				}
				out, err := renderer.Render(doc)
				if err != nil {
					t.Errorf("%s %s: %v", topic, tag, err)
					continue
				}
				if !bytes.Contains(out, []byte(`lang="`+tag+`"`)) {
					t.Errorf("%s %s: the HTML does not say lang=%q", topic, tag, tag)
				}
				n++
				if topic == vocab.TopicParentingSupport {
					continue
				}
				if !slices.ContainsFunc(doc.Blocks, func(b document.Block) bool {
					return b.Kind == document.Notice && slices.ContainsFunc(b.Text, func(s document.Span) bool {
						return s.Kind == document.Phone && s.Text == emergency.Number
					})
				}) {
					t.Errorf("%s %s: no notice carries the emergency number %s as a phone span", topic, tag, emergency.Number)
				}
			}
		}
	}
	t.Logf("%d leaflets (%d topics × %d locales × 2 help-line policies) resolved and rendered as HTML in %v",
		n, len(vocab.Topics()), len(f.cat.Tags()), time.Since(start).Round(time.Millisecond))
}
