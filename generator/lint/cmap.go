package lint

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// FallbackFamily is the face every locale falls back to for Latin names,
// digits and punctuation inside its own script.
const FallbackFamily = "NotoSans"

// Coverage says which characters a font family draws. The checks treat a
// character as printable in a locale when its own family or FallbackFamily
// draws it.
type Coverage interface {
	// Has reports whether the family exists.
	Has(family string) bool
	// Covers reports whether every face of the family (regular and bold:
	// headings are set in bold) maps r.
	Covers(family string, r rune) bool
}

// FontCoverage is the cmap coverage of the print fonts, read once.
type FontCoverage struct {
	faces map[string][][]rune // family -> the runes each face maps, sorted
}

var _ Coverage = (*FontCoverage)(nil)

// LazyCoverage is LoadCoverage(fsys) read when first asked, one family at
// a time, for a program that needs it only if the check runs (a start-up
// on sealed locales never asks) or to validate an order's text, which
// Printable answers from FallbackFamily's faces alone when they draw it
// (reading 2 of 14 cmaps for Latin text). Fonts that cannot be read cover
// nothing, so the check then fails every locale on its font rather than
// passing it.
func LazyCoverage(fsys fs.FS) Coverage {
	return &lazyCoverage{families: sync.OnceValues(func() ([]*lazyFamily, error) {
		files, err := familyFiles(fsys)
		if err != nil {
			return nil, err
		}
		var out []*lazyFamily
		for _, family := range slices.Sorted(maps.Keys(files)) {
			names := files[family]
			f := &lazyFamily{name: family, faces: sync.OnceValues(func() ([][]rune, error) { return readFamily(fsys, names) })}
			if family == FallbackFamily {
				out = slices.Insert(out, 0, f) // asked first: it draws most
			} else {
				out = append(out, f)
			}
		}
		return out, nil
	})}
}

type lazyCoverage struct {
	families func() ([]*lazyFamily, error) // FallbackFamily first
}

// lazyFamily is one family's faces' coverage, read when first asked.
type lazyFamily struct {
	name  string
	faces func() ([][]rune, error)
}

func (c *lazyCoverage) family(name string) *lazyFamily {
	fams, err := c.families()
	if err != nil {
		return nil
	}
	for _, f := range fams {
		if f.name == name {
			return f
		}
	}
	return nil
}

func (c *lazyCoverage) Has(family string) bool {
	f := c.family(family)
	if f == nil {
		return false
	}
	faces, err := f.faces()
	return err == nil && len(faces) > 0
}

func (c *lazyCoverage) Covers(family string, r rune) bool {
	f := c.family(family)
	if f == nil {
		return false
	}
	faces, err := f.faces()
	return err == nil && coversAll(faces, r)
}

// Printable is FontCoverage.Printable, reading each family's fonts when
// first asked, FallbackFamily's first; a family that cannot be read
// prints nothing.
func (c *lazyCoverage) Printable(r rune) bool {
	if ignorable(r) {
		return true
	}
	fams, err := c.families()
	if err != nil {
		return false
	}
	for _, f := range fams {
		if faces, err := f.faces(); err == nil && coversAll(faces, r) {
			return true
		}
	}
	return false
}

// Printer is a Coverage that says whether any family can print a rune:
// FontCoverage and LazyCoverage's.
type Printer interface {
	Printable(r rune) bool
}

// LoadCoverage reads the cmaps of every Family-Regular.ttf and
// Family-Bold.ttf at the root of fsys (fonts.FS()).
func LoadCoverage(fsys fs.FS) (*FontCoverage, error) {
	files, err := familyFiles(fsys)
	if err != nil {
		return nil, err
	}
	fc := &FontCoverage{faces: map[string][][]rune{}}
	for family, names := range files {
		if fc.faces[family], err = readFamily(fsys, names); err != nil {
			return nil, err
		}
	}
	return fc, nil
}

// familyFiles returns the Family-Regular.ttf and Family-Bold.ttf files at
// the root of fsys by family, each family's in name order.
func familyFiles(fsys fs.FS) (map[string][]string, error) {
	names, err := fs.Glob(fsys, "*.ttf")
	if err != nil {
		return nil, err
	}
	files := map[string][]string{}
	for _, name := range names {
		stem := strings.TrimSuffix(name, path.Ext(name))
		family, style, ok := strings.Cut(stem, "-")
		if !ok || (style != "Regular" && style != "Bold") {
			continue
		}
		files[family] = append(files[family], name)
	}
	if len(files) == 0 {
		return nil, errors.New("no Family-Regular.ttf font files")
	}
	return files, nil
}

