package layout

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/go-text/typesetting/language"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/vocab"
)

// Preset is a table of paragraphs prepared ahead of time: the analysis
// of each (levels, faces, items, shaped glyphs, break opportunities) as
// the engine's prepare gives it, written by Engine.WritePreset when the
// program is built and handed to NewWith. A paragraph the preset holds
// is rebuilt from it instead of being analysed and shaped, the most
// costly part of setting a paragraph a process meets for the first
// time. With a paragraph, it may hold the lines Measure gives it at some
// sizes and widths (PresetMeasure), with their Reach: fitting reads
// those instead of breaking the paragraph again.
//
// A paragraph is found by its exact text, language, direction, family,
// weight and links, compared byte for byte, never by a hash alone, so a
// preset made of other texts (the locale files changed since) only
// misses. What it holds is only as right as the fonts and the engine it
// was made with: the program that embeds one must check, in a test,
// that it is the one WritePreset makes now (package prepared does).
//
// The table is read where it lies (the program's embedded bytes, never
// copied): a language's index is searched in place, and a paragraph is
// decoded when it is asked for. Faces are named by family and weight and
// looked up in the font set when a paragraph first needs them, so a run
// that sets one language reads that language's fonts only. Safe for
// concurrent use.
type Preset struct {
	data  []byte
	set   *fonts.Set
	faces []presetFace
	langs map[string]presetIndex
	// whole marks the entries whose CRC has been checked, by their
	// number in the index: an entry is read many times (fitting measures
	// a paragraph at several sizes), its CRC computed once.
	whole []atomic.Bool
}

// presetIndex is a language's index: entries of presetIndexSize bytes,
// the first of them numbered first in the preset's.
type presetIndex struct {
	entries []byte
	first   int
}

type presetFace struct {
	family string
	bold   bool
	once   sync.Once
	face   *fonts.Face
}

// presetMagic begins a preset; presetVersion changes with its layout.
const (
	presetMagic   = "IGPRESET"
	presetVersion = 3
	// an index entry: a hash of the text (8 bytes), and the entry's
	// offset, length and CRC-32 (4 each)
	presetIndexSize = 20
	presetItemSize  = 22
	presetGlyphSize = 13
	// a measured line: width, ascent and descent (8 bytes each), start
	// and end (4 each) and direction (1)
	presetLineSize = 33
)

// ErrPresetFormat reports bytes that are not a preset this engine reads.
var ErrPresetFormat = errors.New("layout: not a preset of this version")

// ReadPreset reads a preset made by WritePreset for the fonts of set. It
// reads only the header; data is kept, not copied, and must not change.
func ReadPreset(data []byte, set *fonts.Set) (*Preset, error) {
	if set == nil {
		return nil, errors.New("layout: nil font set")
	}
	r := newPresetReader(data)
	if string(r.bytes(len(presetMagic))) != presetMagic || r.u32() != presetVersion {
		return nil, ErrPresetFormat
	}
	p := &Preset{data: data, set: set, langs: map[string]presetIndex{}}
	nFaces := r.u32()
	if nFaces > math.MaxUint8+1 {
		return nil, fmt.Errorf("%w: %d faces", ErrPresetFormat, nFaces)
	}
	p.faces = make([]presetFace, nFaces)
	for i := range p.faces {
		p.faces[i].family = r.str8()
		p.faces[i].bold = r.u8() == 1
	}
	total := 0
	for n := r.u32(); n > 0 && r.ok; n-- {
		tag, at, count := r.str8(), r.u32(), r.u32()
		if uint64(at)+uint64(count)*presetIndexSize > uint64(len(data)) {
			return nil, fmt.Errorf("%w: the index of %q lies outside it", ErrPresetFormat, tag)
		}
		p.langs[tag] = presetIndex{entries: data[at : at+count*presetIndexSize], first: total}
		total += int(count)
	}
	head := r.at
	if sum := r.u32(); !r.ok || sum != crc32.ChecksumIEEE(data[:head]) {
		return nil, fmt.Errorf("%w: its header is cut short or damaged", ErrPresetFormat)
	}
	p.whole = make([]atomic.Bool, total)
	return p, nil
}

