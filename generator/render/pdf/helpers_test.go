package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// shared builds the shipped renderer once for all tests of the package.
var shared = sync.OnceValues(NewEmbedded)

func testRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sample is one entry of testdata/samples.json.
type sample struct {
	Name       string          `json:"name"`
	Lang       string          `json:"lang"`
	Script     string          `json:"script"`
	Dir        vocab.Direction `json:"dir"`
	Font       string          `json:"font"`
	Pointed    bool            `json:"pointed"`
	Title      string          `json:"title"`
	Label      string          `json:"label"`
	Paragraphs []string        `json:"paragraphs"`
}

func (s sample) id() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Lang
}

func loadSamples(t testing.TB) []sample {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Samples []sample }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Samples
}

// Phone numbers every sample document prints, as the pipeline writes them
// (no-break spaces between digit groups).
var samplePhones = []string{"112", "035-13\u00a070\u00a000", "020-50\u00a050\u00a050"}

func phoneSpan(s string) document.Span {
	href := "tel:" + strings.NewReplacer("-", "", "\u00a0", "").Replace(s)
	return document.Span{Kind: document.Phone, Text: s, Href: href}
}

// sampleDoc makes a leaflet of a sample: title, paragraphs, a notice and
// a contact card with phone numbers, e-mail and web address.
func sampleDoc(s sample, paper vocab.Paper, print bool) *document.Document {
	doc := &document.Document{Lang: s.Lang, Dir: s.Dir, Script: s.Script, Font: s.Font, Topic: vocab.TopicViolence,
		Title: s.Title, Municipality: "Halmstads kommun", Paper: paper, Print: print,
		Meta: document.Meta{Subject: s.Title, Author: "Halmstads kommun", Creator: "Infogeneratorn test", Generated: "2026-01-15"}}
	doc.Blocks = append(doc.Blocks, document.Block{Kind: document.Heading, Level: 1, Text: document.PlainText(s.Title), MessageIDs: []string{"test.title"}})
	for i, p := range s.Paragraphs {
		doc.Blocks = append(doc.Blocks, document.Block{Kind: document.Paragraph, Text: document.PlainText(p), MessageIDs: []string{"test.p" + string(rune('1'+i))}})
	}
	doc.Blocks = append(doc.Blocks,
		document.Block{Kind: document.Notice, Text: document.Text{{Kind: document.Plain, Text: s.Label + " "}, phoneSpan(samplePhones[0])}},
		document.Block{Kind: document.Contacts, Cards: []document.Card{{
			Role:   vocab.RoleSocialServices,
			Label:  document.PlainText(s.Label),
			Name:   document.Text{{Kind: document.Plain, Text: "Socialtjänsten, Halmstads kommun", Lang: "sv"}}, // as resolve marks it
			Phones: []document.Text{{phoneSpan(samplePhones[1])}, {phoneSpan(samplePhones[2])}},
			Email:  document.Text{{Kind: document.Email, Text: "socialtjansten@halmstad.se", Href: "mailto:socialtjansten@halmstad.se"}},
			Web:    document.Text{{Kind: document.URL, Text: "https://www.halmstad.se/stod", Href: "https://www.halmstad.se/stod"}},
		}}})
	doc.Footer = []document.FooterLine{{Text: document.Text{{Kind: document.Plain, Text: "Halmstads kommun", Lang: "sv"}}}}
	return doc
}

// sampleTexts are the texts of a sample document a reader must be able to
// copy: title and paragraphs.
func sampleTexts(s sample) []string { return append([]string{s.Title}, s.Paragraphs...) }

// pdftotext extracts the text of a PDF as poppler's pdftotext gives it.
func pdftotext(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return out.String()
}

// runTool runs a command on a PDF file and returns its output.
func runTool(t testing.TB, pdf []byte, name string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(name, append(args, path)...).CombinedOutput()
	if err != nil && name != "qpdf" {
		t.Fatalf("%s: %v: %s", name, err, out)
	}
	return string(out)
}

// normalize prepares text for comparison: bidi controls (poppler adds
// embedding marks around right-to-left lines) dropped, no-break spaces as
// spaces, whitespace runs as one space; with noSpaces (Thai, whose line
// breaks pdftotext turns into spaces the source does not have), no
// whitespace at all.
func normalize(s string, noSpaces bool) []rune {
	var out []rune
	space := false
	for _, r := range s {
		if isBidiControl(r) {
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = !noSpaces
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, r)
	}
	return out
}

// cer is the character error rate of want found in got: the fewest edits
// that turn want into some stretch of got (free gaps at got's ends),
// divided by want's length. A want that got holds as it is needs none:
// most paragraphs of a leaflet, which then cost a substring search and
// not a table of len(want) × len(got) cells (the bulk of TestRealLocales
// under the race detector).
func cer(want, got []rune) float64 {
	if strings.Contains(string(got), string(want)) {
		return 0
	}
	return float64(closestEdits(want, got)) / float64(len(want))
}

