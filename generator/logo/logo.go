package logo

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Logo is a logo after re-encoding, made from the decoded pixels: a JPEG
// for a photograph, else a PNG, that fits in a StoredSide square and
// StoredBytes.
type Logo struct {
	Data          []byte
	Width, Height int
}

// MIME is "image/jpeg" or "image/png".
func (l Logo) MIME() string {
	if isJPEG(l.Data) {
		return "image/jpeg"
	}
	return "image/png"
}

func isJPEG(b []byte) bool { return len(b) >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff }

// Limits bound what a Decoder accepts. Zero fields take Defaults'.
type Limits struct {
	MaxBytes    int   // the file as sent
	MaxSide     int   // pixels, either side, as declared in the header
	Budget      int64 // bytes all decodes in flight may take together, estimated from their headers
	StoredSide  int   // the re-encoded logo fits in this square
	StoredBytes int   // and in this many bytes
	Wait        time.Duration
}

// Defaults: 2 MB, 4000 pixels a side, 128 MiB of decoding in flight (so
// a 4000 × 4000 baseline CMYK JPEG, 122 MiB, decodes alone; a progressive
// one, 366 MiB, is refused), re-encoded to fit 1200 × 1200 (10 cm at
// 300 dpi) and 512 KiB, and at most 30 s of waiting for the budget.
var Defaults = Limits{MaxBytes: 2 << 20, MaxSide: 4000, Budget: 128 << 20, StoredSide: 1200, StoredBytes: 512 << 10,
	Wait: 30 * time.Second}

// JPEGQuality is the quality a photograph is stored at: no artefacts
// visible at print size, a quarter or less of the PNG.
const JPEGQuality = 85

// photoColours is how many distinct colours an opaque logo must have,
// after scaling, to be stored as a JPEG without trying PNG: flat-colour
// artwork with anti-aliased edges stays well below it; a photograph
// passes it within a few rows.
const photoColours = 4096

// Kind is why a logo is refused.
type Kind int

// Kinds of refusal.
const (
	KindTooLarge   Kind = iota + 1 // more bytes than MaxBytes
	KindFormat                     // not a PNG or JPEG
	KindDimensions                 // a side over MaxSide, as declared
	KindPixels                     // decoding it would take more than the whole budget
	KindDamaged                    // the header or the pixels cannot be read
	KindBusy                       // no room in the budget within Wait
)

// Error is a refused logo. Width, Height and Kind of image describe it as
// its header declares; Max is the limit it passed (bytes, pixels a side
// or megapixels, by Kind).
type Error struct {
	Kind          Kind
	Width, Height int
	Image         string // "progressive CMYK JPEG", …; for KindPixels
	Max           int
	Err           error
}

