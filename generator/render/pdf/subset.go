package pdf

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Composite glyph flags (TrueType glyf).
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponent    = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// subset writes a TrueType font with the glyphs gids, glyph i of the
// subset being gids[i] (gids[0] must be 0, .notdef), followed by the
// components of composite glyphs that gids do not hold. Glyph i of the
// subset is drawn as CID i, and as any other CID the font's CIDToGIDMap
// maps to it (fontUse).
// It keeps what a PDF renderer needs, outlines and metrics, and drops
// the layout tables, which a PDF never uses, and the hinting
// instructions: PDF viewers (pdf.js, PDFium, Acrobat, poppler's pdftoppm)
// and printers rasterise outlines without them, and they are 25 to 50 %
// of the glyph data of the Noto faces.
func (fd *faceData) subset(gids []uint16) ([]byte, error) {
	return fd.subsetIn(&subsetScratch{}, gids)
}

// subsetScratch is the space a subset is built in, kept for the next:
// the glyph data, and the font, which is compressed and then no longer
// needed.
type subsetScratch struct{ glyf, font []byte }

// subsetIn is subset building the font in s's space: the font it
// returns is valid until s is used again.
func (fd *faceData) subsetIn(s *subsetScratch, gids []uint16) ([]byte, error) {
	if len(gids) == 0 || gids[0] != 0 {
		return nil, fmt.Errorf("a subset starts with .notdef")
	}
	order := slices.Clone(gids)
	newID := make(map[uint16]uint16, len(order))
	for i, g := range order {
		newID[g] = uint16(i)
	}
	// Components of composites join the subset, transitively.
	for i := 0; i < len(order); i++ {
		comps, err := components(fd.glyph(order[i]))
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", order[i], err)
		}
		for _, c := range comps {
			if int(c) >= len(fd.adv) {
				return nil, fmt.Errorf("glyph %d: component %d out of range", order[i], c)
			}
			if _, ok := newID[c]; !ok {
				newID[c] = uint16(len(order))
				order = append(order, c)
			}
		}
	}
	n := len(order)
	be := binary.BigEndian
	size := 0 // of the glyphs with their hints, padded: enough for glyf
	for _, g := range order {
		size += len(fd.glyph(g)) + 3
	}
	glyf := slices.Grow(s.glyf[:0], size)
	defer func() { s.glyf = glyf[:0] }()
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range order {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		at := len(glyf)
		var err error
		if glyf, err = appendUnhinted(glyf, fd.glyph(g)); err != nil {
			return nil, fmt.Errorf("glyph %d: %w", g, err)
		}
		if data := glyf[at:]; len(data) >= 10 && int16(be.Uint16(data)) < 0 {
			if err := renumber(data, newID); err != nil {
				return nil, err
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		be.PutUint16(hmtx[4*i:], fd.adv[g])
		be.PutUint16(hmtx[4*i+2:], uint16(fd.lsb[g]))
	}
	be.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(fd.font.table("head"))
	be.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(fd.font.table("hhea"))
	be.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(fd.font.table("maxp"))
	be.PutUint16(maxp[4:], uint16(n))
	post := fd.font.table("post")
	if len(post) < 32 {
		return nil, fmt.Errorf("post: %w", errShort)
	}
	post = slices.Clone(post[:32]) // the header only: the glyph names go
	be.PutUint32(post, 0x00030000) // no glyph names
	cmap, err := buildCmap4(nil)
	if err != nil {
		return nil, err
	}
	out := &sfntFont{version: 0x00010000, tables: []sfntTable{
		{"head", head}, {"hhea", hhea}, {"maxp", maxp}, {"hmtx", hmtx}, {"loca", loca}, {"glyf", glyf},
		{"post", post}, {"cmap", buildCmapTable(cmap)},
	}}
	for _, tag := range []string{"OS/2", "name"} {
		if t := fd.font.table(tag); t != nil {
			out.tables = append(out.tables, sfntTable{tag, t})
		}
	}
	font, err := out.writeIn(s.font)
	if err == nil {
		s.font = font
	}
	return font, err
}

// components returns the glyph IDs a composite glyph is built from (none
// for a simple glyph).
func components(data []byte) ([]uint16, error) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil
	}
	var out []uint16
	err := eachComponent(data, func(at int) { out = append(out, binary.BigEndian.Uint16(data[at:])) })
	return out, err
}

// renumber rewrites the component IDs of a composite glyph in place.
func renumber(data []byte, newID map[uint16]uint16) error {
	return eachComponent(data, func(at int) {
		binary.BigEndian.PutUint16(data[at:], newID[binary.BigEndian.Uint16(data[at:])])
	})
}

// eachComponent calls f with the offset of each component's glyph ID.
func eachComponent(data []byte, f func(at int)) error {
	p := 10
	for {
		if p+4 > len(data) {
			return fmt.Errorf("composite glyph: %w", errShort)
		}
		flags := binary.BigEndian.Uint16(data[p:])
		f(p + 2)
		p += componentLen(flags)
		if flags&moreComponent == 0 {
			return nil
		}
	}
}

// componentLen is the length of a component record with flags: flags,
// glyph ID, two arguments, and the transformation.
func componentLen(flags uint16) int {
	n := 6
	if flags&argsAreWords != 0 {
		n += 2
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// unhinted returns a copy of a glyph's data without its hinting
// instructions.
func unhinted(data []byte) ([]byte, error) {
	return appendUnhinted(make([]byte, 0, len(data)), data)
}

// appendUnhinted appends a glyph's data without its hinting instructions
// to out.
func appendUnhinted(out, data []byte) ([]byte, error) {
	be := binary.BigEndian
	if len(data) < 10 {
		return append(out, data...), nil
	}
	contours := int16(be.Uint16(data))
	if contours >= 0 {
		at := 10 + 2*int(contours) // the instruction length
		if at+2 > len(data) {
			return nil, fmt.Errorf("simple glyph: %w", errShort)
		}
		n := int(be.Uint16(data[at:]))
		if at+2+n > len(data) {
			return nil, fmt.Errorf("simple glyph: %w", errShort)
		}
		out = append(out, data[:at]...)
		out = append(out, 0, 0)
		return append(out, data[at+2+n:]...), nil
	}
	start := len(out)
	out = append(out, data...)
	glyph := out[start:]
	last, end := 0, 0 // the last component's flags, and where the components end
	err := eachComponent(glyph, func(at int) { last = at - 2 })
	if err != nil {
		return nil, err
	}
	flags := be.Uint16(glyph[last:])
	end = last + componentLen(flags)
	be.PutUint16(glyph[last:], flags&^haveInstructions)
	return out[:start+end], nil
}
