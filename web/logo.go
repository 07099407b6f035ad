package web

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // the logo may be a JPEG
	"image/png"
	"strconv"
	"time"

	"infogeneratorn/generator/orders"
	"infogeneratorn/generator/request"
)

// Logo is an uploaded logo after re-encoding: a PNG that fits in a
// storedLogoSide square, made from the decoded pixels. The file as sent is
// never kept and never served back.
type Logo struct {
	PNG           []byte
	Width, Height int
}

// LogoStore keeps re-encoded logos between the posts of one form and for
// saved orders. A logo is found only by its random ID, which the form
// carries in a hidden field. Put takes the client's key for quotas; Get
// answers orders.ErrNotFound for an unknown or expired ID and
// *orders.DamagedLogoError for stored bytes that are no longer the logo.
type LogoStore interface {
	Put(ctx context.Context, client string, l Logo) (string, error)
	Get(ctx context.Context, id string) (Logo, error)
}

// Logo problem codes; their texts are the UI messages "validation.<code>".
const (
	codeLogoTooLarge  request.Code = "logo_too_large"
	codeLogoFormat    request.Code = "logo_format"
	codeLogoDimension request.Code = "logo_dimensions"
	codeLogoDamaged   request.Code = "logo_damaged"
)

// decodeLogo checks and re-encodes an uploaded logo. The image's header is
// read first (image.DecodeConfig): a file that declares more than
// maxLogoSide pixels on a side is refused before any pixel is decoded, so
// a small file cannot make the server allocate gigabytes.
func decodeLogo(data []byte) (Logo, *request.FieldError) {
	fail := func(code request.Code, kv ...string) (Logo, *request.FieldError) {
		e := request.FieldError{Field: "logo", Code: code, Params: map[string]string{}}
		for i := 0; i+1 < len(kv); i += 2 {
			e.Params[kv[i]] = kv[i+1]
		}
		return Logo{}, &e
	}
	if len(data) > maxLogoBytes {
		return fail(codeLogoTooLarge, "Max", "2 MB")
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) && !bytes.HasPrefix(data, []byte("\xff\xd8\xff")) {
		return fail(codeLogoFormat)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return fail(codeLogoDamaged)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
		return fail(codeLogoDimension, "Max", strconv.Itoa(maxLogoSide),
			"Width", strconv.Itoa(cfg.Width), "Height", strconv.Itoa(cfg.Height))
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return fail(codeLogoDamaged)
	}
	small := fit(img, storedLogoSide)
	var buf bytes.Buffer
	if err := png.Encode(&buf, small); err != nil {
		return fail(codeLogoDamaged)
	}
	b := small.Bounds()
	return Logo{PNG: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
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

// memoryLogos keeps logos in memory for a day.
type memoryLogos struct{ store *ttlStore }

// NewMemoryLogos returns a LogoStore in memory: logos live a day, at most
// 256 of them and 32 MiB, and are gone on restart.
func NewMemoryLogos(now func() time.Time) LogoStore {
	if now == nil {
		now = time.Now
	}
	return memoryLogos{store: newTTLStore(24*time.Hour, 256, 32<<20, now)}
}

func (m memoryLogos) Put(_ context.Context, _ string, l Logo) (string, error) {
	return m.store.put(l.PNG, fmt.Sprintf("%dx%d", l.Width, l.Height)), nil
}

func (m memoryLogos) Get(_ context.Context, id string) (Logo, error) {
	it, ok := m.store.get(id)
	if !ok {
		return Logo{}, orders.ErrNotFound
	}
	var l Logo
	if _, err := fmt.Sscanf(it.meta, "%dx%d", &l.Width, &l.Height); err != nil {
		return Logo{}, &orders.DamagedLogoError{ID: id}
	}
	l.PNG = it.data
	return l, nil
}