// Len returns the number of paragraphs the preset holds.
func (p *Preset) Len() int {
	n := 0
	for _, idx := range p.langs {
		n += len(idx.entries) / presetIndexSize
	}
	return n
}

// face returns the face numbered i, looked up in the set the first time.
func (p *Preset) face(i uint8) *fonts.Face {
	f := &p.faces[i]
	f.once.Do(func() {
		if face, ok := p.set.Face(f.family, f.bold); ok && face.Family == f.family && face.Bold == f.bold {
			f.face = face
		}
	})
	return f.face
}

// presetHash is the hash a paragraph is indexed by: FNV-1a of its text.
func presetHash(text string) uint64 {
	h := uint64(14695981039346656037) // FNV-1a's offset basis
	for i := range len(text) {
		h = (h ^ uint64(text[i])) * 1099511628211
	}
	return h
}

// get rebuilds paragraph p if the preset holds it. A nil preset holds
// nothing.
func (p *Preset) get(para Paragraph) (*prepared, bool) {
	r, ok := p.find(para)
	if !ok {
		return nil, false
	}
	return p.decode(&r, para)
}

// find returns a reader of para's entry, past its key, if the preset
// holds it and the entry is the one written (its CRC).
func (p *Preset) find(para Paragraph) (presetReader, bool) {
	if p == nil {
		return presetReader{}, false
	}
	lang := p.langs[para.Lang]
	idx := lang.entries
	n := len(idx) / presetIndexSize
	if n == 0 {
		return presetReader{}, false
	}
	if len(para.Dir) > math.MaxUint8 || len(para.Font) > math.MaxUint8 {
		return presetReader{}, false // a key would cut them short (see appendStr8)
	}
	h := presetHash(para.Text)
	hashAt := func(i int) uint64 { return binary.LittleEndian.Uint64(idx[i*presetIndexSize:]) }
	for i := sort.Search(n, func(i int) bool { return hashAt(i) >= h }); i < n && hashAt(i) == h; i++ {
		ix := idx[i*presetIndexSize:]
		at, size, sum := binary.LittleEndian.Uint32(ix[8:]), binary.LittleEndian.Uint32(ix[12:]), binary.LittleEndian.Uint32(ix[16:])
		if uint64(at)+uint64(size) > uint64(len(p.data)) {
			return presetReader{}, false
		}
		entry := p.data[at : at+size]
		keyLen := presetKeyLen(entry, para)
		if keyLen < 0 {
			continue
		}
		// Found: the entry is read only if it is the one written.
		if whole := &p.whole[lang.first+i]; !whole.Load() {
			if crc32.ChecksumIEEE(entry) != sum {
				return presetReader{}, false
			}
			whole.Store(true)
		}
		r := newPresetReader(entry)
		r.at = keyLen
		return r, true
	}
	return presetReader{}, false
}

// measured returns the lines the preset holds for para measured at its
// size and width, with the heights adv (size × leading) gives them (as
// measuredCache does), and their reach.
func (p *Preset) measured(para Paragraph, width, adv float64) ([]Line, Reach, bool) {
	r, ok := p.find(para)
	if !ok || !r.skipPrepared() {
		return nil, Reach{}, false
	}
	size, wide := math.Float64bits(para.Style.Size), math.Float64bits(width)
	for n := r.u32(); n > 0 && r.ok; n-- {
		s, w := r.u64(), r.u64()
		reach := Reach{need: r.f64(), over: r.f64()}
		known := r.u8()
		nLines := r.u32()
		if uint64(nLines)*presetLineSize > uint64(r.rest()) || known > 1 {
			return nil, Reach{}, false
		}
		if s != size || w != wide {
			r.bytes(int(nLines) * presetLineSize)
			continue
		}
		reach.known = known == 1
		lines := make([]Line, nLines)
		for i := range lines {
			ln := Line{Width: r.f64(), Ascent: r.f64(), Descent: r.f64(), Dir: vocab.LTR}
			start, end, rtl := r.u32(), r.u32(), r.u8()
			if start > end || uint64(end) > uint64(len(para.Text)) || rtl > 1 {
				return nil, Reach{}, false
			}
			ln.Start, ln.End, ln.Height = int(start), int(end), max(adv, ln.Ascent+ln.Descent)
			if rtl == 1 {
				ln.Dir = vocab.RTL
			}
			lines[i] = ln
		}
		return lines, reach, r.ok && nLines > 0
	}
	return nil, Reach{}, false
}