// readFamily reads the runes each of a family's font files maps.
func readFamily(fsys fs.FS, names []string) ([][]rune, error) {
	var faces [][]rune
	for _, name := range names {
		data, err := readCmapTable(fsys, name)
		if err != nil {
			return nil, err
		}
		set, err := cmapRunes(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		faces = append(faces, set)
	}
	return faces, nil
}

// Has implements Coverage.
func (fc *FontCoverage) Has(family string) bool { return len(fc.faces[family]) > 0 }

// Covers implements Coverage.
func (fc *FontCoverage) Covers(family string, r rune) bool { return coversAll(fc.faces[family], r) }

// coversAll reports whether there are faces and each maps r.
func coversAll(faces [][]rune, r rune) bool {
	for _, f := range faces {
		if _, ok := slices.BinarySearch(f, r); !ok {
			return false
		}
	}
	return len(faces) > 0
}

// Printable reports whether a leaflet can print r in any language: some
// family draws it in every face, or it is a default-ignorable character
// (a joiner, a variation selector) that shaping consumes without a glyph
// of its own. Every locale's fallback chain holds every family of the set
// (its own first), so what one chain can draw, all can.
func (fc *FontCoverage) Printable(r rune) bool {
	if ignorable(r) {
		return true
	}
	for family := range fc.faces {
		if fc.Covers(family, r) {
			return true
		}
	}
	return false
}

// ignorable reports a default-ignorable character, printable without a
// glyph: those that must not print (bidi controls) are refused before, as
// invisible.
func ignorable(r rune) bool {
	return unicode.In(r, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point, unicode.Cf)
}

// ReadCmap returns the characters a TrueType/OpenType font maps to a glyph
// other than .notdef, from its Unicode cmap subtables (formats 4 and 12).
func ReadCmap(font []byte) (map[rune]bool, error) {
	runes, err := cmapRunes(font)
	if err != nil {
		return nil, err
	}
	set := make(map[rune]bool, len(runes))
	for _, r := range runes {
		set[r] = true
	}
	return set, nil
}

// readCmapTable reads of font file name the table directory and the cmap
// table only, where the file can be read at an offset (the embedded fonts
// can): not the megabytes of outlines a coverage check never looks at.
// The result is a font file with the cmap table only.
func readCmapTable(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return io.ReadAll(f)
	}
	be := binary.BigEndian
	head := make([]byte, 12)
	if _, err := ra.ReadAt(head, 0); err != nil {
		return nil, errors.New("not a font: too short")
	}
	dir := make([]byte, 12+16*int(be.Uint16(head[4:])))
	if _, err := ra.ReadAt(dir, 0); err != nil {
		return nil, errors.New("table directory runs past the end")
	}
	for i := range int(be.Uint16(dir[4:])) {
		rec := dir[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		off, ln := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if off+ln > st.Size() {
			return nil, errors.New("cmap table runs past the end")
		}
		font := make([]byte, 28+ln) // one table: cmap, right after the directory
		copy(font, dir[:12])
		be.PutUint16(font[4:], 1)
		copy(font[12:], rec[:8])
		be.PutUint32(font[20:], 28)
		be.PutUint32(font[24:], uint32(ln))
		if _, err := ra.ReadAt(font[28:], off); err != nil {
			return nil, err
		}
		return font, nil
	}
	return dir, nil // cmapRunes says what is missing
}

// cmapRunes is ReadCmap as a sorted slice.
func cmapRunes(font []byte) ([]rune, error) {
	be := binary.BigEndian
	if len(font) < 12 {
		return nil, errors.New("not a font: too short")
	}
	n := int(be.Uint16(font[4:]))
	var cmap []byte
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errors.New("table directory runs past the end")
		}
		if string(font[rec:rec+4]) != "cmap" {
			continue
		}
		off, ln := int(be.Uint32(font[rec+8:])), int(be.Uint32(font[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(font) || off+ln < off {
			return nil, errors.New("cmap table runs past the end")
		}
		cmap = font[off : off+ln]
	}
	if len(cmap) < 4 {
		return nil, errors.New("no cmap table")
	}
	var set []rune
	found := false
	for i := range int(be.Uint16(cmap[2:])) {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errors.New("cmap encoding records run past the end")
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		if platform != 0 && !(platform == 3 && (encoding == 1 || encoding == 10)) {
			continue
		}
		off := int(be.Uint32(cmap[rec+4:]))
		if off < 0 || off+2 > len(cmap) {
			return nil, errors.New("cmap subtable offset past the end")
		}
		sub := cmap[off:]
		var err error
		switch be.Uint16(sub) {
		case 4:
			set, err = readFormat4(sub, set)
		case 12:
			set, err = readFormat12(sub, set)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
	}
	if !found {
		return nil, errors.New("no Unicode cmap subtable of format 4 or 12")
	}
	slices.Sort(set)
	return slices.Compact(set), nil
}

func readFormat4(sub []byte, set []rune) ([]rune, error) {
	be := binary.BigEndian
	if len(sub) < 14 {
		return nil, errors.New("cmap format 4: too short")
	}
	segX2 := int(be.Uint16(sub[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(sub) {
		return nil, errors.New("cmap format 4: segments run past the end")
	}
	ends, starts := sub[14:], sub[16+segX2:]
	deltas, rangeOffs := sub[16+2*segX2:], sub[16+3*segX2:]
	for s := 0; s < segX2; s += 2 {
		start, end := int(be.Uint16(starts[s:])), int(be.Uint16(ends[s:]))
		delta, ro := int(be.Uint16(deltas[s:])), int(be.Uint16(rangeOffs[s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				at := 16 + 3*segX2 + s + ro + 2*(c-start)
				if at+2 > len(sub) {
					return nil, errors.New("cmap format 4: glyph index past the end")
				}
				g = int(be.Uint16(sub[at:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				set = append(set, rune(c))
			}
		}
	}
	return set, nil
}

func readFormat12(sub []byte, set []rune) ([]rune, error) {
	be := binary.BigEndian
	if len(sub) < 16 {
		return nil, errors.New("cmap format 12: too short")
	}
	groups := int(be.Uint32(sub[12:]))
	if groups < 0 || groups > (len(sub)-16)/12 {
		return nil, errors.New("cmap format 12: groups run past the end")
	}
	for i := range groups {
		g := sub[16+12*i:]
		start, end, glyph := be.Uint32(g), be.Uint32(g[4:]), be.Uint32(g[8:])
		if end < start || end > 0x10FFFF || end-start > 0x10000 {
			return nil, errors.New("cmap format 12: bad group")
		}
		for c := start; c <= end; c++ {
			if glyph+(c-start) != 0 {
				set = append(set, rune(c))
			}
		}
	}
	return set, nil
}
