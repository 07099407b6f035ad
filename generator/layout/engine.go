package layout

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	gotext "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xbidi "golang.org/x/text/unicode/bidi"

	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout/thai"
	"infogeneratorn/generator/vocab"
)

// Engine sets paragraphs into lines. It is built once per process and is
// safe for concurrent use: per-call state (shaper, bidi and segmenter
// buffers) comes from a pool.
type Engine struct {
	set *fonts.Set
	// thai is the Thai dictionary, built on the first paragraph with Thai
	// letters: a run without Thai never pays for it.
	thai     func() (*thai.Dict, error)
	lines    *linesCache[[]Line]
	measured *sharded[measuredCache] // Measure's lines, without runs
	prepared *sharded[linesCache[*prepared]]
	flat     *flatPrepared // the prepared paragraphs of many more leaflets
	preset   *Preset       // paragraphs prepared ahead of time; nil for none
	// onPrepare is Options.Prepared, onMeasure Options.Measured.
	onPrepare func(Paragraph)
	onMeasure func(Paragraph, float64)
	seeds     hashSeeds // of the caches' keys
	pool      sync.Pool
}

// Options are an engine's settings beyond its font set.
type Options struct {
	// Preset holds paragraphs prepared ahead of time, read for the same
	// font set (ReadPreset); nil for none.
	Preset *Preset
	// Prepared, if set, is called with every paragraph the engine
	// analyses and shapes (one neither a cache nor the preset held): the
	// paragraphs a preset is made of. It is called from the goroutines
	// that set paragraphs, at the same time.
	Prepared func(Paragraph)
	// Measured, if set, is called with every paragraph Measure or
	// MeasureReach is asked for, and the width: the measurements a preset
	// may hold (see WritePreset). An engine with Measured set keeps no
	// lines in its caches, drawn or measured: a cached paragraph has no
	// known Reach, and balancing a title without one asks for other
	// widths, so that what it is asked for would depend on what a cache
	// held, not on the paragraphs alone. It is called from the goroutines
	// that set paragraphs, at the same time.
	Measured func(p Paragraph, width float64)
}

// New builds the engine for a font set. It checks the go-text internals
// the engine relies on; the Thai dictionary is loaded when first needed.
func New(set *fonts.Set) (*Engine, error) { return NewWith(set, Options{}) }

// NewWith is New with options.
func NewWith(set *fonts.Set, opt Options) (*Engine, error) {
	if set == nil {
		return nil, errors.New("layout: nil font set")
	}
	if opt.Preset != nil && opt.Preset.set != set {
		return nil, errors.New("layout: the preset was read for another font set")
	}
	if err := checkBidiLevels(); err != nil {
		return nil, err
	}
	if !slices.Contains(set.Families(), fonts.FamilySans) {
		return nil, fmt.Errorf("layout: the font set has no %s face for Latin runs", fonts.FamilySans)
	}
	e := &Engine{set: set, thai: sync.OnceValues(thai.Load),
		lines: newLinesCache[[]Line](linesCacheEntries),
		measured: newSharded(func(c *measuredCache) {
			c.init(measuredCacheEntries/cacheShards, measuredCacheLines/cacheShards, measuredCacheFirstLines/cacheShards)
		}),
		prepared: newSharded(func(c *linesCache[*prepared]) { c.init(preparedCacheEntries / cacheShards) }),
		flat:     newFlatPrepared(flatPreparedBytes, flatPreparedEntries),
		preset:   opt.Preset, onPrepare: opt.Prepared, onMeasure: opt.Measured,
		seeds: newHashSeeds()}
	e.pool.New = func() any { return new(work) }
	return e, nil
}

// work is the scratch state of one Lines call. The paragraph it sets is
// *prepared, shared with the engine's cache and other calls: read only.
type work struct {
	*prepared

	shaper shaping.HarfbuzzShaper
	// gfaces are this call's own go-text faces: a font.Face caches glyph
	// extents as it is used and so must not be shared between goroutines
	// (the font.Font behind it is read-only and is shared).
	gfaces map[*fonts.Face]*gotext.Face
	bidi   bidi.Paragraph
	seg    segmenter.Segmenter

	faces  []*fonts.Face
	raw    []language.Script // Unicode script of each rune
	script []language.Script // resolved script (Common and Inherited resolved)
	memo   *faceMemo
	link   []int // index into Paragraph.Links, -1 for none
	adv    []float64
	cum    []float64 // cum[i] = sum of adv[:i]
	starts []int     // cluster starts of a run, in makeRun
	lvl    []int8    // a line's levels, in buildLine
	frags  []fragment
	fl     []int8  // the fragments' levels
	arena  []Glyph // what is left of the paragraph's glyph array, in setLines
	// scratch is the glyph array measuring lends makeRun for a run it
	// cannot sum up alone (see runAdvance), reused from line to line.
	scratch []Glyph
	// reshaped holds the glyphs of a fragment shaped again at a line's
	// break, in buildLine, reused from fragment to fragment.
	reshaped []glyph
	// minAsc and minDesc are the paragraph's lineMetrics, in setLines.
	minAsc, minDesc float64
	// reach is the reach of the lines setLines sets (see Reach).
	reach Reach
}

// prepared is what setting a paragraph takes that depends neither on the
// size nor on the width: runes, embedding levels, faces and items, the
// shaped glyphs (in font units) and the break opportunities. Fitting sets
// a leaflet at several sizes; each size after the first scales advances
// and breaks lines from the same prepared paragraph, which gives the
// lines setting from scratch would give, since shaping at one unit per
// font unit does not depend on the size. Never modified once built.
type prepared struct {
	runes     []rune // the paragraph
	shape     []rune // the text given to the shaper (tabs as spaces)
	byteAt    []int  // byte offset of each rune, plus len(text)
	levels    []int8 // resolved embedding levels
	paraLevel int8
	lang      language.Language
	itemOf    []int
	items     []item
	brks      []Break
	fine      []thai.Split // breaks inside Thai compounds, for emergencies
	island    [][2]int     // the paragraph's outermost isolates, in order
	soft      [][2]int     // the web and e-mail addresses among them, which may break in an emergency
}

// item is a maximal run of runes sharing level, face, script and link.
type item struct {
	start, end int
	level      int8
	face       *fonts.Face
	script     language.Script
	link       int
	glyphs     []glyph // shaped, in visual order
}

