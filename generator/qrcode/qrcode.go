package qrcode

import (
	"fmt"
	"image"

	qr "github.com/piglig/go-qr"
)

// QuietZone is the light border QR needs on every side, in modules.
const QuietZone = 4

// MaxText bounds what is encoded (a web address).
const MaxText = 300

// Matrix is an encoded QR code without its quiet zone: Modules[y][x] is
// true for a dark module.
type Matrix struct {
	Modules [][]bool `json:"modules"`
}

// Size is the number of modules on a side, without the quiet zone.
func (m Matrix) Size() int { return len(m.Modules) }

// Dark reports whether the module at x, y is dark.
func (m Matrix) Dark(x, y int) bool { return m.Modules[y][x] }

// Encode encodes text at error-correction level M.
func Encode(text string) (Matrix, error) {
	if text == "" || len(text) > MaxText {
		return Matrix{}, fmt.Errorf("qrcode: %d bytes, want 1 to %d", len(text), MaxText)
	}
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return Matrix{}, fmt.Errorf("qrcode: %w", err)
	}
	n := code.Size()
	m := Matrix{Modules: make([][]bool, n)}
	for y := range n {
		m.Modules[y] = make([]bool, n)
		for x := range n {
			m.Modules[y][x] = code.Module(x, y)
		}
	}
	return m, nil
}

// Decode reads a QR code from an image (a rasterised page): how the tests
// check that a printed code leads where it should.
func Decode(img image.Image) (string, error) {
	return qr.Decode(img)
}
