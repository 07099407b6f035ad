package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"infogeneratorn/generator/render/pdf"
	"infogeneratorn/generator/request"
)

// TestLogoInLeaflets: a municipality's logo appears in the PDF as one
// image on a valid file (qpdf, pdfimages) and in the HTML as an inline
// data: image, in left-to-right and right-to-left leaflets.
func TestLogoInLeaflets(t *testing.T) {
	b := newBuilder(t)
	p, err := pdf.NewEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	b.renderers[p.Format()] = p
	img := image.NewNRGBA(image.Rect(0, 0, 300, 120))
	for y := range 120 {
		for x := range 300 {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: 80, B: uint8(y * 2), A: 255})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	req := &request.Request{Municipality: request.Municipality{Code: "1380"}, Topics: []string{"vald"},
		Languages: []string{"sv", "ar"}, Formats: []string{"pdf", "html"}, Logo: logo.Bytes()}
	files, err := b.Build(req)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if f.Format == "html" {
			if !bytes.Contains(f.Data, []byte(`<img class="logo" src="data:image/png;base64,`)) {
				t.Errorf("%s: no inline logo", f.Name)
			}
			continue
		}
		if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check %s: %v\n%s", f.Name, err, out)
		}
		out, err := exec.Command("pdfimages", "-list", path).Output()
		if err != nil {
			t.Fatalf("pdfimages (poppler-utils): %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != 3 || !strings.Contains(lines[2], " 300   120 ") {
			t.Errorf("%s: pdfimages -list:\n%s\nwant one 300×120 image", f.Name, out)
		}
	}
}
