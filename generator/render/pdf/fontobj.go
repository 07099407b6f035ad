package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// fontUse is one face as one leaflet uses it: the glyphs it draws, in
// order of first use (the subset's glyph order), and the codes (CIDs) it
// draws them with. A CID stands for one glyph with one text: a glyph
// that copies as different text in different places (a contextual form,
// a glyph inside a cluster of several) gets one CID for each text, so
// that the ToUnicode map gives every occurrence the text of its cluster.
// Readers that take text from the glyphs alone (pdf.js, poppler's
// structure text) then read what the leaflet says.
type fontUse struct {
	fd   *faceData
	gids []uint16 // subset glyph → font glyph; gids[0] is .notdef
	// sub maps each font glyph to its subset glyph, 0 for none but for
	// .notdef (a slice of a few thousand entries costs less than a map's
	// hashing on every glyph drawn).
	sub []uint16
	// cids are the CIDs given out, in order of first use, cids[0] being
	// .notdef's CID 0. They are not dense: the CIDs of glyphs that copy as
	// nothing are the codes of format characters up to U+FEFF (see
	// formatCodes), so a table indexed by CID would grow to tens of
	// thousands of entries for a few dozen CIDs.
	cids []cidEntry
	// A glyph's CIDs form a chain: firstCID holds the index in cids of
	// each subset glyph's first CID, cidEntry.next that of the next CID of
	// the same glyph (0 ends the chain: .notdef's CID is the first of its
	// glyph, never a next). A glyph has one or a few CIDs, so walking its
	// chain and comparing texts costs less than hashing the text in a map
	// keyed by glyph and text.
	firstCID []uint16
	maxCID   uint16 // the largest CID given out
	next     uint16 // the next ordinary CID
	silent   int    // how many of formatCodes are taken
	// aliased: some text was shown under alias, so the resource
	// dictionary names the font twice.
	aliased bool
}

// cidEntry is a CID given out: its subset glyph, its text (its
// ToUnicode entry), its /W width, and where the chain of its glyph's CIDs
// goes on (see fontUse.firstCID).
type cidEntry struct {
	text             string
	width            int
	cid, glyph, next uint16
}

func newFontUse(fd *faceData) *fontUse {
	return &fontUse{fd: fd, gids: []uint16{0}, sub: make([]uint16, len(fd.width)), firstCID: []uint16{0},
		cids: []cidEntry{{width: fd.width[0]}}, next: 1}
}

// reset empties u for another leaflet, keeping its tables' space.
func (u *fontUse) reset() {
	for _, g := range u.gids[1:] {
		u.sub[g] = 0
	}
	clear(u.cids) // the texts
	*u = fontUse{fd: u.fd, gids: u.gids[:1], sub: u.sub, firstCID: u.firstCID[:1],
		cids: append(u.cids[:0], cidEntry{width: u.fd.width[0]}), next: 1}
}

// cid returns the CID glyph g is drawn with where it copies as text,
// giving the pair the next CID on first use (and g the next subset glyph
// on its first use).
func (u *fontUse) cid(g uint16, text string) uint16 {
	return u.cidWidth(g, text, u.fd.width[g])
}

// cidWidth is cid for a glyph whose CID states width as its /W advance
// (thousandths of the size) instead of the glyph's own: the drawer then
// moves the pen itself (drawReversed).
func (u *fontUse) cidWidth(g uint16, text string, width int) uint16 {
	s := u.sub[g]
	ok := s != 0 || g == 0
	last := uint16(0) // the index of the last CID of g's chain
	if ok {
		for last = u.firstCID[s]; ; {
			e := &u.cids[last]
			if e.width == width && e.text == text {
				return e.cid
			}
			if e.next == 0 {
				break
			}
			last = e.next
		}
	} else {
		s = uint16(len(u.gids))
		u.sub[g] = s
		u.gids = append(u.gids, g)
	}
	c := u.next
	if text == "" && u.silent < len(formatCodes) {
		c = formatCodes[u.silent]
		u.silent++
	} else {
		for u.next++; isFormatCode(u.next); u.next++ {
		}
	}
	at := uint16(len(u.cids))
	u.cids = append(u.cids, cidEntry{text: text, width: width, cid: c, glyph: s})
	if ok {
		u.cids[last].next = at
	} else {
		u.firstCID = append(u.firstCID, at)
	}
	u.maxCID = max(u.maxCID, c)
	return c
}

// formatCodes are the codes of the BMP's invisible format characters
// (general category Cf), which the CIDs of glyphs that copy as nothing
// take (the marks of a cluster whose first glyph carries its text). Their
// ToUnicode entries are empty, which poppler reads as no text; pdf.js
// reads an empty entry as the character of the code itself, and drops an
// invisible format character. A leaflet's font rarely draws more than a
// few dozen such glyphs; the rest get ordinary CIDs, which pdf.js reads
// as stray control characters.
var formatCodes = []uint16{0x00AD, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x061C, 0x06DD, 0x070F,
	0x08E2, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206B, 0x206C,
	0x206D, 0x206E, 0x206F, 0xFEFF, 0xFFF9, 0xFFFA, 0xFFFB}

