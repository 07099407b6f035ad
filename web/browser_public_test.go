package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTooLargeKeepsDraft sends a form over the 64 MiB the server
// reads from a saved draft in Chromium: the 413 page it shows passes axe
// and its link leads back to the draft with everything in it.
func TestBrowserTooLargeKeepsDraft(t *testing.T) {
	srv, _, _ := browserApp(t, newBrowserStores(t))
	ctx, _, _ := newBrowser(t)
	w := newWalker(t, ctx)
	w.navigate(chromedp.Navigate(srv.URL + "/"))
	w.typeIn("municipality", "Kungsbacka")
	w.typeIn("c0-name", "Socialtjänsten Kungsbacka")
	w.typeIn("c0-phone", "0300-83 50 00")
	w.clickAndLoad("#save-button")
	draft := w.url()
	if !strings.HasPrefix(draft, "/d/") {
		t.Fatalf("after Spara the page is %s, not a draft", draft)
	}

	huge := filepath.Join(t.TempDir(), "huge.png")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: 65 MiB that takes no room on disk.
	if err := f.Truncate(maxFormReadBytes + 1<<20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	w.do(chromedp.SetUploadFiles(chromedp.ID("logo"), []string{huge}))
	w.clickAndLoad("#save-button")
	if h1 := w.eval(`document.querySelector("h1").textContent`); h1 != "Filen är för stor" {
		t.Errorf("the page after a 65 MiB post is headed %q", h1)
	}
	if text := w.eval(`document.querySelector("main").textContent`); !strings.Contains(text, "Allt du sparade före det finns kvar") {
		t.Errorf("the 413 page does not say the draft is kept: %q", text)
	}
	if lang := w.eval(`document.documentElement.lang`); lang != "sv" {
		t.Errorf("the 413 page's language is %q", lang)
	}
	back := w.eval(`(document.querySelector('main a[href^="/d/"]') || {}).pathname || ""`)
	if back != draft {
		t.Errorf("the 413 page leads to %q, want the draft %s", back, draft)
	}
	screenshot(t, ctx, "too-large.png")
	checkAxe(t, ctx, "too large page")

	w.clickAndLoad(`main a[href^="/d/"]`)
	w.kept("the way back from the 413 page", map[string]string{"municipality": "Kungsbacka",
		"c0-name": "Socialtjänsten Kungsbacka", "c0-phone": "0300-83 50 00"})
}
