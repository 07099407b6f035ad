package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// realLeaflet returns the shipped example's leaflet of topic in lang.
func realLeaflet(t *testing.T, topic vocab.TopicID, lang string) *document.Document {
	t.Helper()
	res, req, _ := realResolver(t)
	doc, err := res.Resolve(req, topic, lang)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestReadingGolden: a screen reader's pass over the structure tree of
// one Swedish and one Arabic leaflet (roles, languages, link
// descriptions, the logo's text alternative), kept as golden files.
func TestReadingGolden(t *testing.T) {
	r := testRenderer(t)
	for _, lang := range []string{"sv", "ar"} {
		t.Run(lang, func(t *testing.T) {
			doc := realLeaflet(t, vocab.TopicViolence, lang)
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			tree, probs := checkUA(out, doc.Script, doc.Dir == vocab.RTL)
			if len(probs) > 0 || tree == nil {
				t.Fatalf("PDF/UA: %v", probs)
			}
			got := reading(tree)
			path := filepath.Join("testdata", "reading_vald_"+lang+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the reading; run go test ./generator/render/pdf -run TestReadingGolden -update and review the diff", path)
			}
		})
	}
}

var quotedLine = regexp.MustCompile(`^\s*"(.*)"$`)

// structText is the text of pdfinfo -struct-text: the marked content of
// every element in tree order, one quoted line per sequence, each
// sequence's characters in the order they are drawn (poppler applies no
// bidi), which for this renderer is logical order.
func structText(t *testing.T, pdf []byte) string {
	var b strings.Builder
	for _, line := range strings.Split(runTool(t, pdf, "pdfinfo", "-struct-text"), "\n") {
		if m := quotedLine.FindStringSubmatch(line); m != nil {
			b.WriteString(m[1])
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// pdfjsText is the text pdf.js (pdfjs-dist, in Node) gives in structure
// tree order: getStructTree, each marked-content leaf filled from
// getTextContent (testdata/readpdf.mjs). List labels are left out.
func pdfjsText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("testdata", "node_modules", "pdfjs-dist")); err != nil {
		t.Fatalf("pdfjs-dist is missing (%v): the test command installs it with npm install --prefix generator/render/pdf/testdata pdfjs-dist@4", err)
	}
	out, err := exec.Command("node", filepath.Join("testdata", "readpdf.mjs"), path).Output()
	if err != nil {
		t.Fatalf("pdf.js: %v", err)
	}
	type node struct {
		Type, Text, Role string
		Children         []*node
	}
	var doc struct{ Pages []*node }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil || n.Role == "Lbl" {
			return
		}
		if n.Type == "content" {
			b.WriteString(n.Text)
			b.WriteByte(' ')
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, p := range doc.Pages {
		walk(p)
	}
	return b.String()
}

// TestStructureReaders reads the tagged leaflets of sv, ar, th, ti and yi
// with the two readers the issue names, in structure-tree order, and
// compares with the document's logical text (whitespace aside): both must
// give it exactly, marks of right-to-left clusters included, and every
// phone number digit for digit.
//
// pdf.js reads one page's tree at a time, so the footer, which is content
// on the first page and an artifact after, comes at the end of the first
// page: it must be there once, and the rest in order. pdf.js also runs
// its bidi algorithm over each text item it gathers; the drawer gives it
// a right-to-left cluster one character per item (splitRTL), so that it
// keeps a base and its marks in order.
func TestStructureReaders(t *testing.T) {
	r := testRenderer(t)
	for _, lang := range []string{"sv", "ti", "th", "ar", "yi"} {
		t.Run(lang, func(t *testing.T) {
			// pdfinfo -struct-text (poppler 22.12) takes 2.4-25 s a
			// leaflet, where -struct takes 14 ms: on every core.
			t.Parallel()
			doc := realLeaflet(t, vocab.TopicViolence, lang)
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			want := compact(logicalText(doc))
			var footer strings.Builder
			for _, f := range doc.Footer {
				footer.WriteString(compact(f.Text.Bare()))
			}
			popplerText := compact(structText(t, out))
			if popplerText != want {
				t.Errorf("pdfinfo -struct-text: not the logical text: %s", firstDiff(want, popplerText))
			}
			pdfjs := compact(pdfjsText(t, out))
			if f := footer.String(); f != "" && strings.HasSuffix(want, f) {
				pdfjs = footerLast(t, pdfjs, f)
			}
			if pdfjs != want {
				t.Errorf("pdf.js: not the logical text: %s", firstDiff(want, pdfjs))
			}
			for _, rd := range []struct{ name, text string }{{"pdfinfo -struct-text", popplerText}, {"pdf.js", pdfjs}} {
				for _, b := range doc.Blocks {
					for _, card := range b.Cards {
						for _, p := range card.Phones {
							for _, s := range p {
								if ph := compact(s.Text); s.Kind == document.Phone && !strings.Contains(rd.text, ph) {
									t.Errorf("%s: phone number %q not in the tree's text", rd.name, s.Text)
								}
							}
						}
					}
				}
			}
		})
	}
}

// footerLast moves the footer's text, which pdf.js gives at the end of
// the first page, to the end, where the structure tree has it. The
// footer must be there once.
func footerLast(t *testing.T, got, footer string) string {
	t.Helper()
	switch n := strings.Count(got, footer); {
	case n == 0:
		t.Errorf("pdf.js: no footer %q", footer)
		return got
	case n > 1:
		t.Errorf("pdf.js: the footer %q %d times, want once", footer, n)
		return got
	}
	return strings.Replace(got, footer, "", 1) + footer
}

// TestLogoFigure: the municipality's logo is a Figure with its text
// alternative, the file passes the PDF/UA check, and the logo's white
// panel is an artifact (no tagged content but the image).
func TestLogoFigure(t *testing.T) {
	r := testRenderer(t)
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	for _, s := range loadSamples(t)[:6] {
		doc := sampleDoc(s, vocab.A4, false)
		doc.Logo = &document.Image{Data: buf.Bytes(), Width: 40, Height: 20, Alt: "Logotyp: Halmstads kommun"}
		out, err := r.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		tree, probs := checkUA(out, s.Script, s.Dir == vocab.RTL)
		for _, p := range probs {
			t.Errorf("%s: PDF/UA %s", s.id(), p)
		}
		if got := reading(tree); !strings.Contains(got, "\n  Figure alt=\"Logotyp: Halmstads kommun\"\n") {
			t.Errorf("%s: no Figure with the logo's Alt:\n%s", s.id(), got)
		}
	}
}
