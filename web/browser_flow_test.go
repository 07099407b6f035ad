package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/orders/sqlitestore"
	"infogeneratorn/generator/render/svg/svgtest"
)

// A communicator's path through the form in a real browser: what it
// costs (clicks, fields typed, page loads) and that nothing is lost on
// the way.

// browserApp is the app as infogen serve builds it, on a test server,
// with an SQLite order store (drafts, logos, orders, the signing key) in a
// file that outlives a restart.
type browserStores struct{ db string }

func newBrowserStores(t *testing.T) browserStores {
	return browserStores{db: filepath.Join(t.TempDir(), "orders.db")}
}

// browserApp starts the app; stop ends the server and closes its store,
// as a restart does.
func browserApp(t *testing.T, st browserStores) (srv *httptest.Server, withPDF bool, stop func()) {
	t.Helper()
	_, pdfErr := pdfRenderer()
	if pdfErr != nil {
		t.Errorf("the PDF renderer does not build, PDFs are not checked: %v", pdfErr)
	}
	p := testPipeline(t, pipelineOpts{pdf: pdfErr == nil})
	store, err := sqlitestore.Open(context.Background(), st.db, orders.Options{})
	if err != nil {
		t.Fatal(err)
	}
	key, err := store.SigningKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	h := newTestApp(t, func(c *Config) {
		c.Pipeline = func() *Pipeline { return p }
		c.Orders, c.Secret, c.Now = store, key, time.Now
	})
	srv = httptest.NewServer(h)
	var once sync.Once
	stop = func() { once.Do(func() { srv.Close(); store.Close() }) }
	t.Cleanup(stop)
	return srv, pdfErr == nil, stop
}

// walker drives one tab and counts what the communicator does.
type walker struct {
	t                     *testing.T
	ctx                   context.Context
	clicks, fields, loads int
	step                  int
}

func newWalker(t *testing.T, ctx context.Context) *walker {
	w := &walker{t: t, ctx: ctx}
	chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventLoadEventFired); ok {
			w.loads++
		}
	})
	return w
}

func (w *walker) do(actions ...chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	if err := chromedp.Do(w.ctx, actions...); err != nil {
		w.t.Fatal(err)
	}
}

func (w *walker) click(id string) { w.t.Helper(); w.clicks++; w.do(chromedp.Click(chromedp.ID(id))) }
func (w *walker) typeIn(id, text string) {
	w.t.Helper()
	w.fields++
	w.do(chromedp.SendKeys(chromedp.ID(id), text))
}

// clickAndLoad clicks a control that sends the form and waits for the
// page it leads to.
func (w *walker) clickAndLoad(sel string) {
	w.t.Helper()
	w.clicks++
	w.navigate(chromedp.Click(chromedp.CSS(sel)))
}

// navigate runs an action that leaves the page and waits until the next
// page has loaded.
func (w *walker) navigate(a chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	w.step++
	mark := fmt.Sprint(w.step)
	if _, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](`window.__left = "`+mark+`"`)); err != nil {
		w.t.Fatal(err)
	}
	w.do(a)
	deadline := time.Now().Add(30 * time.Second)
	for {
		done, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](`window.__left !== "`+mark+`" && document.readyState === "complete"`))
		if err == nil && done {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("the page did not load: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// history goes Back, Forward or reloads by script, as the browser's
// buttons do, and waits for the page.
func (w *walker) history(js string) {
	w.t.Helper()
	w.navigate(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		chromedp.Run(ctx, chromedp.Evaluate[any](js)) // may fail as the page goes: the wait below tells
		return nil
	}))
}

func (w *walker) value(id string) string {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(w.ctx, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(id)))
	if err != nil {
		w.t.Fatalf("value of #%s: %v", id, err)
	}
	return v
}

