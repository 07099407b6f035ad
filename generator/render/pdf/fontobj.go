package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// fontUse is one face as one leaflet uses it: the glyphs it draws, in the
// order of their CIDs, and the text each glyph copies as.
type fontUse struct {
	fd   *faceData
	cids map[uint16]uint16 // glyph → CID
	gids []uint16          // CID → glyph; gids[0] is .notdef
	text map[uint16]string // glyph → its text in the ToUnicode map
}

func newFontUse(fd *faceData) *fontUse {
	return &fontUse{fd: fd, cids: map[uint16]uint16{0: 0}, gids: []uint16{0}, text: map[uint16]string{}}
}

// cid returns the CID glyph g is drawn with, giving it the next one on
// first use.
func (u *fontUse) cid(g uint16) uint16 {
	c, ok := u.cids[g]
	if !ok {
		c = uint16(len(u.gids))
		u.cids[g] = c
		u.gids = append(u.gids, g)
	}
	return c
}

// name is the font's name in the file: a subset tag of six capitals
// derived from the face and its glyphs, "+", the PostScript name. The
// same subset always gets the same tag.
func (u *fontUse) name() string {
	h := sha256.New()
	h.Write([]byte(u.fd.face.PSName))
	for _, g := range u.gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag) + "+" + u.fd.face.PSName
}

// resource is the font's name in the pages' resource dictionary.
func (u *fontUse) resource() string { return "F" + strconv.Itoa(u.fd.index) }

// objects writes the font as five PDF objects numbered from first: the
// Type0 font, its CIDFontType2 descendant, the font descriptor, the
// subset font program and the ToUnicode map.
func (u *fontUse) objects(first int, z *deflater) ([][]byte, error) {
	program, ok := u.fd.programs.get(u.gids)
	if !ok {
		raw, err := u.fd.subset(u.gids)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", u.fd.face.PSName, err)
		}
		program = subsetProgram{deflated: z.deflate(raw), length: len(raw)}
		u.fd.programs.put(u.gids, program)
	}
	fd, name := u.fd, u.name()
	var w strings.Builder
	w.WriteString("[0 [")
	for i, g := range u.gids {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(strconv.Itoa(fd.width[g]))
	}
	w.WriteString("]]")

	obj := func(n int, body string) []byte { return []byte(fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n, body)) }
	stream := func(n int, dict string, data []byte) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "%d 0 obj\n<<%s /Filter /FlateDecode /Length %d>>\nstream\n", n, dict, len(data))
		b.Write(data)
		b.WriteString("\nendstream\nendobj\n")
		return b.Bytes()
	}
	return [][]byte{
		obj(first, fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
			name, first+1, first+4)),
		obj(first+1, fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W %s>>",
			name, first+2, w.String())),
		obj(first+2, fmt.Sprintf("<</Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>",
			name, fd.bbox[0], fd.bbox[1], fd.bbox[2], fd.bbox[3], strconv.FormatFloat(fd.italicAngle, 'f', -1, 64),
			fd.ascent, fd.descent, fd.capHeight, fd.stemV, first+3)),
		stream(first+3, fmt.Sprintf(" /Length1 %d", program.length), program.deflated),
		stream(first+4, "", z.deflate(u.toUnicode())),
	}, nil
}

// toUnicode writes the ToUnicode CMap: each CID's text.
func (u *fontUse) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// The entries, at most 100 to a block, written straight into the
	// stream: "<CID> <UTF-16BE>", upper-case hex.
	var cids []int
	for cid, g := range u.gids {
		if t, ok := u.text[g]; ok && t != "" && cid > 0 {
			cids = append(cids, cid)
		}
	}
	var e []byte
	for len(cids) > 0 {
		n := min(len(cids), 100)
		e = strconv.AppendInt(e[:0], int64(n), 10)
		e = append(e, " beginbfchar\n"...)
		for k, cid := range cids[:n] {
			if k > 0 {
				e = append(e, '\n')
			}
			e = append(e, '<')
			e = appendHex4(e, uint16(cid))
			e = append(e, "> <"...)
			e = appendUTF16Hex(e, u.text[u.gids[cid]])
			e = append(e, '>')
		}
		e = append(e, "\nendbfchar\n"...)
		b.Write(e)
		cids = cids[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// utf16Hex writes s as hexadecimal UTF-16BE.
func utf16Hex(s string) string { return string(appendUTF16Hex(nil, s)) }

// appendUTF16Hex appends s as upper-case hexadecimal UTF-16BE.
func appendUTF16Hex(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r >= 0x10000:
			r1, r2 := utf16.EncodeRune(r)
			b = appendHex4(appendHex4(b, uint16(r1)), uint16(r2))
		case utf16.IsSurrogate(r):
			b = appendHex4(b, 0xFFFD) // as utf16.Encode does
		default:
			b = appendHex4(b, uint16(r))
		}
	}
	return b
}

// appendHex4 appends v as four upper-case hexadecimal digits.
func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// deflater compresses streams with pooled zlib writers: a new writer
// costs more than compressing a font subset.
type deflater struct{ pool sync.Pool }

func (z *deflater) deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := z.pool.Get().(*zlib.Writer)
	if w == nil {
		w, _ = zlib.NewWriterLevel(&b, zlib.BestSpeed)
	} else {
		w.Reset(&b)
	}
	w.Write(data) // writes to a bytes.Buffer do not fail
	w.Close()
	z.pool.Put(w)
	return b.Bytes()
}
