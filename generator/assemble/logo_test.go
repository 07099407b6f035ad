package assemble

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"infogeneratorn/generator/request"
)

// TestLogoInLeaflets: a municipality's logo appears in the PDF as one
// image on a valid file (qpdf, pdfimages) and in the HTML as an inline
// data: image of its type, in left-to-right and right-to-left leaflets; a
// JPEG (a photograph, as package logo stores one) as well as a PNG.
func TestLogoInLeaflets(t *testing.T) {
	b := newPDFBuilder(t)
	for _, c := range []struct {
		name  string
		logo  []byte
		langs []string
		mime  string
	}{
		{"PNG", pngLogo(t, 300, 120), []string{"sv", "ar"}, "image/png"},
		{"JPEG", jpegLogo(t, 300, 120), []string{"ar"}, "image/jpeg"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := &request.Request{Municipality: request.Municipality{Code: "1380"}, Topics: []string{"vald"},
				Languages: c.langs, Formats: []string{"pdf", "html"}, Logo: c.logo}
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
					if !bytes.Contains(f.Data, []byte(`<img class="logo" src="data:`+c.mime+`;base64,`)) {
						t.Errorf("%s: no inline %s logo", f.Name, c.mime)
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
		})
	}
}

// jpegLogo is a w × h JPEG.
func jpegLogo(t *testing.T, w, h int) []byte {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(pngLogo(t, w, h)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