// glyph is a shaped glyph as a prepared paragraph keeps it: the part of
// HarfBuzz's output (shaping.Glyph, 80 bytes) the engine reads, in 24.
// It never reads the rest: the extents and YAdvance (zero when shaping
// horizontal text without extents), Advance (the x advance), the
// cluster's rune and glyph counts, and of the glyph flags any but
// unsafe-to-break (where a line may cut a shaped item without shaping
// it again). A prepared paragraph holds about a glyph a rune, and a
// server rebuilds thousands of them from its flat cache for each order
// (see flatPrepared): at 80 bytes a glyph, some 20 MB an order.
type glyph struct {
	cluster          int32 // rune index of the cluster's first rune (paragraphLines refuses text over 1 GiB)
	id               gotext.GID
	xAdv, xOff, yOff fixed.Int26_6 // font units, 26.6
	unsafeToBreak    bool
}

// appendShaped appends the glyphs of HarfBuzz's output gs to dst.
func appendShaped(dst []glyph, gs []shaping.Glyph) []glyph {
	dst = slices.Grow(dst, len(gs))
	for i := range gs {
		g := &gs[i]
		dst = append(dst, glyph{cluster: int32(g.ClusterIndex), id: g.GlyphID, xAdv: g.XAdvance, xOff: g.XOffset, yOff: g.YOffset,
			unsafeToBreak: harfbuzz.GlyphMask(g.Mask)&harfbuzz.GlyphUnsafeToBreak != 0})
	}
	return dst
}

// GlyphError reports a character that no face of the set can draw.
type GlyphError struct {
	Rune rune
	Lang string // the paragraph's language
	Text string // the paragraph, for finding the message
}

func (e *GlyphError) Error() string {
	return fmt.Sprintf("layout: no font in the set draws %s in a %q paragraph: %q",
		fonts.RuneName(e.Rune), e.Lang, excerpt(e.Text))
}

// WidthError reports an unbreakable stretch (an isolate: phone number,
// e-mail address, URL) wider than the frame. Isolates are never broken;
// the caller must give the paragraph a wider frame or a smaller size.
type WidthError struct {
	Text  string // the stretch
	Width float64
	Frame float64
	Lang  string
}

func (e *WidthError) Error() string {
	return fmt.Sprintf("layout: %q (%.1f pt) does not fit a %.1f pt frame in a %q paragraph and must not be broken",
		e.Text, e.Width, e.Frame, e.Lang)
}

