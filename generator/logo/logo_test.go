package logo

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"testing"
	"time"

	"infogeneratorn/generator/logo/logotest"
)

func testImage(w, h int) *image.NRGBA { return logotest.Image(w, h) }

// flat is a logo as most are: two flat colours.
func flat(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: 0x00, G: 0x55, B: 0x99, A: 0xff}
			if (x/20+y/20)%2 == 0 {
				c = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func encodePNG(img image.Image) []byte { return logotest.EncodePNG(img) }

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func TestDecode(t *testing.T) {
	var jpg, gf bytes.Buffer
	jpeg.Encode(&jpg, testImage(300, 200), nil)
	gif.Encode(&gf, testImage(10, 10), nil)
	valid := encodePNG(testImage(40, 20))
	tests := []struct {
		name         string
		data         []byte
		kind         Kind
		wantW, wantH int
	}{
		{"small PNG", valid, 0, 40, 20},
		{"JPEG", jpg.Bytes(), 0, 300, 200},
		{"large PNG is scaled to fit", encodePNG(testImage(2400, 600)), 0, 1200, 300},
		{"progressive CMYK JPEG that fits the budget", readFile(t, "cmyk-progressive-1200.jpg"), 0, 1200, 1200},
		{"4000 × 4000 progressive CMYK JPEG", readFile(t, "cmyk-progressive-4000.jpg"), KindPixels, 0, 0},
		{"GIF", gf.Bytes(), KindFormat, 0, 0},
		{"truncated PNG", valid[:60], KindDamaged, 0, 0},
		{"truncated JPEG", jpg.Bytes()[:len(jpg.Bytes())/2], KindDamaged, 0, 0},
		{"JPEG without a frame", []byte("\xff\xd8\xff\xe0\x00\x04ab\xff\xd9"), KindDamaged, 0, 0},
		{"over 2 MB", append(bytes.Clone(valid), make([]byte, 2<<20)...), KindTooLarge, 0, 0},
	}
	d := NewDecoder(Limits{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := d.Decode(context.Background(), tt.data)
			if k := kindOf(err); k != tt.kind || (err != nil && tt.kind == 0) {
				t.Fatalf("got %v (kind %d), want kind %d", err, k, tt.kind)
			}
			if tt.kind != 0 {
				return
			}
			if l.Width != tt.wantW || l.Height != tt.wantH {
				t.Errorf("size %d×%d, want %d×%d", l.Width, l.Height, tt.wantW, tt.wantH)
			}
			if _, err := d.Verify(context.Background(), l.Data); err != nil {
				t.Errorf("re-encoded logo does not verify: %v", err)
			}
		})
	}
}

// TestPixelsRefusalNamesTheLimit: the refusal says what the image is and
// how many megapixels of that kind the budget allows.
func TestPixelsRefusalNamesTheLimit(t *testing.T) {
	_, err := NewDecoder(Limits{}).Decode(context.Background(), readFile(t, "cmyk-progressive-4000.jpg"))
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindPixels || e.Width != 4000 || e.Image != "progressive CMYK JPEG" || e.Max != 7 {
		t.Fatalf("got %#v", err)
	}
}

// TestCostEstimateCoversTheDecode measures what image.Decode allocates
// and checks the header's estimate is not below it: the budget is only
// a bound if the estimate is.
func TestCostEstimateCoversTheDecode(t *testing.T) {
	var base bytes.Buffer
	jpeg.Encode(&base, testImage(800, 600), nil)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"progressive CMYK 2×2 JPEG", readFile(t, "cmyk-progressive-1200.jpg")},
		{"baseline YCbCr JPEG", base.Bytes()},
		{"RGBA PNG", encodePNG(testImage(900, 700))},
		{"grey PNG", encodePNG(image.NewGray(image.Rect(0, 0, 1000, 1000)))},
	} {
		h, err := readHeader(tt.data)
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, _, err := image.Decode(bytes.NewReader(tt.data)); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if got := int64(after.TotalAlloc - before.TotalAlloc); got > h.cost() {
			t.Errorf("%s (%s): decoding allocated %d bytes, estimate %d", tt.name, h.kind, got, h.cost())
		}
	}
}