func (e *Error) Error() string {
	switch e.Kind {
	case KindTooLarge:
		return fmt.Sprintf("logo: larger than %d bytes", e.Max)
	case KindFormat:
		return "logo: not a PNG or JPEG"
	case KindDimensions:
		return fmt.Sprintf("logo: %d × %d pixels, at most %d a side", e.Width, e.Height, e.Max)
	case KindPixels:
		return fmt.Sprintf("logo: %d × %d %s would take too much memory to decode (at most %d megapixels)", e.Width, e.Height, e.Image, e.Max)
	case KindBusy:
		return "logo: no room to decode it now"
	}
	return fmt.Sprintf("logo: damaged: %v", e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Decoder decodes logos within a memory budget shared by all its callers.
// It is safe for concurrent use.
type Decoder struct {
	lim Limits

	mu     sync.Mutex
	inUse  int64
	change chan struct{} // closed and replaced whenever budget is released
}

// NewDecoder returns a Decoder with these limits.
func NewDecoder(l Limits) *Decoder {
	d := Defaults
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxSide > 0 {
		d.MaxSide = l.MaxSide
	}
	if l.Budget > 0 {
		d.Budget = l.Budget
	}
	if l.StoredSide > 0 {
		d.StoredSide = l.StoredSide
	}
	if l.StoredBytes > 0 {
		d.StoredBytes = l.StoredBytes
	}
	if l.Wait > 0 {
		d.Wait = l.Wait
	}
	return &Decoder{lim: d, change: make(chan struct{})}
}

// Limits returns the decoder's limits, defaults filled in.
func (d *Decoder) Limits() Limits { return d.lim }

// InUse returns the bytes the decodes in flight are estimated to take.
func (d *Decoder) InUse() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.inUse
}

// DecodeDataURL decodes a logo given as "data:image/png;base64,…" or
// "data:image/jpeg;base64,…".
func (d *Decoder) DecodeDataURL(ctx context.Context, s string) (Logo, error) {
	_, b64, ok := strings.Cut(s, ";base64,")
	if !ok || !(strings.HasPrefix(s, "data:image/png;") || strings.HasPrefix(s, "data:image/jpeg;")) {
		return Logo{}, &Error{Kind: KindFormat}
	}
	if base64.StdEncoding.DecodedLen(len(b64)) > d.lim.MaxBytes+3 {
		return Logo{}, &Error{Kind: KindTooLarge, Max: d.lim.MaxBytes}
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	return d.Decode(ctx, data)
}

// Decode checks a logo's header, decodes it within the budget, scales it
// to fit StoredSide and re-encodes it (encode says how).
func (d *Decoder) Decode(ctx context.Context, data []byte) (Logo, error) {
	if len(data) > d.lim.MaxBytes {
		return Logo{}, &Error{Kind: KindTooLarge, Max: d.lim.MaxBytes}
	}
	h, err := readHeader(data)
	if err != nil {
		return Logo{}, err
	}
	if h.width <= 0 || h.height <= 0 {
		return Logo{}, &Error{Kind: KindDamaged, Width: h.width, Height: h.height, Err: fmt.Errorf("empty image")}
	}
	if h.width > d.lim.MaxSide || h.height > d.lim.MaxSide {
		return Logo{}, &Error{Kind: KindDimensions, Width: h.width, Height: h.height, Max: d.lim.MaxSide}
	}
	cost := h.cost()
	if cost > d.lim.Budget {
		return Logo{}, &Error{Kind: KindPixels, Width: h.width, Height: h.height, Image: h.kind,
			Max: int(d.lim.Budget / h.perPixel() / 1_000_000)}
	}
	release, err := d.acquire(ctx, cost)
	if err != nil {
		return Logo{}, err
	}
	defer release()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	if b := img.Bounds(); b.Dx() != h.width || b.Dy() != h.height {
		return Logo{}, &Error{Kind: KindDamaged, Err: fmt.Errorf("decoded %v, header said %d × %d", b, h.width, h.height)}
	}
	small := fit(img, d.lim.StoredSide)
	img = nil
	return encode(small, d.lim.StoredBytes)
}

// Verify re-reads a stored logo in full: a PNG or JPEG within StoredSide
// that decodes to the end. Logos stored before JPEG was chosen for
// photographs are PNGs over StoredBytes; they still verify. A logo
// damaged at rest is a *Error of KindDamaged.
func (d *Decoder) Verify(ctx context.Context, p []byte) (Logo, error) {
	decodeConfig, decode := png.DecodeConfig, png.Decode
	if isJPEG(p) {
		decodeConfig, decode = jpeg.DecodeConfig, jpeg.Decode
	}
	cfg, err := decodeConfig(bytes.NewReader(p))
	if err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > d.lim.StoredSide || cfg.Height > d.lim.StoredSide {
		return Logo{}, &Error{Kind: KindDamaged, Width: cfg.Width, Height: cfg.Height, Err: fmt.Errorf("not a stored logo's size")}
	}
	release, err := d.acquire(ctx, int64(cfg.Width)*int64(cfg.Height)*8)
	if err != nil {
		return Logo{}, err
	}
	defer release()
	if _, err := decode(bytes.NewReader(p)); err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	return Logo{Data: p, Width: cfg.Width, Height: cfg.Height}, nil
}

// acquire waits until cost bytes fit in the budget. After a large decode
// the release collects its garbage at once, so that the next one reuses
// the memory instead of growing the process while the collector catches up.
func (d *Decoder) acquire(ctx context.Context, cost int64) (func(), error) {
	timeout := time.NewTimer(d.lim.Wait)
	defer timeout.Stop()
	for {
		d.mu.Lock()
		if d.inUse+cost <= d.lim.Budget {
			d.inUse += cost
			d.mu.Unlock()
			return func() {
				if cost >= 32<<20 {
					runtime.GC()
				}
				d.mu.Lock()
				d.inUse -= cost
				close(d.change)
				d.change = make(chan struct{})
				d.mu.Unlock()
			}, nil
		}
		wait := d.change
		d.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, &Error{Kind: KindBusy, Err: ctx.Err()}
		case <-timeout.C:
			return nil, &Error{Kind: KindBusy}
		}
	}
}

// encode stores the scaled logo by its content. An opaque image of more
// than photoColours colours (a photograph) is a JPEG at JPEGQuality. An
// opaque one of 257 to photoColours colours (a gradient, a small or
// flat photograph, artwork with many anti-aliased edges) is a JPEG when
// that is less than half the PNG, else a PNG, whose edges stay sharp.
// Anything with transparency is a PNG; at most 256 colours (most logos:
// a few flat colours and their anti-aliased edges rarely pass that) a
// paletted one. A result over maxBytes is scaled down by a quarter a side
// and encoded again until it fits.
func encode(img *image.NRGBA, maxBytes int) (Logo, error) {
	for {
		data, err := encodeOnce(img)
		if err != nil {
			return Logo{}, &Error{Kind: KindDamaged, Err: err}
		}
		b := img.Bounds()
		if len(data) <= maxBytes || b.Dx() <= 16 && b.Dy() <= 16 {
			return Logo{Data: data, Width: b.Dx(), Height: b.Dy()}, nil
		}
		img = fit(img, max(b.Dx(), b.Dy())*3/4)
	}
}

func encodeOnce(img *image.NRGBA) ([]byte, error) {
	colours, opaque := colourCount(img, photoColours+1)
	if colours <= 256 {
		var buf bytes.Buffer
		err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, paletted(img))
		return buf.Bytes(), err
	}
	var jpg bytes.Buffer
	if opaque {
		if err := jpeg.Encode(&jpg, opaqueRGBA(img), &jpeg.Options{Quality: JPEGQuality}); err != nil {
			return nil, err
		}
		if colours > photoColours {
			return jpg.Bytes(), nil
		}
	}
	var buf bytes.Buffer
	// Best compression takes seconds on a photograph. image/png writes an
	// opaque image without its alpha channel.
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img); err != nil {
		return nil, err
	}
	if opaque && buf.Len() > 2*jpg.Len() {
		return jpg.Bytes(), nil // a smooth gradient or a small photograph
	}
	return buf.Bytes(), nil
}

