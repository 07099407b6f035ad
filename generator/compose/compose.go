package compose

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"infogeneratorn/generator/document"
	"infogeneratorn/generator/fonts"
	"infogeneratorn/generator/layout"
	"infogeneratorn/generator/vocab"
)

// Setter lays out one paragraph in lines of at most width points: what
// compose needs of the layout engine.
type Setter interface {
	Lines(p layout.Paragraph, width float64) ([]layout.Line, error)
}

// measurer is a Setter that can also break a paragraph into lines
// without building their glyph runs: the lines' widths, heights and byte
// ranges as Lines gives them (*layout.Engine does). Fitting measures its
// trial steps with it and sets only the chosen one.
type measurer interface {
	Measure(p layout.Paragraph, width float64) ([]layout.Line, error)
}

// reachMeasurer is a measurer that can also say at which other widths a
// paragraph breaks into the lines it measured (*layout.Engine can; see
// layout.Reach): balancing a title decides a width in that reach without
// setting the title again.
type reachMeasurer interface {
	MeasureReach(p layout.Paragraph, width float64) ([]layout.Line, layout.Reach, error)
}

// MissingGlyphError reports a character that came out of layout as the
// font's .notdef glyph: it would print as an empty box.
type MissingGlyphError struct {
	Text    string // the cluster's characters
	Lang    string
	Message string // message IDs of the block, or the part of the page
}

func (e *MissingGlyphError) Error() string {
	var names []string
	for _, r := range e.Text {
		names = append(names, fonts.RuneName(r))
	}
	return fmt.Sprintf("%s, %s: no glyph for %s", e.Lang, e.Message, strings.Join(names, " "))
}

// Compose lays out doc on pages of its paper size (A4 when unset). With
// doc.Pages set, the leaflet gets exactly that many pages: it is set at
// the largest fitting step that fits them (see fitSteps), its blocks are
// spread so that the pages are evenly filled, and a leaflet that does not
// fit even at the floors is a *BudgetError. Without it, the leaflet is
// set at the base sizes on as many pages as it takes.
func Compose(doc *document.Document, s Setter) (*Leaflet, error) {
	return composeDoc(doc, s, nil)
}

// composeDoc is Compose, with memo (if not nil) asked for and told how the
// document is fitted.
func composeDoc(doc *document.Document, s Setter, memo *Memo) (*Leaflet, error) {
	if doc == nil || s == nil {
		return nil, errors.New("compose: nil document or setter")
	}
	paper, at, err := stepper(doc, s)
	if err != nil {
		return nil, err
	}
	if doc.Pages <= 0 {
		c, fr, flow, err := at(baseStep, false, 0)
		if err != nil {
			return nil, err
		}
		pages, err := paginate(c.d, fr, flow)
		if err != nil {
			return nil, fmt.Errorf("compose: %s %s: %w", doc.Topic, doc.Lang, err)
		}
		return &Leaflet{Width: c.d.pageW, Height: c.d.pageH, Pages: pages, Logo: doc.Logo, Step: baseStep.text}, nil
	}
	return fit(doc, paper, at, memo)
}

// stepper returns the paper doc is set on (A4 when unset) and how its
// furniture and flow are set at each fitting step: the composers of its
// steps share the title's balancing, word counts and buffers.
func stepper(doc *document.Document, s Setter) (vocab.Paper, setAt, error) {
	paper := doc.Paper
	if paper == "" {
		paper = vocab.A4
	}
	if _, ok := vocab.ParsePaper(string(paper)); !ok {
		return "", nil, fmt.Errorf("compose: unknown paper %q", paper)
	}
	xscale, err := scriptScale(s, doc.Font)
	if err != nil {
		return "", nil, fmt.Errorf("compose: %s: %w", doc.Lang, err)
	}
	titles, wordCounts := map[titleKey]titleSetting{}, map[string]int{}
	flowHint := 0 // the longest flow set so far, at any step
	var cardBuf []slice
	at := func(step fitStep, measure bool, maxPages int) (*composer, frame, []slice, error) {
		c := &composer{s: s, d: newDesign(paper, doc.LargePrint, doc.Script, xscale, step),
			lang: doc.Lang, dir: doc.Dir, font: doc.Font, measure: measure, titles: titles, wordCounts: wordCounts,
			maxPages: maxPages}
		if c.dir != vocab.RTL {
			c.dir = vocab.LTR
		}
		c.flowHint, c.cardBuf = flowHint, cardBuf
		fr, flow, err := c.flow(doc)
		flowHint, cardBuf = max(flowHint, len(flow)), c.cardBuf
		return c, fr, flow, err
	}
	return paper, at, nil
}