// TestFlatLogoIsStoredWithAPalette: a logo of few colours is stored
// paletted, several times smaller than as true colour.
func TestFlatLogoIsStoredWithAPalette(t *testing.T) {
	src := flat(1000, 400)
	l, err := NewDecoder(Limits{}).Decode(context.Background(), encodePNG(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := png.DecodeConfig(bytes.NewReader(l.Data))
	if _, ok := cfg.ColorModel.(color.Palette); !ok {
		t.Errorf("stored as %T, want a palette", cfg.ColorModel)
	}
	img, _ := png.Decode(bytes.NewReader(l.Data))
	if r, g, b, _ := img.At(30, 5).RGBA(); r>>8 != 0 || g>>8 != 0x55 || b>>8 != 0x99 {
		t.Errorf("colour changed: %d %d %d", r>>8, g>>8, b>>8)
	}
}

func TestBudgetIsShared(t *testing.T) {
	d := NewDecoder(Limits{Budget: 10 << 20, Wait: 50 * time.Millisecond})
	release, err := d.acquire(context.Background(), 8<<20)
	if err != nil {
		t.Fatal(err)
	}
	data := encodePNG(testImage(1000, 1000)) // 4 MB + 1 MiB estimated: does not fit beside 8 MiB
	if _, err := d.Decode(context.Background(), data); kindOf(err) != KindBusy {
		t.Errorf("decoded beyond the budget: %v", err)
	}
	release()
	if _, err := d.Decode(context.Background(), data); err != nil {
		t.Errorf("after release: %v", err)
	}
	if d.InUse() != 0 {
		t.Errorf("%d bytes still in use", d.InUse())
	}
}

// TestVerifyFindsDamage: a torn stored logo of either format, a flipped
// bit in a PNG (its chunks carry a CRC; a JPEG has none, and the order
// store's SHA-256 catches that), and sizes no stored logo has.
func TestVerifyFindsDamage(t *testing.T) {
	d := NewDecoder(Limits{})
	l, err := d.Decode(context.Background(), encodePNG(flat(200, 100)))
	if err != nil {
		t.Fatal(err)
	}
	photo, err := d.Decode(context.Background(), encodePNG(testImage(200, 100)))
	if err != nil || photo.MIME() != "image/jpeg" {
		t.Fatalf("photo stored as %s: %v", photo.MIME(), err)
	}
	flipped := bytes.Clone(l.Data)
	flipped[len(flipped)/2] ^= 0x40
	for name, p := range map[string][]byte{
		"torn": l.Data[:len(l.Data)*2/3], "flipped bit": flipped, "empty": nil,
		"torn JPEG":                photo.Data[:len(photo.Data)*2/3],
		"larger than stored logos": encodePNG(testImage(1300, 10)),
	} {
		if _, err := d.Verify(context.Background(), p); kindOf(err) != KindDamaged {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDecodeDataURL(t *testing.T) {
	d := NewDecoder(Limits{})
	p := encodePNG(testImage(30, 20))
	if l, err := d.DecodeDataURL(context.Background(), "data:image/png;base64,"+base64.StdEncoding.EncodeToString(p)); err != nil || l.Width != 30 {
		t.Errorf("PNG data URL: %v", err)
	}
	for s, want := range map[string]Kind{
		"data:image/gif;base64,R0lGOD": KindFormat,
		"data:image/png,%89PNG":        KindFormat,
		"data:image/png;base64,!!!":    KindDamaged,
		"data:image/png;base64," + base64.StdEncoding.EncodeToString(make([]byte, 3<<20)): KindTooLarge,
	} {
		if _, err := d.DecodeDataURL(context.Background(), s); kindOf(err) != want {
			t.Errorf("%.40s: %v, want kind %d", s, err, want)
		}
	}
}

// FuzzDecode feeds the decoder arbitrary bytes: it must return a logo or
// a *Error, never panic, and a logo it returns must verify.
func FuzzDecode(f *testing.F) {
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, testImage(40, 30), nil)
	f.Add(encodePNG(testImage(20, 10)))
	f.Add(encodePNG(flat(50, 50)))
	f.Add(jpg.Bytes())
	f.Add(readFile(f, "cmyk-progressive-1200.jpg")[:4096])
	d := NewDecoder(Limits{MaxSide: 300, Budget: 8 << 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := d.Decode(context.Background(), data)
		if err != nil {
			if kindOf(err) == 0 {
				t.Fatalf("error of no kind: %v", err)
			}
			return
		}
		if _, err := d.Verify(context.Background(), l.Data); err != nil {
			t.Fatalf("decoded logo does not verify: %v", err)
		}
	})
}

// photo is a w × h opaque image with the detail of a photograph: a
// gradient with a deterministic grain.
func photo(w, h int) *image.NRGBA {
	img := testImage(w, h)
	for i := range img.Pix {
		if i%4 != 3 {
			img.Pix[i] += uint8((i*2654435761)>>28) & 7
		}
	}
	return img
}

// alphaLogo is a logo on a transparent background: a disc of one colour
// with anti-aliased edges (partial alpha).
func alphaLogo(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	cx, cy, r := w/2, h/2, min(w, h)*2/5
	for y := range h {
		for x := range w {
			d2 := (x-cx)*(x-cx) + (y-cy)*(y-cy)
			switch {
			case d2 <= (r-2)*(r-2):
				img.SetNRGBA(x, y, color.NRGBA{R: 0xc0, G: 0x10, B: 0x30, A: 0xff})
			case d2 <= r*r:
				img.SetNRGBA(x, y, color.NRGBA{R: 0xc0, G: 0x10, B: 0x30, A: uint8(0x20 + (r*r-d2)%0xc0)})
			}
		}
	}
	return img
}

// noise is the worst case for any encoder: every byte random, alpha too.
func noise(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	x := uint32(2463534242)
	for i := range img.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i] = uint8(x)
	}
	return img
}

// TestStoredFormat: a logo is stored as JPEG when it is a photograph
// (opaque, many colours) and as PNG otherwise, never over StoredSide a
// side or StoredBytes, and a photograph's JPEG is much smaller than the
// PNG stored before.
func TestStoredFormat(t *testing.T) {
	var photoJPEG bytes.Buffer
	if err := jpeg.Encode(&photoJPEG, photo(600, 450), &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name     string
		upload   []byte
		lim      Limits
		mime     string
		w, h     int
		hasAlpha bool
	}{
		{"photograph as JPEG", photoJPEG.Bytes(), Limits{}, "image/jpeg", 600, 450, false},
		{"photograph scaled to fit", photoJPEG.Bytes(), Limits{StoredSide: 300}, "image/jpeg", 300, 225, false},
		{"gradient as PNG", encodePNG(testImage(300, 150)), Limits{}, "image/jpeg", 300, 150, false},
		{"logo with transparency", encodePNG(alphaLogo(400, 300)), Limits{}, "image/png", 400, 300, true},
		{"flat colours", encodePNG(flat(500, 200)), Limits{}, "image/png", 500, 200, false},
		{"CMYK progressive JPEG, a smooth gradient", readFile(t, "cmyk-progressive-600.jpg"), Limits{}, "image/jpeg", 600, 600, false},
		// The bound is the same code at any size: 32 KiB here, 512 KiB by default.
		{"noise with alpha, scaled down to fit the bytes", encodePNG(noise(200, 200)), Limits{StoredBytes: 32 << 10}, "image/png", 0, 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := NewDecoder(c.lim)
			l, err := d.Decode(context.Background(), c.upload)
			if err != nil {
				t.Fatal(err)
			}
			if c.mime != "" && l.MIME() != c.mime {
				t.Errorf("stored as %s, want %s", l.MIME(), c.mime)
			}
			if len(l.Data) > d.Limits().StoredBytes || l.Width > d.Limits().StoredSide || l.Height > d.Limits().StoredSide {
				t.Errorf("stored %d bytes, %d × %d: over the bounds", len(l.Data), l.Width, l.Height)
			}
			if c.w > 0 && (l.Width != c.w || l.Height != c.h) {
				t.Errorf("stored %d × %d, want %d × %d", l.Width, l.Height, c.w, c.h)
			}
			img, format, err := image.Decode(bytes.NewReader(l.Data))
			if err != nil || "image/"+format != l.MIME() {
				t.Fatalf("stored bytes decode as %q (%v), MIME says %s", format, err, l.MIME())
			}
			if b := img.Bounds(); b.Dx() != l.Width || b.Dy() != l.Height {
				t.Errorf("stored image is %v, logo says %d × %d", b, l.Width, l.Height)
			}
			_, _, _, a := img.At(l.Width/2+l.Width*2/5-1, l.Height/2).RGBA()
			_, _, _, corner := img.At(0, 0).RGBA()
			if gotAlpha := a < 0xffff || corner < 0xffff; c.hasAlpha && !gotAlpha {
				t.Errorf("transparency lost")
			}
			if _, err := d.Verify(context.Background(), l.Data); err != nil {
				t.Errorf("stored logo does not verify: %v", err)
			}
			if l.MIME() == "image/jpeg" {
				old, err := encodeOnceAs(png.Encoder{}, l)
				if err != nil {
					t.Fatal(err)
				}
				if len(l.Data)*3 > old {
					t.Errorf("JPEG %d bytes, the PNG it replaces %d: less than 3 times smaller", len(l.Data), old)
				}
				t.Logf("upload %d bytes; stored JPEG %d bytes (%.2f of the upload), as PNG it was %d (%.2f)",
					len(c.upload), len(l.Data), float64(len(l.Data))/float64(len(c.upload)), old, float64(old)/float64(len(c.upload)))
			} else {
				t.Logf("upload %d bytes; stored PNG %d bytes (%.2f of the upload)", len(c.upload), len(l.Data), float64(len(l.Data))/float64(len(c.upload)))
			}
		})
	}
}

// encodeOnceAs re-encodes a stored logo's pixels as PNG, as every logo
// was stored before photographs became JPEG, and returns its size.
func encodeOnceAs(enc png.Encoder, l Logo) (int, error) {
	img, _, err := image.Decode(bytes.NewReader(l.Data))
	if err != nil {
		return 0, err
	}
	var b bytes.Buffer
	err = enc.Encode(&b, img)
	return b.Len(), err
}
