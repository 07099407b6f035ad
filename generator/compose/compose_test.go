package compose

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	fontfiles "infogeneratorn/fonts"
	"infogeneratorn/generator/compose/composetest"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var _ Setter = (*layout.Engine)(nil)

var fontSet = sync.OnceValues(func() (*fonts.Set, error) { return fonts.Load(fontfiles.FS()) })

var engine = sync.OnceValues(func() (*layout.Engine, error) {
	set, err := fontSet()
	if err != nil {
		return nil, err
	}
	return layout.New(set)
})

// ownEngine is a layout engine of the test's own, with empty caches,
// for a test whose counts depend on what the caches hold.
func ownEngine(t testing.TB) *layout.Engine {
	t.Helper()
	set, err := fontSet()
	if err != nil {
		t.Fatal(err)
	}
	e, err := layout.New(set)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func testEngine(t testing.TB) *layout.Engine {
	t.Helper()
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// loadDoc returns a resolved document of the pipeline.
func loadDoc(t testing.TB, name string) *document.Document {
	t.Helper()
	doc, err := composetest.Document(name)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func compose(t testing.TB, doc *document.Document) *Leaflet {
	t.Helper()
	l, err := Compose(doc, testEngine(t))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// clusterTexts returns the texts of a placed line's clusters ordered by
// key: their place in the paragraph (logical order) or on the page.
func clusterTexts(l Line, key func(r layout.Run, g layout.Glyph) float64) string {
	type cl struct {
		key  float64
		text string
	}
	var cs []cl
	for _, r := range l.Line.Runs {
		for _, g := range r.Glyphs {
			if text := r.TextOf(g); text != "" {
				cs = append(cs, cl{key(r, g), text})
			}
		}
	}
	slices.SortStableFunc(cs, func(a, b cl) int { return cmp.Compare(a.key, b.key) })
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.text)
	}
	return b.String()
}

// lineText is a placed line's logical text.
func lineText(l Line) string {
	return clusterTexts(l, func(_ layout.Run, g layout.Glyph) float64 { return float64(g.Cluster) })
}

// Snapshot types: the composed structure, rounded, without font data.
type (
	snapLeaflet struct {
		Width, Height float64
		Pages         []snapPage
	}
	snapPage struct {
		Boxes []string `json:"boxes"`
		Lines []string `json:"lines"`
		Links []string `json:"links,omitempty"`
	}
)

func snapshot(l *Leaflet) snapLeaflet {
	r2 := func(v float64) float64 { return math.Round(v*100) / 100 }
	s := snapLeaflet{Width: r2(l.Width), Height: r2(l.Height)}
	for _, p := range l.Pages {
		var sp snapPage
		for _, b := range p.Boxes {
			sp.Boxes = append(sp.Boxes, fmt.Sprintf("%s %.2f,%.2f %.2f×%.2f #%02x%02x%02x cmyk=%d/%d/%d/%d bleed=%v",
				b.Kind, b.X, b.Y, b.W, b.H, b.Fill.R, b.Fill.G, b.Fill.B, b.Fill.C, b.Fill.M, b.Fill.Y, b.Fill.K, b.Bleed))
		}
		for _, ln := range p.Lines {
			var faces []string
			for _, r := range ln.Line.Runs {
				faces = append(faces, fmt.Sprintf("%s@%.2f", r.Face.PSName, r.Size))
			}
			sp.Lines = append(sp.Lines, fmt.Sprintf("%.2f,%.2f w=%.2f block=%d %s %s %s: %s",
				ln.X, ln.Y, ln.Line.Width, ln.Block, ln.Part, ln.Line.Dir, strings.Join(slices.Compact(faces), ","),
				strings.ReplaceAll(strings.ReplaceAll(lineText(ln), "\u2066", ""), "\u2069", "")))
		}
		for _, k := range p.Links {
			sp.Links = append(sp.Links, fmt.Sprintf("%.2f,%.2f %.2f×%.2f %s", k.X, k.Y, k.W, k.H, k.Href))
		}
		s.Pages = append(s.Pages, sp)
	}
	return s
}

// TestGolden snapshots the composed leaflets of real resolved documents
// (go test -update rewrites them).
func TestGolden(t *testing.T) {
	forEachFixture(t, func(t *testing.T, name string, doc *document.Document) {
		got, err := json.MarshalIndent(snapshot(compose(t, doc)), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from the golden file; run go test -update and review the diff", path)
		}
	})
}

// forEachFixture runs f on every fixture document, set on A4 and on A5;
// name is "<fixture>_<paper>".
func forEachFixture(t *testing.T, f func(t *testing.T, name string, doc *document.Document)) {
	for _, fixture := range composetest.Fixtures() {
		for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
			name := fixture + "_" + string(paper)
			t.Run(name, func(t *testing.T) {
				doc := loadDoc(t, fixture)
				doc.Paper = paper
				f(t, name, doc)
			})
		}
	}
}

// checkGeometry asserts the layout's promises on every page: lines lie
// inside the trim and the side margins, no two lines overlap, flow lines
// stay clear of the header and footer bands, cards and notices do not
// overlap one another, and every line inside a card lies inside its box.
func checkGeometry(t *testing.T, doc *document.Document, l *Leaflet) {
	t.Helper()
	d := newDesign(doc.Paper, doc.LargePrint, doc.Script, 1, baseStep)
	trim := Rect{W: l.Width, H: l.Height}
	body := Rect{X: d.marginX - 0.01, W: d.contentW() + 0.02, H: l.Height}
	for pi, p := range l.Pages {
		var bands, frames []Rect
		for _, b := range p.Boxes {
			switch b.Kind {
			case Band:
				bands = append(bands, b.Rect)
			case Card, Notice:
				for _, o := range frames {
					if o.Intersects(b.Rect) {
						t.Errorf("page %d: %s box %+v overlaps %+v", pi+1, b.Kind, b.Rect, o)
					}
				}
				frames = append(frames, b.Rect)
			}
			if !trim.Contains(b.Rect) {
				t.Errorf("page %d: %s box %+v outside the trim", pi+1, b.Kind, b.Rect)
			}
		}
		for i, ln := range p.Lines {
			box := ln.Box()
			if !body.Contains(box) {
				t.Errorf("page %d: line %q (%+v) outside the margins", pi+1, lineText(ln), box)
			}
			for _, o := range p.Lines[:i] {
				if o.Box().Intersects(box) {
					t.Errorf("page %d: line %q overlaps line %q", pi+1, lineText(ln), lineText(o))
				}
			}
			furniture := ln.Part == "title" || ln.Part == "municipality" || ln.Part == "footer"
			inBand := false
			for _, b := range bands {
				if b.Contains(box) {
					inBand = true
				} else if b.Intersects(box) {
					t.Errorf("page %d: line %q cut by a band", pi+1, lineText(ln))
				}
			}
			if furniture != inBand {
				t.Errorf("page %d: %s line %q in a band: %v", pi+1, ln.Part, lineText(ln), inBand)
			}
			inFrame := 0
			for _, f := range frames {
				if f.Contains(box) {
					inFrame++
				} else if f.Intersects(box) {
					t.Errorf("page %d: line %q crosses the edge of a card or notice", pi+1, lineText(ln))
				}
			}
			boxed := doc.Blocks[max(ln.Block, 0)].Kind
			want := ln.Block >= 0 && (boxed == document.Contacts || boxed == document.HelpLines || boxed == document.Notice)
			if (inFrame == 1) != want {
				t.Errorf("page %d: %s line %q inside %d card/notice boxes", pi+1, ln.Part, lineText(ln), inFrame)
			}
		}
	}
}

// checkText asserts that every text of the document is set, whole and in
// order: the lines of each block, joined, hold each of its texts.
func checkText(t *testing.T, doc *document.Document, l *Leaflet) {
	t.Helper()
	set := map[int]string{}
	furniture := ""
	for _, p := range l.Pages {
		for _, ln := range p.Lines {
			if ln.Block < 0 {
				furniture += lineText(ln) + "\n"
				continue
			}
			set[ln.Block] += lineText(ln) + "\n"
		}
	}
	// Lines break after spaces and after hyphens and dashes; the spaces at
	// a break are not drawn, so texts are compared without any.
	flat := func(s string) string {
		return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return r == ' ' || r == '\n' || r == '\u00a0' || r == '\u2066' || r == '\u2069'
		}), "")
	}
	has := func(where, text string) {
		if text != "" && !strings.Contains(flat(where), flat(text)) {
			t.Errorf("text not set: %q", text)
		}
	}
	has(furniture, doc.Municipality)
	for _, f := range doc.Footer {
		has(furniture, f.Text.Bare())
	}
	for i, b := range doc.Blocks {
		got := set[i]
		texts := []document.Text{b.Text}
		texts = append(texts, b.Items...)
		for _, c := range b.Cards {
			texts = append(texts, c.Label, c.Name, c.About, c.Email, c.Web, c.Address)
			texts = append(texts, c.Phones...)
			texts = append(texts, c.Hours...)
			texts = append(texts, c.Notes...)
		}
		for _, tx := range texts {
			has(got, tx.Bare())
		}
	}
}