// composer holds what every block of one document is set with.
type composer struct {
	s    Setter
	d    design
	lang string
	dir  vocab.Direction
	font string
	room float64 // the flow's height on the page with the least room
	// noShrink makes an unbreakable stretch wider than its frame an
	// error instead of a reason to set the text smaller (cards try a
	// wider frame first).
	noShrink bool
	// stacked is set when a card block is set one card per row, its
	// rows too tall or its stretches too wide for two columns.
	stacked bool
	// measure sets lines without their glyph runs, where the setter can
	// (measurer): the slices have the heights, gaps and keeps of the
	// drawn ones, for fitting's trials, but draw no text.
	measure bool
	// titles keeps how the title was balanced at each size and frame,
	// for the document's other fitting steps: shared by the composers of
	// one Compose.
	titles map[titleKey]titleSetting
	// flowHint is the capacity the flow is made with: the length of a
	// flow the document was set in before, at another step.
	flowHint int
	// wordCounts remembers words' counts, by text: shared like titles.
	wordCounts map[string]int
	// cardBuf is where cardRows sets each card of a row before it stacks
	// it: reused from block to block, and from step to step.
	cardBuf []slice
	// maxPages, when above 0, stops flow once the slices it has set
	// take more than maxPages pages (or hold a group taller than a
	// page): fitting asks of a step that does not fit only that it does
	// not. over is then set, and overPages is the pages the part set
	// takes (-1 for the tall group; see pageCount). pages counts them
	// while the flow is set (see watch).
	maxPages  int
	over      bool
	overPages int
	pages     pager
	// reach is the reach of the lines setLines set last, when the setter
	// measured them now (reachMeasurer); unknown otherwise.
	reach layout.Reach
}

// minShrink is the smallest fraction of its size a text is set at to fit
// an unbreakable phone number, e-mail address or URL into its frame.
const minShrink = 0.6

// style is how one piece of text is set and painted.
type style struct {
	size, leading float64
	bold          bool
	color         Color
	part          string
	// lang and dir, when set, are the text's own language and direction
	// where it differs from the document's (a Swedish footer notice in an
	// Arabic leaflet).
	lang string
	dir  vocab.Direction
	// item is the index of the list item, card or footer line the text
	// belongs to (Line.Item).
	item int
}

func (c *composer) body() style {
	return style{size: c.d.body, leading: c.d.leading, color: colorInk, part: "text"}
}

func (c *composer) small(part string) style {
	return style{size: c.d.small, leading: c.d.leading, color: colorInk, part: part}
}

// maxIntroLines is the longest paragraph after a heading that is kept
// with what follows it, as the heading is.
const maxIntroLines = 3

// flow sets the page furniture and every block of doc into flow slices.
func (c *composer) flow(doc *document.Document) (frame, []slice, error) {
	fr, titleBlock, err := c.frame(doc)
	if err != nil {
		return frame{}, nil, err
	}
	c.room = min(fr.room(true), fr.room(false))
	c.pages = newPager(fr)
	flow := make([]slice, 0, c.flowHint)
	afterHeading := false
	for i, b := range doc.Blocks {
		if i == titleBlock {
			continue
		}
		n := len(flow)
		var gapBefore float64
		flow, gapBefore, err = c.block(flow, i, b)
		if err != nil {
			return frame{}, nil, err
		}
		ss := flow[n:]
		if len(ss) == 0 {
			continue
		}
		if n > 0 {
			flow[n-1].gap = max(flow[n-1].gap, gapBefore)
		}
		// A heading's short introduction (three lines or fewer) stays with
		// the first lines, item or row of cards after it: "National help
		// lines / You can call these lines" never ends a page with its
		// cards overleaf.
		if afterHeading && b.Kind == document.Paragraph && len(ss) <= maxIntroLines && i+1 < len(doc.Blocks) {
			for k := range ss {
				ss[k].keep = true
			}
		}
		afterHeading = b.Kind == document.Heading
		if c.maxPages > 0 && c.watch(flow) {
			return fr, flow, nil
		}
	}
	return fr, flow, nil
}

