package web

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"infogeneratorn/generator/logo"
	"infogeneratorn/generator/orders"
)

// storedLogoOf uploads data through the form and returns the logo as the
// server stores and serves it.
func storedLogoOf(t *testing.T, h http.Handler, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	s := newSession(t, h)
	w := s.post(with(validForm(), "action", "update"), formFile{"logo", name, data})
	m := regexp.MustCompile(`name="logo_id" value="([0-9a-f]{32})"`).FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil {
		t.Fatalf("upload: %d, no logo kept", w.Code)
	}
	return do(h, httptest.NewRequest(http.MethodGet, "/logo/"+m[1], nil))
}

// photoJPEG is a 1000 × 750 photograph-like JPEG (a gradient with grain)
// at quality 92, as a camera or an image editor would send it.
func photoJPEG(t *testing.T) []byte {
	img := testImage(1000, 750)
	for i := range img.Pix {
		if i%4 != 3 {
			img.Pix[i] += uint8((i*2654435761)>>28) & 7
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// alphaPNG is a 600 × 400 logo on a transparent background.
func alphaPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	for y := 100; y < 300; y++ {
		for x := 100; x < 500; x++ {
			img.SetNRGBA(x, y, color.NRGBA{R: 0x10, G: 0x60, B: 0xa0, A: uint8(0x80 + (x+y)%0x80)})
		}
	}
	return encodePNG(img)
}

// TestHostileLogoStorage (point 5, last sentence): a logo is stored
// compactly, by its content: a photograph as JPEG, no larger than the
// upload; a logo with transparency, and the 4000 × 4000 progressive CMYK
// JPEG's 600-pixel sibling (a smooth gradient), each in its format; none
// over 1200 pixels a side or logo.Defaults.StoredBytes (512 KiB).
func TestHostileLogoStorage(t *testing.T) {
	h := newTestApp(t, nil)
	for _, c := range []struct {
		name, file string
		data       []byte
		mime       string
		maxRatio   float64 // stored bytes over upload bytes
	}{
		{"photograph", "photo.jpg", photoJPEG(t), "image/jpeg", 1},
		{"PNG logo with transparency", "logo.png", alphaPNG(), "image/png", 1},
		{"progressive CMYK JPEG, a gradient", "cmyk.jpg", logoFile(t, "cmyk-progressive-600.jpg"), "image/jpeg", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := storedLogoOf(t, h, c.file, c.data)
			got := w.Body.Bytes()
			if w.Code != http.StatusOK || w.Header().Get("Content-Type") != c.mime {
				t.Fatalf("point 5: served %d as %q, want %s", w.Code, w.Header().Get("Content-Type"), c.mime)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(got))
			if err != nil || "image/"+format != c.mime {
				t.Fatalf("point 5: stored bytes are %q (%v), served as %s", format, err, c.mime)
			}
			if len(got) > logo.Defaults.StoredBytes || cfg.Width > storedLogoSide || cfg.Height > storedLogoSide {
				t.Errorf("point 5: stored %d bytes, %d × %d: over the bound", len(got), cfg.Width, cfg.Height)
			}
			ratio := float64(len(got)) / float64(len(c.data))
			if ratio > c.maxRatio {
				t.Errorf("point 5: stored %d bytes for an upload of %d (%.2f×), want at most %.2f×", len(got), len(c.data), ratio, c.maxRatio)
			}
			t.Logf("upload %d bytes, stored %s %d bytes (%.2f×), %d × %d", len(c.data), format, len(got), ratio, cfg.Width, cfg.Height)
		})
	}
}

// TestOlderStoredPNGStillLoads: logos stored before photographs became
// JPEG are true-colour PNGs, some over StoredBytes; one in the SQLite
// order store is still served, as PNG, and printed.
func TestOlderStoredPNGStillLoads(t *testing.T) {
	a := newOrdersApp(t, nil)
	img := testImage(800, 600)
	x := uint32(2463534242)
	for i := range img.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if i%4 != 3 {
			img.Pix[i] += uint8(x) & 15 // a photograph's grain
		}
	}
	old := encodePNG(img) // as the PNG-only encoder stored a photograph
	if len(old) <= logo.Defaults.StoredBytes {
		t.Fatalf("the older logo is %d bytes, want one over today's bound", len(old))
	}
	id, err := a.store.PutLogo(context.Background(), "c", orders.Logo{Data: old, Width: 800, Height: 600})
	if err != nil {
		t.Fatal(err)
	}
	w := a.get("/logo/" + id)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" || !bytes.Equal(w.Body.Bytes(), old) {
		t.Fatalf("older PNG served as %d %q (same bytes: %v)", w.Code, w.Header().Get("Content-Type"), bytes.Equal(w.Body.Bytes(), old))
	}
	s := newSession(t, a.h)
	if w := s.download(with(validForm(), "logo_id", id, "formats", "pdf")); w.Code != http.StatusOK {
		t.Errorf("download with the older logo: %d %.300s", w.Code, w.Body.String())
	}
}
