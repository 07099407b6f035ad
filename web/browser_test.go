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

// The browser tests share one headless Chromium (started on first use,
// one tab per test) that downloads into one folder.
type sharedChromium struct {
	ctx  context.Context // the browser's first tab
	dir  string
	err  error
	stop func()
}

var chromium struct {
	once sync.Once
	b    sharedChromium
}

// newBrowser returns a new tab of the shared browser, and the folder and
// watcher of its downloads.
func newBrowser(t *testing.T) (context.Context, string, *downloads) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("%s is missing: the test command installs it (apt-get install chromium)", chromiumPath)
	}
	chromium.once.Do(func() {
		b := &chromium.b
		b.dir, b.err = os.MkdirTemp("", "infogen-browser-")
		if b.err != nil {
			return
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
			chromedp.UserDataDir(filepath.Join(b.dir, "profile")),
			chromedp.WindowSize(1280, 1600),
		}
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelC := chromedp.NewContext(actx)
		b.ctx, b.stop = ctx, func() { cancelC(); cancelA(); os.RemoveAll(b.dir) }
		b.err = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
	})
	b := chromium.b
	if b.err != nil {
		t.Fatalf("starting Chromium: %v", b.err)
	}
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	events := true
	err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: b.dir, EventsEnabled: &events})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return ctx, b.dir, watchDownloads(ctx)
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
