package compose

import (
	"math"
	"testing"
)

// luminance is the WCAG 2 relative luminance of c's sRGB rendition.
func luminance(c Color) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestDesignContrast checks every pair of text (or accent) and background
// colour the design uses against WCAG 2: 4.5:1 for text (AA), 3:1 for a
// graphic that carries meaning.
func TestDesignContrast(t *testing.T) {
	tests := []struct {
		name   string
		fg, bg Color
		min    float64
	}{
		{"ink on white", colorInk, colorWhite, 7},
		{"ink on tint", colorInk, colorTint, 7},
		{"ink on notice", colorInk, colorNotice, 7},
		{"brand heading on white", colorBrand, colorWhite, 7},
		{"brand label on tint", colorBrand, colorTint, 7},
		{"title on brand", colorOnBrand, colorBrand, 7},
		{"municipality on brand", colorOnBrandDim, colorBrand, 7},
		{"muted footer on tint", colorMuted, colorTint, 4.5},
		{"muted label on white", colorMuted, colorWhite, 4.5},
		{"alert bar on notice", colorAlert, colorNotice, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := contrast(tc.fg, tc.bg); got < tc.min {
				t.Errorf("contrast %.2f:1, want at least %.1f:1", got, tc.min)
			}
		})
	}
}

// TestDesignInks checks the print rendition: black and grey text and rules
// are K only, coloured text uses at most three inks, and no colour exceeds
// 300 % total ink (FOGRA39's limit for coated paper is 330–350 %).
func TestDesignInks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     Color
		kOnly bool
	}{
		{"ink", colorInk, true},
		{"muted", colorMuted, true},
		{"rule", colorRule, true},
		{"brand", colorBrand, false},
		{"onBrand", colorOnBrand, true},
		{"onBrandDim", colorOnBrandDim, false},
		{"white", colorWhite, true},
		{"tint", colorTint, false},
		{"notice", colorNotice, false},
		{"alert", colorAlert, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			for _, v := range []uint8{c.C, c.M, c.Y, c.K} {
				if v > 100 {
					t.Fatalf("ink %d %% is more than 100 %%", v)
				}
			}
			if tc.kOnly && !c.KOnly() {
				t.Errorf("%+v is not K only", c)
			}
			inks := 0
			for _, v := range []uint8{c.C, c.M, c.Y, c.K} {
				if v > 0 {
					inks++
				}
			}
			if inks > 3 {
				t.Errorf("%+v uses four inks", c)
			}
			if total := int(c.C) + int(c.M) + int(c.Y) + int(c.K); total > 300 {
				t.Errorf("%+v: total ink %d %%", c, total)
			}
		})
	}
}
