package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"infogeneratorn/generator/fonts"
)

// Private Use Area code points given to glyphs that have none.
const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// fontCopy is a face prepared for fpdf: a copy of its TrueType file in
// which every glyph is reachable through the BMP cmap, and the tables the
// renderer needs to draw glyph IDs through fpdf's rune-based API.
type fontCopy struct {
	face *fonts.Face
	key  string // the family name the face is registered under in fpdf
	data []byte // the TrueType file fpdf reads
	// code is the code point each glyph is drawn with (glyph ID → rune);
	// 0 for .notdef.
	code []rune
	// cmap is the face's original Unicode cmap, to draw a glyph with the
	// cluster's own character where the font maps it to that glyph.
	cmap map[rune]uint16
	// width is each glyph's advance as fpdf writes it into the PDF's /W
	// array: thousandths of the font size, rounded.
	width []int
	pua   int // how many glyphs got a private-use code point
	// blank is a glyph with no outline and no advance (0 if the font has
	// none): drawn at a cluster's edges it gives text extractors the
	// cluster's box without adding ink (see segments).
	blank uint16
}

// isControl reports code points a PDF text string should not carry as a
// glyph's only code: C0 and C1 controls.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7F && r <= 0x9F }

// prepareFont builds the fontCopy of face: glyphs without a BMP code point
// get private-use code points (U+E000 upward, in glyph order), all BMP
// mappings go into one format 4 subtable that both the (0,3) and the (3,1)
// record point at (fpdf reads only the first format 4 subtable it meets),
// DSIG is dropped (the file changes) and the checksums are recomputed.
func prepareFont(face *fonts.Face) (*fontCopy, error) {
	f, err := parseSFNT(face.Data)
	if err != nil {
		return nil, err
	}
	n, err := f.numGlyphs()
	if err != nil {
		return nil, err
	}
	cmap, err := f.unicodeCmap()
	if err != nil {
		return nil, err
	}
	adv, err := f.advances(n)
	if err != nil {
		return nil, err
	}
	head := f.table("head")
	if len(head) < 54 {
		return nil, fmt.Errorf("head: %w", errShort)
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return nil, fmt.Errorf("head: unitsPerEm is 0")
	}

	fc := &fontCopy{face: face, code: make([]rune, n), cmap: cmap, width: make([]int, n)}
	var entries []cmapEntry
	for r, g := range cmap {
		if r > 0xFFFF || r == 0xFFFF || int(g) >= n {
			continue
		}
		entries = append(entries, cmapEntry{code: uint16(r), glyph: g})
		if isControl(r) {
			continue
		}
		if c := fc.code[g]; c == 0 || r < c {
			fc.code[g] = r
		}
	}
	next := rune(puaFirst)
	for g := 1; g < n; g++ {
		if fc.code[g] != 0 {
			continue
		}
		for _, taken := cmap[next]; taken; _, taken = cmap[next] {
			next++
		}
		if next > puaLast {
			return nil, fmt.Errorf("%d glyphs need a private-use code point, more than the BMP has", n-g+fc.pua)
		}
		fc.code[g] = next
		entries = append(entries, cmapEntry{code: uint16(next), glyph: uint16(g)})
		fc.pua++
		next++
	}
	slices.SortFunc(entries, func(a, b cmapEntry) int { return int(a.code) - int(b.code) })
	sub, err := buildCmap4(entries)
	if err != nil {
		return nil, err
	}
	scale := 1000 / float64(upem)
	for g := range n {
		fc.width[g] = int(math.Round(scale * float64(adv[g])))
	}
	fc.blank = blankGlyph(f, adv)

	out := &sfntFont{version: f.version}
	for _, t := range f.tables {
		switch t.tag {
		case "DSIG":
			continue
		case "cmap":
			t.data = buildCmapTable(sub)
		}
		out.tables = append(out.tables, t)
	}
	if fc.data, err = out.write(); err != nil {
		return nil, err
	}
	return fc, nil
}

// blankGlyph returns the first glyph after .notdef with zero advance and
// an empty outline, or 0.
func blankGlyph(f *sfntFont, adv []uint16) uint16 {
	head, loca := f.table("head"), f.table("loca")
	long := binary.BigEndian.Uint16(head[50:]) == 1
	for g := 1; g < len(adv); g++ {
		if adv[g] != 0 {
			continue
		}
		var start, end uint32
		switch {
		case long && len(loca) >= 4*g+8:
			start, end = binary.BigEndian.Uint32(loca[4*g:]), binary.BigEndian.Uint32(loca[4*g+4:])
		case !long && len(loca) >= 2*g+4:
			start, end = uint32(binary.BigEndian.Uint16(loca[2*g:])), uint32(binary.BigEndian.Uint16(loca[2*g+2:]))
		default:
			return 0
		}
		if start == end {
			return uint16(g)
		}
	}
	return 0
}