// closestEdits is editRows' distance (want to the closest stretch
// of got) in whole edits, by Myers' bit-vector algorithm ("A fast
// bit-vector algorithm for approximate string matching based on dynamic
// programming", J. ACM 46(3), 1999, with its blocks for patterns longer
// than a word): a column of the table is a word per 64 runes of want, so
// a paragraph against a whole leaflet costs len(got) × ⌈len(want)/64⌉
// word steps, not len(got) × len(want) cells. TestCER holds it to
// editRows.
func closestEdits(want, got []rune) int {
	m := len(want)
	if m == 0 {
		return 0
	}
	blocks := (m + 63) / 64
	// peq[r] has bit i of block b set where want[64b+i] is r.
	peq := map[rune][]uint64{}
	for i, r := range want {
		if peq[r] == nil {
			peq[r] = make([]uint64, blocks)
		}
		peq[r][i/64] |= 1 << (i % 64)
	}
	none := make([]uint64, blocks)
	pv, mv := make([]uint64, blocks), make([]uint64, blocks)
	for b := range pv {
		pv[b] = ^uint64(0) // the first column: row i is i edits
	}
	last := uint64(1) << ((m - 1) % 64)
	score, best := m, m
	for _, r := range got {
		eqs := peq[r]
		if eqs == nil {
			eqs = none
		}
		hin := 0 // the first row is free: it steps by 0
		for b := range blocks {
			high := uint64(1) << 63
			if b == blocks-1 {
				high = last
			}
			eq, p, n := eqs[b], pv[b], mv[b]
			xv := eq | n
			if hin < 0 {
				eq |= 1
			}
			xh := (((eq & p) + p) ^ p) | eq
			ph := n | ^(xh | p)
			mh := p & xh
			hout := 0
			if ph&high != 0 {
				hout = 1
			} else if mh&high != 0 {
				hout = -1
			}
			ph <<= 1
			mh <<= 1
			if hin < 0 {
				mh |= 1
			} else if hin > 0 {
				ph |= 1
			}
			pv[b] = mh | ^(xv | ph)
			mv[b] = ph & xv
			hin = hout
		}
		score += hin
		best = min(best, score)
	}
	return best
}

// editRows computes the edit distance of want to the closest stretch of
// got (starting and ending anywhere in got is free), divided by want's
// length, with the whole table of len(want) × len(got) cells: the
// definition closestEdits is held to.
func editRows(want, got []rune) float64 {
	if len(want) == 0 {
		return 0
	}
	prev := make([]int, len(got)+1) // row 0: starting anywhere in got is free
	cur := make([]int, len(got)+1)
	for i := 1; i <= len(want); i++ {
		cur[0] = i
		for j := 1; j <= len(got); j++ {
			sub := prev[j-1]
			if want[i-1] != got[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(slices.Min(prev)) / float64(len(want))
}

// cardText extracts, with pdftotext cropped to each contact card's box of
// the composed page, the text of every card on its own; byField crops
// each field of a card (its lines of one part) on its own instead. Cards
// stand two to a row in every script, and poppler reads the lines of
// neighbouring cards across the row (the tagged PDF gives readers the
// order through its structure tree); cropped to one card, its text reads
// in order. Poppler also takes a card whose text is mostly Latin (name,
// e-mail, web, address) for a left-to-right block and reorders its
// right-to-left lines by that: cropped to one field, each line keeps its
// own direction.
func cardText(t testing.TB, r *Renderer, doc *document.Document, pdf []byte, byField bool) string {
	t.Helper()
	l, err := compose.Compose(doc, r.setter)
	if err != nil {
		t.Fatal(err)
	}
	g := newGeometry(l.Width, l.Height, doc.Print)
	var b strings.Builder
	crop := func(page int, bx compose.Rect) {
		p := strconv.Itoa(page)
		b.WriteString(pdftotext(t, pdf, "-f", p, "-l", p, "-r", "72",
			"-x", strconv.Itoa(int(g.ox+bx.X)-1), "-y", strconv.Itoa(int(g.oy+bx.Y)-1),
			"-W", strconv.Itoa(int(bx.W)+3), "-H", strconv.Itoa(int(bx.H)+3)))
		b.WriteString("\n")
	}
	for pi, p := range l.Pages {
		for _, bx := range p.Boxes {
			if bx.Kind != compose.Card {
				continue
			}
			if !byField {
				crop(pi+1, bx.Rect)
				continue
			}
			var field compose.Rect
			part := ""
			for _, ln := range p.Lines {
				if !bx.Contains(ln.Box()) {
					continue
				}
				if ln.Part != part && part != "" {
					crop(pi+1, field)
					part = ""
				}
				if part == "" {
					field = ln.Box()
				} else {
					x0, y0 := min(field.X, ln.X), min(field.Y, ln.Box().Y)
					field = compose.Rect{X: x0, Y: y0, W: max(field.X+field.W, ln.X+ln.Line.Width) - x0,
						H: max(field.Y+field.H, ln.Box().Y+ln.Box().H) - y0}
				}
				part = ln.Part
			}
			if part != "" {
				crop(pi+1, field)
			}
		}
	}
	return b.String()
}