// skipPrepared moves r past the prepared paragraph that follows an
// entry's key, to the measurements after it.
func (r *presetReader) skipPrepared() bool {
	_, _, _, size, ok := r.preparedHead()
	if ok {
		r.at += int(size)
	}
	return ok
}

// preparedHead reads the counts that begin a prepared paragraph, and the
// size of what follows them (items, glyphs and ints); ok is false when
// they are cut short or that is longer than what is left.
func (r *presetReader) preparedHead() (s flatSpan, nGlyphs, nInts uint32, size uint64, ok bool) {
	s.runes, s.nItems, s.nBrks, s.nFine, s.nIsland, s.nSoft = r.u32(), r.u32(), r.u32(), r.u32(), r.u32(), r.u32()
	nGlyphs, nInts = r.u32(), r.u32()
	s.paraLevel = int8(r.u8())
	size = uint64(s.nItems)*presetItemSize + uint64(nGlyphs)*presetGlyphSize + uint64(nInts)*4
	return s, nGlyphs, nInts, size, r.ok && size <= uint64(r.rest())
}

// decode reads the prepared paragraph that follows para's key in r. It
// checks every count and offset it relies on, so that bytes that are no
// preset give a miss, never a paragraph that would index out of range.
func (p *Preset) decode(r *presetReader, para Paragraph) (*prepared, bool) {
	s, nGlyphs, nInts, _, ok := r.preparedHead()
	if !ok || uint64(s.runes) != uint64(utf8.RuneCountInString(para.Text)) ||
		uint64(nInts) != uint64(s.nBrks)+2*(uint64(s.nFine)+uint64(s.nIsland)+uint64(s.nSoft)) {
		return nil, false
	}
	items := make([]flatItem, s.nItems)
	total, end := uint64(0), int32(0)
	for i := range items {
		it := flatItem{start: r.i32(), end: r.i32(), link: r.i32(), script: language.Script(r.u32()), nGlyphs: r.u32(),
			face: r.u8(), level: int8(r.u8())}
		if it.start != end || it.end < it.start || int64(it.end) > int64(s.runes) || int(it.face) >= len(p.faces) ||
			it.link < -1 || int64(it.link) >= int64(len(para.Links)) || p.face(it.face) == nil {
			return nil, false
		}
		end = it.end
		total += uint64(it.nGlyphs)
		items[i] = it
	}
	if int64(end) != int64(s.runes) || total != uint64(nGlyphs) {
		return nil, false
	}
	le := binary.LittleEndian
	gb := r.bytes(int(nGlyphs) * presetGlyphSize) // checked against what is left above
	glyphs := make([]glyph, nGlyphs)
	for i := range glyphs {
		b := gb[i*presetGlyphSize : (i+1)*presetGlyphSize]
		g := flatGlyph{cluster: int32(le.Uint32(b)), id: le.Uint16(b[4:]), xAdv: int16(le.Uint16(b[6:])),
			xOff: int16(le.Uint16(b[8:])), yOff: int16(le.Uint16(b[10:])), unsafeToBreak: b[12] == 1}
		if g.cluster < 0 || int64(g.cluster) >= int64(s.runes) {
			return nil, false
		}
		glyphs[i] = g.expand()
	}
	ib := r.bytes(int(nInts) * 4)
	ints := make([]int32, nInts)
	for i := range ints {
		if ints[i] = int32(le.Uint32(ib[4*i:])); ints[i] < 0 {
			return nil, false
		}
	}
	if !r.ok {
		return nil, false
	}
	pp := unflatten(para, s, items, glyphs, ints, p.face)
	return pp, pp != nil && pp.valid()
}

