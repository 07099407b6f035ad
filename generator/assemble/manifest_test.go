package assemble

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
)

// newPDFBuilder is newBuilder with the shipped PDF renderer.
func newPDFBuilder(t testing.TB) *Builder {
	t.Helper()
	b := newBuilder(t)
	p, err := pdf.NewEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	b.renderers[p.Format()] = p
	return b
}

// pngLogo is a w × h logo in a gradient.
func pngLogo(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: 200, G: uint8(x), B: 40, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestManifestSaysWhatThePrintShopGets: every file says its paper and
// whether it is for print; a PDF its page count; a print PDF its PDF/X
// version and printing condition; and a print PDF whose logo prints below
// 150 dpi carries a warning naming the resolution, which the digital PDF
// and the HTML do not.
func TestManifestSaysWhatThePrintShopGets(t *testing.T) {
	b := newPDFBuilder(t)
	tests := []struct {
		name     string
		print    bool
		paper    string
		logoW    int
		wantPDFX string
		wantWarn bool
	}{
		{"print, sharp logo", true, "a4", 1200, pdf.PDFX1a, false},
		{"print A5, soft logo", true, "a5", 40, pdf.PDFX1a, true},
		{"digital, soft logo", false, "a4", 40, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := &request.Request{Municipality: request.Municipality{Code: "1380"}, Topics: []string{"vald"},
				Languages: []string{"sv"}, Formats: []string{"pdf", "html"}, Paper: tc.paper, Print: tc.print,
				Logo: pngLogo(t, tc.logoW, tc.logoW*2/5)}
			files, err := b.Build(req)
			if err != nil {
				t.Fatal(err)
			}
			m := NewManifest(files, "test", time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC))
			for _, f := range m.Files {
				if f.Paper != tc.paper || f.Print != tc.print {
					t.Errorf("%s: paper %q print %v", f.Name, f.Paper, f.Print)
				}
				if f.Format == "html" {
					if f.Pages != 0 || f.PDFX != "" || f.Warnings != nil {
						t.Errorf("%s: %+v", f.Name, f)
					}
					continue
				}
				if f.Pages < 2 {
					t.Errorf("%s: %d pages", f.Name, f.Pages)
				}
				if f.PDFX != tc.wantPDFX {
					t.Errorf("%s: PDF/X %q, want %q", f.Name, f.PDFX, tc.wantPDFX)
				}
				if cond := tc.wantPDFX != ""; (f.PrintCondition == pdf.PrintCondition) != cond {
					t.Errorf("%s: printing condition %q", f.Name, f.PrintCondition)
				}
				if got := len(f.Warnings) > 0; got != tc.wantWarn {
					t.Fatalf("%s: warnings %+v, want some: %v", f.Name, f.Warnings, tc.wantWarn)
				}
				if tc.wantWarn {
					w := f.Warnings[0]
					if w.Code != string(CodeLogoResolution) || w.Params["DPI"] == "" || !strings.Contains(w.Message, w.Params["DPI"]+" dpi on A5") {
						t.Errorf("%s: warning %+v", f.Name, w)
					}
				}
			}
		})
	}
}
