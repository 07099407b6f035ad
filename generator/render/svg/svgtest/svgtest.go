// Package svgtest serves the tests that hold the preview's SVG pages
// (generator/render/svg) against the PDF's: rasterising a PDF with
// pdftoppm (poppler-utils) and an SVG with rsvg-convert (librsvg2-bin),
// and counting the pixels that agree. The web package's browser test uses
// it with Chromium's own drawing of a page.
package svgtest

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
)

const (
	// Tolerance is how far (0–255, per channel) a pixel may differ and
	// still agree: anti-aliasing of glyph edges differs between poppler
	// and librsvg by about this much.
	Tolerance = 64
	// MinAgree is the share of all pixels that must agree, MinEdgeAgree
	// the share of edge pixels (of a glyph or a box in one of the two):
	// text is a small part of a page, so the first alone would pass a
	// blank page.
	MinAgree     = 0.99
	MinEdgeAgree = 0.90
)

// RasterPDF renders every page of a PDF with pdftoppm into dir, with the
// given size options ("-r", "72", or "-scale-to-x", "794", "-scale-to-y",
// "1123"), and returns the pages in order.
func RasterPDF(dir string, pdf []byte, size ...string) ([]*image.NRGBA, error) {
	in := filepath.Join(dir, "leaflet.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		return nil, err
	}
	args := append(slices.Clone(size), "-png", in, filepath.Join(dir, "pdf"))
	if out, err := exec.Command("pdftoppm", args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v\n%s", err, out)
	}
	names, err := filepath.Glob(filepath.Join(dir, "pdf-*.png"))
	if err != nil {
		return nil, err
	}
	slices.Sort(names) // pdf-1.png … or pdf-01.png …: one width per file
	var out []*image.NRGBA
	for _, n := range names {
		img, err := ReadPNGFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// RasterSVG renders one SVG page with rsvg-convert at w × h pixels; name
// tells its files in dir apart.
func RasterSVG(dir, name string, page []byte, w, h int) (*image.NRGBA, error) {
	in := filepath.Join(dir, name+".svg")
	out := filepath.Join(dir, name+".png")
	if err := os.WriteFile(in, page, 0o644); err != nil {
		return nil, err
	}
	if msg, err := exec.Command("rsvg-convert", "-w", strconv.Itoa(w), "-h", strconv.Itoa(h), "-o", out, in).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("rsvg-convert: %v\n%s", err, msg)
	}
	return ReadPNGFile(out)
}

// ReadPNGFile reads a PNG file as NRGBA.
func ReadPNGFile(name string) (*image.NRGBA, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := ReadPNG(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return img, nil
}

// ReadPNG decodes a PNG as NRGBA.
func ReadPNG(r io.Reader) (*image.NRGBA, error) {
	img, err := png.Decode(r)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out, nil
}

// Agreement returns the share of pixels that agree, over the whole page
// and over the pixels on an edge in either image (see edge). A pixel
// agrees when each image has, within one pixel of it, a pixel whose
// channels all lie within Tolerance of the other image's pixel there:
// the two rasterisers place glyph edges up to a pixel apart (poppler
// rounds a glyph's vertical position to whole pixels, and hints), which
// is not what this test looks for. strict is the share of pixels that
// agree in place. Images of different sizes do not agree at all.
func Agreement(a, b *image.NRGBA) (all, onEdges, strict float64) {
	if a.Bounds() != b.Bounds() {
		return 0, 0, 0
	}
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	near := func(p, q []uint8) bool {
		return abs(int(p[0])-int(q[0])) <= Tolerance && abs(int(p[1])-int(q[1])) <= Tolerance && abs(int(p[2])-int(q[2])) <= Tolerance
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
// more than Tolerance/2 in a channel: the edge of a glyph or a box.
func edge(img *image.NRGBA, x, y int) bool {
	b := img.Bounds()
	i := y*img.Stride + 4*x
	differs := func(j int) bool {
		return abs(int(img.Pix[i])-int(img.Pix[j])) > Tolerance/2 || abs(int(img.Pix[i+1])-int(img.Pix[j+1])) > Tolerance/2 ||
			abs(int(img.Pix[i+2])-int(img.Pix[j+2])) > Tolerance/2
	}
	return x+1 < b.Dx() && differs(i+4) || y+1 < b.Dy() && differs(i+img.Stride)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