func TestGeometryAndText(t *testing.T) {
	forEachFixture(t, func(t *testing.T, _ string, doc *document.Document) {
		l := compose(t, doc)
		checkGeometry(t, doc, l)
		checkText(t, doc, l)
	})
}

// TestRobustness composes leaflets whose texts are 40 % longer, and with
// a 200-character municipality name and ten contacts: nothing is clipped,
// nothing overlaps, every text is set.
func TestRobustness(t *testing.T) {
	for _, c := range []struct {
		name string
		mod  func(*document.Document)
	}{{"stretched", composetest.Stretch}, {"crowded", composetest.Crowd}, {"both", func(d *document.Document) { composetest.Crowd(d); composetest.Stretch(d) }}} {
		t.Run(c.name, func(t *testing.T) {
			forEachFixture(t, func(t *testing.T, _ string, doc *document.Document) {
				c.mod(doc)
				l := compose(t, doc)
				checkGeometry(t, doc, l)
				checkText(t, doc, l)
				t.Logf("%d pages", len(l.Pages))
			})
		})
	}
}

// phoneDigits returns, for every phone line, its glyphs' texts from left
// to right on the page.
func phoneDigits(l *Leaflet) []string {
	var out []string
	for _, p := range l.Pages {
		for _, ln := range p.Lines {
			if ln.Part == "phone" {
				text := clusterTexts(ln, func(r layout.Run, g layout.Glyph) float64 { return r.X + g.X })
				out = append(out, strings.NewReplacer(" ", "", "\u00a0", "").Replace(text))
			}
		}
	}
	return out
}