func excerpt(s string) string {
	const n = 60
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Lines sets p into lines at most width points wide. Lines are in logical
// order (first line first); the runs of each line are in visual order.
// The lines are shared with the engine's cache and with other callers
// setting the same paragraph: read them, never modify them.
func (e *Engine) Lines(p Paragraph, width float64) ([]Line, error) {
	lines, _, err := e.paragraphLines(p, width, false)
	return lines, err
}

// Measure breaks p into the lines Lines would give, at most width points
// wide, with the same width, ascent, descent, height and byte range each,
// but without their runs (Runs is nil, unless Lines had set p at that
// width before and its lines are at hand): for fitting, which tries a
// paragraph at several sizes and draws it at one. It builds no glyph
// arrays, and keeps its lines in a cache of its own, so that measuring
// does not push drawn lines out of theirs. Errors are those of Lines.
func (e *Engine) Measure(p Paragraph, width float64) ([]Line, error) {
	lines, _, err := e.paragraphLines(p, width, true)
	return lines, err
}

// MeasureReach is Measure, and the reach of the lines: the frame widths
// at which p breaks into the same lines (unknown when the lines come
// from a cache). Balancing a title tries many widths; one in the reach
// of an earlier try's lines need not be set.
func (e *Engine) MeasureReach(p Paragraph, width float64) ([]Line, Reach, error) {
	return e.paragraphLines(p, width, true)
}

// Reach is the range of frame widths at which a paragraph breaks into
// the lines it broke into at the width it was set at. Filling is greedy:
// a line ends at the last opportunity before the first that does not
// fit, so its end moves only where an opportunity up to it stops fitting
// (need, the widest stretch its lines hold) or the one after it starts
// to (over, the narrowest stretch they refused); and each shaped line
// must still fit. A paragraph broken between graphemes, or whose shaped
// line stepped back to an earlier opportunity, has no known reach.
type Reach struct {
	need, over float64
	known      bool
}

// Holds reports whether the paragraph breaks into the same lines at
// width as at the width it was set at: its comparisons with the frame
// all come out as they did.
func (r Reach) Holds(width float64) bool {
	return r.known && r.need <= width+widthTolerance && r.over > width+widthTolerance
}

// paragraphLines is Lines, or with measure Measure, and the lines'
// reach when they were set now (see Reach).
//
// The caches are asked first: a paragraph is cached under a key that
// holds its text, font, size and width, only once they passed the checks
// below, so a hit need not pay for them again (a NaN size or width never
// equals a key).
func (e *Engine) paragraphLines(p Paragraph, width float64, measure bool) ([]Line, Reach, error) {
	h := e.seeds.hash(p)
	key := keyOf(h, p, width)
	cached := e.onMeasure == nil // see Options.Measured
	if measure && !cached {
		e.onMeasure(p, width)
	}
	if cached {
		if lines, ok := e.lines.get(key); ok {
			return lines, Reach{}, nil
		}
	}
	if measure {
		// Measured lines are kept whatever the leading, which changes
		// only their heights: fitting's steps that differ in spacing
		// alone set a paragraph at the same size and width.
		key.style.Leading = 0
		adv := p.Style.Size * e.leading(p)
		if cached {
			if lines, ok := e.measured.of(key).get(key, adv); ok {
				return lines, Reach{}, nil
			}
		}
		if lines, reach, ok := e.preset.measured(p, width, adv); ok {
			return lines, reach, nil
		}
	}
	if err := checkText(p); err != nil {
		return nil, Reach{}, err
	}
	if !(p.Style.Size > 0) || math.IsInf(p.Style.Size, 0) {
		return nil, Reach{}, fmt.Errorf("layout: font size %v is not positive", p.Style.Size)
	}
	if !(width > 0) || math.IsInf(width, 0) {
		return nil, Reach{}, fmt.Errorf("layout: frame width %v is not positive", width)
	}
	if err := e.checkFont(p); err != nil {
		return nil, Reach{}, err
	}
	if p.Text == "" {
		return nil, Reach{}, nil
	}
	w := e.pool.Get().(*work)
	defer e.pool.Put(w)
	pk := paraKey(h, p)
	pp, ok := e.prepared.of(pk).get(pk)
	if !ok {
		// The preset and the flat cache hold many more paragraphs, for a
		// price: they rebuild them (far cheaper than analysing and
		// shaping). A paragraph of the preset never takes room in the
		// flat cache.
		if pp, ok = e.preset.get(p); !ok {
			pp, ok = e.flat.get(pk, p)
		}
		if !ok {
			// Only text that passed this check is cached, lines or
			// prepared: a cache hit need not pay for it again.
			if err := checkBidiCost(p.Text, p.Lang); err != nil {
				return nil, Reach{}, err
			}
			var err error
			if pp, err = e.prepare(w, p); err != nil {
				return nil, Reach{}, err
			}
			if e.onPrepare != nil {
				e.onPrepare(p)
			}
			e.flat.put(pk, pp)
		}
		e.prepared.of(pk).put(pk, pp)
	}
	w.prepared = pp
	lines, err := e.setLines(w, p, width, measure)
	reach := w.reach
	w.prepared, w.arena = nil, nil
	switch {
	case err != nil || !cached:
	case measure:
		e.measured.of(key).put(key, lines)
	default:
		e.lines.put(key, lines)
	}
	if err != nil {
		reach = Reach{}
	}
	return lines, reach, err
}

// prepare analyses p as far as neither size nor width matter. It builds
// a new prepared paragraph (never reusing w's buffers for it, as it is
// kept and shared) and leaves it in w.
func (e *Engine) prepare(w *work, p Paragraph) (*prepared, error) {
	w.prepared = new(prepared)
	defer func() { w.prepared = nil }()
	pp := w.prepared
	w.load(p.Text)
	pp.levels = levelsOf(&w.bidi, make([]int8, 0, len(pp.runes)), pp.runes, p.Dir)
	pp.paraLevel = paragraphLevel(pp.runes, p.Dir)
	if err := e.assignFaces(w, p); err != nil {
		return nil, err
	}
	if err := w.assignLinks(p); err != nil {
		return nil, err
	}
	w.itemize()

	pp.lang = language.NewLanguage(p.Lang)
	for i := range pp.items {
		it := &pp.items[i]
		it.glyphs = appendShaped(nil, e.shapeRange(w, it, it.start, it.end, pp.lang))
	}

	var dict *thai.Dict
	if slices.ContainsFunc(pp.runes, thai.IsThai) {
		d, err := e.thai()
		if err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
		dict = d
	}
	pp.island = appendIsolates(nil, pp.runes)
	pp.brks, pp.fine = tailorBreaks(uax14(&w.seg, nil, pp.runes), nil, pp.runes, pp.island, dict)
	pp.brks, pp.soft = linkBreaks(pp.brks, nil, pp.runes, pp.byteAt, p.Links)
	return pp, nil
}

// setLines breaks the prepared paragraph in w into lines at p's size;
// with measure, lines without runs (see Measure).
func (e *Engine) setLines(w *work, p Paragraph, width float64, measure bool) ([]Line, error) {
	n := len(w.runes)
	paraLevel, lang := w.paraLevel, w.lang
	w.measure(p.Style.Size)
	w.minAsc, w.minDesc = e.lineMetrics(p)
	if !measure {
		// The runs' glyphs are cut from one array for the paragraph: as
		// many glyphs as shaping gave, which the lines mostly draw (a
		// line shaped again at its break takes a new array when it runs
		// out).
		total := 0
		for i := range w.items {
			total += len(w.items[i].glyphs)
		}
		w.arena = make([]Glyph, total)
	}

	var out []Line
	start := 0
	w.reach = Reach{over: math.Inf(1), known: true}
	for start < n {
		end, err := w.nextBreak(start, width, p)
		if err != nil {
			return nil, err
		}
		stepped := false
		// The shaped width of a line can differ from the sum of its
		// clusters' advances where a break cuts a run (kerning, joining
		// context); if it does not fit, step back to an earlier break.
		for {
			line, err := e.buildLine(w, p, paraLevel, start, end, lang, measure)
			if err != nil {
				return nil, err
			}
			if line.Width <= width+widthTolerance {
				out = append(out, line)
				w.reach.need = max(w.reach.need, line.Width)
				w.reach.known = w.reach.known && !stepped
				break
			}
			stepped = true
			prev := w.prevBreak(start, end)
			if prev <= start {
				prev = w.prevGrapheme(start, end)
			}
			if prev <= start {
				out = append(out, line) // one grapheme wider than the frame
				w.reach.known = false
				break
			}
			end = prev
		}
		start = end
	}
	return out, nil
}

const widthTolerance = 1e-6

// checkText refuses text the engine cannot set: invalid UTF-8, or too
// long for a glyph's offsets.
func checkText(p Paragraph) error {
	if !utf8.ValidString(p.Text) {
		return fmt.Errorf("layout: paragraph text is not valid UTF-8: %q", excerpt(p.Text))
	}
	// A glyph's offsets are int32s, into the text or into its run's text,
	// which can hold a stretch of it and that stretch's clusters again.
	if len(p.Text) > math.MaxInt32/2 {
		return fmt.Errorf("layout: paragraph text of %d bytes is longer than 1 GiB", len(p.Text))
	}
	return nil
}

// checkFont refuses a paragraph whose primary family the set lacks.
func (e *Engine) checkFont(p Paragraph) error {
	if _, ok := e.set.Face(p.Font, false); !ok {
		return fmt.Errorf("layout: unknown font family %q for a %q paragraph", p.Font, p.Lang)
	}
	return nil
}

// checkParagraph is every check a paragraph passes before it is
// prepared, as paragraphLines makes them (the size and width aside).
func (e *Engine) checkParagraph(p Paragraph) error {
	if err := checkText(p); err != nil {
		return err
	}
	if err := e.checkFont(p); err != nil {
		return err
	}
	if p.Text == "" {
		return errors.New("layout: an empty paragraph has nothing to prepare")
	}
	return checkBidiCost(p.Text, p.Lang)
}

// load fills the paragraph's runes and offsets for text. The
// shaper's text is the runes themselves unless there is a tab.
func (pp *prepared) load(text string) {
	n := utf8.RuneCountInString(text)
	pp.runes, pp.byteAt = make([]rune, 0, n), make([]int, 0, n+1)
	for i, r := range text {
		pp.runes = append(pp.runes, r)
		pp.byteAt = append(pp.byteAt, i)
	}
	pp.byteAt = append(pp.byteAt, len(text))
	pp.shape = pp.runes
	if strings.ContainsRune(text, '\t') {
		pp.shape = make([]rune, n)
		for i, r := range pp.runes {
			if r == '\t' {
				r = ' '
			}
			pp.shape[i] = r
		}
	}
}

// needsNoGlyph reports runes that draw nothing and need no face: controls,
// default ignorables (bidi controls, ZWJ, ZWNJ, …) and line separators.
func needsNoGlyph(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7F
	}
	return unicode.Is(unicode.Cc, r) || harfbuzz.IsDefaultIgnorable(r) || r == 0x2028 || r == 0x2029
}

