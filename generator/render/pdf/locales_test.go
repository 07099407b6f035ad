package pdf

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"infogeneratorn/generator/assemble"
	"infogeneratorn/generator/catalog"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/request"
	"infogeneratorn/generator/resolve"
	"infogeneratorn/generator/vocab"
	"infogeneratorn/locales"
)

// realLeaflets resolves every topic in every locale of the shipped
// locale files for the shipped example request (Halmstad's contacts).
// Pairs that the catalog cannot resolve (a locale without that topic's
// texts) are left out and counted.
func realLeaflets(t *testing.T) (docs []*document.Document, missing int) {
	t.Helper()
	res, req, cat := realResolver(t)
	for _, lang := range cat.Tags() {
		for _, topic := range vocab.Topics() {
			doc, err := res.Resolve(req, topic, lang)
			if err != nil {
				missing++
				continue
			}
			docs = append(docs, doc)
		}
	}
	return docs, missing
}

// realResolver is the shipped locales' resolver and the shipped example
// request.
func realResolver(t *testing.T) (*resolve.Resolver, *request.Request, *catalog.Catalog) {
	t.Helper()
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	refdata, err := assemble.LoadData()
	if err != nil {
		t.Fatal(err)
	}
	cfg := refdata.ResolveConfig(cat)
	cfg.Version, cfg.Now = "test", func() time.Time { return time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) }
	res := resolve.New(cfg)
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "cmd", "infogen", "example-request.json"))
	if err != nil {
		t.Fatal(err)
	}
	req, err := request.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return res, req, cat
}

// TestRealLocales renders every leaflet the shipped locales can make and
// checks what the acceptance asks of each: on A4 and A5, the
// tests' PDF/UA check (checkUA) passes and the structure tree reads as
// the document; fonts embedded and subset (pdffonts), no qpdf error,
// every paragraph in logical order by pdftotext within pdftextLimit (a
// card's text cropped to its card, see cardText), and every phone number
// digit for digit.
func TestRealLocales(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every leaflet of every locale")
	}
	r := testRenderer(t)
	docs, missing := realLeaflets(t)
	t.Logf("%d leaflets, %d (topic, locale) pairs without texts", len(docs), missing)
	var mu sync.Mutex // guards worst and worstBare
	worst, worstBare := map[string]float64{}, map[string]float64{}
	t.Cleanup(func() { // after every leaflet's subtest
		for _, lang := range slices.Sorted(maps.Keys(worst)) {
			t.Logf("%s: worst leaflet CER %.2f%%, %.2f%% without marks", lang, 100*worst[lang], 100*worstBare[lang])
		}
	})
	for _, doc := range docs {
		t.Run(string(doc.Topic)+"_"+doc.Lang, func(t *testing.T) {
			// On every core: most of a leaflet's time is the tools
			// reading it (pdftotext, qpdf, pdffonts) and the edit
			// distances, each on its own.
			t.Parallel()
			// Every leaflet is tagged on both papers (the digital kind);
			// one print leaflet per locale.
			doc.Print = doc.Topic == vocab.TopicViolence
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, paper := range []vocab.Paper{vocab.A5, vocab.A4} {
				d := *doc
				d.Paper, d.Print = paper, false
				tagged := out // the digital A4 leaflet, already rendered
				if paper != doc.Paper || doc.Print {
					if tagged, err = r.Render(&d); err != nil {
						t.Fatal(err)
					}
				}
				tree, probs := checkUA(tagged, d.Script, d.Dir == vocab.RTL)
				for _, p := range probs {
					t.Errorf("%s: PDF/UA %s", paper, p)
				}
				if tree != nil {
					if want, got := compact(logicalText(&d)), compact(treeText(tree)); want != got {
						t.Errorf("%s: the structure tree does not read as the document: %s", paper, firstDiff(want, got))
					}
				}
			}
			if doc.Print {
				for _, l := range strings.Split(strings.TrimSpace(runTool(t, out, "pdffonts")), "\n")[2:] {
					if f := strings.Fields(l); len(f) < 8 || !strings.Contains(f[0], "+") || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
						t.Errorf("font not embedded and subset: %q", l)
					}
				}
				if got := runTool(t, out, "qpdf", "--check"); !strings.Contains(got, "No syntax or stream encoding errors") || strings.Contains(got, "WARNING") {
					t.Errorf("qpdf --check:\n%s", got)
				}
			}
			text := pdftotext(t, out) + "\n" + cardText(t, r, doc, out, false)
			noSpaces := doc.Script == "Thai"
			// Yiddish is written with points (YIVO): its rate is reported,
			// and held to 2 % only without the points (see TestTextLayer).
			pointed := doc.Script == "Hebr"
			got := normalize(text, noSpaces)
			gotBare := withoutMarks(got)
			var errs, errsBare, total float64
			for _, want := range docTexts(doc) {
				w := normalize(want, noSpaces)
				e := cer(w, got)
				if e > pdftextLimit(doc.Dir) && !pointed {
					t.Logf("CER %.1f%%: %q", 100*e, want)
				}
				errs += e * float64(len(w))
				errsBare += cer(withoutMarks(w), gotBare) * float64(len(w))
				total += float64(len(w))
			}
			rate, bare := errs/total, errsBare/total
			mu.Lock()
			worst[doc.Lang] = max(worst[doc.Lang], rate)
			worstBare[doc.Lang] = max(worstBare[doc.Lang], bare)
			mu.Unlock()
			if limit := pdftextLimit(doc.Dir); rate > limit && !pointed || bare > limit {
				t.Errorf("CER %.2f%% over the leaflet, %.2f%% without marks", 100*rate, 100*bare)
			}
			flat := strings.ReplaceAll(text, "\u00a0", " ")
			for _, b := range doc.Blocks {
				for _, c := range b.Cards {
					for _, p := range c.Phones {
						for _, s := range p {
							if ph := strings.ReplaceAll(s.Text, "\u00a0", " "); s.Kind == document.Phone && !strings.Contains(flat, ph) {
								t.Errorf("phone number %q not in the text layer", ph)
							}
						}
					}
				}
			}
		})
	}
}

