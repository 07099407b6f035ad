package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// This file reads and writes just enough of the TrueType (sfnt) format to
// give a font a new cmap: the table directory, cmap formats 4 and 12,
// maxp, hhea and hmtx, and the checksums.

// sfntTable is one table of a font file.
type sfntTable struct {
	tag  string
	data []byte
}

// sfntFont is a parsed TrueType file: its tables in directory order.
type sfntFont struct {
	version uint32
	tables  []sfntTable
}

var errShort = errors.New("truncated font data")

// parseSFNT splits a TrueType file into its tables.
func parseSFNT(b []byte) (*sfntFont, error) {
	if len(b) < 12 {
		return nil, errShort
	}
	version := binary.BigEndian.Uint32(b)
	if version != 0x00010000 && version != 0x74727565 { // 1.0 or 'true'
		return nil, fmt.Errorf("not a TrueType font (version %#08x)", version)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errShort
	}
	f := &sfntFont{version: version}
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(b) || off+length < off {
			return nil, fmt.Errorf("table %q: %w", tag, errShort)
		}
		f.tables = append(f.tables, sfntTable{tag: tag, data: b[off : off+length]})
	}
	return f, nil
}

// table returns the data of the table tag, or nil.
func (f *sfntFont) table(tag string) []byte {
	for _, t := range f.tables {
		if t.tag == tag {
			return t.data
		}
	}
	return nil
}

// numGlyphs reads maxp.numGlyphs.
func (f *sfntFont) numGlyphs() (int, error) {
	maxp := f.table("maxp")
	if len(maxp) < 6 {
		return 0, fmt.Errorf("maxp: %w", errShort)
	}
	return int(binary.BigEndian.Uint16(maxp[4:])), nil
}

// metrics reads every glyph's advance width and left side bearing (font
// units) from hhea and hmtx.
func (f *sfntFont) metrics(numGlyphs int) ([]uint16, []int16, error) {
	hhea, hmtx := f.table("hhea"), f.table("hmtx")
	if len(hhea) < 36 {
		return nil, nil, fmt.Errorf("hhea: %w", errShort)
	}
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || nh > numGlyphs || len(hmtx) < 4*nh+2*(numGlyphs-nh) {
		return nil, nil, fmt.Errorf("hmtx: %w", errShort)
	}
	adv := make([]uint16, numGlyphs)
	lsb := make([]int16, numGlyphs)
	for g := range adv {
		if g < nh {
			adv[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
			continue
		}
		adv[g] = adv[nh-1]
		lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*nh+2*(g-nh):]))
	}
	return adv, lsb, nil
}

// cmapEntry is one code point → glyph mapping.
type cmapEntry struct {
	code  uint16
	glyph uint16
}