// valid reports whether the break opportunities, Thai splits, isolates
// and soft ranges of a rebuilt paragraph lie within its runes.
func (pp *prepared) valid() bool {
	n := len(pp.runes)
	for _, b := range pp.brks {
		if b.Pos > n {
			return false
		}
	}
	for _, s := range pp.fine {
		if s.Pos > n {
			return false
		}
	}
	for _, r := range slices.Concat(pp.island, pp.soft) {
		if r[0] > r[1] || r[1] > n {
			return false
		}
	}
	return true
}

// PresetMeasure is a measurement a preset may hold: Para, at its size
// (whatever its leading), measured Width wide.
type PresetMeasure struct {
	Para  Paragraph
	Width float64
}

// WritePreset prepares each of paras anew, never from a cache or a
// preset, and returns them as a preset for this engine's font set, with
// the lines of each of measures whose paragraph is one of paras,
// measured anew (see Measure). A paragraph or a measurement given twice
// is written once; a paragraph the engine refuses is an error; one whose
// analysis a preset cannot hold exactly (see flatGlyph) is left out, and
// so are a measurement the engine refuses (an engine with the preset
// then measures it, and refuses it as before) and lines a preset cannot
// hold exactly (see measuredCache). The bytes depend on the
// paragraphs, the measurements, the fonts and the engine only, not on
// the order of paras or of measures.
func (e *Engine) WritePreset(paras []Paragraph, measures []PresetMeasure) ([]byte, error) {
	type measured struct {
		size, width float64
		lines       []Line
		reach       Reach
	}
	type entry struct {
		lang     string
		hash     uint64
		key      []byte // the encoded key: also what entries are sorted by
		pp       *prepared
		measured []measured
	}
	seen := map[string]int{} // PresetKey to its entry
	var entries []entry
	w := e.pool.Get().(*work)
	defer e.pool.Put(w)
	for _, para := range paras {
		pk := PresetKey(para)
		if _, ok := seen[pk]; ok {
			continue
		}
		seen[pk] = len(entries)
		key := appendPresetKey(nil, para)
		if err := e.checkParagraph(para); err != nil {
			return nil, err
		}
		pp, err := e.prepare(w, para)
		if err != nil {
			return nil, err
		}
		entries = append(entries, entry{lang: para.Lang, hash: presetHash(para.Text), key: key, pp: pp})
	}
	for _, m := range measures {
		i, ok := seen[PresetKey(m.Para)]
		if !ok {
			continue
		}
		en := &entries[i]
		if slices.ContainsFunc(en.measured, func(d measured) bool {
			return math.Float64bits(d.size) == math.Float64bits(m.Para.Style.Size) && math.Float64bits(d.width) == math.Float64bits(m.Width)
		}) {
			continue
		}
		if size := m.Para.Style.Size; !(size > 0) || math.IsInf(size, 0) || !(m.Width > 0) || math.IsInf(m.Width, 0) {
			return nil, fmt.Errorf("layout: a measurement at size %v and width %v", size, m.Width)
		}
		w.prepared = en.pp
		lines, err := e.setLines(w, m.Para, m.Width, true)
		reach := w.reach
		w.prepared, w.arena = nil, nil
		if err == nil && presetHolds(lines) {
			en.measured = append(en.measured, measured{m.Para.Style.Size, m.Width, lines, reach})
		}
	}
	for i := range entries {
		slices.SortFunc(entries[i].measured, func(a, b measured) int {
			return cmp.Or(cmp.Compare(a.size, b.size), cmp.Compare(a.width, b.width))
		})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := cmp.Compare(a.lang, b.lang); c != 0 {
			return c
		}
		if c := cmp.Compare(a.hash, b.hash); c != 0 {
			return c
		}
		return bytes.Compare(a.key, b.key)
	})
	// The entries, with the faces numbered as they first appear.
	var faces []*fonts.Face
	var body []byte
	type placed struct {
		lang     string
		hash     uint64
		at, size int
	}
	var index []placed
	for _, en := range entries {
		glyphs, ints, ok := flatGlyphsInts(en.pp)
		if !ok {
			continue
		}
		at := len(body)
		body = append(body, en.key...)
		s := flatSpanOf(en.pp)
		for _, v := range []uint32{s.runes, s.nItems, s.nBrks, s.nFine, s.nIsland, s.nSoft, uint32(len(glyphs)), uint32(len(ints))} {
			body = binary.LittleEndian.AppendUint32(body, v)
		}
		body = append(body, byte(s.paraLevel))
		for i := range en.pp.items {
			it := &en.pp.items[i]
			f := slices.Index(faces, it.face)
			if f < 0 {
				f = len(faces)
				faces = append(faces, it.face)
			}
			fi := flatItemOf(it, f)
			for _, v := range []uint32{uint32(fi.start), uint32(fi.end), uint32(fi.link), uint32(fi.script), fi.nGlyphs} {
				body = binary.LittleEndian.AppendUint32(body, v)
			}
			body = append(body, fi.face, byte(fi.level))
		}
		for _, g := range glyphs {
			body = binary.LittleEndian.AppendUint32(body, uint32(g.cluster))
			for _, v := range []uint16{g.id, uint16(g.xAdv), uint16(g.xOff), uint16(g.yOff)} {
				body = binary.LittleEndian.AppendUint16(body, v)
			}
			body = append(body, boolByte(g.unsafeToBreak))
		}
		for _, v := range ints {
			body = binary.LittleEndian.AppendUint32(body, uint32(v))
		}
		body = binary.LittleEndian.AppendUint32(body, uint32(len(en.measured)))
		for _, m := range en.measured {
			for _, v := range []float64{m.size, m.width, m.reach.need, m.reach.over} {
				body = binary.LittleEndian.AppendUint64(body, math.Float64bits(v))
			}
			body = append(body, boolByte(m.reach.known))
			body = binary.LittleEndian.AppendUint32(body, uint32(len(m.lines)))
			for _, ln := range m.lines {
				for _, v := range []float64{ln.Width, ln.Ascent, ln.Descent} {
					body = binary.LittleEndian.AppendUint64(body, math.Float64bits(v))
				}
				body = binary.LittleEndian.AppendUint32(body, uint32(ln.Start))
				body = binary.LittleEndian.AppendUint32(body, uint32(ln.End))
				body = append(body, boolByte(ln.Dir == vocab.RTL))
			}
		}
		index = append(index, placed{en.lang, en.hash, at, len(body) - at})
	}
	if len(faces) > math.MaxUint8+1 {
		return nil, fmt.Errorf("layout: a preset names at most 256 faces, not %d", len(faces))
	}

	// The header: faces, then each language's index's place.
	var langs []string
	count := map[string]int{}
	for _, ix := range index {
		if count[ix.lang] == 0 {
			langs = append(langs, ix.lang)
		}
		count[ix.lang]++
	}
	head := append([]byte(presetMagic), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(head[len(presetMagic):], presetVersion)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(faces)))
	for _, f := range faces {
		head = appendStr8(head, f.Family)
		head = append(head, boolByte(f.Bold))
	}
	head = binary.LittleEndian.AppendUint32(head, uint32(len(langs)))
	size := len(head) + 4 // and the header's CRC
	for _, l := range langs {
		size += 1 + len(l) + 8
	}
	bodyAt := size + len(index)*presetIndexSize
	if bodyAt+len(body) > math.MaxUint32 {
		return nil, fmt.Errorf("layout: a preset of %d bytes is larger than 4 GiB", bodyAt+len(body))
	}
	at := size
	for _, l := range langs {
		head = appendStr8(head, l)
		head = binary.LittleEndian.AppendUint32(head, uint32(at))
		head = binary.LittleEndian.AppendUint32(head, uint32(count[l]))
		at += count[l] * presetIndexSize
	}
	out := binary.LittleEndian.AppendUint32(head, crc32.ChecksumIEEE(head))
	for _, ix := range index {
		out = binary.LittleEndian.AppendUint64(out, ix.hash)
		out = binary.LittleEndian.AppendUint32(out, uint32(bodyAt+ix.at))
		out = binary.LittleEndian.AppendUint32(out, uint32(ix.size))
		out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body[ix.at:ix.at+ix.size]))
	}
	return append(out, body...), nil
}

