package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"infogeneratorn/generator/exchange"
	"infogeneratorn/generator/review"
	"infogeneratorn/generator/xliff"
	"infogeneratorn/locales"
)

// reviewed is the shipped locales' review snapshot, loaded once as the
// server loads it: by their seal.
var reviewed = sync.OnceValues(func() (*review.Snapshot, error) {
	seal, err := review.ReadSeal(locales.Seal())
	if err != nil {
		return nil, err
	}
	return review.Load(review.Config{Locales: locales.FS(), Root: "locales", Seal: seal})
})

// reviewApp is the app over a pipeline that has the translators' review
// state, as `infogen serve` runs it.
func reviewApp(t *testing.T) (http.Handler, *Pipeline) {
	t.Helper()
	snap, err := reviewed()
	if err != nil {
		t.Fatal(err)
	}
	p := testPipeline(t, pipelineOpts{})
	p.Review = snap
	return newTestApp(t, func(c *Config) { c.Pipeline = func() *Pipeline { return p } }), p
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// TestStatusPage: language names and plain sentences, never codes; what
// "checked" means and who may check; per topic, how much is checked; in
// Swedish and in English.
func TestStatusPage(t *testing.T) {
	h, _ := reviewApp(t)
	tests := []struct {
		lang string
		want []string
	}{
		{"sv", []string{
			`<span lang="ar" dir="rtl">العربية</span> <span class="name">(arabiska)</span>`,
			"Ingen auktoriserad translator har granskat den här översättningen ännu.",
			"Svenska är källtexten.", "Kammarkollegiet", "Vad betyder granskad?",
			`aria-label="Till dig som utsätts för våld i en nära relation: 0 av `,
			`href="/status/xliff/fa-AF?lang=sv" download>Ladda ner texterna på dari för översättare (XLIFF)`,
		}},
		{"en", []string{
			`<span lang="ti" dir="ltr">ትግርኛ</span> <span class="name">(Tigrinya)</span>`,
			"No authorised translator has checked this translation yet.",
			"Kammarkollegiet", "What does “checked” mean?", "texts checked",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			w := do(h, httptest.NewRequest(http.MethodGet, "/status?lang="+tt.lang, nil))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			checkPageHeaders(t, w)
			body := w.Body.String()
			for _, want := range tt.want {
				if !strings.Contains(body, want) {
					t.Errorf("status page lacks %q", want)
				}
			}
			// What a reader sees: no language codes, no script codes.
			text := tagRE.ReplaceAllString(body, " ")
			for _, code := range []string{"fa-AF", "sr-Latn", "sv-x-lattlast", " Latn", "Ethi", " ckb "} {
				if strings.Contains(text, code) {
					t.Errorf("the page shows the code %q", code)
				}
			}
			if n := strings.Count(body, `<li class="status-lang"`); n != 30 {
				t.Errorf("%d languages, want 30", n)
			}
		})
	}
}

// TestStatusXLIFF: the download is the same file the command writes, an
// XLIFF 2.0 attachment; the source and unknown languages have none.
func TestStatusXLIFF(t *testing.T) {
	h, p := reviewApp(t)
	w := do(h, httptest.NewRequest(http.MethodGet, "/status/xliff/ar", nil))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/xliff+xml; charset=utf-8" ||
		w.Header().Get("Content-Disposition") != `attachment; filename="infogeneratorn-ar.xlf"` {
		t.Fatalf("%d %q %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"))
	}
	var want bytes.Buffer
	if err := exchange.WriteExport(&want, exchange.Locales{Snap: p.Review, Topics: p.Topics}, "ar", ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.Body.Bytes(), want.Bytes()) {
		t.Error("the download differs from the command's export")
	}
	doc, err := xliff.Decode(w.Body, xliff.DefaultLimits)
	if err != nil || doc.TrgLang != "ar" || len(xliff.Check(doc)) > 0 {
		t.Errorf("download: %v", err)
	}
	for _, path := range []string{"/status/xliff/sv", "/status/xliff/xx", "/status/xliff/..%2f"} {
		if w := do(h, httptest.NewRequest(http.MethodGet, path, nil)); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
}

// TestBrowserStatus opens the status page and the accessibility statement
// at 390 px, as on a phone: nothing is wider than the screen, axe-core
// finds no WCAG violation, and
// the form's link to it opens a new tab so that the form keeps its draft.
func TestBrowserStatus(t *testing.T) {
	h, _ := reviewApp(t)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ctx, _, _ := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/status?lang=sv")); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 390 {
		t.Errorf("the page is %d px wide at a 390 px viewport: something is cut off", width)
	}
	clipped, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > 390.5).length`))
	if err != nil || clipped > 0 {
		t.Errorf("%d elements reach past the right edge (%v)", clipped, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	artefact(t, "status-390.png", png)
	checkAxe(t, ctx, "status 390")

	// The accessibility statement, at the same width, in both languages.
	for _, lang := range []string{"sv", "en"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/tillganglighet?lang="+lang)); err != nil {
			t.Fatal(err)
		}
		if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || w > 390 {
			t.Errorf("accessibility statement %s: %d px wide at a 390 px viewport (%v)", lang, w, err)
		}
		checkAxe(t, ctx, "accessibility statement "+lang)
	}

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/?lang=sv")); err != nil {
		t.Fatal(err)
	}
	target, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`footer a[href^="/status"]`), "target"))
	if err != nil || target.Value != "_blank" {
		t.Errorf("the form's status link opens in %q (%v), want a new tab", target.Value, err)
	}
}
