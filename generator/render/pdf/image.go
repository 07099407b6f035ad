package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	_ "image/jpeg" // logos are PNG or JPEG
	_ "image/png"
	"sync"

	"infogeneratorn/generator/compose"
)

// logoResource is the print file's logo in the page resources.
const logoResource = "ImLogo"

// cmykImage is a logo converted for the print file: DeviceCMYK samples,
// composited on white (the logo stands on a white panel, and PDF/X-1a
// allows no soft mask), compressed.
//
// The conversion is device-dependent, not colour-managed: K takes the
// grey component (1 − max(R, G, B)) and C, M, Y the rest, so neutral
// greys and black print in K alone and no pixel carries more than 300 %
// ink, within FOGRA39's limit. A logo whose colours must match a brand
// manual exactly needs the municipality's own CMYK artwork.
type cmykImage struct {
	w, h int
	data []byte // deflated, 8 bits per ink
}

// toCMYK decodes a PNG or JPEG and converts it.
func toCMYK(data []byte, z *deflater) (*cmykImage, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("logo: %w", err)
	}
	b := img.Bounds()
	px := make([]byte, 0, 4*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			px = appendCMYK(px, img, x, y)
		}
	}
	return &cmykImage{w: b.Dx(), h: b.Dy(), data: z.deflate(px)}, nil
}

// appendCMYK appends one pixel's inks, 0–255 each, after compositing it
// on white.
func appendCMYK(px []byte, img image.Image, x, y int) []byte {
	r, g, b, a := img.At(x, y).RGBA() // alpha-premultiplied, 0–65535
	white := 0xffff - a
	r, g, b = (r+white)>>8, (g+white)>>8, (b+white)>>8
	hi := max(r, g, b)
	k := 255 - hi
	if hi == 0 {
		return append(px, 0, 0, 0, 255)
	}
	ink := func(v uint32) byte { return byte((hi - v) * 255 / hi) }
	return append(px, ink(r), ink(g), ink(b), byte(k))
}

// object writes the image XObject as the next object of w.
func (im *cmykImage) object(w *objectWriter) {
	w.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Interpolate false", im.w, im.h), im.data)
}

// draw paints the image into r (trim coordinates).
func (im *cmykImage) draw(d *drawer, r compose.Rect) {
	o := append(d.buf[:0], "q "...)
	o = num(o, r.W)
	o = append(o, " 0 0 "...)
	o = num(o, r.H)
	o = append(o, ' ')
	o = num(o, d.geo.ox+r.X)
	o = append(o, ' ')
	o = num(o, d.geo.mediaH-d.geo.oy-r.Y-r.H)
	o = append(o, " cm /"+logoResource+" Do Q\n"...)
	d.raw(o)
	d.buf = o
}

// logoCache keeps the last logo converted, by its file's hash: one order
// prints the same logo on every leaflet.
type logoCache struct {
	mu  sync.Mutex
	sum [sha256.Size]byte
	img *cmykImage
}

func (c *logoCache) get(data []byte, z *deflater) (*cmykImage, error) {
	sum := sha256.Sum256(data)
	c.mu.Lock()
	if c.img != nil && c.sum == sum {
		img := c.img
		c.mu.Unlock()
		return img, nil
	}
	c.mu.Unlock()
	img, err := toCMYK(data, z)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.sum, c.img = sum, img
	c.mu.Unlock()
	return img, nil
}