// isFormatCode reports whether c is one of formatCodes, which ordinary
// CIDs skip.
func isFormatCode(c uint16) bool {
	_, ok := slices.BinarySearch(formatCodes, c)
	return ok
}

// identity reports whether every CID is its subset glyph's number, so
// that the font needs no CIDToGIDMap stream.
func (u *fontUse) identity() bool {
	if len(u.cids) != int(u.maxCID)+1 { // a CID below the largest is unused
		return false
	}
	for _, e := range u.cids {
		if e.glyph != e.cid {
			return false
		}
	}
	return true
}

// cidToGIDMap appends the CIDToGIDMap stream's data to out: each CID's
// subset glyph, two bytes big-endian, from CID 0 to the largest; 0 for an
// unused CID.
func (u *fontUse) cidToGIDMap(out []byte) []byte {
	from := len(out)
	out = append(out, make([]byte, 2*(int(u.maxCID)+1))...)
	for _, e := range u.cids {
		out[from+2*int(e.cid)], out[from+2*int(e.cid)+1] = byte(e.glyph>>8), byte(e.glyph)
	}
	return out
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

// alias is a second name for the same font in the resource dictionary.
// Switching between the two names changes nothing drawn, but pdf.js ends
// its text item at every font change (see draw).
func (u *fontUse) alias() string { return u.resource() + "a" }

// objects writes the font as PDF objects numbered from w.next: the
// Type0 font, its CIDFontType2 descendant, the font descriptor, the
// subset font program, the ToUnicode map and, when a glyph has several
// CIDs, the CIDToGIDMap. scratch is a buffer for the streams' data
// before compression, sub the space a subset is built in.
func (u *fontUse) objects(w *objectWriter, z *deflater, scratch *[]byte, sub *subsetScratch) error {
	program, ok := u.fd.programs.get(u.gids)
	if !ok {
		raw, err := u.fd.subsetIn(sub, u.gids)
		if err != nil {
			return fmt.Errorf("font %s: %w", u.fd.face.PSName, err)
		}
		program = subsetProgram{deflated: z.deflate(raw), length: len(raw)}
		u.fd.programs.put(u.gids, program)
	}
	fd, name, first, identity := u.fd, u.name(), w.next, u.identity()
	b := w.buf
	fmt.Fprintf(b, "%d 0 obj\n<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\nendobj\n",
		w.begin(), name, first+1, first+4)
	fmt.Fprintf(b, "%d 0 obj\n<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap ",
		w.begin(), name, first+2)
	if identity {
		b.WriteString("/Identity")
	} else {
		fmt.Fprintf(b, "%d 0 R", first+5)
	}
	// /W: the widths of the CIDs in use, in runs of consecutive CIDs.
	cids := u.sortedCIDs()
	wb := append((*scratch)[:0], " /W [0 ["...)
	wb = strconv.AppendInt(wb, int64(fd.width[0]), 10)
	for i, e := range cids {
		if i == 0 || e.cid != cids[i-1].cid+1 {
			wb = append(wb, "] "...)
			wb = strconv.AppendInt(wb, int64(e.cid), 10)
			wb = append(wb, " ["...)
		} else {
			wb = append(wb, ' ')
		}
		wb = strconv.AppendInt(wb, int64(e.width), 10)
	}
	wb = append(wb, "]]>>\nendobj\n"...)
	b.Write(wb)
	fmt.Fprintf(b, "%d 0 obj\n<</Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>\nendobj\n",
		w.begin(), name, fd.bbox[0], fd.bbox[1], fd.bbox[2], fd.bbox[3], strconv.FormatFloat(fd.italicAngle, 'f', -1, 64),
		fd.ascent, fd.descent, fd.capHeight, fd.stemV, first+3)
	w.stream(" /Length1 "+strconv.Itoa(program.length), program.deflated)
	*scratch = u.toUnicode(wb[:0], cids)
	z.deflateStream(w, "", *scratch)
	if !identity {
		*scratch = u.cidToGIDMap((*scratch)[:0])
		z.deflateStream(w, "", *scratch)
	}
	return nil
}

// toUnicode appends the ToUnicode CMap to b: each CID's text, an empty
// string for a glyph that copies as nothing (the second and later glyphs
// of a cluster, whose first glyph carries the cluster's text); cids are
// the CIDs in use, sorted (sortedCIDs), which the /W array also lists.
func (u *fontUse) toUnicode(b []byte, cids []cidEntry) []byte {
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	// The entries, at most 100 to a block: "<CID> <UTF-16BE>", upper-case
	// hex.
	for len(cids) > 0 {
		n := min(len(cids), 100)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " beginbfchar\n"...)
		for k, e := range cids[:n] {
			if k > 0 {
				b = append(b, '\n')
			}
			b = append(b, '<')
			b = appendHex4(b, e.cid)
			b = append(b, "> <"...)
			b = appendUTF16Hex(b, e.text)
			b = append(b, '>')
		}
		b = append(b, "\nendbfchar\n"...)
		cids = cids[n:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// sortedCIDs returns the CIDs in use but 0 (.notdef), in ascending
// order.
func (u *fontUse) sortedCIDs() []cidEntry {
	out := slices.Clone(u.cids[1:])
	slices.SortFunc(out, func(a, b cidEntry) int { return int(a.cid) - int(b.cid) })
	return out
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

// deflater compresses streams with pooled zlib writers, each with the
// buffer it compresses into: a new writer costs more than compressing a
// font subset, and a buffer grown anew for each stream costs a copy of it
// for every doubling.
//
// The writers are klauspost/compress's at their fastest level: on the
// font subsets, which are most of what a leaflet compresses, twice the
// speed of the standard library's BestSpeed (60 KB of Noto Sans glyphs:
// 0.38-0.53 ms against 0.88-1.09), for 0.3-0.8 % more bytes there and
// 1.2 % fewer over the 180 leaflets of every language and topic. The
// pages they draw are the same to the pixel (pdftoppm).
type deflater struct {
	idle idleList[zbuf]
	// recent keeps the streams compressed more than once (deflateStream,
	// content streams), by their data.
	recent streamCache
	// once: streams are neither looked for in recent nor kept there.
	once bool
}

// zbuf is a zlib writer and the buffer it writes into.
type zbuf struct {
	w   *zlib.Writer
	out bytes.Buffer
}

// compress compresses data into an idle zbuf; the caller puts it back
// (z.put) when done with its bytes.
func (z *deflater) compress(data []byte) *zbuf {
	zb := z.start()
	zb.w.Write(data) // writes to a bytes.Buffer do not fail
	zb.w.Close()
	return zb
}

// put keeps zb for the next stream; a buffer grown past maxIdleBuffer
// (a large logo) is left to the collector.
func (z *deflater) put(zb *zbuf) {
	if zb.out.Cap() > maxIdleBuffer {
		zb.out = bytes.Buffer{}
	}
	z.idle.put(zb)
}

// start returns an idle zbuf ready for a new stream; the caller writes
// it, closes its writer and puts it back (z.put).
func (z *deflater) start() *zbuf {
	zb := z.idle.get()
	if zb.w == nil {
		zb.w, _ = zlib.NewWriterLevel(&zb.out, zlib.BestSpeed)
	} else {
		zb.out.Reset()
		zb.w.Reset(&zb.out)
	}
	return zb
}

// deflate returns data compressed, in a slice of its own.
func (z *deflater) deflate(data []byte) []byte {
	zb := z.compress(data)
	out := bytes.Clone(zb.out.Bytes())
	z.put(zb)
	return out
}

// deflateStream writes data compressed as the next stream object of w,
// dict the entries before /Filter; data compressed before may be
// compressed again only once (streamCache).
func (z *deflater) deflateStream(w *objectWriter, dict string, data []byte) {
	if z.once {
		zb := z.compress(data)
		w.stream(dict, zb.out.Bytes())
		z.put(zb)
		return
	}
	d := streamDigest(sha256.Sum256(data))
	if out, ok := z.recent.get(d); ok {
		w.stream(dict, out)
		return
	}
	zb := z.compress(data)
	z.recent.put(d, zb.out.Bytes())
	w.stream(dict, zb.out.Bytes())
	z.put(zb)
}

// objectWriter collects the objects finish adds after fpdf's, numbered
// from next on: their bytes in one buffer, and where each starts in it.
type objectWriter struct {
	buf    *bytes.Buffer
	starts []int
	next   int
}

// begin starts the next object and returns its number.
func (w *objectWriter) begin() int {
	w.starts = append(w.starts, w.buf.Len())
	w.next++
	return w.next - 1
}

// stream writes the next object: a stream of compressed data, dict the
// entries before /Filter.
func (w *objectWriter) stream(dict string, data []byte) {
	var num [20]byte
	w.buf.Write(strconv.AppendInt(num[:0], int64(w.begin()), 10))
	w.buf.WriteString(" 0 obj\n<<")
	w.buf.WriteString(dict)
	w.buf.WriteString(" /Filter /FlateDecode /Length ")
	w.buf.Write(strconv.AppendInt(num[:0], int64(len(data)), 10))
	w.buf.WriteString(">>\nstream\n")
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}