// colourCount counts img's distinct colours, up to limit, and reports
// whether every pixel is opaque.
func colourCount(img *image.NRGBA, limit int) (colours int, opaque bool) {
	seen := map[color.NRGBA]struct{}{}
	opaque = true
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.NRGBAAt(x, y)
			opaque = opaque && c.A == 0xff
			if len(seen) < limit {
				seen[c] = struct{}{}
			} else if !opaque {
				return len(seen), false
			}
		}
	}
	return len(seen), opaque
}

// opaqueRGBA returns img, whose pixels are all opaque, as an *image.RGBA
// (the same bytes: straight and premultiplied colour agree at full alpha).
func opaqueRGBA(img *image.NRGBA) *image.RGBA {
	return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
}

func paletted(img *image.NRGBA) *image.Paletted {
	index := map[color.NRGBA]uint8{}
	var pal color.Palette
	b := img.Bounds()
	p := image.NewPaletted(b, nil)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.NRGBAAt(x, y)
			i, ok := index[c]
			if !ok {
				i = uint8(len(pal))
				index[c] = i
				pal = append(pal, c)
			}
			p.SetColorIndex(x, y, i)
		}
	}
	p.Palette = pal
	return p
}

// fit copies img into a new NRGBA image no larger than side × side,
// averaging the source pixels under each target pixel (a box filter).
func fit(img image.Image, side int) *image.NRGBA {
	sb := img.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	dw, dh := sw, sh
	if sw > side || sh > side {
		if sw >= sh {
			dw, dh = side, max(1, sh*side/sw)
		} else {
			dw, dh = max(1, sw*side/sh), side
		}
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	fast, isFast := img.(image.RGBA64Image)
	at := func(x, y int) color.RGBA64 {
		if isFast {
			return fast.RGBA64At(x, y)
		}
		r, g, b, a := img.At(x, y).RGBA()
		return color.RGBA64{uint16(r), uint16(g), uint16(b), uint16(a)}
	}
	for y := range dh {
		y0, y1 := sb.Min.Y+y*sh/dh, sb.Min.Y+max((y+1)*sh/dh, y*sh/dh+1)
		for x := range dw {
			x0, x1 := sb.Min.X+x*sw/dw, sb.Min.X+max((x+1)*sw/dw, x*sw/dw+1)
			var r, g, b, a, n uint64
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					c := at(sx, sy)
					r, g, b, a, n = r+uint64(c.R), g+uint64(c.G), b+uint64(c.B), a+uint64(c.A), n+1
				}
			}
			// Premultiplied sums → straight alpha.
			if a == 0 {
				continue
			}
			dst.SetNRGBA(x, y, color.NRGBA{
				R: uint8(r * 0xff / a), G: uint8(g * 0xff / a), B: uint8(b * 0xff / a), A: uint8(a / n >> 8)})
		}
	}
	return dst
}