// watch places on c.pages the groups of the flow set so far that the
// blocks still to come cannot change, and reports whether they take
// more than c.maxPages pages (setting c.over): the whole flow would
// take more still, as pages are filled in order. A group that runs to
// the flow's last slice is left for later: the next block may widen
// that slice's gap, and joins the group when the slice is kept with
// what follows.
func (c *composer) watch(flow []slice) bool {
	p := &c.pages
	for p.next < len(flow)-1 {
		g := groupAt(flow, p.next)
		if g.b == len(flow) {
			break
		}
		if !p.add(g, false) {
			c.over, c.overPages = true, -1
			return true
		}
		p.next = g.b
	}
	if p.pages > c.maxPages {
		c.over, c.overPages = true, p.pages
		return true
	}
	return false
}

// frame builds the page furniture: the header band of the first page
// (municipality and title), the strip of the others and the footer.
// titleBlock is the index of the block the header sets (-1 if none).
func (c *composer) frame(doc *document.Document) (frame, int, error) {
	d := c.d
	titleBlock := -1
	title := document.PlainText(doc.Title)
	for i, b := range doc.Blocks {
		if b.Kind == document.Heading && b.Level == 1 {
			titleBlock, title = i, b.Text
			break
		}
	}
	// The municipality's logo, if any, stands on a white panel at the
	// header's end side (right in left-to-right text, left in right-to-left);
	// the name and the title take the rest of the width.
	textX, textW := d.marginX, d.contentW()
	var logo *Box
	if img := doc.Logo; img != nil && img.Width > 0 && img.Height > 0 {
		pad := 0.25 * d.municipality
		w, h := d.logoSize(img)
		panel := Rect{X: d.marginX + d.contentW() - w - 2*pad, Y: d.marginTop, W: w + 2*pad, H: h + 2*pad}
		if c.dir == vocab.RTL {
			panel.X = d.marginX
			textX = d.marginX + panel.W + d.paraGap
		}
		textW -= panel.W + d.paraGap
		logo = &Box{Kind: Logo, Rect: panel, Fill: colorWhite, Inner: Rect{X: panel.X + pad, Y: panel.Y + pad, W: w, H: h}}
	}
	var head []slice
	if doc.Municipality != "" {
		var err error
		head, err = c.set(doc.MunicipalityName(), style{size: d.municipality, leading: d.tight,
			color: colorOnBrandDim, part: "municipality"}, textX, textW, -1, source{name: "municipality"})
		if err != nil {
			return frame{}, 0, err
		}
		if n := len(head); n > 0 {
			head[n-1].gap = 0.3 * d.title
		}
	}
	ss, err := c.balanced(title, style{size: d.title, leading: d.tight, bold: true, color: colorOnBrand, part: "title"},
		textX, textW, titleBlock, source{name: c.where(doc.Blocks, titleBlock, "title")})
	if err != nil {
		return frame{}, 0, err
	}
	head = append(head, ss...)
	content := stack(head)
	headH := content.h
	if logo != nil {
		headH = max(headH, logo.H)
	}
	first := slice{h: d.marginTop + headH + 0.7*d.marginTop}
	first.Boxes = []Box{{Kind: Band, Rect: Rect{W: d.pageW, H: first.h}, Fill: colorBrand, Bleed: true}}
	if logo != nil {
		first.Boxes = append(first.Boxes, *logo)
	}
	first.add(content.Page, d.marginTop)

	rest := slice{h: d.stripH, Page: Page{Boxes: []Box{{Kind: Band, Rect: Rect{W: d.pageW, H: d.stripH}, Fill: colorBrand, Bleed: true}}}}

	var foot []slice
	for i, fl := range doc.Footer {
		st := style{size: d.footer, leading: d.leading, bold: fl.Strong, color: colorMuted, part: "footer",
			lang: fl.Lang, dir: fl.Dir, item: i}
		if fl.Strong {
			st.color = colorInk
		}
		var err error
		if foot, err = c.appendSet(foot, fl.Text, st, d.marginX, d.contentW(), -1, source{name: fmt.Sprintf("footer line %d", i+1)}); err != nil {
			return frame{}, 0, err
		}
	}
	fc := stack(foot)
	footer := slice{}
	if len(foot) > 0 {
		footer.h = 0.6*d.marginBottom + fc.h + d.marginBottom
		footer.Boxes = []Box{{Kind: Band, Rect: Rect{W: d.pageW, H: footer.h}, Fill: colorTint, Bleed: true}}
		footer.add(fc.Page, 0.6*d.marginBottom)
	}
	fr := frame{first: first, rest: rest, footer: footer,
		top1: first.h + 1.2*d.paraGap, top: d.stripH + d.marginTop,
		bottom: d.pageH - max(footer.h+d.paraGap, d.marginBottom)}
	if fr.room(true) < 4*d.body*d.leading {
		return frame{}, 0, fmt.Errorf("compose: the header and footer leave no room for text on page 1")
	}
	return fr, titleBlock, nil
}

