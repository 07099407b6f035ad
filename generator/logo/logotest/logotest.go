// Package logotest makes images for the tests of logo decoding and of
// the places that take logos.
package logotest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// Image is a w × h gradient: every pixel differs from its neighbours, as
// in a photograph.
func Image(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: 0x80, A: 0xff})
		}
	}
	return img
}

// EncodePNG encodes img as PNG.
func EncodePNG(img image.Image) []byte {
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