// buildCmap4 writes a format 4 subtable for entries (sorted by code, no
// code 0xFFFF). Runs of at least minDeltaRun codes whose glyphs follow the
// codes get a delta segment; the rest go through the glyph ID array.
func buildCmap4(entries []cmapEntry) ([]byte, error) {
	type segment struct {
		start, end uint16
		delta      uint16
		glyphs     []uint16 // nil for a delta segment
	}
	const minDeltaRun = 4
	var segs []segment
	for i := 0; i < len(entries); {
		// j: end of the contiguous code run starting at i.
		j := i + 1
		for j < len(entries) && entries[j].code == entries[j-1].code+1 {
			j++
		}
		// Split the run into delta pieces and array pieces.
		k := i
		for k < j {
			d := entries[k].glyph - entries[k].code
			e := k + 1
			for e < j && entries[e].glyph-entries[e].code == d {
				e++
			}
			if e-k >= minDeltaRun || e == j && k == i {
				segs = append(segs, segment{start: entries[k].code, end: entries[e-1].code, delta: d})
				k = e
				continue
			}
			// An array piece: extend it until the next long delta run.
			a := k
			for k < j {
				d := entries[k].glyph - entries[k].code
				e := k + 1
				for e < j && entries[e].glyph-entries[e].code == d {
					e++
				}
				if e-k >= minDeltaRun {
					break
				}
				k = e
			}
			g := make([]uint16, 0, k-a)
			for _, en := range entries[a:k] {
				g = append(g, en.glyph)
			}
			segs = append(segs, segment{start: entries[a].code, end: entries[k-1].code, glyphs: g})
		}
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, delta: 1})

	n := len(segs)
	nArray := 0
	for _, s := range segs {
		nArray += len(s.glyphs)
	}
	length := 16 + 8*n + 2*nArray
	if length > 0xFFFF {
		return nil, fmt.Errorf("cmap format 4 would take %d bytes (limit 65535)", length)
	}
	b := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(b[0:], 4)
	be.PutUint16(b[2:], uint16(length))
	be.PutUint16(b[4:], 0) // language
	be.PutUint16(b[6:], uint16(2*n))
	sr, es := 2, 0
	for sr*2 <= 2*n {
		sr *= 2
		es++
	}
	be.PutUint16(b[8:], uint16(sr))
	be.PutUint16(b[10:], uint16(es))
	be.PutUint16(b[12:], uint16(2*n-sr))
	ends, starts := 14, 16+2*n
	deltas, ranges, array := starts+2*n, starts+4*n, starts+6*n
	next := 0 // index into the glyph ID array
	for i, s := range segs {
		be.PutUint16(b[ends+2*i:], s.end)
		be.PutUint16(b[starts+2*i:], s.start)
		be.PutUint16(b[deltas+2*i:], s.delta)
		if s.glyphs == nil {
			continue
		}
		be.PutUint16(b[ranges+2*i:], uint16(2*(n-i)+2*next))
		for _, g := range s.glyphs {
			be.PutUint16(b[array+2*next:], g)
			next++
		}
	}
	return b, nil
}

// buildCmapTable writes a cmap table whose (0,3) and (3,1) records both
// point at the one format 4 subtable sub.
func buildCmapTable(sub []byte) []byte {
	b := make([]byte, 4+2*8, 4+2*8+len(sub))
	be := binary.BigEndian
	be.PutUint16(b[2:], 2)
	for i, rec := range [][2]uint16{{0, 3}, {3, 1}} {
		be.PutUint16(b[4+8*i:], rec[0])
		be.PutUint16(b[6+8*i:], rec[1])
		be.PutUint32(b[8+8*i:], 20)
	}
	return append(b, sub...)
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the data padded with zeros to a multiple of four.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var pad [4]byte
		copy(pad[:], b)
		sum += binary.BigEndian.Uint32(pad[:])
	}
	return sum
}

// write assembles the font: tables sorted by tag, 4-byte aligned, every
// checksum and head.checkSumAdjustment recomputed.
func (f *sfntFont) write() ([]byte, error) { return f.writeIn(nil) }

// writeIn is write assembling the font in dst's space, which it grows
// when too small.
func (f *sfntFont) writeIn(dst []byte) ([]byte, error) {
	tables := slices.Clone(f.tables)
	slices.SortFunc(tables, func(a, b sfntTable) int {
		switch {
		case a.tag < b.tag:
			return -1
		case a.tag > b.tag:
			return 1
		}
		return 0
	})
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	// Every byte of the header and the table records is set below.
	b := slices.Grow(dst[:0], size)[:12+16*n]
	be := binary.BigEndian
	be.PutUint32(b, f.version)
	be.PutUint16(b[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be.PutUint16(b[6:], uint16(16*sr))
	be.PutUint16(b[8:], uint16(es))
	be.PutUint16(b[10:], uint16(16*(n-sr)))
	headAt := -1
	for i, t := range tables {
		data := t.data
		if t.tag == "head" {
			if len(data) < 12 {
				return nil, fmt.Errorf("head: %w", errShort)
			}
			data = slices.Clone(data)
			be.PutUint32(data[8:], 0) // checkSumAdjustment is computed last
			headAt = len(b)
		}
		rec := b[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(data))
		be.PutUint32(rec[8:], uint32(len(b)))
		be.PutUint32(rec[12:], uint32(len(data)))
		b = append(b, data...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	if headAt < 0 {
		return nil, errors.New("font has no head table")
	}
	be.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b, nil
}