// assignFaces decides the script and face of every rune.
//
// A rune of a script with a home family (Latin, Arabic, Thai, …) is set in
// that family, the paragraph's primary family first. Common characters
// (digits, punctuation, spaces) take the script of the nearest strong
// character at the same embedding level, before them or else after them;
// with none, the primary family's script at an odd (right-to-left) level
// and Latin at an even one. That puts the digits and the "." of an e-mail
// address inside Arabic text in the Latin face, and the full stop of an
// Arabic sentence in the Arabic face. Marks follow their base. A face that
// does not map the rune gives way to the fallback chain.
func (e *Engine) assignFaces(w *work, p Paragraph) error {
	n := len(w.runes)
	w.faces = slices.Grow(w.faces[:0], n)[:n]
	w.script = slices.Grow(w.script[:0], n)[:n]
	primaryScript := language.Latin
	if fam, ok := homeScript(p.Font); ok {
		primaryScript = fam
	}
	// resolve the script of each rune
	w.raw = slices.Grow(w.raw[:0], n)[:n]
	var scripts scriptLookup
	for i, r := range w.runes {
		w.raw[i] = scripts.of(r)
	}
	// UAX #9 levels run to max_depth+1 = 126: an R or AN at level 125 rises to it.
	var last, next [127]language.Script
	for i := range w.runes {
		sc := w.raw[i]
		switch {
		case sc == language.Inherited && i > 0 && !needsNoGlyph(w.runes[i-1]):
			sc = w.script[i-1]
		case !sc.Strong():
			sc = language.Common
		default:
			last[w.levels[i]] = sc
		}
		if sc == language.Common {
			sc = last[w.levels[i]]
		}
		w.script[i] = sc
	}
	for i := n - 1; i >= 0; i-- {
		lvl := w.levels[i]
		if sc := w.raw[i]; sc.Strong() {
			next[lvl] = sc
		}
		if w.script[i] == 0 || w.script[i] == language.Common {
			switch {
			case next[lvl] != 0:
				w.script[i] = next[lvl]
			case lvl%2 == 1:
				w.script[i] = primaryScript
			default:
				w.script[i] = language.Latin
			}
		}
	}
	// choose faces; the choice depends on the rune and its resolved
	// script only, for a primary family and weight, so it is remembered
	// from paragraph to paragraph
	if w.memo == nil {
		w.memo = new(faceMemo)
	}
	w.memo.use(p.Font, p.Style.Bold)
	for i, r := range w.runes {
		w.faces[i] = nil
		if needsNoGlyph(r) {
			continue
		}
		if w.raw[i] == language.Inherited && i > 0 && w.faces[i-1] != nil {
			if _, ok := e.set.GlyphID(w.faces[i-1], r); ok {
				w.faces[i], w.script[i] = w.faces[i-1], w.script[i-1]
				continue
			}
		}
		c, ok := w.memo.get(r, w.script[i])
		if !ok {
			f, err := e.chooseFace(p, r, w.script[i])
			if err != nil {
				return err
			}
			c = choice{f, w.script[i]}
			// Punctuation that the script's own face lacks (Noto Naskh has
			// no ASCII parentheses) is shaped as Common in the face that
			// has it, not as Arabic in a face without Arabic features.
			if fam, home := e.set.HomeFamily(f.Family, c.script); !w.raw[i].Strong() && (!home || fam != f.Family) {
				c.script = language.Common
			}
			w.memo.put(r, w.script[i], c)
		}
		w.faces[i], w.script[i] = c.face, c.script
	}
	// runes that draw nothing (bidi controls, joiners) join the run before
	// them, or after them at the start, so that they do not split runs
	prev := -1
	for i := range w.faces {
		if w.faces[i] == nil {
			if prev >= 0 {
				w.faces[i], w.script[i] = w.faces[prev], w.script[prev]
			}
		} else {
			prev = i
		}
	}
	prev = -1
	for i := n - 1; i >= 0; i-- {
		if w.faces[i] == nil {
			if prev >= 0 {
				w.faces[i], w.script[i] = w.faces[prev], w.script[prev]
			}
		} else {
			prev = i
		}
	}
	if n > 0 && w.faces[0] == nil { // nothing but controls
		f, _ := e.set.Face(p.Font, p.Style.Bold)
		for i := range w.faces {
			w.faces[i] = f
		}
	}
	return nil
}

// chooseFace returns the face for rune r of script sc: the family at home
// in sc if it maps r, else the first of the fallback chain that does.
func (e *Engine) chooseFace(p Paragraph, r rune, sc language.Script) (*fonts.Face, error) {
	if fam, ok := e.set.HomeFamily(p.Font, sc); ok && e.set.Covers(fam, r) {
		f, _ := e.set.Face(fam, p.Style.Bold)
		return f, nil
	}
	f, err := e.set.Resolve(p.Font, p.Style.Bold, r)
	if err != nil {
		return nil, &GlyphError{Rune: r, Lang: p.Lang, Text: p.Text}
	}
	return f, nil
}