// wordCounter counts the words of a text as line breaking sees them
// (*layout.Engine does, Thai by its dictionary).
type wordCounter interface{ Words(text string) int }

// words counts the words of text with the setter's line breaking, or
// between spaces when the setter cannot say. Counts are remembered in
// c.wordCounts, when the composer has one: balancing a title asks for
// the same last lines at every size it tries.
func (c *composer) words(text string) int {
	if n, ok := c.wordCounts[text]; ok {
		return n
	}
	n := 0
	if wc, ok := c.s.(wordCounter); ok {
		n = wc.Words(text)
	} else {
		n = len(strings.Fields(text))
	}
	if c.wordCounts != nil {
		c.wordCounts[text] = n
	}
	return n
}

// oneWordEnd reports whether the last of a text's set lines holds a
// single word.
func (c *composer) oneWordEnd(t document.Text, ss []slice) bool {
	if len(ss) < 2 {
		return false
	}
	text, _, _ := paragraph(t)
	ln := ss[len(ss)-1].Lines[0].Line
	return c.words(strings.Map(dropIsolates, text[ln.Start:ln.End])) < 2
}

// dropIsolates turns bidi isolate controls and no-break spaces (which
// tie words, not make them one) into spaces, for counting words.
func dropIsolates(r rune) rune {
	if r == '\u2066' || r == '\u2067' || r == '\u2068' || r == '\u2069' || r == '\u00a0' {
		return ' '
	}
	return r
}

// titleKey is what balancing a title depends on besides its text, which
// is the document's: the size and the frame. Not the leading, which
// moves lines apart without changing where they break.
type titleKey struct{ size, x, w float64 }

// titleSetting is what balancing chose for a title: its text (the last
// two words tied or not), its size and its frame.
type titleSetting struct {
	text document.Text
	size float64
	x, w float64
}

// balanced sets a title in lines of even length whose last line is not
// a single word (see balance), and remembers the choice for the
// document's other fitting steps at the same size and frame
// (composer.titles).
func (c *composer) balanced(t document.Text, st style, x, w float64, block int, where source) ([]slice, error) {
	k := titleKey{st.size, x, w}
	if ts, ok := c.titles[k]; ok {
		st.size = ts.size
		return c.set(ts.text, st, ts.x, ts.w, block, where)
	}
	ss, ts, err := c.balance(t, st, x, w, block, where)
	if err == nil && c.titles != nil {
		c.titles[k] = ts
	}
	return ss, err
}

