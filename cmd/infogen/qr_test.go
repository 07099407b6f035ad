package main

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"infogeneratorn/generator/qrcode"
)

// TestGenerateQR prints a leaflet with --qr and --qr-url, rasterises the
// PDF's pages as a phone camera would see them (pdftoppm, 150 dpi) and
// reads the code back: it leads to the address asked for. The HTML
// leaflet carries the same code as inline SVG.
func TestGenerateQR(t *testing.T) {
	out := t.TempDir()
	const target = "https://www.kungsbacka.se/omsorg-och-stod/vald-i-nara-relationer"
	code, _, stderr := runCLI(t, "", "generate", "--example", "--formats", "pdf,html", "--langs", "sv,ar",
		"--topics", "vald", "--qr-url", target, "--date", "2026-11-25", "--out", out)
	if code != 0 {
		t.Fatalf("generate: %d\n%s", code, stderr)
	}
	for _, lang := range []string{"sv", "ar"} {
		pdf := filepath.Join(out, "vald_"+lang+".pdf")
		if o, err := exec.Command("pdftoppm", "-png", "-r", "150", pdf, filepath.Join(out, lang)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm (poppler-utils): %v\n%s", err, o)
		}
		pages, _ := filepath.Glob(filepath.Join(out, lang+"-*.png"))
		found := false
		for _, p := range pages {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if got, err := qrcode.Decode(img); err == nil {
				if got != target {
					t.Errorf("%s: the QR code leads to %q, want %q", lang, got, target)
				}
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no readable QR code on any of %d pages", lang, len(pages))
		}
		html, err := os.ReadFile(filepath.Join(out, "vald_"+lang+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), `<svg class="qr"`) || !strings.Contains(string(html), target) {
			t.Errorf("%s: the HTML leaflet has no QR code or lacks its address", lang)
		}
	}
}
