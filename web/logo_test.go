package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"html"
	"image"
	"image/gif"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"infogeneratorn/generator/logo"
	"infogeneratorn/generator/logo/logotest"
	"infogeneratorn/generator/request"
)

// pngHeaderOnly is a PNG whose header declares w × h pixels, followed by
// a few bytes of nonsense where the pixels would be: decoding it would
// fail, so refusing it as too large proves the pixels were never read.
func pngHeaderOnly(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte("not deflate data"))
	chunk("IEND", nil)
	return b.Bytes()
}

// withText adds a tEXt chunk (metadata such as an author's name) before
// a PNG's IEND.
func withText(p []byte, text string) []byte {
	var b bytes.Buffer
	b.Write(p[:len(p)-12])
	binary.Write(&b, binary.BigEndian, uint32(len(text)))
	c := crc32.NewIEEE()
	c.Write([]byte("tEXt" + text))
	b.WriteString("tEXt" + text)
	binary.Write(&b, binary.BigEndian, c.Sum32())
	b.Write(p[len(p)-12:])
	return b.Bytes()
}

func testImage(w, h int) *image.NRGBA { return logotest.Image(w, h) }

func encodePNG(img image.Image) []byte { return logotest.EncodePNG(img) }

func TestDecodeLogo(t *testing.T) {
	var jpg, gf bytes.Buffer
	jpeg.Encode(&jpg, testImage(300, 200), nil)
	gif.Encode(&gf, testImage(10, 10), nil)
	big := encodePNG(testImage(2400, 600))
	tests := []struct {
		name         string
		data         []byte
		code         request.Code
		wantW, wantH int
	}{
		{"small PNG", withText(encodePNG(testImage(40, 20)), "Author\x00secret"), "", 40, 20},
		{"JPEG", jpg.Bytes(), "", 300, 200},
		{"large PNG is scaled to fit", big, "", 1200, 300},
		{"50000 × 50000 declared", pngHeaderOnly(50000, 50000), codeLogoDimension, 0, 0},
		{"4001 wide declared", pngHeaderOnly(4001, 10), codeLogoDimension, 0, 0},
		{"zero size", pngHeaderOnly(0, 10), codeLogoDamaged, 0, 0},
		{"header fine, pixels broken", pngHeaderOnly(10, 10), codeLogoDamaged, 0, 0},
		{"GIF", gf.Bytes(), codeLogoFormat, 0, 0},
		{"SVG", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), codeLogoFormat, 0, 0},
		{"truncated PNG", encodePNG(testImage(40, 20))[:60], codeLogoDamaged, 0, 0},
		{"over 2 MB", append(encodePNG(testImage(4, 4)), make([]byte, maxLogoBytes)...), codeLogoTooLarge, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ferr := decodeLogo(tt.data)
			if tt.code != "" {
				if ferr == nil || ferr.Code != tt.code || ferr.Field != "logo" {
					t.Fatalf("got %v, want %s", ferr, tt.code)
				}
				return
			}
			if ferr != nil {
				t.Fatal(ferr)
			}
			if l.Width != tt.wantW || l.Height != tt.wantH {
				t.Errorf("size %d×%d, want %d×%d", l.Width, l.Height, tt.wantW, tt.wantH)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(l.Data))
			if err != nil || "image/"+format != l.MIME() || cfg.Width != l.Width {
				t.Errorf("stored logo is not the %s it claims: %v %s", l.MIME(), err, format)
			}
			if bytes.Equal(l.Data, tt.data) || bytes.Contains(l.Data, []byte("secret")) {
				t.Error("the file as sent was kept")
			}
		})
	}
}

