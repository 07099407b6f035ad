package qrcode

import (
	"image"
	"image/color"
	"testing"

	qr "github.com/piglig/go-qr"
)

// render draws m with its quiet zone at scale pixels a module, as a
// printed code is seen.
func render(m Matrix, scale int) image.Image {
	side := (m.Size() + 2*QuietZone) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			mx, my := x/scale-QuietZone, y/scale-QuietZone
			c := color.Gray{Y: 255}
			if mx >= 0 && my >= 0 && mx < m.Size() && my < m.Size() && m.Dark(mx, my) {
				c = color.Gray{Y: 0}
			}
			img.SetGray(x, y, c)
		}
	}
	return img
}

func TestEncodeReadsBack(t *testing.T) {
	for _, tt := range []struct {
		text string
		size int // modules: version 1 is 21, each version adds 4
	}{
		{"https://www.kungsbacka.se", 25},
		{"https://www.kungsbacka.se/omsorg-och-stod/vald-i-nara-relationer", 37},
		{"https://infogen.example.se/l/ZmFsa2VuYmVyZy12YWxkLWFyLWE0LTIwMjY/ar", 37},
	} {
		m, err := Encode(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if m.Size() != tt.size {
			t.Errorf("%s: %d modules, want %d", tt.text, m.Size(), tt.size)
		}
		got, err := qr.Decode(render(m, 4))
		if err != nil || got != tt.text {
			t.Errorf("%s: read back %q (%v)", tt.text, got, err)
		}
	}
	if _, err := Encode(""); err == nil {
		t.Error("empty text encoded")
	}
}