// balance sets a title in lines of even length whose last line is not
// a single word: the narrowest frame that keeps the number of lines of
// the full width, then, if the last line is still one word, narrower
// frames (one more line) until it is not. Lines keep their start edge.
// It returns the lines and what it chose.
func (c *composer) balance(t document.Text, st style, x, w float64, block int, where source) ([]slice, titleSetting, error) {
	chose := func(text document.Text, size, fw float64) titleSetting {
		fx := x
		if c.dir == vocab.RTL {
			fx = x + w - fw
		}
		return titleSetting{text: text, size: size, x: fx, w: fw}
	}
	// Each try places its lines, even when measuring: oneWordEnd reads
	// the last one. The tries share one buffer: a try is looked at
	// before the next, and the one returned is the last.
	var tries []slice
	set := func(t document.Text, st style, x, w float64) ([]slice, error) {
		var err error
		tries, err = c.setLines(tries[:0], t, st, x, w, block, where, true)
		return tries, err
	}
	setAt := func(fw float64) ([]slice, error) {
		ts := chose(t, st.size, fw)
		return set(t, st, ts.x, fw)
	}
	full := titleSetting{text: t, size: st.size, x: x, w: w}
	ss, err := c.setLines(nil, t, st, x, w, block, where, true)
	if err != nil || len(ss) < 2 {
		return ss, full, err
	}
	n := len(ss)
	lo, hi := 0.4*w, w
	// A width in the reach of the lines a try measured (c.reach: where
	// the title breaks into the same lines) comes out as that try did:
	// good holds the reach of the last try that kept n lines without a
	// lone last word, bad that of the last that did not.
	var good, bad layout.Reach
	for range 12 {
		mid := (lo + hi) / 2
		ok := good.Holds(mid)
		if !ok && !bad.Holds(mid) {
			try, err := setAt(mid)
			if ok = err == nil && len(try) == n && !c.oneWordEnd(t, try); ok {
				good = c.reach
			} else {
				bad = c.reach
			}
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	if best, err := setAt(hi); err == nil && len(best) == n && !c.oneWordEnd(t, best) {
		return best, chose(t, st.size, hi), nil
	}
	bad = layout.Reach{}
	for fw := w * 0.95; fw >= 0.4*w; fw -= 0.05 * w {
		if bad.Holds(fw) {
			continue
		}
		if try, err := setAt(fw); err == nil && !c.oneWordEnd(t, try) {
			return try, chose(t, st.size, fw), nil
		}
		bad = c.reach
	}
	// A long last word that greedy breaking cannot give a companion: tie
	// the last two words with a no-break space, if they fit one line.
	// If the two do not fit one line together, set the title smaller,
	// down to 80 %.
	if glued, ok := glueLastWords(t); ok {
		for _, f := range []float64{1, 0.95, 0.9, 0.85, 0.8} {
			gs := st
			gs.size *= f
			if try, err := set(glued, gs, x, w); err == nil && !c.oneWordEnd(glued, try) {
				return try, titleSetting{text: glued, size: gs.size, x: x, w: w}, nil
			}
		}
	}
	return ss, full, nil
}

// glueLastWords returns t with its last space a no-break space.
func glueLastWords(t document.Text) (document.Text, bool) {
	for i := len(t) - 1; i >= 0; i-- {
		txt := strings.TrimRight(t[i].Text, " ")
		if k := strings.LastIndex(txt, " "); k > 0 && t[i].Kind == document.Plain {
			out := slices.Clone(t)
			out[i].Text = txt[:k] + "\u00a0" + txt[k+1:]
			return out, true
		}
	}
	return nil, false
}

// where names a block for error messages: its message IDs.
func (c *composer) where(blocks []document.Block, i int, fallback string) string {
	if i < 0 || i >= len(blocks) || len(blocks[i].MessageIDs) == 0 {
		return fallback
	}
	return "message " + strings.Join(blocks[i].MessageIDs, ", ")
}

// source names a piece of the document in error messages: a block (by
// its message IDs, else its index and kind) or a named part of the page,
// and the list item or the card's field in it. It is spelled out only
// when an error is reported: fitting sets every block at several steps.
type source struct {
	name string // a part of the page ("title", "footer line 2"); empty for a block
	// the block: named by its message IDs, else by its index and kind
	ids   []string
	index int
	kind  document.BlockKind
	// the 1-based list item or card (0 if none), and the card's field
	inItem, inCard int
	field          string
}

func (p source) String() string {
	s := p.name
	switch {
	case s != "":
	case len(p.ids) > 0:
		s = "message " + strings.Join(p.ids, ", ")
	default:
		s = fmt.Sprintf("block %d (%s)", p.index, p.kind)
	}
	switch {
	case p.inCard > 0:
		return fmt.Sprintf("%s, card %d %s", s, p.inCard, p.field)
	case p.inItem > 0:
		return fmt.Sprintf("%s, item %d", s, p.inItem)
	}
	return s
}

// item is the source of a block's list item k (from 0).
func (p source) item(k int) source {
	p.inItem = k + 1
	return p
}

// card is the source of field part of a block's card k (from 0).
func (p source) card(k int, part string) source {
	p.inCard, p.field = k+1, part
	return p
}

// block turns one document block into flow slices appended to dst, and
// says how much room it wants above it.
func (c *composer) block(dst []slice, i int, b document.Block) ([]slice, float64, error) {
	d := c.d
	where := source{ids: b.MessageIDs, index: i, kind: b.Kind}
	n := len(dst)
	switch b.Kind {
	case document.Heading:
		st := style{size: d.heading, leading: d.tight, bold: true, color: colorBrand, part: "heading"}
		out, err := c.appendSet(dst, b.Text, st, d.marginX, d.contentW(), i, where)
		if err != nil || len(out) == n {
			return dst, 0, err
		}
		ss := out[n:]
		for k := range ss {
			ss[k].keep = true // a heading stays with what follows it
		}
		ss[len(ss)-1].gap = d.headingKeep
		return out, d.headingGap, nil
	case document.Paragraph:
		out, err := c.appendSet(dst, b.Text, c.body(), d.marginX, d.contentW(), i, where)
		if err != nil || len(out) == n {
			return dst, 0, err
		}
		keepLines(out[n:])
		out[len(out)-1].gap = d.paraGap
		return out, 0, nil
	case document.List:
		out, err := c.list(dst, i, b, where)
		return out, 0, err
	case document.Notice:
		out, err := c.notice(dst, i, b, where)
		return out, d.paraGap, err
	case document.Contacts, document.HelpLines:
		out, err := c.cards(dst, i, b, where)
		return out, 0, err
	case document.QR:
		ss, err := c.qr(i, b, where)
		return append(dst, ss...), d.paraGap, err
	}
	return dst, 0, fmt.Errorf("compose: %s: unknown block kind %q", where, b.Kind)
}

// keepLines ties the first two and the last two lines of a paragraph
// together: no line is left alone at the foot or the head of a page.
func keepLines(ss []slice) {
	n := len(ss)
	if n >= 2 {
		ss[0].keep = true
		ss[n-2].keep = true
	}
}

// list sets a bulleted list, appended to dst: the bullet on the start
// side, the items' text indented from it.
func (c *composer) list(dst []slice, i int, b document.Block, where source) ([]slice, error) {
	d := c.d
	out := dst
	for k, item := range b.Items {
		x := d.marginX + d.indent
		if c.dir == vocab.RTL {
			x = d.marginX
		}
		st := c.body()
		st.part = "item"
		st.item = k
		n := len(out)
		var err error
		if out, err = c.appendSet(out, item, st, x, d.contentW()-d.indent, i, where.item(k)); err != nil {
			return dst, err
		}
		ss := out[n:]
		if len(ss) == 0 {
			continue
		}
		if first := &ss[0]; len(first.Lines) > 0 { // none when measured: nothing is drawn
			ln := first.Lines[0]
			bx := d.marginX + 0.35*d.indent - d.bullet/2
			if c.dir == vocab.RTL {
				bx = d.marginX + d.contentW() - 0.35*d.indent - d.bullet/2
			}
			first.Boxes = append(first.Boxes, Box{Kind: Bullet, Fill: colorBrand,
				Rect: Rect{X: bx, Y: ln.Y - 0.3*d.body - d.bullet/2, W: d.bullet, H: d.bullet}})
		}
		keepLines(ss)
		ss[len(ss)-1].gap = d.itemGap
	}
	if n := len(out); n > len(dst) {
		out[n-1].gap = d.paraGap
	}
	return out, nil
}

// notice sets an emphasised paragraph on a tinted box with an accent bar
// on the start side, appended to dst. It is kept on one page unless it
// is taller than one.
func (c *composer) notice(dst []slice, i int, b document.Block, where source) ([]slice, error) {
	d := c.d
	st := c.body()
	st.bold = true
	x, w := c.inner(d.marginX, d.contentW())
	n := len(dst)
	out, err := c.appendSet(dst, b.Text, st, x, w, i, where)
	if err != nil || len(out) == n {
		return dst, err
	}
	return c.boxed(out, n, Notice, colorNotice, colorAlert, d.marginX, d.contentW()), nil
}

// inner returns the text frame inside a box at x of width w: padding on
// both sides and the accent bar on the start side.
func (c *composer) inner(x, w float64) (float64, float64) {
	d := c.d
	if c.dir == vocab.RTL {
		return x + d.pad, w - 2*d.pad - d.accent
	}
	return x + d.accent + d.pad, w - 2*d.pad - d.accent
}

// boxed wraps the content slices ss[from:] in a box at x of width w, in
// place: a padding slice above and below, and on every slice a piece of
// the background and of the accent bar, so that the box may still be
// broken between lines when it is taller than a page. All slices are
// kept together otherwise.
func (c *composer) boxed(ss []slice, from int, kind BoxKind, fill, accent Color, x, w float64) []slice {
	d := c.d
	ax := x
	if c.dir == vocab.RTL {
		ax = x + w - d.accent
	}
	for k := from; k < len(ss); k++ {
		ss[k].h += ss[k].gap
		ss[k].gap = 0
	}
	ss = slices.Insert(ss, from, slice{h: d.pad})
	ss = append(ss, slice{h: d.pad})
	for k := from; k < len(ss); k++ {
		ss[k].keep = k < len(ss)-1
		if c.measure {
			continue // nothing is drawn
		}
		bg := []Box{{Kind: kind, Fill: fill, Rect: Rect{X: x, W: w, H: ss[k].h}},
			{Kind: Accent, Fill: accent, Rect: Rect{X: ax, W: d.accent, H: ss[k].h}}}
		ss[k].Boxes = append(bg, ss[k].Boxes...)
	}
	ss[len(ss)-1].gap = d.cardGap
	return ss
}

// set lays out t at x in a frame of width w, one slice per line, each
// line aligned to its paragraph's start side. A line's slice is its line
// box: the line's advance, at least its ascent plus descent, with the
// extra shared above and below (half-leading), so no two lines overlap.
func (c *composer) set(t document.Text, st style, x, w float64, block int, where source) ([]slice, error) {
	return c.appendSet(nil, t, st, x, w, block, where)
}

// appendSet is set, the slices appended to dst. When the composer
// measures, they are line boxes only: no lines are placed in them, as
// nothing is drawn (setLines places them all the same).
func (c *composer) appendSet(dst []slice, t document.Text, st style, x, w float64, block int, where source) ([]slice, error) {
	return c.setLines(dst, t, st, x, w, block, where, !c.measure)
}

// setLines is appendSet, the lines placed in their slices when place
// says so.
func (c *composer) setLines(dst []slice, t document.Text, st style, x, w float64, block int, where source, place bool) ([]slice, error) {
	c.reach = layout.Reach{}
	text, links, langs := paragraph(t)
	if strings.TrimSpace(text) == "" {
		return dst, nil
	}
	lang, dir := c.lang, c.dir
	if st.lang != "" {
		lang = st.lang
	}
	if st.dir == vocab.LTR || st.dir == vocab.RTL {
		dir = st.dir
	}
	p := layout.Paragraph{Text: text, Lang: shapingLang(t, lang), Dir: dir, Font: c.font,
		Style: layout.Style{Size: st.size, Leading: st.leading, Bold: st.bold}, Links: links}
	lines, err := c.lines(p, w)
	if err != nil { // (we escapes: made only when it is needed)
		var we *layout.WidthError
		if errors.As(err, &we) && !c.noShrink && we.Width > 0 {
			// A phone number, e-mail address or URL is wider than the frame
			// and must not be broken: set the text smaller, down to minShrink.
			if scale := we.Frame / we.Width * 0.99; scale >= minShrink {
				p.Style.Size *= scale
				lines, err = c.lines(p, w)
				c.reach = layout.Reach{} // the size depends on the width
			}
		}
	}
	if err != nil {
		return dst, fmt.Errorf("%s, %s: %w", c.lang, where, err)
	}
	out := slices.Grow(dst, len(lines))
	var placed []Line // one array for the paragraph's lines, a capped piece of it in each slice
	if place {
		placed = make([]Line, len(lines))
	}
	for k, ln := range lines {
		if err := c.checkGlyphs(ln, where); err != nil {
			return dst, err
		}
		ink := ln.Ascent + ln.Descent
		h := max(ln.Height, ink)
		if !place {
			out = append(out, slice{h: h})
			continue
		}
		lx := x
		if ln.Dir == vocab.RTL {
			lx = x + w - ln.Width
		}
		placed[k] = Line{X: lx, Y: (h-ink)/2 + ln.Ascent, Line: ln, Color: st.color, Block: block, Part: st.part,
			Item: st.item, Lang: st.lang, Langs: langs}
		out = append(out, slice{h: h, Page: Page{Lines: placed[k : k+1 : k+1], Links: lineLinks(placed[k])}})
	}
	return out, nil
}

// lines breaks p into lines w wide: measured only (no runs) when the
// composer measures and the setter can.
// It keeps the lines' reach in c.reach, when the setter measures them
// now and can say it.
func (c *composer) lines(p layout.Paragraph, w float64) ([]layout.Line, error) {
	c.reach = layout.Reach{}
	if !c.measure {
		return c.s.Lines(p, w)
	}
	if m, ok := c.s.(reachMeasurer); ok {
		lines, reach, err := m.MeasureReach(p, w)
		c.reach = reach
		return lines, err
	}
	if m, ok := c.s.(measurer); ok {
		return m.Measure(p, w)
	}
	return c.s.Lines(p, w)
}

func (c *composer) checkGlyphs(ln layout.Line, where source) error {
	for _, run := range ln.Runs {
		for i, g := range run.Glyphs {
			if g.ID != 0 {
				continue
			}
			// The text of the cluster the glyph is part of: the last
			// glyph up to it that has any (a cluster's first).
			text := ""
			for k := i; k >= 0 && text == ""; k-- {
				text = run.TextOf(run.Glyphs[k])
			}
			return &MissingGlyphError{Text: text, Lang: c.lang, Message: where.String()}
		}
	}
	return nil
}

// shapingLang is the language t is shaped in, where lang is its line's
// (the document's, or a footer line's own):
//
//   - the language of all its spans, when they share one: a name kept in
//     Swedish is set as Swedish in every leaflet;
//   - "und" (undetermined) when it holds only phone numbers, e-mail and
//     web addresses, which are no language's words: they are set in the
//     fonts' default forms, the same in every leaflet;
//   - else lang.
//
// The language chooses a font's language system (its localised forms),
// and nothing else in layout; text set in the same language is set once
// for all the leaflets that print it.
func shapingLang(t document.Text, lang string) string {
	if l := t.Lang(); l != "" {
		return l
	}
	machine := false
	for _, s := range t {
		switch {
		case s.LTR():
			machine = true
		case strings.TrimSpace(s.Text) != "":
			return lang
		}
	}
	if machine {
		return "und"
	}
	return lang
}

// paragraph returns t's logical text, left-to-right islands wrapped in
// LRI … PDI as document.Text.String does, the byte ranges of its links
// and those of its spans in another language.
func paragraph(t document.Text) (string, []layout.Link, []LangRange) {
	if len(t) == 1 && t[0].Lang == "" && t[0].Href == "" && !t[0].LTR() {
		return t[0].Text, nil, nil // most text: one plain span, as it is
	}
	var b strings.Builder
	n := 0
	for _, s := range t {
		n += len(s.Text) + len(document.LRI) + len(document.PDI)
	}
	b.Grow(n)
	var links []layout.Link
	var langs []LangRange
	for _, s := range t {
		if s.Lang != "" {
			langs = append(langs, LangRange{Start: b.Len(), End: b.Len() + len(s.Text), Lang: s.Lang})
			if s.LTR() {
				langs[len(langs)-1].End += len(document.LRI) + len(document.PDI)
			}
		}
		if s.LTR() {
			b.WriteString(document.LRI)
		}
		start := b.Len()
		b.WriteString(s.Text)
		if s.Href != "" {
			links = append(links, layout.Link{Start: start, End: b.Len(), Href: s.Href})
		}
		if s.LTR() {
			b.WriteString(document.PDI)
		}
	}
	return b.String(), links, langs
}

// lineLinks returns the clickable areas of a placed line: one per stretch
// of runs with the same link target.
func lineLinks(l Line) []Link {
	var out []Link
	for _, run := range l.Line.Runs {
		if run.Href == "" {
			continue
		}
		w := 0.0
		for _, g := range run.Glyphs {
			w += g.Advance
		}
		r := Rect{X: l.X + run.X, Y: l.Y - l.Line.Ascent, W: w, H: l.Line.Ascent + l.Line.Descent}
		if n := len(out); n > 0 && out[n-1].Href == run.Href && near(out[n-1].X+out[n-1].W, r.X) {
			out[n-1].W += r.W
			continue
		}
		out = append(out, Link{Rect: r, Href: run.Href})
	}
	return out
}