// presetHolds reports whether a preset holds measured lines exactly:
// some, each as the measured cache holds it (measuredPlain).
func presetHolds(lines []Line) bool { return len(lines) > 0 && measuredPlain(lines) }

// boolByte is a bool as a byte.
func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// PresetKey is what a preset tells paragraphs apart by, as a map key:
// everything p's analysis depends on (its language, text, direction,
// family, weight and links), not its size or leading.
func PresetKey(p Paragraph) string { return p.Lang + "\x00" + string(appendPresetKey(nil, p)) }

// appendPresetKey appends what finds p in a preset, besides its
// language (the index it is in): text, direction, family, weight and
// links.
func appendPresetKey(b []byte, p Paragraph) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.Text)))
	b = append(b, p.Text...)
	b = appendStr8(b, string(p.Dir))
	b = appendStr8(b, p.Font)
	b = append(b, boolByte(p.Style.Bold))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.Links)))
	for _, l := range p.Links {
		b = binary.LittleEndian.AppendUint32(b, uint32(l.Start))
		b = binary.LittleEndian.AppendUint32(b, uint32(l.End))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l.Href)))
		b = append(b, l.Href...)
	}
	return b
}

// presetKeyLen returns the length of p's key (appendPresetKey) when
// entry begins with it, else -1. It compares in place: a key holds the
// whole text, and building one to compare took an allocation for every
// paragraph longer than a stack buffer. The directions and families a
// key may hold are at most 255 bytes long (see appendStr8).
func presetKeyLen(entry []byte, p Paragraph) int {
	r := newPresetReader(entry)
	str8 := func(s string) bool { return int(r.u8()) == len(s) && string(r.bytes(len(s))) == s }
	if r.u32() != uint32(len(p.Text)) || string(r.bytes(len(p.Text))) != p.Text ||
		!str8(string(p.Dir)) || !str8(p.Font) || r.u8() != boolByte(p.Style.Bold) || r.u32() != uint32(len(p.Links)) {
		return -1
	}
	for _, l := range p.Links {
		if r.u32() != uint32(l.Start) || r.u32() != uint32(l.End) || r.u32() != uint32(len(l.Href)) ||
			string(r.bytes(len(l.Href))) != l.Href {
			return -1
		}
	}
	if !r.ok {
		return -1
	}
	return r.at
}

