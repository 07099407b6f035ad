package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/layout"
)

// TestPageStructure reads every page of an Arabic leaflet with a logo and
// a QR code as XML: each glyph is defined once in <defs> and every <use>
// points at a definition of the page; the page has its title and text in
// the leaflet's language and direction, the logo as a data: URI, and
// nothing that runs or fetches (no script, style, foreignObject, event
// attribute or outside reference).
func TestPageStructure(t *testing.T) {
	p := testPipeline(t)
	files, err := p.builder.Preview(testOrder(t, "vald", "ar"))
	if err != nil {
		t.Fatal(err)
	}
	pages := files[0].PageImages
	for i, page := range pages {
		defs := map[string]bool{}
		var uses []string
		var title, desc string
		var titleLang, descDir string
		images := 0
		dec := xml.NewDecoder(strings.NewReader(string(page)))
		var inTitle, inDesc bool
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				attr := map[string]string{}
				for _, a := range el.Attr {
					attr[a.Name.Local] = a.Value
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
						t.Errorf("page %d: event attribute %s", i+1, a.Name.Local)
					}
				}
				switch el.Name.Local {
				case "script", "style", "foreignObject", "a", "iframe":
					t.Errorf("page %d: element <%s>", i+1, el.Name.Local)
				case "path":
					if defs[attr["id"]] {
						t.Errorf("page %d: glyph %s defined twice", i+1, attr["id"])
					}
					defs[attr["id"]] = true
				case "use":
					uses = append(uses, attr["href"])
				case "image":
					images++
					if !strings.HasPrefix(attr["href"], "data:image/png;base64,") {
						t.Errorf("page %d: image %.40q is not a data: URI", i+1, attr["href"])
					}
				case "title":
					inTitle, titleLang = true, attr["lang"]
				case "desc":
					inDesc, descDir = true, attr["dir"]
				}
			case xml.EndElement:
				inTitle, inDesc = false, false
			case xml.CharData:
				if inTitle {
					title += string(el)
				}
				if inDesc {
					desc += string(el)
				}
			}
		}
		if len(uses) < 100 {
			t.Errorf("page %d: %d glyphs drawn", i+1, len(uses))
		}
		for _, u := range uses {
			if !strings.HasPrefix(u, "#") || !defs[u[1:]] {
				t.Errorf("page %d: <use href=%q> points at no glyph of the page", i+1, u)
				break
			}
		}
		if want := len(pages); !strings.Contains(title, "/") || titleLang != "ar" || descDir != "rtl" {
			t.Errorf("page %d: title %q lang %q, desc dir %q; want the title with the page of %d, ar, rtl", i+1, title, titleLang, descDir, want)
		}
		if !strings.ContainsFunc(desc, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
			t.Errorf("page %d: the description holds no Arabic text: %.80q", i+1, desc)
		}
		if (i == 0) != (images == 1) {
			t.Errorf("page %d: %d images; the logo is on page 1 only", i+1, images)
		}
	}
}

// TestDrawRejects: no leaflet, no pages or no document is an error, not
// a page.
func TestDrawRejects(t *testing.T) {
	p := testPipeline(t)
	if _, err := p.svg.Draw(nil, Meta{}); err == nil {
		t.Error("nil leaflet: no error")
	}
	if _, err := p.svg.Draw(&compose.Leaflet{Width: 100, Height: 100}, Meta{}); err == nil {
		t.Error("no pages: no error")
	}
	if _, err := p.svg.RenderPages(nil); err == nil {
		t.Error("nil document: no error")
	}
}

// TestPagesSetAsThePDFWasFitted: the page images of a leaflet whose PDF
// was just made (a preview) are set from the PDF renderer's memo,
// measuring nothing, and are the pages fitting the leaflet anew gives.
func TestPagesSetAsThePDFWasFitted(t *testing.T) {
	p := testPipeline(t)
	engine, ok := p.pdf.Setter().(*layout.Engine)
	if !ok {
		t.Fatalf("the PDF renderer sets with a %T", p.pdf.Setter())
	}
	for _, name := range composetest.Fixtures() {
		t.Run(name, func(t *testing.T) {
			doc, err := composetest.Document(name)
			if err != nil {
				t.Fatal(err)
			}
			doc.Pages = 4
			if _, err := p.pdf.Render(doc); err != nil {
				t.Fatal(err)
			}
			counter := &composetest.MeasureCounter{Engine: engine}
			remembered, err := New(p.pdf.Fonts(), counter, p.pdf.Memo())
			if err != nil {
				t.Fatal(err)
			}
			got, err := remembered.RenderPages(doc)
			if err != nil {
				t.Fatal(err)
			}
			if n := counter.Measured(); n != 0 {
				t.Errorf("measured %d paragraphs: the leaflet was fitted again", n)
			}
			fresh, err := New(p.pdf.Fonts(), engine, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.RenderPages(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 4 || len(got) != len(want) {
				t.Fatalf("%d pages from the memo, %d fitted anew, budget 4", len(got), len(want))
			}
			for i := range got {
				if !bytes.Equal(got[i], want[i]) {
					t.Errorf("page %d differs from the one fitting gives", i+1)
				}
			}
		})
	}
}
