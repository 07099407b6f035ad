package web

import (
	"bytes"
	"compress/gzip"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"infogeneratorn/generator/orders"
)

// TestFormPreviewPages: on a server that makes PDFs, the preview shows
// each page of the leaflet's real PDF as an SVG image (as many images as
// the PDF has pages, "Sida n av N" under each, an alt naming leaflet and
// page), with page count and paper, a download link to the PDF itself,
// and one button per chosen topic and language. Each image is served as
// image/svg+xml under a policy that allows no script, no style and no
// other host, and holds no script of its own.
func TestFormPreviewPages(t *testing.T) {
	p := testPipeline(t, pipelineOpts{pdf: true})
	h := newTestApp(t, func(c *Config) { c.Pipeline = func() *Pipeline { return p } })
	s := newSession(t, h)
	form := with(validForm(), "action", "preview:vald:ar")
	form["formats"] = []string{"pdf"}
	w := s.post(form)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, lang := range []string{"sv", "ar"} {
		if !strings.Contains(body, `value="preview:vald:`+lang+`"`) {
			t.Errorf("no preview button for vald in %s", lang)
		}
	}
	dl := regexp.MustCompile(`<a href="(/preview/[0-9a-f]{32})" download="vald_ar.pdf">`).FindStringSubmatch(body)
	if dl == nil {
		t.Fatal("no download link to the preview's PDF")
	}
	pdfRec := do(h, httptest.NewRequest(http.MethodGet, dl[1], nil))
	if ct := pdfRec.Header().Get("Content-Type"); pdfRec.Code != http.StatusOK || ct != "application/pdf" {
		t.Fatalf("the PDF link: %d %s", pdfRec.Code, ct)
	}
	pages := orders.ReadPrintFacts(pdfRec.Body.Bytes()).Pages
	facts := regexp.MustCompile(`id="preview-facts"[^>]*>(.*?)</p>`).FindStringSubmatch(body)
	if facts == nil || !strings.Contains(facts[1], strconv.Itoa(pages)+" sidor, A4") {
		t.Errorf("the facts do not say %d pages, A4: %q", pages, facts)
	}
	imgs := regexp.MustCompile(`<img src="(/preview/[0-9a-f]{32})" alt="([^"]+)" width="794" height="1123"><figcaption>([^<]+)</figcaption>`).FindAllStringSubmatch(body, -1)
	if pages == 0 || len(imgs) != pages {
		t.Fatalf("%d page images for a PDF of %d pages", len(imgs), pages)
	}
	for i, m := range imgs {
		n := strconv.Itoa(i + 1)
		if want := "Sida " + n + " av " + strconv.Itoa(pages); m[3] != want {
			t.Errorf("page %d: caption %q, want %q", i+1, m[3], want)
		}
		if alt := html.UnescapeString(m[2]); !strings.Contains(alt, "arabiska") || !strings.Contains(alt, "sida "+n+" av ") {
			t.Errorf("page %d: alt %q does not name the leaflet and the page", i+1, alt)
		}
		rec := do(h, httptest.NewRequest(http.MethodGet, m[1], nil))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("page %d: %d %s", i+1, rec.Code, rec.Header().Get("Content-Type"))
		}
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "img-src data:", "frame-ancestors 'none'", "sandbox"} {
			if !strings.Contains(csp, want) {
				t.Errorf("page %d: policy %q lacks %q", i+1, csp, want)
			}
		}
		if strings.Contains(csp, "script-src") || strings.Contains(csp, "style-src") {
			t.Errorf("page %d: policy %q allows scripts or styles", i+1, csp)
		}
		svg := rec.Body.Bytes()
		if !bytes.HasPrefix(svg, []byte("<svg ")) || bytes.Contains(svg, []byte("<script")) || !bytes.Contains(svg, []byte(`lang="ar"`)) {
			t.Errorf("page %d is not a script-free Arabic SVG page: %.80q", i+1, svg)
		}
		// A browser that takes gzip gets the page as kept, compressed.
		req := httptest.NewRequest(http.MethodGet, m[1], nil)
		req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
		zrec := do(h, req)
		zipped := zrec.Body.Len()
		z, err := gzip.NewReader(zrec.Body)
		if err != nil || zrec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("page %d with gzip accepted: Content-Encoding %q, %v", i+1, zrec.Header().Get("Content-Encoding"), err)
		}
		if unzipped, err := io.ReadAll(z); err != nil || !bytes.Equal(unzipped, svg) {
			t.Errorf("page %d: the gzipped page is not the page (%v)", i+1, err)
		}
		t.Logf("page %d: %d KB, %d KB gzipped", i+1, len(svg)/1024, zipped/1024)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"br, gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"identity", false},
		{"xgzip", false},
	} {
		if got := acceptsGzip(c.header); got != c.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}