// faceMemo remembers the face choices (chooseFace, and the script the
// rune is shaped as) of one primary family and weight, in a table
// indexed by the rune's low bits: a paragraph's letters, digits and
// punctuation take a few dozen slots, and the next paragraph in the same
// language finds them there. It belongs to one work, never shared.
type faceMemo struct {
	font  string
	bold  bool
	gen   uint32 // the slots filled for font and bold have it
	slots [faceMemoSlots]faceMemoSlot
}

// faceMemoSlots is the size of a faceMemo's table, a power of two: the
// Latin letters, the Arabic block and the Thai block each fit without
// colliding with themselves.
const faceMemoSlots = 1024

type faceMemoSlot struct {
	r  rune
	sc language.Script // the rune's resolved script, before the choice
	c  choice
	// gen is the memo's generation the slot was filled in; 0, never a
	// memo's, is an empty slot
	gen uint32
}

// use empties the memo unless it holds the choices of font and bold: a
// new generation, so that a server that sets one language after another
// does not clear the table every time.
func (m *faceMemo) use(font string, bold bool) {
	if m.gen != 0 && m.font == font && m.bold == bold {
		return
	}
	m.font, m.bold = font, bold
	if m.gen++; m.gen == 0 { // wrapped: the old generations must go
		clear(m.slots[:])
		m.gen = 1
	}
}

func (m *faceMemo) get(r rune, sc language.Script) (choice, bool) {
	s := &m.slots[r&(faceMemoSlots-1)]
	if s.gen != m.gen || s.r != r || s.sc != sc {
		return choice{}, false
	}
	return s.c, true
}

func (m *faceMemo) put(r rune, sc language.Script, c choice) {
	m.slots[r&(faceMemoSlots-1)] = faceMemoSlot{r: r, sc: sc, c: c, gen: m.gen}
}

// scriptLookup is language.LookupScript, faster on the runs of one
// script that text is made of: ASCII without a search (letters are
// Latin, the rest Common), and otherwise the ranges of the last two
// runes searched tried first (Thai letters, for one, alternate between
// two ranges of the table, and Arabic words between letters and marks).
type scriptLookup struct {
	recent [2]language.ScriptRange
}

func (l *scriptLookup) of(r rune) language.Script {
	if r < utf8.RuneSelf {
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return language.Latin
		}
		return language.Common
	}
	for _, rg := range l.recent {
		if r >= rg.Start && r <= rg.End && rg.Script != 0 {
			return rg.Script
		}
	}
	rs := language.ScriptRanges
	i, j := 0, len(rs)
	for i < j {
		h := i + (j-i)/2
		switch {
		case r < rs[h].Start:
			j = h
		case rs[h].End < r:
			i = h + 1
		default:
			l.recent[1], l.recent[0] = l.recent[0], rs[h]
			return rs[h].Script
		}
	}
	return language.Unknown
}

// choice is the face of a rune and the script it is shaped as.
type choice struct {
	face   *fonts.Face
	script language.Script
}

// homeScript is the script a primary family is chosen for.
func homeScript(family string) (language.Script, bool) {
	switch family {
	case fonts.FamilyNaskh, fonts.FamilyNastaliq:
		return language.Arabic, true
	case fonts.FamilyHebrew:
		return language.Hebrew, true
	case fonts.FamilyThai:
		return language.Thai, true
	case fonts.FamilyEthiopic:
		return language.Ethiopic, true
	case fonts.FamilySans:
		return language.Latin, true
	}
	return 0, false
}

// assignLinks maps each rune to the link covering it.
func (w *work) assignLinks(p Paragraph) error {
	n := len(w.runes)
	w.link = slices.Grow(w.link[:0], n)[:n]
	for i := range w.link {
		w.link[i] = -1
	}
	for li, l := range p.Links {
		if l.Start < 0 || l.End > len(p.Text) || l.Start >= l.End {
			return fmt.Errorf("layout: link %q has byte range [%d,%d) outside the paragraph (%d bytes)",
				l.Href, l.Start, l.End, len(p.Text))
		}
		for i := range w.runes {
			if w.byteAt[i] >= l.Start && w.byteAt[i] < l.End {
				w.link[i] = li
			}
		}
	}
	return nil
}

// itemize splits the paragraph into items of equal level, face, script and
// link.
func (w *work) itemize() {
	n := len(w.runes)
	w.itemOf = make([]int, n)
	for i := 0; i < n; {
		j := i + 1
		for j < n && w.levels[j] == w.levels[i] && w.faces[j] == w.faces[i] &&
			w.script[j] == w.script[i] && w.link[j] == w.link[i] {
			j++
		}
		for k := i; k < j; k++ {
			w.itemOf[k] = len(w.items)
		}
		w.items = append(w.items, item{start: i, end: j, level: w.levels[i], face: w.faces[i], script: w.script[i], link: w.link[i]})
		i = j
	}
}

// gface returns this call's go-text face for f.
func (w *work) gface(set *fonts.Set, f *fonts.Face) *gotext.Face {
	if g, ok := w.gfaces[f]; ok {
		return g
	}
	if w.gfaces == nil {
		w.gfaces = make(map[*fonts.Face]*gotext.Face)
	}
	g := gotext.NewFace(set.Shaping(f))
	w.gfaces[f] = g
	return g
}

// shapeRange shapes runes [start,end) of item it, with the whole paragraph
// as context. It shapes at one unit per font unit (size = units per em),
// so advances and offsets come out exact in font units: go-text rounds the
// size to whole pixels, which would make positions drift at small sizes.
// Glyph extents are left out (they cost a third of the time); lineInk
// reads the few it needs.
func (e *Engine) shapeRange(w *work, it *item, start, end int, lang language.Language) []shaping.Glyph {
	dir := di.DirectionLTR
	if it.level%2 == 1 {
		dir = di.DirectionRTL
	}
	return w.shaper.ShapeNoExtents(shaping.Input{
		Text:      w.shape,
		RunStart:  start,
		RunEnd:    end,
		Direction: dir,
		Face:      w.gface(e.set, it.face),
		Size:      fixed.I(it.face.UnitsPerEm),
		Script:    it.script,
		Language:  lang,
	}).Glyphs
}

// units converts a shaper value (26.6 fixed point of font units) to points.
func units(v fixed.Int26_6, face *fonts.Face, size float64) float64 {
	return float64(v) / 64 * size / float64(face.UnitsPerEm)
}

