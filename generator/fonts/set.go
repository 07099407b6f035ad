package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"

	gotext "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/language"
)

// The families of the set. Their order in fallbackOrder is the fallback
// chain after a paragraph's primary family.
const (
	FamilySans     = "NotoSans"
	FamilyNaskh    = "NotoNaskhArabic"
	FamilyNastaliq = "NotoNastaliqUrdu"
	FamilyHebrew   = "NotoSansHebrew"
	FamilyThai     = "NotoLoopedThai"
	FamilyEthiopic = "NotoSansEthiopic"
	FamilySymbols  = "NotoSansSymbols"  // arrows (→ ← ↑)
	FamilySymbols2 = "NotoSansSymbols2" // check marks, telephones, envelopes, stars (✓ ☎ ✉ ★)
)

// fallbackOrder is the chain tried after the primary family: the Latin
// face first (it also carries Cyrillic, Greek, digits and most
// punctuation), then the other scripts, Nastaliq last because Naskh is
// the preferred face for Arabic script; the symbol faces after them, for
// the arrows, check marks and telephones a communicator types into a
// contact ("Soc → Hus", "☎ 035-13 70 00").
var fallbackOrder = []string{FamilySans, FamilyNaskh, FamilyHebrew, FamilyThai, FamilyEthiopic, FamilyNastaliq,
	FamilySymbols, FamilySymbols2}

// homeScripts are the scripts each family is designed for. A run of one
// of these scripts goes to the family that is at home in it even when an
// earlier face in the chain happens to map the characters (the Naskh face
// maps Latin digits, but a phone number in Arabic text is set in the Latin
// face).
var homeScripts = map[string][]language.Script{
	FamilySans:     {language.Latin, language.Cyrillic, language.Greek},
	FamilyNaskh:    {language.Arabic},
	FamilyNastaliq: {language.Arabic},
	FamilyHebrew:   {language.Hebrew},
	FamilyThai:     {language.Thai},
	FamilyEthiopic: {language.Ethiopic},
}

// Set is the font set, loaded once per process and read-only afterwards:
// it is safe for concurrent use. It holds go-text's parsed fonts
// (*font.Font, read-only), never go-text faces: a *font.Face caches cmap
// lookups and glyph extents as it is used and must stay with one
// goroutine.
//
// A set from Open reads and parses each face when it is first asked for
// (Face, Resolve, Covers, Faces …); one from Load has parsed them all.
type Set struct {
	fsys    fs.FS
	faces   []*Face
	shaping map[*Face]*lazyFont
	byKey   map[faceKey]*Face
	chains  map[string][]string // fallback chain per primary family
}

// lazyFont is one face's file, read and parsed at most once.
type lazyFont struct {
	once sync.Once
	ft   *gotext.Font // without outlines (headerOnly)
	err  error

	outlinesOnce sync.Once
	outlines     *gotext.Font // with outlines, for Outlines
}

// load reads and parses f once, filling its fields; it reports whether f
// is usable.
func (s *Set) load(f *Face) bool {
	lf := s.shaping[f]
	lf.once.Do(func() {
		data, err := readFont(s.fsys, f.File)
		if err != nil {
			lf.err = fmt.Errorf("fonts: reading %s: %w", f.File, err)
			return
		}
		parsed, ft, err := parse(f.File, data)
		if err != nil {
			lf.err = fmt.Errorf("fonts: %s: %w", f.File, err)
			return
		}
		// Family, Bold and File were set by Open and are read unlocked
		// (Families); only the fields nobody reads before a load are
		// written.
		f.PSName, f.Data, f.UnitsPerEm = parsed.PSName, parsed.Data, parsed.UnitsPerEm
		f.Ascender, f.Descender, f.NumGlyphs, f.XHeight = parsed.Ascender, parsed.Descender, parsed.NumGlyphs, parsed.XHeight
		lf.ft = ft
	})
	return lf.err == nil
}

// inPlace is a font file system that can hand out a file's bytes without
// copying them, read-only (the embedded fonts: the top-level fonts
// package's FS). A face's Data then stays in the binary's pages instead
// of being copied to the heap.
type inPlace interface {
	Bytes(name string) ([]byte, bool)
}

// readFont returns the bytes of the font file name: in place when fsys
// can give them so, else read with fs.ReadFile.
func readFont(fsys fs.FS, name string) ([]byte, error) {
	if p, ok := fsys.(inPlace); ok {
		if data, ok := p.Bytes(name); ok {
			return data, nil
		}
	}
	return fs.ReadFile(fsys, name)
}

type faceKey struct {
	family string
	bold   bool
}

// NoFaceError reports a character that no face of the set can draw.
type NoFaceError struct {
	Rune   rune
	Family string // the primary family that was asked first
}

func (e *NoFaceError) Error() string {
	return fmt.Sprintf("no font in the set draws %s (primary family %s)", RuneName(e.Rune), e.Family)
}

