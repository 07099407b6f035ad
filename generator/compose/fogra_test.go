package compose

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// fogra39 is Fogra's characterisation data for the printing condition
// FOGRA39 (coated paper, ISO 12647-2), from Debian's icc-profiles-free.
const fogra39 = "/usr/share/color/icc/FOGRA39L.ti3"

// readFOGRA39 returns the measured XYZ (D50, paper white Y ≈ 87.6) of
// every CMYK patch of the characterisation data, by its ink percentages.
func readFOGRA39(t *testing.T) map[[4]uint8][3]float64 {
	t.Helper()
	f, err := os.Open(fogra39)
	if err != nil {
		t.Fatalf("FOGRA39 data (Debian: icc-profiles-free): %v", err)
	}
	defer f.Close()
	out := map[[4]uint8][3]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 11 {
			continue
		}
		var v [10]float64
		ok := true
		for i := range v {
			if v[i], err = strconv.ParseFloat(fs[i+1], 64); err != nil {
				ok = false
			}
		}
		if !ok || v[0] != math.Trunc(v[0]) || v[1] != math.Trunc(v[1]) || v[2] != math.Trunc(v[2]) || v[3] != math.Trunc(v[3]) {
			continue
		}
		out[[4]uint8{uint8(v[0]), uint8(v[1]), uint8(v[2]), uint8(v[3])}] = [3]float64{v[4], v[5], v[6]}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 1000 {
		t.Fatalf("%s: %d patches, want the 1617 of IT8.7/4", fogra39, len(out))
	}
	return out
}

// mediaRelativeSRGB converts a measured XYZ to sRGB with the paper as
// white: scaled by D50 over the paper's XYZ, adapted to D65 (Bradford),
// encoded with the sRGB curve.
func mediaRelativeSRGB(xyz, paper [3]float64) [3]uint8 {
	d50 := [3]float64{96.42, 100, 82.49}
	var s [3]float64
	for i := range s {
		s[i] = xyz[i] * d50[i] / paper[i] / 100
	}
	brad := [3][3]float64{{0.9555766, -0.0230393, 0.0631636}, {-0.0282895, 1.0099416, 0.0210077}, {0.0122982, -0.0204830, 1.3299098}}
	var d [3]float64
	for i := range d {
		d[i] = brad[i][0]*s[0] + brad[i][1]*s[1] + brad[i][2]*s[2]
	}
	m := [3][3]float64{{3.2404542, -1.5371385, -0.4985314}, {-0.9692660, 1.8760108, 0.0415560}, {0.0556434, -0.2040259, 1.0572252}}
	var out [3]uint8
	for i := range out {
		c := min(1, max(0, m[i][0]*d[0]+m[i][1]*d[1]+m[i][2]*d[2]))
		if c <= 0.0031308 {
			c *= 12.92
		} else {
			c = 1.055*math.Pow(c, 1/2.4) - 0.055
		}
		out[i] = uint8(math.Round(c * 255))
	}
	return out
}

// TestDesignRGBMatchesFOGRA39: each colour's sRGB rendition is the
// measured colour of its CMYK values in FOGRA39 (within one step per
// channel), so that the screen shows what the press prints.
func TestDesignRGBMatchesFOGRA39(t *testing.T) {
	patches := readFOGRA39(t)
	paper := patches[[4]uint8{}]
	for _, tc := range []struct {
		name string
		c    Color
	}{
		{"ink", colorInk}, {"brand", colorBrand}, {"onBrand", colorOnBrand}, {"white", colorWhite},
		{"onBrandDim", colorOnBrandDim}, {"tint", colorTint}, {"notice", colorNotice},
		{"alert", colorAlert}, {"muted", colorMuted}, {"rule", colorRule},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			xyz, ok := patches[[4]uint8{c.C, c.M, c.Y, c.K}]
			if !ok {
				t.Fatalf("C%d M%d Y%d K%d is not a measured patch of FOGRA39L", c.C, c.M, c.Y, c.K)
			}
			want := mediaRelativeSRGB(xyz, paper)
			for i, got := range []uint8{c.R, c.G, c.B} {
				if d := int(got) - int(want[i]); d < -1 || d > 1 {
					t.Errorf("sRGB %d,%d,%d; FOGRA39 gives %d,%d,%d", c.R, c.G, c.B, want[0], want[1], want[2])
					break
				}
			}
		})
	}
}