// measure gives every rune the advance of the clusters it starts, in
// points, and the running sum.
func (w *work) measure(size float64) {
	n := len(w.runes)
	w.adv = slices.Grow(w.adv[:0], n)[:n]
	clear(w.adv)
	for k := range w.items {
		it := &w.items[k]
		for i := range it.glyphs {
			g := &it.glyphs[i]
			w.adv[g.cluster] += units(g.xAdv, it.face, size)
		}
	}
	w.cum = slices.Grow(w.cum[:0], n+1)[:n+1]
	w.cum[0] = 0
	for i, a := range w.adv {
		w.cum[i+1] = w.cum[i] + a
	}
}

// isTrailing reports runes that hang at the end of a line: they are not
// drawn there and do not count in its width.
func isTrailing(r rune) bool {
	if needsNoGlyph(r) {
		return true
	}
	switch bidiClass(r) {
	case xbidi.WS, xbidi.B, xbidi.S:
		return true
	}
	return false
}

// contentEnd is the end of [start,end) without its trailing runes.
func (w *work) contentEnd(start, end int) int {
	for end > start && isTrailing(w.runes[end-1]) {
		end--
	}
	return end
}

func (w *work) widthOf(start, end int) float64 {
	return w.cum[w.contentEnd(start, end)] - w.cum[start]
}

// nextBreak returns where the line starting at start ends: the last break
// opportunity that fits, a mandatory break, or, when even the first
// stretch is too wide, a break between grapheme clusters (never inside an
// isolate). It widens w.reach by the stretches it compared.
func (w *work) nextBreak(start int, width float64, p Paragraph) (int, error) {
	fit := -1
	first, _ := slices.BinarySearchFunc(w.brks, start+1, func(b Break, pos int) int { return b.Pos - pos })
	for _, b := range w.brks[first:] {
		x := w.widthOf(start, b.Pos)
		if x <= width+widthTolerance {
			fit = b.Pos
			w.reach.need = max(w.reach.need, x)
			if b.Mandatory {
				return fit, nil
			}
			continue
		}
		w.reach.over = min(w.reach.over, x)
		if fit > 0 {
			return fit, nil
		}
		w.reach.known = false
		return w.emergencyBreak(start, b.Pos, width, p)
	}
	if fit > 0 {
		return fit, nil
	}
	return len(w.runes), nil
}

// prevBreak returns the last break opportunity after start and before end,
// or start if there is none.
func (w *work) prevBreak(start, end int) int {
	i, _ := slices.BinarySearchFunc(w.brks, end, func(b Break, pos int) int { return b.Pos - pos })
	if i > 0 && w.brks[i-1].Pos > start {
		return w.brks[i-1].Pos
	}
	return start
}

// inSoft reports whether pos is inside a web or e-mail address, which
// may break between graphemes when no opportunity fits.
func (w *work) inSoft(pos int) bool {
	i, _ := slices.BinarySearchFunc(w.soft, pos, func(r [2]int, pos int) int { return r[1] - pos })
	return i < len(w.soft) && pos > w.soft[i][0] && pos < w.soft[i][1]
}

// inIsland reports whether a break before pos would fall inside an
// isolate: pos is after its initiator and not after its PDI.
func (w *work) inIsland(pos int) bool {
	i, _ := slices.BinarySearchFunc(w.island, pos, func(is [2]int, pos int) int { return is[1] - pos })
	return i < len(w.island) && pos > w.island[i][0] && pos <= w.island[i][1]
}

// prevGrapheme returns the last grapheme boundary after start and before
// end that is not inside an isolate, or start if there is none.
func (w *work) prevGrapheme(start, end int) int {
	w.seg.Init(w.runes[start:end])
	it := w.seg.GraphemeIterator()
	prev := start
	for it.Next() {
		g := it.Grapheme()
		pos := start + g.Offset + len(g.Text)
		if pos < end && !w.inIsland(pos) {
			prev = pos
		}
	}
	return prev
}

// emergencyBreak breaks the stretch [start,end), wider than the frame on
// its own: between the words of a Thai compound if one fits (the
// shallowest split, then the last), else at the
// last grapheme boundary that fits (at least one grapheme per line). A
// stretch inside an isolate is never broken: WidthError.
func (w *work) emergencyBreak(start, end int, width float64, p Paragraph) (int, error) {
	first, _ := slices.BinarySearchFunc(w.island, start, func(is [2]int, pos int) int { return is[1] - pos })
	for _, is := range w.island[first:] {
		if is[0] >= end {
			break
		}
		if w.inSoft(min(is[0]+2, is[1])) {
			continue // an address: broken between graphemes below
		}
		if w.cum[is[1]+min(1, len(w.runes)-is[1])]-w.cum[is[0]] > width+widthTolerance {
			hi := min(is[1]+1, len(w.runes))
			return 0, &WidthError{
				Text:  stripControls(p.Text[w.byteAt[is[0]]:w.byteAt[hi]]),
				Width: w.cum[hi] - w.cum[is[0]],
				Frame: width,
				Lang:  p.Lang,
			}
		}
	}
	fit, depth := -1, 0
	for _, s := range w.fine {
		if s.Pos > start && s.Pos < end && w.widthOf(start, s.Pos) <= width+widthTolerance &&
			(fit < 0 || s.Depth <= depth) {
			fit, depth = s.Pos, s.Depth
		}
	}
	if fit > 0 {
		return fit, nil
	}
	// Only the graphemes up to the frame's width matter: segment a window
	// that reaches a little past it, so that a line costs its own length,
	// not the rest of the paragraph's. A window that ends inside a
	// grapheme is widened until it does not.
	over, _ := slices.BinarySearchFunc(w.cum[start:end+1], w.cum[start]+width+widthTolerance,
		func(c, limit float64) int {
			if c > limit {
				return 1
			}
			return -1
		})
	for span := over + 64; ; span *= 2 {
		hi := min(end, start+span)
		w.seg.Init(w.runes[start:hi])
		it := w.seg.GraphemeIterator()
		best := -1
		for it.Next() {
			g := it.Grapheme()
			pos := start + g.Offset + len(g.Text)
			if pos == hi && hi < end {
				break // the window's end, not a grapheme's
			}
			if pos < end && w.inIsland(pos) && !w.inSoft(pos) {
				continue
			}
			if best < 0 || w.widthOf(start, pos) <= width+widthTolerance {
				best = pos
				continue
			}
			break
		}
		if best > 0 || hi == end {
			if best < 0 || best > end {
				best = end
			}
			return best, nil
		}
	}
}

