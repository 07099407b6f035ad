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
	"unicode"

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
// compares with the document's logical text (whitespace aside):
// pdfinfo -struct-text must give it exactly, and so must pdf.js but for
// the marks of right-to-left clusters (see the table); every phone number
// digit for digit in both.
//
// pdf.js reads one page's tree at a time, so the footer, which is content
// on the first page and an artifact after, comes at the end of the first
// page: it must be there once, and the rest in order. pdf.js also runs
// its bidi algorithm over each stretch of text it gathers, which turns a
// right-to-left base and its marks (Yiddish points, Arabic tanwin) round;
// poppler keeps the drawing order. A base and its marks cannot be drawn
// in an order both read as logical, and poppler's is the one that
// follows the PDF standard (ToUnicode in content order), so pdf.js's
// error on those marks is bounded, not zero.
func TestStructureReaders(t *testing.T) {
	r := testRenderer(t)
	for _, c := range []struct {
		lang  string
		pdfjs float64 // the most CER pdf.js may make
	}{
		{"sv", 0},
		{"ti", 0},
		{"th", 0},
		{"ar", 0.01},
		{"yi", 0.2},
	} {
		t.Run(c.lang, func(t *testing.T) {
			doc := realLeaflet(t, vocab.TopicViolence, c.lang)
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
				w, g := []rune(want), []rune(pdfjs)
				if bw, bg := string(withoutMarks(w)), string(withoutMarks(g)); bw != bg {
					t.Fatalf("pdf.js: not the logical text, marks aside: %s", firstDiff(bw, bg))
				}
				rate := markRate(w, g)
				t.Logf("%s pdf.js: CER %.2f%% in tree order, 0 without marks", c.lang, 100*rate)
				if rate > c.pdfjs {
					t.Errorf("pdf.js: CER %.2f%%, want at most %.2f%%: %s", 100*rate, 100*c.pdfjs, firstDiff(want, pdfjs))
				}
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

// markRate is the character error rate of got against want where the
// two have the same letters and differ in marks only: the edits between
// the marks that follow each letter (and those before the first),
// divided by want's length. It is the edit distance of the whole, in
// linear time.
func markRate(want, got []rune) float64 {
	groups := func(s []rune) [][]rune {
		out := [][]rune{nil}
		for _, r := range s {
			if !unicode.Is(unicode.Mn, r) {
				out = append(out, nil)
				continue
			}
			out[len(out)-1] = append(out[len(out)-1], r)
		}
		return out
	}
	gw, gg := groups(want), groups(got)
	edits := 0.0
	for i := range gw {
		if len(gw[i]) == 0 {
			edits += float64(len(gg[i]))
			continue
		}
		edits += editRate(gw[i], gg[i]) * float64(len(gw[i]))
	}
	return edits / float64(len(want))
}

// footerLast moves the footer's text, which pdf.js gives at the end of
// the first page, to the end, where the structure tree has it. The
// footer is found by its letters (marks aside: pdf.js may turn a base and
// its marks round), once.
func footerLast(t *testing.T, got, footer string) string {
	t.Helper()
	g, f := []rune(got), []rune(footer)
	var bare []rune
	var at []int // the index in g of each rune of bare
	for i, r := range g {
		if !unicode.Is(unicode.Mn, r) {
			bare = append(bare, r)
			at = append(at, i)
		}
	}
	fb := string(withoutMarks(f))
	switch n := strings.Count(string(bare), fb); {
	case n == 0:
		t.Errorf("pdf.js: no footer %q", footer)
		return got
	case n > 1:
		t.Errorf("pdf.js: the footer %q %d times, want once", footer, n)
		return got
	}
	start := len([]rune(string(bare)[:strings.Index(string(bare), fb)]))
	end := len(g) // the footer's marks run to the next letter
	if e := start + len([]rune(fb)); e < len(at) {
		end = at[e]
	}
	return string(slices.Concat(g[:at[start]], g[end:], g[at[start]:end]))
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
