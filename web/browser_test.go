package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser tests drive Debian's Chromium through the form as a
// communicator would, check what they download the way a print shop and a
// reader would (the manifest, pdftotext), and run axe-core's WCAG 2.1 A
// and AA rules on the form and on the preview. The test command installs
// Chromium (apt-get install chromium) and axe-core
// (npm install --prefix web/testdata axe-core@4); a missing one fails
// these tests rather than skipping them.

const (
	chromiumPath = "/usr/bin/chromium"
	axePath      = "testdata/node_modules/axe-core/axe.min.js"
	artefactDir  = "testdata/artefacts"
)

// The phone numbers the browser types; every leaflet must print them
// digit for digit.
var browserPhones = []string{"035-13 70 00", "035-13 70 01", "020-50 50 50"}

// newBrowser starts a fresh headless Chromium that downloads into dir.
func newBrowser(t *testing.T, dir string) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("%s is missing: the test command installs it (apt-get install chromium)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "sv-SE"),
		chromedp.Flag("accept-lang", "sv-SE,sv"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1600),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	events := true
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events})
		return err
	}))
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// downloads collects finished downloads: GUID → suggested file name.
type downloads struct {
	mu    sync.Mutex
	names map[string]string
	done  chan string
}

func watchDownloads(ctx context.Context) *downloads {
	d := &downloads{names: map[string]string{}, done: make(chan string, 8)}
	chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			d.mu.Lock()
			d.names[ev.GUID] = ev.SuggestedFilename
			d.mu.Unlock()
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				d.done <- ev.GUID
			}
		}
	})
	return d
}

func (d *downloads) wait(t *testing.T, dir string) (name string, data []byte) {
	t.Helper()
	select {
	case guid := <-d.done:
		d.mu.Lock()
		name = d.names[guid]
		d.mu.Unlock()
		data, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			t.Fatal(err)
		}
		return name, data
	case <-time.After(60 * time.Second):
		t.Fatal("no download finished within a minute")
	}
	return "", nil
}

