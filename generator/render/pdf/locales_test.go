package pdf

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/build"
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
	cat, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatal(err)
	}
	refdata, err := build.LoadData()
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

// TestRealLocales renders every leaflet the shipped locales can make and
// checks what the acceptance asks of each: fonts embedded and
// subset (pdffonts), no qpdf error, every paragraph in logical order by
// pdftotext within 2 % character errors, and every phone number digit for
// digit.
func TestRealLocales(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every leaflet of every locale")
	}
	r := testRenderer(t)
	docs, missing := realLeaflets(t)
	t.Logf("%d leaflets, %d (topic, locale) pairs without texts", len(docs), missing)
	worst, worstBare := map[string]float64{}, map[string]float64{}
	for _, doc := range docs {
		t.Run(string(doc.Topic)+"_"+doc.Lang, func(t *testing.T) {
			doc.Print = doc.Topic == vocab.TopicViolence // one print leaflet per locale
			out, err := r.Render(doc)
			if err != nil {
				t.Fatal(err)
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
			text := pdftotext(t, out)
			noSpaces := doc.Script == "Thai"
			// Yiddish is written with points (YIVO): its rate is reported,
			// and held to 2 % only without the points (see TestTextLayer).
			pointed := doc.Script == "Hebr"
			got := normalize(text, noSpaces)
			var errs, errsBare, total float64
			for _, want := range docTexts(doc) {
				w := normalize(want, noSpaces)
				e := cer(w, got)
				if e > 0.02 && !pointed {
					t.Logf("CER %.1f%%: %q", 100*e, want)
				}
				errs += e * float64(len(w))
				errsBare += cer(withoutMarks(w), withoutMarks(got)) * float64(len(w))
				total += float64(len(w))
			}
			rate, bare := errs/total, errsBare/total
			worst[doc.Lang] = max(worst[doc.Lang], rate)
			worstBare[doc.Lang] = max(worstBare[doc.Lang], bare)
			if rate > 0.02 && !pointed || bare > 0.02 {
				t.Errorf("CER %.2f%% over the leaflet, %.2f%% without marks", 100*rate, 100*bare)
			}
			flat := strings.ReplaceAll(text, "\u00a0", " ")
			for _, b := range doc.Blocks {
				for _, c := range b.Cards {
					for _, p := range c.Phones {
						if ph := strings.ReplaceAll(p.Bare(), "\u00a0", " "); !strings.Contains(flat, ph) {
							t.Errorf("phone number %q not in the text layer", ph)
						}
					}
				}
			}
		})
	}
	for _, lang := range slices.Sorted(maps.Keys(worst)) {
		t.Logf("%s: worst leaflet CER %.2f%%, %.2f%% without marks", lang, 100*worst[lang], 100*worstBare[lang])
	}
}
