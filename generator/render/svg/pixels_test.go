package svg

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"infogeneratorn/generator/render/svg/svgtest"
)

// Rasterising at this resolution both ways, a page of the SVG must agree
// with the same page of the PDF (svgtest.MinAgree, MinEdgeAgree).
const compareDPI = 72

// TestPagesMatchPDF rasterises each page of the digital PDF (pdftoppm)
// and of the SVG (rsvg-convert, librsvg) at the same resolution and
// counts the pixels that agree: the preview is the PDF's pages, glyph for
// glyph, box for box, logo and QR code included. Swedish, Arabic, Thai,
// Tigrinya and large print, each with a logo and a QR code. The first
// page is also compared with the second page's SVG, which must disagree,
// so that the measure can tell pages apart.
func TestPagesMatchPDF(t *testing.T) {
	p := testPipeline(t)
	cases := []struct {
		name  string
		topic string
		lang  string
		large bool
		paper string
	}{
		{"vald_sv", "vald", "sv", false, ""},
		{"vald_ar", "vald", "ar", false, ""},
		{"foraldraskapsstod_th_a5", "foraldraskapsstod", "th", false, "a5"},
		{"vald-barn_ti", "vald-barn", "ti", false, ""},
		{"vald-barn_ar_large", "vald-barn", "ar", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			req := testOrder(t, c.topic, c.lang)
			req.LargePrint, req.Paper = c.large, c.paper
			files, err := p.builder.Preview(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != 1 {
				t.Fatalf("%d files, want 1", len(files))
			}
			f := files[0]
			if f.Pages == 0 || len(f.PageImages) != f.Pages {
				t.Fatalf("%d page images for %d PDF pages", len(f.PageImages), f.Pages)
			}
			dir := t.TempDir()
			pdfPages, err := svgtest.RasterPDF(dir, f.Data, "-r", strconv.Itoa(compareDPI))
			if err != nil {
				t.Fatal(err)
			}
			if len(pdfPages) != f.Pages {
				t.Fatalf("pdftoppm gave %d pages, the PDF has %d", len(pdfPages), f.Pages)
			}
			svgPages := make([]*image.NRGBA, f.Pages)
			size := 0
			for i, page := range f.PageImages {
				b := pdfPages[i].Bounds()
				if svgPages[i], err = svgtest.RasterSVG(dir, fmt.Sprintf("page-%d", i+1), page, b.Dx(), b.Dy()); err != nil {
					t.Fatal(err)
				}
				size += len(page)
			}
			for i := range pdfPages {
				all, ink, strict := svgtest.Agreement(pdfPages[i], svgPages[i])
				t.Logf("%s page %d/%d: %.2f %% of pixels agree, %.2f %% of edge pixels (in place: %.2f %%); SVG %d KB",
					c.name, i+1, f.Pages, 100*all, 100*ink, 100*strict, len(f.PageImages[i])/1024)
				if all < svgtest.MinAgree || ink < svgtest.MinEdgeAgree {
					t.Errorf("page %d: %.2f %% of pixels and %.2f %% of edge pixels agree, want %.0f %% and %.0f %%",
						i+1, 100*all, 100*ink, 100*svgtest.MinAgree, 100*svgtest.MinEdgeAgree)
					save(t, c.name, i, pdfPages[i], svgPages[i])
				}
				if i == 0 && len(svgPages) > 1 {
					other := svgPages[(i+1)%len(svgPages)]
					_, ink, _ := svgtest.Agreement(pdfPages[i], other)
					t.Logf("%s page %d against the next page's SVG: %.2f %% of edge pixels agree", c.name, i+1, 100*ink)
					if ink >= svgtest.MinEdgeAgree {
						t.Errorf("page %d agrees with another page's SVG (%.2f %% of edge pixels): the measure cannot tell pages apart", i+1, 100*ink)
					}
				}
			}
			t.Logf("%s: %d pages, %d KB of SVG (%d KB a page)", c.name, f.Pages, size/1024, size/1024/f.Pages)
		})
	}
}

// save writes a failing page's two rasters next to the test, to look at.
func save(t *testing.T, name string, i int, a, b *image.NRGBA) {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "svg-compare")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Log(err)
		return
	}
	for suffix, img := range map[string]*image.NRGBA{"pdf": a, "svg": b} {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, i+1, suffix)))
		if err != nil {
			t.Log(err)
			return
		}
		if err := png.Encode(f, img); err != nil {
			t.Log(err)
		}
		f.Close()
	}
	t.Logf("rasters in %s", dir)
}