// TestHugeLogoRefusedBeforeDecoding measures what refusing a PNG that
// declares 50 000 × 50 000 pixels costs: decoding it would need 10 GB.
func TestHugeLogoRefusedBeforeDecoding(t *testing.T) {
	data := pngHeaderOnly(50000, 50000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, ferr := decodeLogo(data)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if ferr == nil || ferr.Code != codeLogoDimension || ferr.Params["Width"] != "50000" {
		t.Fatalf("got %v", ferr)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing it allocated %d bytes", n)
	}
	if took > 100*time.Millisecond {
		t.Errorf("refusing it took %v", took)
	}
}

func TestFormLogo(t *testing.T) {
	h := newTestApp(t, nil)
	s := newSession(t, h)
	upload := withText(encodePNG(testImage(80, 40)), "Comment\x00secret")
	w := s.post(with(validForm(), "action", "update"), formFile{"logo", "logo.png", upload})
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	m := regexp.MustCompile(`name="logo_id" value="([0-9a-f]{32})"`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "80 × 40 pixlar") {
		t.Fatal("the logo was not kept for the form")
	}
	lw := do(h, httptest.NewRequest(http.MethodGet, "/logo/"+m[1], nil))
	if lw.Code != http.StatusOK || lw.Header().Get("Content-Type") != "image/png" || bytes.Equal(lw.Body.Bytes(), upload) {
		t.Errorf("logo served as %d %s (same bytes as sent: %v)", lw.Code, lw.Header().Get("Content-Type"), bytes.Equal(lw.Body.Bytes(), upload))
	}
	// The next post carries only the ID; the logo stays.
	w = s.post(with(validForm(), "action", "add:social_services", "logo_id", m[1]))
	if !strings.Contains(w.Body.String(), `value="`+m[1]+`"`) {
		t.Error("logo lost on the next post")
	}
	// The leaflets carry the re-encoded logo, inline.
	w = s.download(with(validForm(), "logo_id", m[1]))
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if w.Code != http.StatusOK || err != nil {
		t.Fatalf("download with logo: %d %v", w.Code, err)
	}
	inline := `src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(lw.Body.Bytes()) + `"`
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".html") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(rc)
		rc.Close()
		if !strings.Contains(html.UnescapeString(string(page)), inline) { // the attribute writes "+" as &#43;
			t.Errorf("%s does not show the re-encoded logo (has img: %v)", f.Name, strings.Contains(string(page), "data:image/png"))
		}
	}
	w = s.post(with(validForm(), "action", "logo-remove", "logo_id", m[1]))
	if strings.Contains(w.Body.String(), `name="logo_id"`) {
		t.Error("logo not removed")
	}

	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"50000 × 50000 PNG", pngHeaderOnly(50000, 50000), "Bilden är 50000 × 50000 pixlar. Den får vara högst 4000 × 4000 pixlar."},
		{"over 2 MB", make([]byte, maxLogoBytes+1), "Filen är för stor. Den får vara högst 2 MB."},
		{"not an image", []byte("GIF89a..."), "Filen är inte en PNG- eller JPEG-bild."},
		// Read past and dropped, not refused whole: the draft keeps everything.
		{"10 MB by mistake", make([]byte, 10<<20), "Filen är för stor. Den får vara högst 2 MB."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.download(validForm(), formFile{"logo", "logo.png", tt.data})
			if w.Code != http.StatusOK || strings.Contains(s.last, "/done") {
				t.Fatalf("status %d at %s, want the form with the problem", w.Code, s.last)
			}
			body := w.Body.String()
			if !strings.Contains(body, `<a href="#logo">`+htmlEscape("Logotyp: "+tt.msg)) || !strings.Contains(body, `id="logo-error"`) {
				t.Errorf("no logo error %q", tt.msg)
			}
			if !strings.Contains(body, `value="Kvinnojouren i Halmstad"`) {
				t.Error("typed input lost")
			}
		})
	}
}

// decodeLogo decodes with a decoder of the server's limits.
func decodeLogo(data []byte) (Logo, *request.FieldError) {
	s := &server{logoDec: logo.NewDecoder(logo.Limits{MaxBytes: maxLogoBytes, MaxSide: maxLogoSide, StoredSide: storedLogoSide})}
	return s.decodeLogo(context.Background(), data)
}
