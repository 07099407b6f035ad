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
	"slices"
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
// every element in tree order, one quoted line per sequence. poppler
// gives each sequence's characters in drawing order (visual order: it
// applies no bidi), so lines with right-to-left letters are read
// backwards as a reader that does apply it would (rtl).
func structText(t *testing.T, pdf []byte, rtl bool) string {
	var b strings.Builder
	for _, line := range strings.Split(runTool(t, pdf, "pdfinfo", "-struct-text"), "\n") {
		m := quotedLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		s := m[1]
		if rtl && strings.ContainsFunc(s, isRTLLetter) {
			r := []rune(s)
			slices.Reverse(r)
			s = string(r)
		}
		b.WriteString(s)
		b.WriteByte(' ')
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
// compares with the document's logical text (whitespace aside): every
// phone number digit for digit in both, and the character error rate
// within what each reader is known to make (see the table). poppler
// takes no ActualText in its structure text, so a cluster of a base and
// marks (Thai vowels and tones, Yiddish points, Arabic tanwin) gives its
// base alone; pdf.js takes none either, and splits a ligature's letters.
func TestStructureReaders(t *testing.T) {
	r := testRenderer(t)
	for _, c := range []struct {
		lang           string
		poppler, pdfjs float64 // the most CER each may make
	}{
		{"sv", 0, 0.05},
		{"ti", 0, 0.15},
		{"ar", 0.02, 0.15},
		{"yi", 0.15, 0.35},
		{"th", 0.22, 0.45},
	} {
		t.Run(c.lang, func(t *testing.T) {
			doc := realLeaflet(t, vocab.TopicViolence, c.lang)
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			want := []rune(compact(logicalText(doc)))
			for _, rd := range []struct {
				name  string
				text  string
				limit float64
			}{
				{"pdfinfo -struct-text", structText(t, out, doc.Dir == vocab.RTL), c.poppler},
				{"pdf.js", pdfjsText(t, out), c.pdfjs},
			} {
				got := []rune(compact(rd.text))
				rate := editRate(want, got)
				t.Logf("%s %s: CER %.1f%% in tree order", c.lang, rd.name, 100*rate)
				if rate > rd.limit {
					t.Errorf("%s: CER %.1f%%, want at most %.0f%%: %s", rd.name, 100*rate, 100*rd.limit, firstDiff(string(want), string(got)))
				}
				for _, b := range doc.Blocks {
					for _, card := range b.Cards {
						for _, p := range card.Phones {
							for _, s := range p {
								if ph := compact(s.Text); s.Kind == document.Phone && !strings.Contains(string(got), ph) {
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