func (w *walker) eval(js string) string {
	w.t.Helper()
	v, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		w.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (w *walker) url() string { return w.eval(`location.pathname + location.search`) }

// kept asserts that the form shows what was typed, after what.
func (w *walker) kept(after string, want map[string]string) {
	w.t.Helper()
	for id, v := range want {
		if got := w.value(id); got != v {
			w.t.Errorf("after %s: #%s reads %q, want %q", after, id, got, v)
		}
	}
}

// reloadKeeps reloads the page and asserts the form still holds want.
func (w *walker) reloadKeeps(step string, want map[string]string) {
	w.t.Helper()
	w.history(`location.reload()`)
	w.kept(step+", then reload", want)
}

var kungsbacka = map[string]string{
	"municipality": "Kungsbacka",
	"c0-name":      "Socialtjänsten, Kungsbacka kommun",
	"c0-phone":     "0300-83 50 00", // typed as +46 (0)300-83 50 00
	"c1-name":      "Socialjouren Halland",
	"c1-phone":     "0300-83 40 01",
	"c2-name":      "Kvinnojouren Kungsbacka",
	"c2-phone":     "0300-12 34 56",
}

// TestBrowserOrder makes the Kungsbacka order (four languages, two topics,
// three contacts, a logo) the way a communicator would, timing it from
// opening the page to holding the ZIP; checks the ZIP; goes Back and
// reloads at every step; restarts the server and changes a contact from
// the private link; and runs axe on every page on the way.
func TestBrowserOrder(t *testing.T) {
	stores := newBrowserStores(t)
	srv, withPDF, stop := browserApp(t, stores)
	ctx, dir, dl := newBrowser(t)
	w := newWalker(t, ctx)
	logo := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(logo, encodePNG(testImage(400, 200)), 0o644); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	w.navigate(chromedp.Navigate(srv.URL + "/"))
	w.typeIn("municipality", "Kungsbacka")
	w.click("topic-vald")
	w.click("topic-foraldraskapsstod")
	for _, l := range []string{"sv", "en", "ar", "so"} {
		w.click("lang-" + l)
	}
	w.typeIn("c0-name", kungsbacka["c0-name"])
	w.typeIn("c0-phone", "+46 (0)300-83 50 00")
	for _, f := range []string{"c1-name", "c1-phone", "c2-name", "c2-phone"} {
		w.typeIn(f, kungsbacka[f])
	}
	w.fields++
	w.do(chromedp.SetUploadFiles(chromedp.ID("logo"), []string{logo}))
	w.clickAndLoad("#check-button")
	if !strings.HasSuffix(w.url(), "/check") {
		t.Fatalf("check led to %s", w.url())
	}
	w.clickAndLoad("#download-button")
	name, data := dl.wait(t, dir)
	took := time.Since(start)
	t.Logf("Kungsbacka order: ZIP %s held after %v: %d clicks, %d fields, %d page loads", name, took.Round(time.Millisecond), w.clicks, w.fields, w.loads)

	if !strings.HasSuffix(name, ".zip") {
		t.Fatalf("downloaded %q, want a ZIP", name)
	}
	artefact(t, name, data)
	m, files := readZip(t, data)
	if len(m.Files) != 8 {
		t.Errorf("%d files, want 8 (2 topics × 4 languages)", len(m.Files))
	}
	for _, f := range m.Files {
		text := string(files[f.Name])
		if f.Format == "pdf" {
			text = pdfText(t, files[f.Name])
		}
		text = strings.ReplaceAll(text, "\u00a0", " ")
		for _, want := range []string{"0300-83 50 00", "Kungsbacka kommun"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", f.Name, want)
			}
		}
	}
	if !withPDF {
		t.Log("PDF renderer not available: checked the HTML leaflets only")
	}
	checkAxe(t, ctx, "confirmation")
	edit := w.eval(`document.getElementById("edit-link").href`)
	printURL := w.eval(`document.getElementById("print-link").href`)
	if !strings.Contains(edit, "/edit/") || !strings.Contains(printURL, "/print/") {
		t.Fatalf("the confirmation's links: edit %q, print %q", edit, printURL)
	}

	// Back from the confirmation: the check page, then the form, both whole.
	w.history(`history.back()`)
	if !strings.HasSuffix(w.url(), "/check") {
		t.Errorf("Back from the confirmation led to %s", w.url())
	}
	checkAxe(t, ctx, "check page")
	w.history(`history.back()`)
	// That was Back to the first page of the form, /new/…: it finds the
	// draft its first post made.
	w.kept("Back to the form", kungsbacka)
	w.reloadKeeps("the form", kungsbacka)
	if got := w.eval(`document.getElementById("lang-so").checked ? "yes" : "no"`); got != "yes" {
		t.Error("Somali no longer chosen")
	}
	if note := w.eval(`(document.getElementById("c0-phone-note") || {}).textContent || ""`); !strings.Contains(note, "+46 (0)300-83 50 00") {
		t.Errorf("the rewritten number is not shown back: %q", note)
	}

	// Add a row and remove it again: Back and reload keep the data, and
	// undo brings a removed contact back.
	w.clickAndLoad(`button[value="add:womens_shelter"]`)
	w.reloadKeeps("adding a row", kungsbacka)
	w.clickAndLoad(`button[value="remove:2"]`)
	if w.value("c2-name") == kungsbacka["c2-name"] {
		t.Error("the contact was not removed")
	}
	w.history(`history.back()`)
	if v := w.value("c0-phone"); v != kungsbacka["c0-phone"] {
		t.Errorf("Back after removing: c0-phone %q", v)
	}
	w.history(`history.forward()`)
	w.clickAndLoad("#undo-button")
	w.kept("undo", kungsbacka)

	// Preview: one click per leaflet, the real PDF's pages in the page,
	// drawn by the browser: one image per page of the PDF, each loaded.
	w.clickAndLoad(`button[value="preview:vald:ar"]`)
	if withPDF {
		src := w.eval(`document.querySelector("#preview a[download]").getAttribute("href")`)
		ct, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+quoteJS(src)+`).then(r => r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
		if err != nil || ct != "application/pdf" {
			t.Errorf("the preview's download is %q (%v), want the PDF", ct, err)
		}
		facts := w.eval(`document.getElementById("preview-facts").textContent`)
		if !strings.Contains(facts, "sidor, A4") {
			t.Errorf("preview does not state pages and paper: %q", facts)
		}
		pages := previewImages(t, ctx)
		if n := regexp.MustCompile(`(\d+) sidor`).FindStringSubmatch(facts); n == nil || fmt.Sprint(len(pages)) != n[1] {
			t.Errorf("%d page images drawn, the facts say %q", len(pages), facts)
		}
		t.Logf("preview: %d pages drawn by Chromium, naturalWidth %v", len(pages), pages)
		chromeMatchesPDF(t, ctx, srv.URL, w.eval(`document.querySelector("#preview-pages img").getAttribute("src")`), src)
		w.do(chromedp.ScrollIntoView("#preview-pages"))
	}
	w.kept("preview", kungsbacka)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	artefact(t, "preview-in-form.png", shot)
	checkAxe(t, ctx, "form with preview")

	// The server restarts (same database); the private link opens the
	// order in the form.
	stop()
	srv2, _, _ := browserApp(t, stores)
	editPath := strings.TrimPrefix(edit, srv.URL)
	w.navigate(chromedp.Navigate(srv2.URL + editPath))
	w.kept("a restart", kungsbacka)
	checkAxe(t, ctx, "form from the edit link")
	w.do(chromedp.Clear(chromedp.ID("c1-phone")))
	w.typeIn("c1-phone", "0300-83 49 99")
	w.clickAndLoad("#check-button")
	w.clickAndLoad("#download-button")
	_, data = dl.wait(t, dir)
	if got := w.eval(`document.getElementById("print-link").href`); strings.TrimPrefix(got, srv2.URL) != strings.TrimPrefix(printURL, srv.URL) {
		t.Errorf("the re-order has another print link: %s, was %s", got, printURL)
	}
	// The print shop downloads the files from its link.
	w.navigate(chromedp.Navigate(srv2.URL + strings.TrimPrefix(printURL, srv.URL)))
	w.do(chromedp.Click(chromedp.CSS(`a[href$="bundle.zip"]`)))
	name, data = dl.wait(t, dir)
	t.Logf("from the print link: %s", name)
	m, files = readZip(t, data)
	for _, f := range m.Files {
		// The social emergency service (c1) prints on the violence leaflets.
		if f.Format == "pdf" && f.Topic == "vald" && !strings.Contains(strings.ReplaceAll(pdfText(t, files[f.Name]), "\u00a0", " "), "0300-83 49 99") {
			t.Errorf("%s lacks the changed number", f.Name)
		}
	}
}

// previewImages waits for the preview's page images to load and returns
// each one's naturalWidth as Chromium decoded it (0: not drawn).
func previewImages(t *testing.T, ctx context.Context) []int {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`Array.from(document.querySelectorAll("#preview-pages img")).every(i => i.complete)`)); err != nil {
		t.Fatalf("the preview's images did not load: %v", err)
	}
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`Array.from(document.querySelectorAll("#preview-pages img")).map(i => i.naturalWidth)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(widths) == 0 {
		t.Error("no page images in the preview")
	}
	for i, w := range widths {
		if w == 0 {
			t.Errorf("page image %d was not drawn (naturalWidth 0)", i+1)
		}
	}
	return widths
}

// chromeMatchesPDF opens the preview's first page image on its own in a
// tab of the same Chromium at its own size (A4: 794 × 1123 CSS pixels, 96
// per inch), screenshots it, and holds it against poppler's rendering of
// the PDF's first page at the same size (svgtest): the pages Chromium
// shows are the PDF's.
func chromeMatchesPDF(t *testing.T, ctx context.Context, base, pagePath, pdfPath string) {
	t.Helper()
	const w, h = 794, 1123
	resp, err := http.Get(base + pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the preview's PDF: %d %v", resp.StatusCode, err)
	}
	want, err := svgtest.RasterPDF(t.TempDir(), pdf, "-f", "1", "-l", "1", "-scale-to-x", fmt.Sprint(w), "-scale-to-y", fmt.Sprint(h))
	if err != nil || len(want) != 1 {
		t.Fatalf("pdftoppm: %d pages, %v", len(want), err)
	}
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	err = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1})
		return err
	}), chromedp.Navigate(base+pagePath))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	artefact(t, "preview-page-1-chromium.png", shot)
	got, err := svgtest.ReadPNG(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	all, edges, strict := svgtest.Agreement(want[0], got)
	t.Logf("page 1 as Chromium draws the SVG against poppler's PDF at %d × %d: %.2f %% of pixels agree, %.2f %% of edge pixels (in place: %.2f %%)",
		w, h, 100*all, 100*edges, 100*strict)
	if all < svgtest.MinAgree || edges < svgtest.MinEdgeAgree {
		t.Errorf("Chromium's page 1 agrees with the PDF's in %.2f %% of pixels and %.2f %% of edge pixels, want %.0f %% and %.0f %%",
			100*all, 100*edges, 100*svgtest.MinAgree, 100*svgtest.MinEdgeAgree)
	}
}

