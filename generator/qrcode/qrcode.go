package qrcode

import (
	"errors"
	"fmt"
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

// Encode encodes text in the smallest version that holds it at error
// correction level M, at a higher level when the text still fits that
// version (see the package doc).
func Encode(text string) (Matrix, error) {
	if text == "" || len(text) > MaxText {
		return Matrix{}, fmt.Errorf("qrcode: %d bytes, want 1 to %d", len(text), MaxText)
	}
	s := segmentOf(text)
	ver, ecl, err := fitVersion(s, levelM, 1, maxVersion, true)
	if err != nil {
		return Matrix{}, err
	}
	return encodeAt(s, ver, ecl, -1), nil
}

// errTooLong is fitVersion's answer to a segment no version in the
// range holds.
var errTooLong = errors.New("qrcode: the text does not fit the largest version")

// fitVersion returns the smallest version in [minVer, maxVer] whose data
// capacity at ecl holds s, and the level to encode at: ecl, or with
// boost the highest level whose capacity at that version still holds it
// (a code of the same size that survives more damage).
func fitVersion(s segment, ecl level, minVer, maxVer int, boost bool) (int, level, error) {
	for v := minVer; v <= maxVer; v++ {
		used, ok := s.bits(v)
		if !ok || used > dataCodewords(v, ecl)*8 {
			continue
		}
		if boost {
			for l := ecl + 1; l <= levelH; l++ {
				if used <= dataCodewords(v, l)*8 {
					ecl = l
				}
			}
		}
		return v, ecl, nil
	}
	return 0, 0, errTooLong
}

// encodeAt draws s as a code of version ver at level ecl with the given
// mask, or with the mask of lowest penalty for mask -1.
func encodeAt(s segment, ver int, ecl level, mask int) Matrix {
	data := s.codewords(ver, ecl)
	g := newGrid(ver)
	g.drawFunctionPatterns(ecl)
	g.drawCodewords(interleave(data, ver, ecl))
	if mask < 0 {
		mask = g.bestMask(ecl)
	}
	g.applyMask(mask)
	g.drawFormat(ecl, mask)
	return Matrix{Modules: g.dark}
}