// TestKvinnofridslinjenInTextLayer: every vald leaflet, in every locale,
// prints Kvinnofridslinjen's 116 016 in its text layer digit for digit,
// once, with 020-50 50 50 beside it: the next line of the same card, by
// the words' boxes (pdftotext -bbox) — below 116 016, less than a line's
// height from it, overlapping it horizontally (issue 14;
// national-helplines.md note 1).
func TestKvinnofridslinjenInTextLayer(t *testing.T) {
	r := testRenderer(t)
	docs, _ := realLeaflets(t)
	langs := 0
	for _, doc := range docs {
		if doc.Topic != vocab.TopicViolence {
			continue
		}
		langs++
		t.Run(doc.Lang, func(t *testing.T) {
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.ReplaceAll(pdftotext(t, out), "\u00a0", " ")
			if n, m := strings.Count(text, "116 016"), strings.Count(text, "020-50 50 50"); n != 1 || m != 1 {
				t.Fatalf("116 016 %d times, 020-50 50 50 %d times in the text layer, want once each", n, m)
			}
			words := bboxWords(t, pdftotext(t, out, "-bbox"))
			first, ok1 := findWords(words, "116", "016")
			second, ok2 := findWords(words, "020-50", "50", "50")
			if !ok1 || !ok2 {
				t.Fatalf("numbers not found as words: 116 016 %v, 020-50 50 50 %v", ok1, ok2)
			}
			lineH := first.y1 - first.y0
			if second.page != first.page || second.y0 < first.y1-0.5 || second.y0-first.y1 > lineH ||
				second.x1 < first.x0 || second.x0 > first.x1 {
				t.Errorf("020-50 50 50 at %+v is not beside 116 016 at %+v", second, first)
			}
		})
	}
	if langs != 30 {
		t.Errorf("%d vald leaflets, want 30 (one per locale)", langs)
	}
}

// box is a word's or a run of words' place on a page, in points from the
// top left.
type box struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
}

var bboxRE = regexp.MustCompile(`<page |<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// bboxWords reads pdftotext -bbox output. Bidi marks pdftotext adds to
// right-to-left words are dropped.
func bboxWords(t *testing.T, html string) []box {
	t.Helper()
	var out []box
	page := 0
	for _, m := range bboxRE.FindAllStringSubmatch(html, -1) {
		if m[0] == "<page " {
			page++
			continue
		}
		var f [4]float64
		for i := range f {
			v, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			f[i] = v
		}
		out = append(out, box{page, f[0], f[1], f[2], f[3], strings.Trim(m[5], "\u200e\u200f")})
	}
	return out
}

// findWords finds consecutive words on one line and returns their joint box.
func findWords(words []box, want ...string) (box, bool) {
	for i := 0; i+len(want) <= len(words); i++ {
		b, ok := words[i], true
		for k, w := range want {
			x := words[i+k]
			if x.text != w || x.page != b.page || x.y0 != b.y0 {
				ok = false
				break
			}
			b.x0, b.x1, b.y1 = min(b.x0, x.x0), max(b.x1, x.x1), max(b.y1, x.y1)
		}
		if ok {
			b.text = strings.Join(want, " ")
			return b, true
		}
	}
	return box{}, false
}