// stripControls removes bidi formatting characters from s.
func stripControls(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if !isBidiControl(r) {
			out = append(out, r)
		}
	}
	return string(out)
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// fragment is the part of an item on one line.
type fragment struct {
	item       int
	start, end int
	level      int8
}

// buildLine lays out runes [start,end) as one line; with measure, it
// leaves out the runs and takes only their widths and ink.
func (e *Engine) buildLine(w *work, p Paragraph, paraLevel int8, start, end int, lang language.Language, measure bool) (Line, error) {
	size := p.Style.Size
	line := Line{Dir: p.Dir, Start: w.byteAt[start], End: w.byteAt[end]}
	if p.Dir != vocab.RTL && p.Dir != vocab.LTR {
		line.Dir = vocab.LTR
		if paraLevel == 1 {
			line.Dir = vocab.RTL
		}
	}
	ce := w.contentEnd(start, end)
	levels := append(w.lvl[:0], w.levels[start:end]...)
	w.lvl = levels
	LineLevels(w.runes[start:end], levels, paraLevel, 0, end-start)

	frags, fl := w.frags[:0], w.fl[:0]
	for i := start; i < ce; {
		j := i + 1
		for j < ce && w.itemOf[j] == w.itemOf[i] && levels[j-start] == levels[i-start] {
			j++
		}
		frags = append(frags, fragment{item: w.itemOf[i], start: i, end: j, level: levels[i-start]})
		fl = append(fl, levels[i-start])
		i = j
	}
	w.frags, w.fl = frags, fl
	order := VisualOrder(fl)

	asc, desc := w.minAsc, w.minDesc
	x := 0.0
	for _, fi := range order {
		f := frags[fi]
		it := &w.items[f.item]
		glyphs, ok := w.reuse(it, f, start, end)
		if !ok {
			cut := *it
			cut.level = f.level
			w.reshaped = appendShaped(w.reshaped[:0], e.shapeRange(w, &cut, f.start, f.end, lang))
			glyphs = w.reshaped
		}
		if measure {
			if nx, ok := w.runAdvance(it, glyphs, size, x); ok {
				if len(glyphs) == 0 {
					continue
				}
				x = nx
				a, d := w.ink(e.set, it.face, glyphs, size)
				fa, fd := faceMetrics(it.face, size)
				asc, desc = max(asc, a, fa), max(desc, d, fd)
				continue
			}
			w.arena = w.scratch // makeRun cuts from it, and the run is dropped
		}
		run, err := w.makeRun(p, it, f, glyphs, size)
		if measure && cap(run.Glyphs) > cap(w.scratch) {
			w.scratch = run.Glyphs[:cap(run.Glyphs)]
		}
		if err != nil {
			return Line{}, err
		}
		if len(run.Glyphs) == 0 {
			continue
		}
		run.X = x
		for _, g := range run.Glyphs {
			x += g.Advance
		}
		a, d := w.ink(e.set, it.face, glyphs, size)
		fa, fd := faceMetrics(it.face, size)
		asc, desc = max(asc, a, fa), max(desc, d, fd)
		if !measure {
			line.Runs = append(line.Runs, run)
		}
	}
	line.Width = x
	line.Ascent, line.Descent = asc, desc
	line.Height = max(size*e.leading(p), asc+desc)
	return line, nil
}

// runAdvance is, for measuring, the pen position x after the run
// makeRun would build of glyphs, without building it: their advances
// added one by one, as buildLine adds a run's, so that the line's width
// comes out to the same bit. It answers (ok) only when makeRun would keep
// every glyph and none is .notdef: no glyph without advance starts a
// cluster that may be made of bidi controls alone (makeRun drops those).
func (w *work) runAdvance(it *item, glyphs []glyph, size, x float64) (float64, bool) {
	for i := range glyphs {
		g := &glyphs[i]
		if g.id == 0 || g.xAdv == 0 && isBidiControl(w.runes[g.cluster]) {
			return 0, false
		}
	}
	for i := range glyphs {
		x += units(glyphs[i].xAdv, it.face, size)
	}
	return x, true
}

// reuse returns the glyphs of fragment f (of the line [start,end)) from
// its item's shaping, when that is what shaping the fragment alone would
// give: same direction, and wherever the line cuts the item HarfBuzz has
// not flagged the cluster unsafe to break.
func (w *work) reuse(it *item, f fragment, start, end int) ([]glyph, bool) {
	if f.level != it.level {
		return nil, false
	}
	if (start > it.start && !safeToBreak(it.glyphs, start)) || (end < it.end && !safeToBreak(it.glyphs, end)) {
		return nil, false
	}
	gs := it.glyphs
	lo, hi := clusterSpan(gs, f.start, f.end)
	if lo >= hi {
		return nil, true
	}
	return gs[lo:hi], true
}

// clusterSpan returns the glyphs of gs whose clusters lie in [from, to)
// as gs[lo:hi]. Shaped glyphs are in visual order, so their cluster
// indices rise through a left-to-right run and fall through a
// right-to-left one: binary search, not a scan of the whole item for
// each line.
func clusterSpan(gs []glyph, from, to int) (lo, hi int) {
	if len(gs) == 0 {
		return 0, 0
	}
	if gs[0].cluster <= gs[len(gs)-1].cluster {
		lo = sort.Search(len(gs), func(i int) bool { return int(gs[i].cluster) >= from })
		hi = sort.Search(len(gs), func(i int) bool { return int(gs[i].cluster) >= to })
		return lo, hi
	}
	lo = sort.Search(len(gs), func(i int) bool { return int(gs[i].cluster) < to })
	hi = sort.Search(len(gs), func(i int) bool { return int(gs[i].cluster) < from })
	return lo, hi
}

// safeToBreak reports whether the text may be cut before rune pos without
// reshaping: pos starts a cluster, none of whose glyphs HarfBuzz marked
// unsafe to break.
func safeToBreak(gs []glyph, pos int) bool {
	lo, hi := clusterSpan(gs, pos, pos+1)
	for _, g := range gs[lo:hi] {
		if g.unsafeToBreak {
			return false
		}
	}
	return lo < hi
}