func quoteJS(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// TestBrowserForm checks the new pages' accessibility and layout: the
// empty form, the form with errors, the form at 390 px, and a logo too
// large for the server that keeps the draft.
func TestBrowserForm(t *testing.T) {
	srv, _, _ := browserApp(t, newBrowserStores(t))
	ctx, _, _ := newBrowser(t)
	w := newWalker(t, ctx)
	w.navigate(chromedp.Navigate(srv.URL + "/"))
	if lang := w.eval(`document.documentElement.lang`); lang != "sv" {
		t.Errorf("form language %q, want sv", lang)
	}
	checkAxe(t, ctx, "empty form")

	// Enter in a text field does not send the form.
	w.do(chromedp.SendKeys(chromedp.ID("municipality"), "Kungsbacka"+kb.Enter), chromedp.Sleep(300*time.Millisecond))
	if u := w.url(); !strings.HasPrefix(u, "/new/") {
		t.Errorf("Enter in a field sent the form (now at %s)", u)
	}
	// The roles follow the chosen topics.
	w.click("topic-foraldraskapsstod")
	if in := w.eval(`document.getElementById("role-womens_shelter").closest("#roles-more") ? "more" : "main"`); in != "more" {
		t.Errorf("with parenting support only, the women's shelter is in %s, want behind Fler roller", in)
	}
	if in := w.eval(`document.getElementById("role-open_preschool").closest("#roles-main") ? "main" : "more"`); in != "main" {
		t.Errorf("the open preschool is in %s", in)
	}

	// An order with problems: the summary takes focus and names the contact.
	w.do(chromedp.SendKeys(chromedp.ID("c0-name"), "Socialtjänsten"), chromedp.SendKeys(chromedp.ID("c0-phone"), "12-ab"))
	w.clickAndLoad("#check-button")
	// Autofocus applies at the browser's next rendering step, after load.
	f := ""
	for range 40 {
		if f = w.eval(`document.activeElement.id`); f == "error-summary" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if f != "error-summary" {
		t.Errorf("focus is on %q, want the error summary", f)
	}
	summary := w.eval(`document.getElementById("error-summary").textContent`)
	if !strings.Contains(summary, "Socialtjänsten, kontakt 1, telefon: ”12-ab” är inte ett telefonnummer.") {
		t.Errorf("the summary does not name the contact and field:\n%s", summary)
	}
	checkAxe(t, ctx, "form with errors")

	// A 10 MB logo: a field error, everything else kept.
	big := filepath.Join(t.TempDir(), "big.png")
	if err := os.WriteFile(big, append(encodePNG(testImage(8, 8)), make([]byte, 10<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	w.do(chromedp.SetUploadFiles(chromedp.ID("logo"), []string{big}))
	w.clickAndLoad("#save-button")
	if text := w.eval(`document.getElementById("error-summary").textContent`); !strings.Contains(text, "Logotyp: Filen är för stor.") {
		t.Errorf("no logo error: %q", text)
	}
	w.kept("a 10 MB logo", map[string]string{"municipality": "Kungsbacka", "c0-name": "Socialtjänsten", "c0-phone": "12-ab"})

	// 390 px wide: nothing overflows.
	w.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride,
			emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true})
		return err
	}))
	w.history(`location.reload()`)
	over := w.eval(`(() => { const h = document.querySelector("h1"); const d = document.documentElement;
		return h.scrollWidth + "/" + h.clientWidth + " " + d.scrollWidth + "/" + d.clientWidth; })()`)
	var hs, hc, ds, dc int
	if _, err := fmtSscan(over, &hs, &hc, &ds, &dc); err != nil || hs > hc || ds > dc {
		t.Errorf("at 390 px: heading %d/%d, page %d/%d wide (%v)", hs, hc, ds, dc, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		artefact(t, "form-390px.png", shot)
	}
}

// TestBrowserKeyboard completes the main path with Tab, Space, Enter and
// typing alone, counting the Tabs, and checks that every control that
// takes focus shows it.
func TestBrowserKeyboard(t *testing.T) {
	srv, _, _ := browserApp(t, newBrowserStores(t))
	ctx, dir, dl := newBrowser(t)
	w := newWalker(t, ctx)
	w.navigate(chromedp.Navigate(srv.URL + "/"))
	// What to do when focus reaches each control, in page order.
	steps := []struct {
		id   string
		keys string
		load bool
	}{
		{"municipality", "Halmstad", false},
		{"topic-vald", " ", false},
		{"lang-sv", " ", false},
		{"lang-ar", " ", false},
		{"c0-name", "Socialtjänsten", false},
		{"c0-phone", browserPhones[0], false},
		{"check-button", kb.Enter, true},
		{"download-button", kb.Enter, true},
	}
	type focus struct {
		ID, Tag, Outline, Shadow string
	}
	const probe = `(() => { const e = document.activeElement; const s = getComputedStyle(e);
		return {ID: e.id, Tag: e.tagName, Outline: s.outlineStyle, Shadow: s.boxShadow}; })()`
	step, tabs := 0, 0
	var seen []string
	for step < len(steps) {
		if tabs > 800 {
			t.Fatalf("after %d Tabs, %q never took focus (last: %v)", tabs, steps[step].id, seen[max(0, len(seen)-5):])
		}
		w.do(chromedp.KeyEvent(kb.Tab))
		f, err := chromedp.Run(ctx, chromedp.Evaluate[focus](probe))
		if err != nil {
			t.Fatal(err)
		}
		tabs++
		seen = append(seen, f.ID)
		if f.Tag != "BODY" && f.Outline == "none" && (f.Shadow == "" || f.Shadow == "none") {
			t.Errorf("focus on %s#%s is not visible", f.Tag, f.ID)
		}
		if f.ID != steps[step].id {
			continue
		}
		if steps[step].load {
			w.navigate(chromedp.KeyEvent(steps[step].keys))
		} else {
			w.do(chromedp.KeyEvent(steps[step].keys))
		}
		step++
	}
	name, data := dl.wait(t, dir)
	if !strings.HasSuffix(name, ".zip") {
		t.Fatalf("downloaded %q", name)
	}
	m, files := readZip(t, data)
	if len(m.Languages) != 2 || len(m.Files) == 0 {
		t.Fatalf("manifest: %+v", m)
	}
	for n, f := range files {
		if n == "manifest.json" {
			continue
		}
		text := string(f)
		if strings.HasSuffix(n, ".pdf") {
			text = pdfText(t, f)
		}
		if !strings.Contains(strings.ReplaceAll(text, "\u00a0", " "), browserPhones[0]) {
			t.Errorf("%s lacks %s", n, browserPhones[0])
		}
	}
	t.Logf("form completed and submitted with %d Tabs", tabs)
}

func fmtSscan(s string, v ...*int) (int, error) {
	return fmt.Sscanf(strings.NewReplacer("/", " ").Replace(s), "%d %d %d %d", v[0], v[1], v[2], v[3])
}