// TestPhoneDigitsLeftToRight: in a right-to-left leaflet every phone
// number's digits are drawn left to right in the order of the Swedish
// leaflet.
func TestPhoneDigitsLeftToRight(t *testing.T) {
	sv := phoneDigits(compose(t, loadDoc(t, "vald_sv")))
	ar := phoneDigits(compose(t, loadDoc(t, "vald_ar")))
	if len(sv) == 0 || !slices.Equal(sv, ar) {
		t.Errorf("phone numbers drawn left to right:\nsv %q\nar %q", sv, ar)
	}
	for _, p := range sv {
		if strings.ContainsFunc(p, func(r rune) bool { return (r < '0' || r > '9') && r != '-' }) {
			t.Errorf("phone line %q holds more than digits and hyphens", p)
		}
	}
}

// TestSourceNames: error messages name a text's place as they always
// have, now spelled out only when an error is reported.
func TestSourceNames(t *testing.T) {
	block := source{ids: []string{"vald.intro", "vald.help"}, index: 3, kind: document.Contacts}
	unnamed := source{index: 2, kind: document.List}
	for _, c := range []struct {
		src  source
		want string
	}{
		{source{name: "footer line 2"}, "footer line 2"},
		{block, "message vald.intro, vald.help"},
		{unnamed, "block 2 (list)"},
		{unnamed.item(0), "block 2 (list), item 1"},
		{block.card(1, "phone"), "message vald.intro, vald.help, card 2 phone"},
	} {
		if got := c.src.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.src, got, c.want)
		}
	}
}

