package pdf

import (
	"encoding/binary"
	"fmt"
	"math"

	"infogeneratorn/generator/fonts"
)

// faceData is what the renderer keeps of one face, read once at start-up:
// the tables it subsets from, each glyph's width as the PDF states it,
// the character each glyph stands for by the font's cmap, and the metrics
// of the font descriptor.
type faceData struct {
	face  *fonts.Face
	index int // in the renderer's order: the font is /F<index> on a page
	font  *sfntFont
	loca  []uint32 // glyph offsets into glyf, numGlyphs+1
	adv   []uint16 // advance widths, font units
	lsb   []int16  // left side bearings, font units
	// width is each glyph's advance in thousandths of the font size,
	// rounded: the /W the PDF gives it, which the drawer's grouping of
	// glyphs into one string relies on.
	width []int
	// blank is a glyph with no outline and no advance (0 if the font has
	// none): drawn at a cluster's end it gives text extractors the
	// cluster's box on the baseline without adding ink (see segments).
	blank uint16

	upem                       int
	bbox                       [4]int // head's xMin, yMin, xMax, yMax, thousandths of an em
	ascent, descent, capHeight int    // thousandths of an em
	italicAngle                float64
	stemV                      int

	programs subsetCache // compressed subsets of this face, shared by every render
}

// readFace reads the tables of face that the renderer needs.
func readFace(face *fonts.Face, index int) (*faceData, error) {
	f, err := parseSFNT(face.Data)
	if err != nil {
		return nil, err
	}
	n, err := f.numGlyphs()
	if err != nil {
		return nil, err
	}
	fd := &faceData{face: face, index: index, font: f, width: make([]int, n)}
	head, hhea, os2, post := f.table("head"), f.table("hhea"), f.table("OS/2"), f.table("post")
	if len(head) < 54 || len(hhea) < 36 {
		return nil, fmt.Errorf("head or hhea: %w", errShort)
	}
	be := binary.BigEndian
	fd.upem = int(be.Uint16(head[18:]))
	if fd.upem == 0 {
		return nil, fmt.Errorf("head: unitsPerEm is 0")
	}
	em := func(v int16) int { return int(math.Round(float64(v) * 1000 / float64(fd.upem))) }
	for i := range fd.bbox {
		fd.bbox[i] = em(int16(be.Uint16(head[36+2*i:])))
	}
	fd.ascent, fd.descent = em(int16(be.Uint16(hhea[4:]))), em(int16(be.Uint16(hhea[6:])))
	fd.capHeight = fd.ascent
	weight := 400
	if len(os2) >= 90 && be.Uint16(os2) >= 2 {
		fd.capHeight = em(int16(be.Uint16(os2[88:])))
	}
	if len(os2) >= 6 {
		weight = int(be.Uint16(os2[4:]))
	}
	fd.stemV = 50 + weight*weight/6500 // a usual estimate from the weight class
	if len(post) >= 8 {
		fd.italicAngle = float64(int32(be.Uint32(post[4:]))) / 65536
	}
	if fd.loca, err = f.locations(n); err != nil {
		return nil, err
	}
	if fd.adv, fd.lsb, err = f.metrics(n); err != nil {
		return nil, err
	}
	for g := range n {
		fd.width[g] = int(math.Round(float64(fd.adv[g]) * 1000 / float64(fd.upem)))
		if g > 0 && fd.adv[g] == 0 && fd.loca[g] == fd.loca[g+1] && fd.blank == 0 {
			fd.blank = uint16(g)
		}
	}
	return fd, nil
}

// locations reads loca: the offset of each glyph in glyf, and the end.
func (f *sfntFont) locations(n int) ([]uint32, error) {
	head, loca, glyf := f.table("head"), f.table("loca"), f.table("glyf")
	if len(head) < 54 || glyf == nil {
		return nil, fmt.Errorf("head or glyf: %w (only TrueType outlines are supported)", errShort)
	}
	out := make([]uint32, n+1)
	long := binary.BigEndian.Uint16(head[50:]) == 1
	for g := range out {
		switch {
		case long && len(loca) >= 4*g+4:
			out[g] = binary.BigEndian.Uint32(loca[4*g:])
		case !long && len(loca) >= 2*g+2:
			out[g] = 2 * uint32(binary.BigEndian.Uint16(loca[2*g:]))
		default:
			return nil, fmt.Errorf("loca: %w", errShort)
		}
		if out[g] > uint32(len(glyf)) || g > 0 && out[g] < out[g-1] {
			return nil, fmt.Errorf("loca: glyph %d out of order or outside glyf", g)
		}
	}
	return out, nil
}

// glyph returns the glyf data of glyph g.
func (fd *faceData) glyph(g uint16) []byte {
	return fd.font.table("glyf")[fd.loca[g]:fd.loca[g+1]]
}