func artefact(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(artefactDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artefactDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	artefact(t, name, png)
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// checkAxe runs axe-core's WCAG 2.0/2.1 A and AA rules on the page and
// fails on any violation.
func checkAxe(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("axe-core is missing (%v): the test command installs it with npm install --prefix web/testdata axe-core@4", err)
	}
	script := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		.then(r => JSON.stringify({violations: r.violations, passes: r.passes.length}))`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(src))); err != nil {
		t.Fatalf("injecting axe into %s: %v", what, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", what, err)
	}
	var res struct {
		Violations []axeViolation `json:"violations"`
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	artefact(t, "axe-"+strings.ReplaceAll(what, " ", "-")+".json", []byte(raw))
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target))
		}
		t.Errorf("%s: WCAG violation %s (%s): %s at %s", what, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
}

func browserServer(t *testing.T) (*httptest.Server, bool) {
	t.Helper()
	_, pdfErr := pdfRenderer()
	p := testPipeline(t, pipelineOpts{pdf: pdfErr == nil})
	if pdfErr != nil {
		t.Errorf("the PDF renderer does not build, PDFs are not checked: %v", pdfErr)
	}
	h := newTestApp(t, func(c *Config) { c.Pipeline = func() *Pipeline { return p } })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, pdfErr == nil
}

// TestBrowserForm fills the form for Swedish and Arabic, previews the
// Arabic leaflet, downloads the ZIP and checks it, and runs axe on the
// form and the preview.
func TestBrowserForm(t *testing.T) {
	srv, withPDF := browserServer(t)
	dir := t.TempDir()
	ctx := newBrowser(t, dir)
	dl := watchDownloads(ctx)
	id := func(s string) chromedp.ID { return chromedp.ID(s) }

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(id("municipality_code"))); err != nil {
		t.Fatal(err)
	}
	if lang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")); err != nil || lang.Value != "sv" {
		t.Errorf("form language %q (%v), want sv", lang.Value, err)
	}
	checkAxe(t, ctx, "empty form")

	// The script's search narrows the municipality list.
	err := chromedp.Do(ctx,
		chromedp.SendKeys(id("municipality-search"), "halms"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Poll[bool](`document.getElementById("municipality_code").options.length === 2`,
				chromedp.WithPollingTimeout(5*time.Second))(ctx, tg)
			return err
		}))
	if err != nil {
		t.Fatalf("search-as-you-type did not narrow the list to Halmstad: %v", err)
	}

	steps := []chromedp.Action[chromedp.Void]{
		chromedp.SetValue(id("municipality_code"), "1380"),
		chromedp.Click(id("topic-vald")),
		chromedp.Click(id("lang-ar")),
		chromedp.SendKeys(id("c0-name"), "Socialtjänsten, Halmstads kommun"),
		chromedp.SendKeys(id("c0-phone"), browserPhones[0]),
		chromedp.SendKeys(id("c0-email"), "socialtjansten@halmstad.se"),
		chromedp.SetValue(id("c0-h0-from-day"), "mon"),
		chromedp.SetValue(id("c0-h0-to-day"), "fri"),
		chromedp.SetValue(id("c0-h0-open"), "08:00"),
		chromedp.SetValue(id("c0-h0-close"), "16:30"),
		chromedp.SendKeys(id("c1-name"), "Socialjouren"),
		chromedp.SendKeys(id("c1-phone"), browserPhones[1]),
		chromedp.SendKeys(id("c2-name"), "Kvinnojouren i Halmstad"),
		chromedp.SendKeys(id("c2-phone"), browserPhones[2]),
	}
	if withPDF {
		steps = append(steps, chromedp.Click(id("format-html"))) // PDF is checked already
	}
	// Swedish is chosen after a round trip that adds a row: the page comes
	// back with everything typed.
	steps = append(steps,
		chromedp.Click(chromedp.CSS(`button[value="add:womens_shelter"]`)),
		chromedp.WaitVisible(id("c10-name")),
		chromedp.Click(id("lang-sv")))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	if kept, err := chromedp.Run(ctx, chromedp.Value(id("c2-phone"))); err != nil || kept != browserPhones[2] {
		t.Fatalf("after adding a row the phone reads %q (%v)", kept, err)
	}
	screenshot(t, ctx, "form-filled.png")
	checkAxe(t, ctx, "filled form")

	// Preview the Arabic leaflet in the page.
	err = chromedp.Do(ctx,
		chromedp.SetValue(id("preview-lang"), "ar"),
		chromedp.Click(id("preview-button")),
		chromedp.WaitVisible(id("preview-frame")))
	if err != nil {
		t.Fatal(err)
	}
	src, err := chromedp.Run(ctx, chromedp.AttributeValue(id("preview-frame"), "src"))
	if err != nil || !strings.HasPrefix(src.Value, "/preview/") {
		t.Fatalf("preview frame src %q (%v)", src.Value, err)
	}
	waitFrame(t, ctx, src.Value)
	// A full-page screenshot leaves out frames that run in a process of
	// their own, as sandboxed frames do: take the viewport instead.
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(id("preview-frame")), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	artefact(t, "preview-in-form.png", shot)
	checkAxe(t, ctx, "form with preview")

	// The preview itself, opened alone, for its own screenshot and axe.
	pctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(pctx, chromedp.Navigate(srv.URL+src.Value)); err != nil {
		t.Fatal(err)
	}
	if lang, err := chromedp.Run(pctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")); err != nil || lang.Value != "ar" {
		t.Errorf("preview language %q (%v)", lang.Value, err)
	}
	body, err := chromedp.Run(pctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range browserPhones {
		if !strings.Contains(strings.ReplaceAll(body, "\u00a0", " "), p) {
			t.Errorf("preview lacks %s", p)
		}
	}
	screenshot(t, pctx, "preview-ar.png")
	checkAxe(t, pctx, "preview")
	cancel()

	// Download the set.
	if err := chromedp.Do(ctx, chromedp.Click(id("download-button"))); err != nil {
		t.Fatal(err)
	}
	name, data := dl.wait(t, dir)
	if !strings.HasSuffix(name, ".zip") {
		t.Fatalf("downloaded %q, want a ZIP", name)
	}
	artefact(t, name, data)
	m, files := readZip(t, data)
	want := []string{"vald_sv.html", "vald_ar.html"}
	if withPDF {
		want = []string{"vald_sv.pdf", "vald_sv.html", "vald_ar.pdf", "vald_ar.html"}
	}
	checkManifest(t, m, files, want)
	for _, f := range m.Files {
		text := string(files[f.Name])
		if f.Format == "pdf" {
			text = pdfText(t, files[f.Name])
		}
		text = strings.ReplaceAll(text, "\u00a0", " ")
		for _, p := range browserPhones {
			if !strings.Contains(text, p) {
				t.Errorf("%s lacks the phone number %s", f.Name, p)
			}
		}
	}
	if !withPDF {
		t.Log("PDF renderer not available: checked the HTML leaflets only")
	}
}

// waitFrame waits until the page's frame at path has loaded its own
// document, not an error page. A sandboxed frame runs in a process of its
// own, so the browser lists it as a target of type "iframe".
func waitFrame(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	var last []string
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var infos []*target.Info
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			r, err := chromedp.CallBrowser(ctx, target.GetTargets, target.GetTargetsParams{})
			infos = r.TargetInfos
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		last = last[:0]
		for _, in := range infos {
			last = append(last, in.Type+" "+in.URL)
			if in.Type == "iframe" && strings.HasSuffix(in.URL, path) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the frame %s did not load; targets: %q", path, last)
}

// pdfText is what a reader copying from the PDF gets.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "leaflet.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils): %v", err)
	}
	return string(out)
}

// TestBrowserKeyboard completes and submits the form with Tab, Space,
// Enter and typing alone, and checks that every control that takes focus
// shows it.
func TestBrowserKeyboard(t *testing.T) {
	srv, _ := browserServer(t)
	dir := t.TempDir()
	ctx := newBrowser(t, dir)
	dl := watchDownloads(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("download-button"))); err != nil {
		t.Fatal(err)
	}
	// What to do when focus reaches each control, in page order.
	steps := []struct {
		id   string
		keys string
	}{
		{"municipality_code", "Halmstad"},
		{"topic-vald", " "},
		{"lang-sv", " "},
		{"lang-ar", " "},
		{"c0-name", "Socialtjänsten"},
		{"c0-phone", browserPhones[0]},
		{"download-button", kb.Enter},
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
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
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
		if err := chromedp.Do(ctx, chromedp.KeyEvent(steps[step].keys)); err != nil {
			t.Fatal(err)
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
