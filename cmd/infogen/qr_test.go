package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerateQR prints a leaflet with --qr and --qr-url, rasterises the
// PDF's pages as a phone camera would see them (pdftoppm, 150 dpi) and
// reads the code back with zbarimg (zbar-tools): one code, leading to
// the address asked for. The HTML
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
		if len(pages) == 0 {
			t.Fatalf("%s: pdftoppm made no pages", lang)
		}
		// zbarimg exits 4 when it finds no code in any image: that is an
		// answer (no code), not a failure of the tool.
		got, err := exec.Command("zbarimg", append([]string{"--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"}, pages...)...).Output()
		if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 4) {
			t.Fatalf("zbarimg (zbar-tools) on %s: %v", lang, err)
		}
		if codes := strings.Fields(string(got)); len(codes) != 1 || codes[0] != target {
			t.Errorf("%s: the pages' QR codes lead to %q, want one code leading to %q", lang, codes, target)
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
