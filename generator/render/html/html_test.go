package html

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
	"infogeneratorn/templates"
)

func render(t *testing.T, topic vocab.TopicID, lang string) (*request.Request, []byte) {
	t.Helper()
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	data, err := assemble.LoadData()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../../resolve/testdata/request.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	req, err := request.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	cfg := data.ResolveConfig(cat)
	cfg.Now = func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }
	r := resolve.New(cfg)
	doc, err := r.Resolve(req, topic, lang)
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(templates.FS())
	if err != nil {
		t.Fatal(err)
	}
	page, err := h.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return req, page
}

// walk calls fn for every element node.
func walk(n *xhtml.Node, fn func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

func TestArabicLeaflet(t *testing.T) {
	req, page := render(t, vocab.TopicViolence, "ar")
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var htmlEl *xhtml.Node
	isolated := map[string]bool{}
	var h1 int
	walk(doc, func(n *xhtml.Node) {
		switch n.Data {
		case "html":
			htmlEl = n
		case "h1":
			h1++
		case "bdi":
			if attr(n, "dir") == "ltr" {
				isolated[strings.ReplaceAll(textOf(n), "\u00A0", " ")] = true
			}
		}
	})
	if htmlEl == nil || attr(htmlEl, "lang") != "ar" || attr(htmlEl, "dir") != "rtl" {
		t.Fatalf("root element: lang=%q dir=%q, want ar rtl", attr(htmlEl, "lang"), attr(htmlEl, "dir"))
	}
	if h1 != 1 {
		t.Errorf("%d h1 elements, want 1", h1)
	}
	for _, c := range req.Contacts {
		if c.Role == "parenting_support" {
			continue // not a role of this topic
		}
		if !isolated[c.Phone] {
			t.Errorf("phone %s is not inside <bdi dir=ltr>", c.Phone)
		}
	}
	for _, want := range []string{"112", "020-50 50 50", "socialtjansten@halmstad.se"} {
		if !isolated[want] {
			t.Errorf("%s is not inside <bdi dir=ltr>", want)
		}
	}
}

// TestNoOutsideRequests checks every leaflet of the example: the only
// absolute URLs are the municipality's own links and tel:/mailto: links, and
// nothing is loaded (no src, no link rel=stylesheet, no @import, no url()).
func TestNoOutsideRequests(t *testing.T) {
	for _, topic := range []vocab.TopicID{vocab.TopicViolence, vocab.TopicParentingSupport} {
		for _, lang := range []string{"sv", "en", "ar"} {
			req, page := render(t, topic, lang)
			own := map[string]bool{}
			for _, c := range req.Contacts {
				if c.Web != "" {
					own[c.Web] = true
				}
			}
			doc, err := xhtml.Parse(bytes.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			walk(doc, func(n *xhtml.Node) {
				for _, a := range n.Attr {
					v := strings.TrimSpace(a.Val)
					switch {
					case a.Key == "src" || a.Key == "srcset" || a.Key == "action" || a.Key == "poster":
						t.Errorf("%s/%s: <%s %s=%q> loads something", topic, lang, n.Data, a.Key, v)
					case n.Data == "link":
						t.Errorf("%s/%s: <link> element", topic, lang)
					case a.Key == "href":
						if !(strings.HasPrefix(v, "tel:") || strings.HasPrefix(v, "mailto:") || own[v]) {
							t.Errorf("%s/%s: href %q is not the municipality's own", topic, lang, v)
						}
					}
				}
				if n.Data == "script" {
					t.Errorf("%s/%s: script element", topic, lang)
				}
				if n.Data == "style" && (strings.Contains(textOf(n), "url(") || strings.Contains(textOf(n), "@import")) {
					t.Errorf("%s/%s: stylesheet loads a resource", topic, lang)
				}
			})
		}
	}
}

func TestSpanEscaping(t *testing.T) {
	got := string(text(document.Text{
		{Kind: document.Plain, Text: "<script>x</script> & "},
		{Kind: document.URL, Text: `https://a.se/?q="><b>`, Href: `https://a.se/?q="><b>`},
	}))
	want := `&lt;script&gt;x&lt;/script&gt; &amp; <bdi dir="ltr" class="nobr"><a href="https://a.se/?q=&#34;&gt;&lt;b&gt;">https://a.se/?q=&#34;&gt;&lt;b&gt;</a></bdi>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSpanLang: text that stays in another language carries its lang.
func TestSpanLang(t *testing.T) {
	got := string(text(document.Text{
		{Kind: document.Plain, Text: "الخدمات الاجتماعية ("},
		{Kind: document.Plain, Text: "socialtjänsten", Lang: "sv"},
		{Kind: document.Plain, Text: ")"},
	}))
	want := `الخدمات الاجتماعية (<span lang="sv">socialtjänsten</span>)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestPaperSize(t *testing.T) {
	_, page := render(t, vocab.TopicViolence, "sv")
	if !strings.Contains(string(page), "@page { size: A4;") {
		t.Error("A4 leaflet lacks @page size A4")
	}
}

// TestKvinnofridslinjenNumbers: every vald leaflet, in every locale,
// shows 116 016 as a phone paragraph of its own and 020-50 50 50 in the
// next paragraph, each isolated left to right and dialable.
func TestKvinnofridslinjenNumbers(t *testing.T) {
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cat.Tags() {
		_, page := render(t, vocab.TopicViolence, lang)
		doc, err := xhtml.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var phones []*xhtml.Node
		walk(doc, func(n *xhtml.Node) {
			if n.Data == "p" && attr(n, "class") == "phone" {
				phones = append(phones, n)
			}
		})
		i := slices.IndexFunc(phones, func(n *xhtml.Node) bool { return strings.Contains(textOf(n), "116\u00a0016") })
		if i < 0 || i+1 >= len(phones) {
			t.Errorf("%s: no phone paragraph with 116 016 followed by another", lang)
			continue
		}
		next := phones[i+1]
		var link *xhtml.Node
		walk(next, func(n *xhtml.Node) {
			if n.Data == "a" && attr(n, "href") == "tel:+4620505050" {
				link = n
			}
		})
		if link == nil || textOf(link) != "020-50\u00a050\u00a050" || link.Parent.Data != "bdi" || attr(link.Parent, "dir") != "ltr" {
			t.Errorf("%s: the paragraph after 116 016 is %q, want 020-50 50 50 isolated and linked", lang, textOf(next))
		}
	}
}