// ink returns how far the glyphs' outlines reach above and below the
// baseline, in points.
func (w *work) ink(set *fonts.Set, face *fonts.Face, gs []glyph, size float64) (asc, desc float64) {
	gf := w.gface(set, face)
	scale := size / float64(face.UnitsPerEm)
	// The highest top and the lowest bottom are found in font units and
	// scaled once: rounding is monotonic, so the largest of the scaled
	// values is the scaled largest, to the bit.
	top, bottom, any := 0.0, 0.0, false
	for i := range gs {
		g := &gs[i]
		ext, ok := gf.GlyphExtents(g.id)
		if !ok {
			continue
		}
		y := float64(g.yOff) / 64
		t, b := float64(ext.YBearing)+y, float64(ext.YBearing+ext.Height)+y
		if !any {
			top, bottom, any = t, b, true
			continue
		}
		if t > top {
			top = t
		}
		if b < bottom {
			bottom = b
		}
	}
	if !any {
		return 0, 0
	}
	return max(0, top*scale), max(0, -bottom*scale)
}

// makeRun converts shaped glyphs of a fragment into a Run, in visual
// order, with the logical text of each cluster on its first glyph. Glyphs
// of clusters made only of bidi controls are dropped. A .notdef glyph is a
// GlyphError.
func (w *work) makeRun(p Paragraph, it *item, f fragment, glyphs []glyph, size float64) (Run, error) {
	var buf []Glyph
	if len(w.arena) >= len(glyphs) {
		buf, w.arena = w.arena[:0:len(glyphs)], w.arena[len(glyphs):]
	} else {
		buf = make([]Glyph, 0, len(glyphs))
	}
	run := Run{Face: it.face, Size: size, Level: int(f.level), Glyphs: buf}
	if it.link >= 0 {
		run.Href = p.Links[it.link].Href
	}
	// cluster ends: the next cluster start in logical order. Shaped
	// glyphs are in visual order, so their clusters mostly rise (left to
	// right) or fall (right to left): sort only when they do neither.
	starts := w.starts[:0]
	rising, falling := true, true
	for i := range glyphs {
		c := int(glyphs[i].cluster)
		if n := len(starts); n > 0 {
			if c == starts[n-1] {
				continue
			}
			rising, falling = rising && c > starts[n-1], falling && c < starts[n-1]
		}
		starts = append(starts, c)
	}
	switch {
	case rising:
	case falling:
		slices.Reverse(starts)
	default:
		slices.Sort(starts)
		starts = slices.Compact(starts)
	}
	w.starts = starts
	clusterEnd := func(c int) int {
		i, _ := slices.BinarySearch(starts, c+1)
		if i < len(starts) {
			return starts[i]
		}
		return f.end
	}
	// The run's text is the fragment's stretch of the paragraph, of which
	// a cluster's text is a part unless it holds bidi controls: those
	// are left out, and what remains is appended after the stretch, in a
	// copy of it made for the first such cluster.
	base := w.byteAt[f.start]
	run.Text = p.Text[base:w.byteAt[f.end]]
	var extra []byte
	pen := 0.0
	prevCluster := -1
	textOf, text := -1, "" // the cluster whose text was last cut out: a cluster of many glyphs is cut once
	var from, to int32     // text's range in the run's text
	for i := range glyphs {
		g := &glyphs[i]
		c := int(g.cluster)
		ce := clusterEnd(c)
		if c != textOf {
			textOf, text = c, p.Text[w.byteAt[c]:w.byteAt[ce]]
			from, to = int32(w.byteAt[c]-base), int32(w.byteAt[ce]-base)
			if slices.ContainsFunc(w.runes[c:ce], isBidiControl) {
				text = stripControls(text)
				from, to = 0, 0
				if text != "" {
					if extra == nil {
						extra = append(make([]byte, 0, len(run.Text)+len(text)), run.Text...)
					}
					from = int32(len(extra))
					extra = append(extra, text...)
					to = int32(len(extra))
				}
			}
		}
		if text == "" && g.xAdv == 0 {
			continue
		}
		if g.id == 0 {
			r := w.runes[c]
			for _, rr := range w.runes[c:ce] {
				if !needsNoGlyph(rr) {
					r = rr
					break
				}
			}
			return Run{}, &GlyphError{Rune: r, Lang: p.Lang, Text: p.Text}
		}
		gl := Glyph{
			ID:      uint16(g.id),
			X:       pen + units(g.xOff, it.face, size),
			Y:       -units(g.yOff, it.face, size),
			Advance: units(g.xAdv, it.face, size),
			Cluster: int32(w.byteAt[c]),
		}
		if c != prevCluster {
			gl.TextStart, gl.TextEnd = from, to
			prevCluster = c
		}
		pen += gl.Advance
		run.Glyphs = append(run.Glyphs, gl)
	}
	if extra != nil {
		run.Text = string(extra)
	}
	return run, nil
}

// Default leading, as a multiple of the font size, by the script of the
// paragraph's primary family. Arabic script and Thai stack marks above and
// below the letters and need more room than Latin; Nastaliq's descending
// cascade most of all.
var defaultLeading = map[string]float64{
	fonts.FamilySans:     1.4,
	fonts.FamilyHebrew:   1.5,
	fonts.FamilyEthiopic: 1.5,
	fonts.FamilyThai:     1.65,
	fonts.FamilyNaskh:    1.75,
	fonts.FamilyNastaliq: 2.5,
}

func (e *Engine) leading(p Paragraph) float64 {
	if p.Style.Leading > 0 {
		return p.Style.Leading
	}
	if l, ok := defaultLeading[p.Font]; ok {
		return l
	}
	return 1.4
}

// lineMetrics is the ascent and descent of the primary face, the least
// any line of the paragraph has, so that lines of one paragraph share a
// baseline grid even when a line has only Latin text.
func (e *Engine) lineMetrics(p Paragraph) (asc, desc float64) {
	f, _ := e.set.Face(p.Font, p.Style.Bold)
	return faceMetrics(f, p.Style.Size)
}

// faceMetrics is the font's ascender and descender at size, in points,
// both positive.
func faceMetrics(f *fonts.Face, size float64) (asc, desc float64) {
	s := size / float64(f.UnitsPerEm)
	return float64(f.Ascender) * s, -float64(f.Descender) * s
}
