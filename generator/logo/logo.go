package logo

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // image.Decode reads JPEG logos through it
	"image/png"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Logo is a logo after re-encoding: a PNG that fits in a StoredSide
// square, made from the decoded pixels.
type Logo struct {
	PNG           []byte
	Width, Height int
}

// Limits bound what a Decoder accepts. Zero fields take Defaults'.
type Limits struct {
	MaxBytes   int   // the file as sent
	MaxSide    int   // pixels, either side, as declared in the header
	Budget     int64 // bytes all decodes in flight may take together, estimated from their headers
	StoredSide int   // the re-encoded logo fits in this square
	Wait       time.Duration
}

// Defaults: 2 MB, 4000 pixels a side, 128 MiB of decoding in flight (so
// a 4000 × 4000 baseline CMYK JPEG, 122 MiB, decodes alone; a progressive
// one, 366 MiB, is refused), re-encoded to fit 1200 × 1200 (10 cm at
// 300 dpi), and at most 30 s of waiting for the budget.
var Defaults = Limits{MaxBytes: 2 << 20, MaxSide: 4000, Budget: 128 << 20, StoredSide: 1200, Wait: 30 * time.Second}

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
// to fit StoredSide and re-encodes it as PNG.
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
	return encode(small)
}

// Verify re-reads a stored logo in full: a PNG within StoredSide that
// decodes to the end. A logo damaged at rest is a *Error of KindDamaged.
func (d *Decoder) Verify(ctx context.Context, p []byte) (Logo, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(p))
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
	if _, err := png.Decode(bytes.NewReader(p)); err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	return Logo{PNG: p, Width: cfg.Width, Height: cfg.Height}, nil
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

// encode writes the scaled logo as PNG: paletted when it has at most 256
// colours (most logos: a few flat colours and their anti-aliased edges
// rarely pass that), else as true colour, without alpha when opaque.
func encode(img *image.NRGBA) (Logo, error) {
	var out image.Image = img
	enc := png.Encoder{CompressionLevel: png.DefaultCompression} // best compression takes seconds on a photograph
	if p, ok := paletted(img); ok {
		out, enc.CompressionLevel = p, png.BestCompression
	}
	var buf bytes.Buffer
	if err := enc.Encode(&buf, out); err != nil {
		return Logo{}, &Error{Kind: KindDamaged, Err: err}
	}
	b := img.Bounds()
	return Logo{PNG: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

func paletted(img *image.NRGBA) (*image.Paletted, bool) {
	index := map[color.NRGBA]uint8{}
	var pal color.Palette
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.NRGBAAt(x, y)
			if _, ok := index[c]; !ok {
				if len(pal) == 256 {
					return nil, false
				}
				index[c] = uint8(len(pal))
				pal = append(pal, c)
			}
		}
	}
	p := image.NewPaletted(b, pal)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p.SetColorIndex(x, y, index[img.NRGBAAt(x, y)])
		}
	}
	return p, true
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
