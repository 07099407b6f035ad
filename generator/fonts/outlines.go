package fonts

import (
	"encoding/binary"
	"errors"
	"io"
	"slices"
)

// go-text's font.NewFont parses every glyph outline of the glyf table
// (ParseGlyf), about three quarters of the time it takes to load a face,
// while shaping and layout read of the glyf table only each glyph's header:
// its bounding box, which is all that glyph extents are made of in a font
// without variations (fvar) or vertical metrics (vmtx). The leaflets' faces
// have neither, and their outlines reach the PDF from Face.Data, the file's
// own bytes, never through go-text.
//
// headerOnly therefore presents go-text with the font file as it is but
// for its glyf and loca tables: each glyph is reduced to its 10-byte header
// (bounding box kept, number of contours 0) and an empty instruction
// list, and loca points at those. Glyph IDs, advances, GSUB/GPOS, cmap and
// extents are untouched, so shaping and layout give the same results.
//
// The post table is cut to its 32-byte header, as version 3.0 (no glyph
// names): go-text otherwise makes a string of every glyph's name (some
// 0.6 MB for the four faces of an Arabic leaflet) that only its GlyphName
// reads, which nothing here calls. The header's metrics (underline,
// fixed pitch) stay.

// glyphStub is the length of a reduced glyph: header and a zero
// instruction length.
const glyphStub = 12

// headerOnly returns a reader of data with outlines removed from the glyf
// table, or ok false when the font is not one it can reduce exactly
// (variations, vertical metrics, no glyf table, an unusual layout): the
// caller then gives go-text the file as it is.
func headerOnly(data []byte) (r *io.SectionReader, ok bool) {
	dir, ok := tableDirectory(data)
	if !ok {
		return nil, false
	}
	glyf, hasGlyf := dir["glyf"]
	loca, hasLoca := dir["loca"]
	head, hasHead := dir["head"]
	if !hasGlyf || !hasLoca || !hasHead || head.length < 54 {
		return nil, false
	}
	for _, t := range []string{"fvar", "vmtx", "VORG", "gvar"} {
		if _, has := dir[t]; has {
			return nil, false
		}
	}
	long := binary.BigEndian.Uint16(data[head.offset+50:]) == 1
	entry := uint32(2)
	if long {
		entry = 4
	}
	n := int(loca.length/entry) - 1 // glyphs
	if n <= 0 {
		return nil, false
	}
	at := func(i int) uint32 {
		if long {
			return binary.BigEndian.Uint32(data[loca.offset+uint32(i)*4:])
		}
		return uint32(binary.BigEndian.Uint16(data[loca.offset+uint32(i)*2:])) * 2
	}
	stubs := make([]byte, 0, n*glyphStub)
	offsets := make([]byte, (n+1)*int(entry))
	put := func(i int, off int) bool {
		if long {
			binary.BigEndian.PutUint32(offsets[i*4:], uint32(off))
			return true
		}
		if off/2 > 0xFFFF {
			return false
		}
		binary.BigEndian.PutUint16(offsets[i*2:], uint16(off/2))
		return true
	}
	for i := range n {
		start, end := at(i), at(i+1)
		if !put(i, len(stubs)) {
			return nil, false
		}
		if start == end {
			continue // no outline: stays empty
		}
		if end < start || end > glyf.length || end-start < 10 {
			return nil, false
		}
		h := data[glyf.offset+start:]
		stubs = append(stubs, 0, 0) // no contours
		stubs = append(stubs, h[2:10]...)
		stubs = append(stubs, 0, 0) // no instructions
	}
	if !put(n, len(stubs)) {
		return nil, false
	}
	// The reduced tables follow the file; the directory's glyf and loca
	// entries (and post's) point at them.
	hdr := make([]byte, 12+16*len(dir))
	copy(hdr, data)
	size := uint32(len(data))
	size += (4 - size%4) % 4
	binary.BigEndian.PutUint32(hdr[glyf.entry+8:], size)
	binary.BigEndian.PutUint32(hdr[glyf.entry+12:], uint32(len(stubs)))
	binary.BigEndian.PutUint32(hdr[loca.entry+8:], size+uint32(len(stubs)))
	binary.BigEndian.PutUint32(hdr[loca.entry+12:], uint32(len(offsets)))
	v := &virtualFile{parts: []part{
		{0, hdr},
		{uint32(len(hdr)), data[len(hdr):]},
		{size, stubs},
		{size + uint32(len(stubs)), offsets},
	}}
	end := size + uint32(len(stubs)) + uint32(len(offsets))
	if post, ok := dir["post"]; ok && post.length >= postHeader {
		end += (4 - end%4) % 4
		names := slices.Clone(data[post.offset : post.offset+postHeader])
		binary.BigEndian.PutUint32(names, 0x00030000) // version 3.0: no glyph names
		binary.BigEndian.PutUint32(hdr[post.entry+8:], end)
		binary.BigEndian.PutUint32(hdr[post.entry+12:], postHeader)
		v.parts = append(v.parts, part{end, names})
		end += postHeader
	}
	return io.NewSectionReader(v, 0, int64(end)), true
}

// postHeader is the length of the post table's header, all of version 3.0.
const postHeader = 32

// table is a table directory entry: where its record is in the directory
// and where its data is in the file.
type table struct {
	entry, offset, length uint32
}

// tableDirectory reads the table directory of a TrueType font file,
// checking that every table lies inside the file.
func tableDirectory(data []byte) (map[string]table, bool) {
	if len(data) < 12 || binary.BigEndian.Uint32(data) != 0x00010000 {
		return nil, false
	}
	num := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*num {
		return nil, false
	}
	dir := make(map[string]table, num)
	for i := range num {
		e := uint32(12 + 16*i)
		t := table{entry: e, offset: binary.BigEndian.Uint32(data[e+8:]), length: binary.BigEndian.Uint32(data[e+12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return nil, false
		}
		dir[string(data[e:e+4])] = t
	}
	return dir, true
}

// virtualFile is a file made of parts at increasing offsets; the gaps
// between them (padding) read as zeros.
type virtualFile struct {
	parts []part
}

type part struct {
	at   uint32
	data []byte
}

var errNegativeOffset = errors.New("fonts: negative offset")

func (v *virtualFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errNegativeOffset
	}
	n := 0
	for n < len(b) {
		pos := off + int64(n)
		var src []byte
		gap := int64(-1) // zeros before the next part
		for _, p := range v.parts {
			start, end := int64(p.at), int64(p.at)+int64(len(p.data))
			if pos >= start && pos < end {
				src = p.data[pos-start:]
				break
			}
			if pos < start && (gap < 0 || start-pos < gap) {
				gap = start - pos
			}
		}
		switch {
		case src != nil:
			n += copy(b[n:], src)
		case gap > 0:
			z := b[n:min(int64(len(b)), int64(n)+gap)]
			clear(z)
			n += len(z)
		default:
			return n, io.EOF
		}
	}
	return n, nil
}
