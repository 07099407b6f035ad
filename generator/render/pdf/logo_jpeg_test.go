package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
	"strings"
	"testing"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/vocab"
)

// TestJPEGLogo: a logo stored as JPEG (a photograph) is embedded as it is
// in the digital file (DCTDecode, RGB, the same bytes; a tagged Figure
// that passes the PDF/UA check) and converted to
// DeviceCMYK in the print file, which stays free of RGB and passes qpdf.
func TestJPEGLogo(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 80))
	for y := range 80 {
		for x := range 120 {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(2 * x), G: uint8(3 * y), B: 0x60, A: 0xff})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	logo := &document.Image{Data: b.Bytes(), Width: 120, Height: 80, Alt: "Logotyp"}
	if logo.MIME() != "image/jpeg" {
		t.Fatalf("MIME %q", logo.MIME())
	}
	r := testRenderer(t)
	s := loadSamples(t)[0]
	for _, print := range []bool{false, true} {
		doc := sampleDoc(s, vocab.A4, print)
		doc.Logo = logo
		out, err := r.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got := runTool(t, out, "qpdf", "--check"); !strings.Contains(got, "No syntax or stream encoding errors") {
			t.Errorf("print %v: qpdf --check:\n%s", print, got)
		}
		list := strings.Split(strings.TrimSpace(runTool(t, out, "pdfimages", "-list")), "\n")
		if len(list) != 3 {
			t.Fatalf("print %v: pdfimages -list:\n%s", print, strings.Join(list, "\n"))
		}
		f := strings.Fields(list[2]) // page num type width height color comp bpc enc …
		if !print {
			if f[5] != "rgb" || f[8] != "jpeg" || !bytes.Contains(out, b.Bytes()) {
				t.Errorf("digital file's logo: %s; want the JPEG embedded as it is", list[2])
			}
			tree, probs := checkUA(out, s.Script, s.Dir == vocab.RTL)
			for _, p := range probs {
				t.Errorf("digital file with a JPEG logo: PDF/UA %s", p)
			}
			if got := reading(tree); !strings.Contains(got, "\n  Figure alt=\"Logotyp\"\n") {
				t.Errorf("no Figure with the JPEG logo's Alt:\n%s", got)
			}
			continue
		}
		if f[5] != "cmyk" || f[8] == "jpeg" {
			t.Errorf("print file's logo: %s; want a DeviceCMYK image", list[2])
		}
		if m := rgbSpaceRe.FindAllString(qdf(t, out), -1); m != nil {
			t.Errorf("print file with a JPEG logo: %q", slices.Compact(m))
		}
	}
}
