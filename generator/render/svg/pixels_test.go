package svg

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"infogeneratorn/generator/assemble"
)

// Rasterising at this resolution both ways, a page of the SVG must agree
// with the same page of the PDF.
const (
	compareDPI = 72
	// tolerance is how far (0–255, per channel) a pixel may differ and
	// still agree: anti-aliasing of glyph edges differs between poppler
	// and librsvg by about this much.
	tolerance = 64
	// minAgree is the share of all pixels that must agree, minInkAgree
	// the share of edge pixels (of a glyph or a box in one of the two):
	// text is a small part of a page, so the first alone would pass a
	// blank page.
	minAgree    = 0.99
	minInkAgree = 0.90
)

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
			pdfPages := rasterPDF(t, dir, f)
			if len(pdfPages) != f.Pages {
				t.Fatalf("pdftoppm gave %d pages, the PDF has %d", len(pdfPages), f.Pages)
			}
			svgPages := make([]*image.NRGBA, f.Pages)
			size := 0
			for i, page := range f.PageImages {
				b := pdfPages[i].Bounds()
				svgPages[i] = rasterSVG(t, dir, i, page, b.Dx(), b.Dy())
				size += len(page)
			}
			for i := range pdfPages {
				all, ink, strict := agreement(pdfPages[i], svgPages[i])
				t.Logf("%s page %d/%d: %.2f %% of pixels agree, %.2f %% of edge pixels (in place: %.2f %%); SVG %d KB",
					c.name, i+1, f.Pages, 100*all, 100*ink, 100*strict, len(f.PageImages[i])/1024)
				if all < minAgree || ink < minInkAgree {
					t.Errorf("page %d: %.2f %% of pixels and %.2f %% of edge pixels agree, want %.0f %% and %.0f %%",
						i+1, 100*all, 100*ink, 100*minAgree, 100*minInkAgree)
					save(t, c.name, i, pdfPages[i], svgPages[i])
				}
				if i == 0 && len(svgPages) > 1 {
					other := svgPages[(i+1)%len(svgPages)]
					_, ink, _ := agreement(pdfPages[i], other)
					t.Logf("%s page %d against the next page's SVG: %.2f %% of edge pixels agree", c.name, i+1, 100*ink)
					if ink >= minInkAgree {
						t.Errorf("page %d agrees with another page's SVG (%.2f %% of edge pixels): the measure cannot tell pages apart", i+1, 100*ink)
					}
				}
			}
			t.Logf("%s: %d pages, %d KB of SVG (%d KB a page)", c.name, f.Pages, size/1024, size/1024/f.Pages)
		})
	}
}

// rasterPDF renders every page of the file's PDF with pdftoppm.
func rasterPDF(t *testing.T, dir string, f assemble.File) []*image.NRGBA {
	t.Helper()
	in := filepath.Join(dir, "leaflet.pdf")
	if err := os.WriteFile(in, f.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(compareDPI), "-png", in, filepath.Join(dir, "pdf")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "pdf-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names) // pdf-1.png … or pdf-01.png …: one width per file
	var out []*image.NRGBA
	for _, n := range names {
		out = append(out, readPNG(t, n))
	}
	return out
}

// rasterSVG renders one SVG page with rsvg-convert at w × h pixels.
func rasterSVG(t *testing.T, dir string, i int, page []byte, w, h int) *image.NRGBA {
	t.Helper()
	in := filepath.Join(dir, fmt.Sprintf("page-%d.svg", i+1))
	out := filepath.Join(dir, fmt.Sprintf("svg-%d.png", i+1))
	if err := os.WriteFile(in, page, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command("rsvg-convert", "-w", strconv.Itoa(w), "-h", strconv.Itoa(h), "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, msg)
	}
	return readPNG(t, out)
}

func readPNG(t *testing.T, name string) *image.NRGBA {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out
}

// agreement returns the share of pixels that agree, over the whole page
// and over the pixels on an edge in either image (see edge). A pixel
// agrees when each image has, within one pixel of it, a pixel whose
// channels all lie within tolerance of the other image's pixel there:
// the two rasterisers place glyph edges up to a pixel apart (poppler
// rounds a glyph's vertical position to whole pixels, and hints), which
// is not what this test looks for. strict is the share of pixels that
// agree in place. Images of different sizes do not agree at all.
func agreement(a, b *image.NRGBA) (all, ink, strict float64) {
	if a.Bounds() != b.Bounds() {
		return 0, 0, 0
	}
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	near := func(p, q []uint8) bool {
		return abs(int(p[0])-int(q[0])) <= tolerance && abs(int(p[1])-int(q[1])) <= tolerance && abs(int(p[2])-int(q[2])) <= tolerance
	}
	// found reports a pixel of img within one pixel of x, y near px.
	found := func(img *image.NRGBA, x, y int, px []uint8) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				xx, yy := x+dx, y+dy
				if xx < 0 || yy < 0 || xx >= w || yy >= h {
					continue
				}
				i := yy*img.Stride + 4*xx
				if near(img.Pix[i:i+3], px) {
					return true
				}
			}
		}
		return false
	}
	var same, edges, edgeSame, exact int
	for y := range h {
		for x := range w {
			i := y*a.Stride + 4*x
			pa, pb := a.Pix[i:i+3], b.Pix[i:i+3]
			inPlace := near(pa, pb)
			ok := inPlace || found(b, x, y, pa) && found(a, x, y, pb)
			onEdge := edge(a, x, y) || edge(b, x, y)
			if inPlace {
				exact++
			}
			if ok {
				same++
			}
			if onEdge {
				edges++
				if ok {
					edgeSame++
				}
			}
		}
	}
	n := float64(w * h)
	if edges == 0 {
		return float64(same) / n, 1, float64(exact) / n
	}
	return float64(same) / n, float64(edgeSame) / float64(edges), float64(exact) / n
}

// edge reports a pixel that differs from its right or lower neighbour by
// more than tolerance/2 in a channel: the edge of a glyph or a box.
func edge(img *image.NRGBA, x, y int) bool {
	b := img.Bounds()
	i := y*img.Stride + 4*x
	differs := func(j int) bool {
		return abs(int(img.Pix[i])-int(img.Pix[j])) > tolerance/2 || abs(int(img.Pix[i+1])-int(img.Pix[j+1])) > tolerance/2 ||
			abs(int(img.Pix[i+2])-int(img.Pix[j+2])) > tolerance/2
	}
	return x+1 < b.Dx() && differs(i+4) || y+1 < b.Dy() && differs(i+img.Stride)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
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