func TestShapingLang(t *testing.T) {
	plain := func(s, lang string) document.Span { return document.Span{Kind: document.Plain, Text: s, Lang: lang} }
	phone := document.Span{Kind: document.Phone, Text: "112", Href: "tel:112"}
	web := document.Span{Kind: document.URL, Text: "https://www.halmstad.se", Href: "https://www.halmstad.se"}
	for _, c := range []struct {
		name string
		in   document.Text
		want string
	}{
		{"the line's language", document.Text{plain("مرحبا", "")}, "ar"},
		{"a name kept in Swedish", document.Text{plain("Kvinnojouren i Halmstad", "sv")}, "sv"},
		{"a Swedish term in brackets", document.Text{plain("(", ""), plain("socialtjänsten", "sv"), plain(")", "")}, "ar"},
		{"a phone number", document.Text{phone}, "und"},
		{"a phone number and a web address", document.Text{phone, plain(" ", ""), web}, "und"},
		{"words around a phone number", document.Text{plain("أو ", ""), phone}, "ar"},
		{"empty", nil, "ar"},
	} {
		if got := shapingLang(c.in, "ar"); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// langRecorder is a Setter that notes the language of every paragraph it
// sets or measures, by its text.
type langRecorder struct {
	*layout.Engine
	mu    sync.Mutex
	langs map[string]map[string]bool
}

func (r *langRecorder) note(p layout.Paragraph) {
	r.mu.Lock()
	defer r.mu.Unlock()
	text := strings.Trim(p.Text, document.LRI+document.PDI)
	if r.langs[text] == nil {
		r.langs[text] = map[string]bool{}
	}
	r.langs[text][p.Lang] = true
}

func (r *langRecorder) Lines(p layout.Paragraph, width float64) ([]layout.Line, error) {
	r.note(p)
	return r.Engine.Lines(p, width)
}

func (r *langRecorder) MeasureReach(p layout.Paragraph, width float64) ([]layout.Line, layout.Reach, error) {
	r.note(p)
	return r.Engine.MeasureReach(p, width)
}

// TestParagraphsShapedInTheirLanguage: in an Arabic leaflet, the
// municipality's name and its contacts' names are set as the Swedish they
// are, phone numbers and addresses as no language's words, the rest as
// Arabic.
func TestParagraphsShapedInTheirLanguage(t *testing.T) {
	doc := loadDoc(t, "vald_ar")
	var card *document.Card
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == document.Contacts {
			card = &doc.Blocks[i].Cards[0]
			break
		}
	}
	if card == nil {
		t.Fatal("no contact card in vald_ar")
	}
	card.Name = document.Given("Stödlinjen i Tylösand", doc.Lang)
	rec := &langRecorder{Engine: ownEngine(t), langs: map[string]map[string]bool{}}
	if _, err := Compose(doc, rec); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		doc.Municipality:        "sv",
		"Stödlinjen i Tylösand": "sv",
		card.Phones[0].Bare():   "und",
		card.Label.Bare():       "ar",
	} {
		got := slices.Sorted(maps.Keys(rec.langs[text]))
		if !slices.Equal(got, []string{want}) {
			t.Errorf("%q set in %q, want %q", text, got, want)
		}
	}
}

// TestCheckGlyphs: a .notdef glyph in a set line is an error that names
// the text of its cluster.
func TestCheckGlyphs(t *testing.T) {
	g := func(id uint16, from, to int32) layout.Glyph {
		return layout.Glyph{ID: id, TextStart: from, TextEnd: to}
	}
	for _, c := range []struct {
		name   string
		glyphs []layout.Glyph
		want   string // the error's text; "-" for no error
	}{
		{"every glyph drawn", []layout.Glyph{g(3, 0, 1), g(4, 1, 2), g(5, 2, 3)}, "-"},
		{"a missing glyph of its own", []layout.Glyph{g(3, 0, 1), g(0, 1, 2), g(5, 2, 3)}, "b"},
		{"a missing mark after its base", []layout.Glyph{g(3, 0, 2), g(0, 0, 0), g(5, 2, 3)}, "ab"},
		{"the first glyph missing", []layout.Glyph{g(0, 0, 1), g(4, 1, 3)}, "a"},
	} {
		ln := layout.Line{Runs: []layout.Run{{Text: "abc", Glyphs: c.glyphs}}}
		err := (&composer{lang: "sv"}).checkGlyphs(ln, source{name: "test"})
		var mg *MissingGlyphError
		switch {
		case c.want == "-" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "-" && !errors.As(err, &mg):
			t.Errorf("%s: %v, want a MissingGlyphError", c.name, err)
		case c.want != "-" && mg.Text != c.want:
			t.Errorf("%s: text %q, want %q", c.name, mg.Text, c.want)
		}
	}
}
