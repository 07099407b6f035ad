package html

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// Renderer renders documents to HTML. It is safe for concurrent use.
type Renderer struct {
	tmpl *template.Template
	css  template.CSS
}

// New parses the leaflet template and stylesheet from fsys.
func New(fsys fs.FS) (*Renderer, error) {
	css, err := fs.ReadFile(fsys, "leaflet.css")
	if err != nil {
		return nil, err
	}
	t, err := template.New("leaflet.html.tmpl").Option("missingkey=error").
		Funcs(template.FuncMap{"text": text, "logoURL": logoURL, "qrSVG": qrSVG}).ParseFS(fsys, "leaflet.html.tmpl")
	if err != nil {
		return nil, err
	}
	return &Renderer{tmpl: t, css: template.CSS(css)}, nil
}

// Format reports the format this renderer writes.
func (r *Renderer) Format() vocab.Format { return vocab.HTML }

type view struct {
	*document.Document
	CSS        template.CSS
	PageSize   template.CSS
	PageMargin template.CSS
}

// Render writes the document as a standalone HTML file.
func (r *Renderer) Render(doc *document.Document) ([]byte, error) {
	v := view{Document: doc, CSS: r.css, PageSize: "A4", PageMargin: "18mm 16mm"}
	if doc.Paper == vocab.A5 {
		v.PageSize, v.PageMargin = "A5", "12mm 11mm"
	}
	var buf bytes.Buffer
	if err := r.tmpl.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("html leaflet %s/%s: %w", doc.Topic, doc.Lang, err)
	}
	return buf.Bytes(), nil
}

// logoURL embeds the logo in the page as a data: URL, so that the leaflet
// stays one file that loads nothing. The PNG or JPEG was decoded and
// re-encoded before it reached the document, so it is trusted as an image.
func logoURL(img *document.Image) template.URL {
	return template.URL("data:" + img.MIME() + ";base64," + base64.StdEncoding.EncodeToString(img.Data))
}

// text renders spans: plain text escaped (in a span with its lang when it
// is in another language), left-to-right islands isolated, unbreakable
// and linked.
func text(t document.Text) template.HTML {
	var b strings.Builder
	for _, s := range t {
		if !s.LTR() && s.Lang != "" {
			// Text that stays in another language (a Swedish term in
			// brackets): a screen reader switches voice for it.
			fmt.Fprintf(&b, `<span lang="%s">%s</span>`, template.HTMLEscapeString(s.Lang), template.HTMLEscapeString(s.Text))
			continue
		}
		if !s.LTR() {
			b.WriteString(template.HTMLEscapeString(s.Text))
			continue
		}
		b.WriteString(`<bdi dir="ltr" class="nobr">`)
		if s.Href != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, template.HTMLEscapeString(s.Href), template.HTMLEscapeString(s.Text))
		} else {
			b.WriteString(template.HTMLEscapeString(s.Text))
		}
		b.WriteString(`</bdi>`)
	}
	return template.HTML(b.String())
}
