package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"infogeneratorn/generator/compose"
	"infogeneratorn/generator/document"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

var _ compose.Setter = (*layout.Engine)(nil)

// TestFontsEmbeddedAndSubset: pdffonts lists every font embedded, subset
// and with a ToUnicode map, named with a six-letter subset tag.
func TestFontsEmbeddedAndSubset(t *testing.T) {
	r := testRenderer(t)
	tagged := regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9-]+$`)
	for _, s := range loadSamples(t) {
		for _, print := range []bool{false, true} {
			out, err := r.Render(sampleDoc(s, vocab.A4, print))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(runTool(t, out, "pdffonts")), "\n")
			if len(lines) < 3 {
				t.Fatalf("%s: pdffonts lists no font:\n%s", s.id(), strings.Join(lines, "\n"))
			}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				if len(f) < 8 || !tagged.MatchString(f[0]) || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("%s print=%v: font not embedded, subset and tagged: %q", s.id(), print, l)
				}
			}
		}
	}
}

// TestQpdfCheck: qpdf finds no syntax or stream error and no warning.
func TestQpdfCheck(t *testing.T) {
	r := testRenderer(t)
	for _, s := range loadSamples(t) {
		for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
			for _, print := range []bool{false, true} {
				out, err := r.Render(sampleDoc(s, paper, print))
				if err != nil {
					t.Fatal(err)
				}
				got := runTool(t, out, "qpdf", "--check")
				if !strings.Contains(got, "No syntax or stream encoding errors found") || strings.Contains(got, "WARNING") {
					t.Errorf("%s %s print=%v: qpdf --check:\n%s", s.id(), paper, print, got)
				}
			}
		}
	}
}

// pageBoxes reads pdfinfo -box: every box of page 1 as [x1 y1 x2 y2].
func pageBoxes(t *testing.T, pdf []byte) map[string][4]float64 {
	t.Helper()
	boxes := map[string][4]float64{}
	for _, l := range strings.Split(runTool(t, pdf, "pdfinfo", "-box"), "\n") {
		name, rest, ok := strings.Cut(l, ":")
		if !ok || !strings.HasSuffix(name, "Box") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 4 {
			continue
		}
		var b [4]float64
		for i := range b {
			b[i], _ = strconv.ParseFloat(f[i], 64)
		}
		boxes[name] = b
	}
	return boxes
}

// TestPrintBoxes: pdfinfo -box shows a TrimBox of exactly A4 or A5 (to
// the hundredth of a point the file stores) and a BleedBox 3 mm larger on
// every side; the digital kind is trim size with no bleed.
func TestPrintBoxes(t *testing.T) {
	r := testRenderer(t)
	s := loadSamples(t)[0]
	const bleedPt = 3 * 72 / 25.4
	for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
		wmm, hmm := paper.SizeMM()
		w, h := wmm*72/25.4, hmm*72/25.4
		near := func(a, b float64) bool { return math.Abs(a-b) <= 0.01 }
		t.Run(string(paper), func(t *testing.T) {
			out, err := r.Render(sampleDoc(s, paper, true))
			if err != nil {
				t.Fatal(err)
			}
			b := pageBoxes(t, out)
			trim, bleed, media := b["TrimBox"], b["BleedBox"], b["MediaBox"]
			if !near(trim[2]-trim[0], w) || !near(trim[3]-trim[1], h) {
				t.Errorf("TrimBox %v is %.3f × %.3f pt, want %.3f × %.3f", trim, trim[2]-trim[0], trim[3]-trim[1], w, h)
			}
			for i, sign := range []float64{-1, -1, 1, 1} {
				if !near(bleed[i], trim[i]+sign*bleedPt) {
					t.Errorf("BleedBox %v is not TrimBox %v grown by 3 mm (%.2f pt)", bleed, trim, bleedPt)
					break
				}
			}
			if media[0] > bleed[0] || media[1] > bleed[1] || media[2] < bleed[2] || media[3] < bleed[3] {
				t.Errorf("MediaBox %v does not hold the BleedBox %v", media, bleed)
			}
			digital, err := r.Render(sampleDoc(s, paper, false))
			if err != nil {
				t.Fatal(err)
			}
			m := pageBoxes(t, digital)["MediaBox"]
			if !near(m[2], w) || !near(m[3], h) {
				t.Errorf("digital MediaBox %v, want trim size", m)
			}
		})
	}
}

// TestCropMarksOutsideBleed checks the mark geometry against the bleed
// box, and on the rasterised print page that ink outside the bleed box is
// only the crop marks: on the trim lines' extensions.
func TestCropMarksOutsideBleed(t *testing.T) {
	for _, paper := range []vocab.Paper{vocab.A4, vocab.A5} {
		wmm, hmm := paper.SizeMM()
		g := newGeometry(wmm*mm, hmm*mm, true)
		bl := compose.Rect{X: g.ox - bleed, Y: g.oy - bleed, W: g.trimW + 2*bleed, H: g.trimH + 2*bleed}
		marks := g.cropMarks()
		if len(marks) != 8 {
			t.Fatalf("%d crop marks, want 8", len(marks))
		}
		for _, m := range marks {
			r := compose.Rect{X: min(m.x1, m.x2) - markWidth/2, Y: min(m.y1, m.y2) - markWidth/2,
				W: math.Abs(m.x2-m.x1) + markWidth, H: math.Abs(m.y2-m.y1) + markWidth}
			if r.Intersects(bl) {
				t.Errorf("%s: crop mark %+v reaches into the bleed box %+v", paper, m, bl)
			}
			if r.X < 0 || r.Y < 0 || r.X+r.W > g.mediaW || r.Y+r.H > g.mediaH {
				t.Errorf("%s: crop mark %+v outside the medium", paper, m)
			}
		}
	}

	r := testRenderer(t)
	out, err := r.Render(sampleDoc(loadSamples(t)[0], vocab.A5, true))
	if err != nil {
		t.Fatal(err)
	}
	const dpi = 72 // one pixel per point
	img := rasterise(t, out, dpi, 1)
	w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
	g := newGeometry(148*mm, 210*mm, true)
	if math.Abs(w-g.mediaW) > 1 || math.Abs(h-g.mediaH) > 1 {
		t.Fatalf("raster %v × %v, medium %v × %v", w, h, g.mediaW, g.mediaH)
	}
	onMarkLine := func(x, y float64) bool {
		for _, v := range []float64{g.ox, g.ox + g.trimW} {
			if math.Abs(x-v) <= 1.5 {
				return true
			}
		}
		for _, v := range []float64{g.oy, g.oy + g.trimH} {
			if math.Abs(y-v) <= 1.5 {
				return true
			}
		}
		return false
	}
	ink := 0
	for py := 0; py < int(h); py++ {
		for px := 0; px < int(w); px++ {
			x, y := float64(px)+0.5, float64(py)+0.5
			inBleed := x > g.ox-bleed-1 && x < g.ox+g.trimW+bleed+1 && y > g.oy-bleed-1 && y < g.oy+g.trimH+bleed+1
			if inBleed || !dark(img, px, py) {
				continue
			}
			ink++
			if !onMarkLine(x, y) {
				t.Fatalf("ink outside the bleed box at (%.0f, %.0f) pt, not on a crop mark", x, y)
			}
		}
	}
	if ink == 0 {
		t.Error("no crop marks outside the bleed box")
	}
}

// rasterise renders page `page` of a PDF with pdftoppm.
func rasterise(t testing.TB, pdf []byte, dpi, page int) image.Image {
	t.Helper()
	cmd := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, stderr.String())
	}
	img, err := png.Decode(&stdout)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3 < 0xC000
}

// TestMetadata: title, author, subject, creator, the fixed dates, the
// language and the output intent: sRGB in the digital file, FOGRA39 in the
// print file (TestPrintFileIsPDFX1a checks the rest of PDF/X).
func TestMetadata(t *testing.T) {
	r := testRenderer(t)
	for i, s := range loadSamples(t)[:6] {
		print := i%2 == 0
		intent := "/S /GTS_PDFX /OutputConditionIdentifier (sRGB IEC61966-2.1)"
		if print {
			intent = "/S /GTS_PDFX /OutputConditionIdentifier (FOGRA39)"
		}
		doc := sampleDoc(s, vocab.A4, print)
		out, err := r.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		info := runTool(t, out, "pdfinfo", "-isodates")
		for _, want := range []string{"Title:           " + doc.Title, "Author:          Halmstads kommun",
			"Subject:         " + doc.Meta.Subject, "Creator:         Infogeneratorn test",
			"CreationDate:    2026-01-15T00:00:00", "ModDate:         2026-01-15T00:00:00"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", s.id(), want, info)
			}
		}
		for _, want := range []string{"/Lang (" + doc.Lang + ")", "/OutputIntents [", intent} {
			if !bytes.Contains(out, []byte(want)) {
				t.Errorf("%s: no %q in the catalog", s.id(), want)
			}
		}
	}
}

// TestLinks: the digital kind has clickable tel:, mailto: and https:
// links; the print kind has none.
func TestLinks(t *testing.T) {
	r := testRenderer(t)
	s := loadSamples(t)[5] // Arabic: links inside right-to-left text
	for _, print := range []bool{false, true} {
		out, err := r.Render(sampleDoc(s, vocab.A4, print))
		if err != nil {
			t.Fatal(err)
		}
		for _, uri := range []string{"tel:112", "tel:035137000", "tel:020505050", "mailto:socialtjansten@halmstad.se", "https://www.halmstad.se/stod"} {
			has := bytes.Contains(out, []byte("/URI ("+uri+")"))
			if has == print {
				t.Errorf("print=%v: link %s present=%v", print, uri, has)
			}
		}
	}
}

// TestDeterministic: the same document gives the same bytes, also when
// rendered concurrently.
func TestDeterministic(t *testing.T) {
	r := testRenderer(t)
	docs := loadSamples(t)
	want := map[string][]byte{}
	for _, s := range docs {
		out, err := r.Render(sampleDoc(s, vocab.A4, true))
		if err != nil {
			t.Fatal(err)
		}
		want[s.id()] = out
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(docs))
	for _, s := range docs {
		wg.Go(func() {
			out, err := r.Render(sampleDoc(s, vocab.A4, true))
			if err == nil && !bytes.Equal(out, want[s.id()]) {
				err = fmt.Errorf("%s: a second rendering differs", s.id())
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestMissingGlyph: a character no font draws is an error naming it, the
// language and the message, never a box.
func TestMissingGlyph(t *testing.T) {
	r := testRenderer(t)
	doc := sampleDoc(loadSamples(t)[0], vocab.A4, false)
	doc.Blocks[1].Text = document.PlainText("Ring oss 字 nu")
	_, err := r.Render(doc)
	if err == nil {
		t.Fatal("rendered a character no font has")
	}
	for _, want := range []string{"U+5B57", "sv", "test.p1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	var ge *layout.GlyphError
	if !errors.As(err, &ge) {
		t.Errorf("error %v is not a *layout.GlyphError", err)
	}
}

// TestFontResources: every font a content stream selects is in the page
// resources (qpdf --check does not look), as read from qpdf's
// uncompressed rewrite of the file.
func TestFontResources(t *testing.T) {
	r := testRenderer(t)
	selects := regexp.MustCompile(`/(F\d+) [\d.]+ Tf`)
	for _, s := range loadSamples(t) {
		out, err := r.Render(sampleDoc(s, vocab.A4, false))
		if err != nil {
			t.Fatal(err)
		}
		data := []byte(qdf(t, out))
		found := selects.FindAllSubmatch(data, -1)
		if len(found) == 0 {
			t.Fatalf("%s: no font selected in the content streams", s.id())
		}
		for _, m := range found {
			if !regexp.MustCompile(`/` + string(m[1]) + ` \d+ 0 R`).Match(data) {
				t.Errorf("%s: content selects /%s, which the resources lack", s.id(), m[1])
			}
		}
	}
}
