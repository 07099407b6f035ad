package pdf

import (
	"infogeneratorn/generator/compose"
)

// Colour operators. The digital file paints every colour in DeviceRGB
// (the design's sRGB rendition); the print file in DeviceCMYK (its CMYK
// rendition, for FOGRA39), so that it holds no RGB at all. These are the
// only places that choose between the two.

// fill appends the operator that sets the fill colour: "r g b rg" or
// "c m y k k".
func fill(b []byte, c compose.Color, cmyk bool) []byte {
	if cmyk {
		return append(inks(b, c), " k"...)
	}
	return append(rgb(b, c), " rg"...)
}

// rgb appends a colour as three fractions.
func rgb(b []byte, c compose.Color) []byte {
	for i, v := range []uint8{c.R, c.G, c.B} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendRounded(b, float64(v)/255*1000, 3)
	}
	return b
}

// inks appends a colour's four ink coverages as fractions.
func inks(b []byte, c compose.Color) []byte {
	for i, v := range []uint8{c.C, c.M, c.Y, c.K} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendRounded(b, float64(min(v, 100)), 2)
	}
	return b
}