// appendStr8 appends s after its length in a byte; longer strings are
// cut (the directions, families and languages a preset names are short).
func appendStr8(b []byte, s string) []byte {
	s = s[:min(len(s), math.MaxUint8)]
	return append(append(b, byte(len(s))), s...)
}

// presetReader reads a preset's little-endian fields from b, at; past
// the end it gives zeros and ok turns false. It moves an offset, never
// the slice, so reading writes no pointer.
type presetReader struct {
	b  []byte
	at int
	ok bool
}

func newPresetReader(b []byte) presetReader { return presetReader{b: b, ok: true} }

func (r *presetReader) bytes(n int) []byte {
	if !r.ok || n < 0 || n > len(r.b)-r.at {
		r.ok = false
		return nil
	}
	r.at += n
	return r.b[r.at-n : r.at : r.at]
}

// rest is what is left to read.
func (r *presetReader) rest() int { return len(r.b) - r.at }

func (r *presetReader) u8() uint8 {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *presetReader) u16() uint16 {
	if b := r.bytes(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *presetReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *presetReader) i32() int32 { return int32(r.u32()) }

func (r *presetReader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *presetReader) f64() float64 { return math.Float64frombits(r.u64()) }

func (r *presetReader) str8() string { return string(r.bytes(int(r.u8()))) }
