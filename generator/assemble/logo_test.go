package assemble

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"infogeneratorn/generator/request"
)

// TestLogoInLeaflets: a municipality's logo appears in the PDF as one
// image on a valid file (qpdf, pdfimages) and in the HTML as an inline
// data: image, in left-to-right and right-to-left leaflets.
func TestLogoInLeaflets(t *testing.T) {
	b := newPDFBuilder(t)
	req := &request.Request{Municipality: request.Municipality{Code: "1380"}, Topics: []string{"vald"},
		Languages: []string{"sv", "ar"}, Formats: []string{"pdf", "html"}, Logo: pngLogo(t, 300, 120)}
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