// RuneName formats r the way error messages name a character: U+0628 'ب'.
func RuneName(r rune) string {
	if unicode.IsPrint(r) {
		return fmt.Sprintf("U+%04X %q", r, r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// Load parses every *.ttf file at the root of fsys. File names follow the
// pattern Family-Regular.ttf / Family-Bold.ttf. Every family must have a
// regular face; a missing bold face falls back to the regular one in Face.
func Load(fsys fs.FS) (*Set, error) {
	s, err := Open(fsys)
	if err != nil {
		return nil, err
	}
	for _, f := range s.faces {
		if !s.load(f) {
			return nil, s.shaping[f].err
		}
	}
	return s, nil
}

// Open is Load that parses each face only when it is first asked for, so
// that a run draws on the faces of its own scripts only. It checks the file
// names; a face that does not parse is then, when first asked for, a face
// the set does not have (Face reports false, Resolve a *NoFaceError).
// Use it for a font set known to parse, such as the embedded one, whose
// test loads every face.
func Open(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.ttf")
	if err != nil {
		return nil, fmt.Errorf("fonts: listing font files: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("fonts: no *.ttf file in the font file system")
	}
	slices.Sort(names)
	s := &Set{fsys: fsys, shaping: make(map[*Face]*lazyFont), byKey: make(map[faceKey]*Face)}
	for _, name := range names {
		family, bold, err := nameOf(name)
		if err != nil {
			return nil, fmt.Errorf("fonts: %s: %w", name, err)
		}
		f := &Face{Family: family, Bold: bold, File: name}
		k := faceKey{f.Family, f.Bold}
		if _, dup := s.byKey[k]; dup {
			return nil, fmt.Errorf("fonts: %s: second file for family %s bold=%v", name, f.Family, f.Bold)
		}
		s.faces = append(s.faces, f)
		s.shaping[f] = &lazyFont{}
		s.byKey[k] = f
	}
	for _, f := range s.faces {
		if _, ok := s.byKey[faceKey{f.Family, false}]; !ok {
			return nil, fmt.Errorf("fonts: family %s has no regular face", f.Family)
		}
	}
	s.chains = make(map[string][]string)
	families := s.Families()
	for _, primary := range families {
		chain := []string{primary}
		for _, fam := range families {
			if fam != primary {
				chain = append(chain, fam)
			}
		}
		s.chains[primary] = chain
	}
	return s, nil
}

// nameOf reads the family and weight from a file name.
func nameOf(name string) (family string, bold bool, err error) {
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	family, style, ok := strings.Cut(stem, "-")
	if !ok || (style != "Regular" && style != "Bold") {
		return "", false, fmt.Errorf("file name %q is not Family-Regular.ttf or Family-Bold.ttf", name)
	}
	return family, style == "Bold", nil
}

// parse reads one font file into a Face and its go-text font.
func parse(name string, data []byte) (*Face, *gotext.Font, error) {
	family, bold, err := nameOf(name)
	if err != nil {
		return nil, nil, err
	}
	var file ot.Resource = bytes.NewReader(data)
	if r, ok := headerOnly(data); ok {
		file = r // outlines left out: see headerOnly
	}
	ld, err := ot.NewLoader(file)
	if err != nil {
		return nil, nil, err
	}
	ft, err := gotext.NewFont(ld)
	if err != nil {
		return nil, nil, err
	}
	maxp, err := ld.RawTable(ot.MustNewTag("maxp"))
	if err != nil || len(maxp) < 6 {
		return nil, nil, errors.New("no maxp table")
	}
	numGlyphs := int(maxp[4])<<8 | int(maxp[5])
	psName := ""
	if raw, err := ld.RawTable(ot.MustNewTag("name")); err == nil {
		if names, _, err := tables.ParseName(raw); err == nil {
			psName = names.Name(6) // PostScript name
		}
	}
	if psName == "" {
		return nil, nil, errors.New("no PostScript name in the name table")
	}
	ext, ok := gotext.NewFace(ft).FontHExtents()
	if !ok {
		return nil, nil, errors.New("no horizontal font extents")
	}
	xh, err := xHeight(ft, family)
	if err != nil {
		return nil, nil, err
	}
	f := &Face{
		Family:     family,
		Bold:       bold,
		PSName:     psName,
		File:       name,
		Data:       data,
		UnitsPerEm: int(ft.Upem()),
		Ascender:   int(ext.Ascender),
		Descender:  int(ext.Descender),
		NumGlyphs:  numGlyphs,
		XHeight:    xh,
	}
	return f, ft, nil
}

// xHeightLetters are the short letters of each family's script whose ink
// tops measure its x-height (see Face.XHeight).
var xHeightLetters = map[string]string{
	FamilySans:     "xonvzu",
	FamilyNaskh:    "بدحه",
	FamilyNastaliq: "بدحه",
	FamilyHebrew:   "אהםש",
	FamilyThai:     "อามน",
	FamilyEthiopic: "ሀለመሰ",
}

// XHeightLetters returns the short letters of family's script that its
// x-height is measured by (Face.XHeight).
func XHeightLetters(family string) string {
	if l, ok := xHeightLetters[family]; ok {
		return l
	}
	return xHeightLetters[FamilySans]
}

// xHeight returns the median ink top of the family's short letters, in
// font units; families the set does not know measure by the Latin ones,
// and a face with none of them (symbols) has 0.
func xHeight(ft *gotext.Font, family string) (int, error) {
	letters := XHeightLetters(family)
	face := gotext.NewFace(ft)
	var tops []int
	for _, r := range letters {
		gid, ok := ft.NominalGlyph(r)
		if !ok {
			continue
		}
		if ext, ok := face.GlyphExtents(gid); ok && ext.YBearing > 0 {
			tops = append(tops, int(ext.YBearing))
		}
	}
	if len(tops) == 0 {
		return 0, nil // a symbol face: no letters, no x-height
	}
	slices.Sort(tops)
	return tops[len(tops)/2], nil
}

// Faces returns every face of the set, sorted by file name, loading them
// all (a face that does not parse is left out).
func (s *Set) Faces() []*Face {
	out := make([]*Face, 0, len(s.faces))
	for _, f := range s.faces {
		if s.load(f) {
			out = append(out, f)
		}
	}
	return out
}

// Index returns f's place among the set's faces (in file-name order) and
// whether f is the set's; it loads nothing.
func (s *Set) Index(f *Face) (int, bool) {
	i := slices.Index(s.faces, f)
	return i, i >= 0
}

// Face returns the face of family in the given weight. A family without a
// bold face answers a bold request with its regular face.
func (s *Set) Face(family string, bold bool) (*Face, bool) {
	f, ok := s.byKey[faceKey{family, bold}]
	if !ok {
		f, ok = s.byKey[faceKey{family, false}]
	}
	if !ok || !s.load(f) {
		return nil, false
	}
	return f, true
}

// Families returns the family names of the set in fallback order: the
// known families first, then any other family by name.
func (s *Set) Families() []string {
	var out []string
	for _, fam := range fallbackOrder {
		if _, ok := s.byKey[faceKey{fam, false}]; ok {
			out = append(out, fam)
		}
	}
	var rest []string
	for _, f := range s.faces {
		if !f.Bold && !slices.Contains(out, f.Family) {
			rest = append(rest, f.Family)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// Covers reports whether the regular face of family maps r in its cmap.
func (s *Set) Covers(family string, r rune) bool {
	f, ok := s.byKey[faceKey{family, false}]
	if !ok || !s.load(f) {
		return false
	}
	_, has := s.shaping[f].ft.NominalGlyph(r)
	return has
}

// Chain returns the fallback chain for a paragraph whose primary family is
// primary: primary first, then the other families in fallback order.
func (s *Set) Chain(primary string) []string {
	return slices.Clone(s.chain(primary))
}

// chain is Chain without the copy; an unknown primary family gets the
// chain of all families.
func (s *Set) chain(primary string) []string {
	if c, ok := s.chains[primary]; ok {
		return c
	}
	return s.Families()
}

// Resolve returns the face that draws r in a paragraph whose primary
// family is primary: the first family of Chain(primary) whose cmap maps r.
// A rune that no face maps is a *NoFaceError.
func (s *Set) Resolve(primary string, bold bool, r rune) (*Face, error) {
	for _, fam := range s.chain(primary) {
		if s.Covers(fam, r) {
			if f, ok := s.Face(fam, bold); ok {
				return f, nil
			}
		}
	}
	return nil, &NoFaceError{Rune: r, Family: primary}
}

// HomeFamily returns the family of the set designed for script sc,
// preferring primary when it is at home in sc. ok is false when no family
// is at home in sc (Common and Inherited included).
func (s *Set) HomeFamily(primary string, sc language.Script) (string, bool) {
	if slices.Contains(homeScripts[primary], sc) {
		return primary, true
	}
	for _, fam := range s.chain(primary) {
		if slices.Contains(homeScripts[fam], sc) {
			return fam, true
		}
	}
	return "", false
}

// Shaping returns the parsed go-text font behind f, for the layout
// package, which makes its own go-text face from it per goroutine
// (font.NewFace). go-text types stay inside generator/fonts and
// generator/layout.
func (s *Set) Shaping(f *Face) *gotext.Font {
	if lf := s.shaping[f]; lf != nil && s.load(f) {
		return lf.ft
	}
	return nil
}

// GlyphID returns the nominal glyph of r in f (cmap lookup) and whether f
// maps r.
func (s *Set) GlyphID(f *Face, r rune) (uint16, bool) {
	ft := s.Shaping(f)
	if ft == nil {
		return 0, false
	}
	g, ok := ft.NominalGlyph(r)
	return uint16(g), ok
}
